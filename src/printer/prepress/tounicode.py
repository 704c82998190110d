"""Stage: prepress — text that comes back out of the PDF for characters beyond the BMP.

A font's /ToUnicode CMap maps each glyph code to the text it stands for, as UTF-16BE in hex
(ISO 32000-1 §9.10.3): a character outside the Basic Multilingual Plane (𬌗, U+2C317, and the
other rare Han of the 通用规范汉字表 in CJK Extensions B–G) takes a surrogate pair, eight hex
digits. ReportLab writes its code point instead (`<2C317>`), which readers cut to four digits
(U+2C31, `ⰱ`): search, copy and the archive lose the character. Each such entry is rewritten
as its surrogate pair; CMaps without one are left byte for byte as they were.
"""

from __future__ import annotations

import re
import zlib

import pikepdf

# A destination of five or six hex digits: one code point beyond U+FFFF, not UTF-16.
_WIDE = re.compile(rb"<([0-9A-Fa-f]{5,6})>")


def surrogates(code: int) -> str:
    """The UTF-16BE hex of one code point (a surrogate pair beyond the BMP)."""
    return chr(code).encode("utf-16-be").hex().upper()


def _rewritten(cmap: bytes) -> bytes | None:
    """The CMap with each wide destination as a surrogate pair; None if it has none."""
    if not _WIDE.search(cmap):
        return None
    return _WIDE.sub(lambda m: b"<" + surrogates(int(m.group(1), 16)).encode("ascii") + b">",
                     cmap)


def fix_to_unicode(pdf: pikepdf.Pdf) -> int:
    """Rewrite the ToUnicode CMaps of every font the pages use; returns how many changed."""
    changed = 0
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        fonts = page.Resources.get("/Font") if "/Resources" in page else None
        for font in (fonts.values() if fonts is not None else []):
            stream = font.get("/ToUnicode")
            if not isinstance(stream, pikepdf.Stream) or stream.objgen in seen:
                continue
            seen.add(stream.objgen)
            fixed = _rewritten(stream.read_bytes())
            if fixed is not None:
                stream.write(zlib.compress(fixed), filter=pikepdf.Name.FlateDecode)
                changed += 1
    return changed
