"""Stage: preflight — fonts in the PDF: embedded, subset, licensed, and holding every glyph.

PDF/X-4 requires every font used to be embedded (ISO 15930-7 §6.3.5); the typesetting
reference §5 asks for subsets. A font's OS/2 fsType must allow embedding (OpenType spec, OS/2
table); ReportLab's subsets rewrite fsType, so for a page built from content the font book's
own reading of the original files is used as well. A shown character code the embedded font
has no glyph for draws .notdef — an empty box or nothing — and is reported with the
character the ToUnicode map gives, when it gives one.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pikepdf
from fontTools.ttLib import TTFont, TTLibError

from printer.fonts.metrics import fs_type_embeddable
from printer.preflight.scan import TextShow

_SUBSET = re.compile(r"^[A-Z]{6}\+")
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


@dataclass
class FontReport:
    name: str  # BaseFont
    embedded: bool
    subset: bool
    embeddable: bool | None  # None: no OS/2 table to tell
    missing: list[str] = field(default_factory=list)  # characters (or codes) without a glyph


def font_reports(texts: list[TextShow], fonts: dict[str, pikepdf.Object]) -> list[FontReport]:
    """One report per font resource shown on the page."""
    codes: dict[str, set[bytes]] = defaultdict(set)
    for show in texts:
        codes[show.font].add(show.codes)
    reports = []
    for resource, font in sorted(fonts.items()):
        reports.append(_report(font, codes.get(resource, set())))
    return reports


def _report(font: pikepdf.Object, shown: set[bytes]) -> FontReport:
    name = str(font.get("/BaseFont", "/unnamed")).removeprefix("/")
    subtype = str(font.get("/Subtype", ""))
    if subtype == "/Type3":
        return FontReport(name, True, True, True)
    two_byte = subtype == "/Type0"
    descendant = font.DescendantFonts[0] if two_byte and "/DescendantFonts" in font else font
    descriptor = descendant.get("/FontDescriptor")
    program = None
    if descriptor is not None:
        for key in ("/FontFile2", "/FontFile3", "/FontFile"):
            if key in descriptor:
                program = descriptor[key]
                break
    report = FontReport(name, program is not None, bool(_SUBSET.match(name)), None)
    if program is None:
        return report
    parsed = _parse(program)
    if parsed is None:
        return report
    if "OS/2" in parsed:
        report.embeddable = fs_type_embeddable(int(parsed["OS/2"].fsType))
    used = _codes(shown, two_byte)
    unicode_map = _to_unicode(font.get("/ToUnicode"))
    for code in sorted(used):
        char = unicode_map.get(code, "")
        if not _has_glyph(parsed, descendant, code, two_byte) or char == "\0":
            report.missing.append(char if char and char != "\0" else f"code {code:#x}")
    return report


def _parse(program: pikepdf.Object) -> TTFont | None:
    try:
        return TTFont(io.BytesIO(program.read_bytes()), lazy=True)
    except (TTLibError, AssertionError, ValueError, OSError, pikepdf.PdfError):
        return None  # a bare CFF or Type 1 program: no TrueType tables to read


def _codes(shown: set[bytes], two_byte: bool) -> set[int]:
    codes: set[int] = set()
    for data in shown:
        if two_byte:
            codes.update(int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2))
        else:
            codes.update(data)
    return codes


def _has_glyph(font: TTFont, descendant: pikepdf.Object, code: int, two_byte: bool) -> bool:
    glyphs = font.getGlyphOrder()
    if two_byte:  # CIDFontType2: CID → GID through CIDToGIDMap (Identity unless a stream)
        mapping = descendant.get("/CIDToGIDMap")
        gid = code
        if isinstance(mapping, pikepdf.Stream):
            table = mapping.read_bytes()
            gid = int.from_bytes(table[2 * code:2 * code + 2], "big")
        return 0 < gid < len(glyphs)
    if "cmap" not in font:
        return True
    for table in font["cmap"].tables:
        glyph = table.cmap.get(code) or table.cmap.get(0xF000 + code)
        if glyph is not None:
            return bool(glyph != ".notdef")
    return False


def _to_unicode(stream: pikepdf.Object | None) -> dict[int, str]:
    """Code → text of a ToUnicode CMap (bfchar and bfrange sections; ISO 32000-1 §9.10.3)."""
    if not isinstance(stream, pikepdf.Stream):
        return {}
    data = stream.read_bytes()
    out: dict[int, str] = {}
    for section in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        values = _HEX.findall(section)
        for code, text in zip(values[::2], values[1::2], strict=False):
            out[int(code, 16)] = _utf16(text)
    for section in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in section.splitlines():
            values = _HEX.findall(line)
            if len(values) == 3 and b"[" not in line:
                low, high, start = (int(v, 16) for v in values)
                for offset in range(high - low + 1):
                    out[low + offset] = chr(start + offset) if start + offset < 0x110000 else ""
    return out


def _utf16(hex_text: bytes) -> str:
    raw = bytes.fromhex(hex_text.decode("ascii"))
    try:
        return raw.decode("utf-16-be")
    except UnicodeDecodeError:
        return ""
