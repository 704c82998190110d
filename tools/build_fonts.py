#!/usr/bin/env python3
"""Build the project's fonts (fonts/*.ttf) and their metrics caches from upstream font files.

Sources are the files that Debian's packages install:

    fonts-noto-cjk, fonts-noto-cjk-extra   Noto Serif CJK / Noto Sans CJK (.ttc, CFF outlines)
    fonts-lxgw-wenkai                      LXGW WenKai (.ttf, TrueType outlines)

For each output font this script

1. picks the Simplified Chinese face out of the TrueType Collection by its name table,
   and, since ReportLab applies no OpenType features, points the cmap at the glyphs that the
   face's Simplified Chinese 'locl' feature selects (Noto: U+2014 becomes the full-width dash),
2. subsets it with fontTools.subset to `charset()` (GB 2312, the 8105 characters of
   通用规范汉字表, and the Latin, punctuation and symbol blocks news copy uses), dropping
   OpenType layout tables, vertical metrics, hinting and glyph names: ReportLab sets horizontal
   text glyph by glyph and reads none of them,
3. converts CFF outlines to TrueType quadratic outlines (ReportLab's TTFont cannot embed CFF),
   as fontTools' Snippets/otf2ttf.py does: cu2qu with a maximum error of 1 font unit and
   reversed contour direction, maxp version 1.0, post format 3,
4. renames the family where the SIL OFL's Reserved Font Name clause requires it (LXGW WenKai),
5. keeps head.created/head.modified from the source, so the same input gives the same bytes,

then writes `fonts/metrics/<stem>.metrics`, the metrics cache read by printer.fonts.FontBook.

Usage:  python tools/build_fonts.py [--noto-dir DIR] [--lxgw-dir DIR] [--out-dir DIR]
                                    [--only NAME ...] [--jobs N] [--metrics-only]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
import unicodedata
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from printer.fonts.metrics import write_cache  # noqa: E402

# Documented defaults: where Debian installs the upstream files. Override with --noto-dir and
# --lxgw-dir on other systems.
DEFAULT_NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
DEFAULT_LXGW_DIR = Path("/usr/share/fonts/truetype/lxgw-wenkai")
DEFAULT_OUT_DIR = REPO / "fonts"
CHARSET_DIR = REPO / "tools" / "charsets"
TONGYONG_FILE = CHARSET_DIR / "tongyong-guifan-8105.txt"

MAX_ERR = 1.0  # cu2qu approximation error, font units
REVERSE_DIRECTION = True  # CFF contours run counter-clockwise, TrueType clockwise

# Tables ReportLab never reads and horizontal composition never needs.
LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern")
VERTICAL_TABLES = ("vhea", "vmtx", "VORG")
OTHER_TABLES = ("DSIG", "meta", "hdmx", "LTSH", "VDMX")
DROP_TABLES = LAYOUT_TABLES + VERTICAL_TABLES + OTHER_TABLES

# The SIL OFL Reserved Font Names of LXGW WenKai (Debian's copyright file for 1.250 reserves
# "霞鹜" and "LXGW"; later upstream releases add "霞鶩", "落霞孤鹜" and "落霞孤鶩"). A subset is a
# Modified Version, so its font names must not use them.
LXGW_RESERVED = ("LXGW", "霞鹜", "霞鶩", "落霞孤鹜", "落霞孤鶩")


@dataclass(frozen=True)
class Rename:
    """New font names for a Modified Version whose upstream names are reserved."""

    family: str
    postscript: str  # without the "-Style" suffix
    reserved: tuple[str, ...]


@dataclass(frozen=True)
class FontSpec:
    output: str  # file name in the output folder
    source: str  # file name in the source folder
    source_kind: str  # "noto" or "lxgw": which source folder
    family: str | None = None  # for a collection: the typographic family of the face to take
    rename: Rename | None = None
    locl: tuple[str, str] | None = None  # (script, language) whose 'locl' to bake into the cmap


WENKAI_RENAME = Rename(family="WenKai Print", postscript="WenKaiPrint", reserved=LXGW_RESERVED)

ZHS = ("hani", "ZHS ")  # OpenType script and language system of Simplified Chinese

SPECS = (
    FontSpec(
        "NotoSerifSC-Regular.ttf", "NotoSerifCJK-Regular.ttc", "noto", "Noto Serif CJK SC", locl=ZHS
    ),
    FontSpec(
        "NotoSerifSC-Bold.ttf", "NotoSerifCJK-Bold.ttc", "noto", "Noto Serif CJK SC", locl=ZHS
    ),
    FontSpec(
        "NotoSansSC-Regular.ttf", "NotoSansCJK-Regular.ttc", "noto", "Noto Sans CJK SC", locl=ZHS
    ),
    FontSpec("NotoSansSC-Bold.ttf", "NotoSansCJK-Bold.ttc", "noto", "Noto Sans CJK SC", locl=ZHS),
    FontSpec("NotoSansSC-Black.ttf", "NotoSansCJK-Black.ttc", "noto", "Noto Sans CJK SC", locl=ZHS),
    FontSpec("WenKaiPrint-Regular.ttf", "LXGWWenKai-Regular.ttf", "lxgw", rename=WENKAI_RENAME),
)


# -- character set ------------------------------------------------------------------------------


def gb2312_chars() -> set[int]:
    """Every character of GB 2312: decode all two-byte codes (rows 0xA1-0xF7, cells 0xA1-0xFE)."""
    chars: set[int] = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                text = bytes((row, cell)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            chars.update(ord(c) for c in text)
    return chars


def tongyong_chars(path: Path = TONGYONG_FILE) -> list[int]:
    """The 8105 characters of 通用规范汉字表 (2013), in the order of the standard."""
    chars: list[int] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if len(line) != 1:
            raise ValueError(f"{path}: expected one character per line, got {line!r}")
        chars.append(ord(line))
    return chars


# Letterlike and number forms, arrows, shapes and currency that news copy uses.
NEWS_SYMBOLS = "℃℉‰№™©®°±×÷§¥€£$←↑→↓■□▲△▼▽◆◇●○◎★☆㎡㎏㎞㎝㎜"
NEWS_RANGES = (
    (0x2460, 0x2473),  # ①-⑳ circled numbers
    (0x2474, 0x2487),  # ⑴-⒇ parenthesised numbers
    (0x2488, 0x249B),  # ⒈-⒛ numbers with full stop
    (0x2160, 0x216B),  # Ⅰ-Ⅻ Roman numerals
    (0x2170, 0x217B),  # ⅰ-ⅻ small Roman numerals
    (0x0391, 0x03A9),  # Α-Ω
    (0x03B1, 0x03C9),  # α-ω
)
BLOCKS = (
    (0x0020, 0x007E),  # ASCII printable
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
)


def charset() -> set[int]:
    """Code points every built font is subset to (a font keeps those it has)."""
    cps: set[int] = set()
    cps |= gb2312_chars()
    cps |= set(tongyong_chars())
    for lo, hi in BLOCKS + NEWS_RANGES:
        cps.update(range(lo, hi + 1))
    cps.update(ord(c) for c in NEWS_SYMBOLS)
    # Drop unassigned code points (e.g. U+03A2) and controls; keep spaces and format characters.
    return {cp for cp in cps if unicodedata.category(chr(cp)) not in ("Cn", "Cc")}


# -- building -----------------------------------------------------------------------------------


def _name(font: TTFont, name_id: int) -> str | None:
    record = font["name"].getName(name_id, 3, 1, 0x409) or font["name"].getName(name_id, 1, 0, 0)
    return record.toUnicode() if record is not None else None


def find_face(path: Path, family: str) -> int:
    """Index in a TrueType Collection of the face whose typographic family is `family`."""
    collection = TTCollection(str(path), lazy=True)
    matches = []
    for index, font in enumerate(collection.fonts):
        typographic = _name(font, 16) or _name(font, 1)
        if typographic == family:
            matches.append(index)
    collection.close()
    if len(matches) != 1:
        raise SystemExit(f"{path}: expected one face of family {family!r}, found {matches}")
    return matches[0]


def bake_locl(font: TTFont, script: str, language: str, cps: set[int]) -> str:
    """Point the cmap at the glyphs the 'locl' feature of (script, language) substitutes.

    ReportLab applies no OpenType features, so the Simplified Chinese forms that a zh-Hans
    renderer would pick through 'locl' must be the default glyphs. In Noto CJK SC that changes
    U+2014 EM DASH from a proportional 0.89 em dash to the full-width one, so "——" fills two
    cells as Chinese setting wants, and adjusts a few Latin punctuation shapes. Only single
    substitutions can be baked. Returns the characters of `cps` whose glyph changed.
    """
    gsub = font["GSUB"].table
    record = next((r for r in gsub.ScriptList.ScriptRecord if r.ScriptTag == script), None)
    if record is None:
        raise SystemExit(f"no OpenType script {script!r} to take 'locl' from")
    langsys = next(
        (r.LangSys for r in record.Script.LangSysRecord if r.LangSysTag == language), None
    )
    if langsys is None:
        raise SystemExit(f"no language system {language!r} under script {script!r}")
    lookup_indices = sorted(
        {
            index
            for fi in langsys.FeatureIndex
            if gsub.FeatureList.FeatureRecord[fi].FeatureTag == "locl"
            for index in gsub.FeatureList.FeatureRecord[fi].Feature.LookupListIndex
        }
    )
    mappings: list[dict[str, str]] = []
    for index in lookup_indices:
        lookup = gsub.LookupList.Lookup[index]
        mapping: dict[str, str] = {}
        for sub in lookup.SubTable:
            sub = sub.ExtSubTable if lookup.LookupType == 7 else sub
            if sub.LookupType == 1:
                mapping.update(sub.mapping)
        mappings.append(mapping)
    changed: set[int] = set()
    for table in font["cmap"].tables:
        if not table.isUnicode():
            continue
        for cp, glyph in list(table.cmap.items()):
            new = glyph
            for mapping in mappings:
                new = mapping.get(new, new)
            if new != glyph:
                table.cmap[cp] = new
                if cp in cps:
                    changed.add(cp)
    return "".join(chr(cp) for cp in sorted(changed))


def subset_options() -> subset.Options:
    options = subset.Options()
    options.layout_features = []  # no GSUB/GPOS closure: vertical forms etc. are not needed
    options.drop_tables = sorted(set(options.drop_tables) | set(DROP_TABLES))
    options.hinting = False
    options.glyph_names = False
    options.notdef_outline = True
    options.recommended_glyphs = True
    options.name_IDs = ["*"]  # keep copyright, licence and trademark notices
    options.name_languages = ["*"]
    options.name_legacy = True
    options.prune_unicode_ranges = True
    options.desubroutinize = True
    options.ignore_missing_unicodes = True
    return options


def cff_to_glyf(font: TTFont) -> None:
    """Replace CFF outlines by TrueType quadratic ones in place (after Snippets/otf2ttf.py)."""
    if font.sfntVersion != "OTTO" or "CFF " not in font:
        raise ValueError("not a CFF-flavoured OpenType font")
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    quadratic = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=REVERSE_DIRECTION))
        quadratic[name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = quadratic
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)  # computes each glyph's bounding box

    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)  # left side bearing = xMin in TrueType

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(
        (len(getattr(g, "components", ())) for g in glyf.glyphs.values()), default=0
    )
    maxp.compile(font)  # fills in numGlyphs, maxPoints, maxContours, ...

    post = font["post"]
    post.formatType = 3.0  # no glyph names
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, new: Rename) -> None:
    """Give a Modified Version new font names that avoid the Reserved Font Names."""
    name_table = font["name"]
    style = _name(font, 2) or "Regular"
    version = (_name(font, 5) or "").split(";")[0].strip()
    full = new.family if style == "Regular" else f"{new.family} {style}"
    postscript = f"{new.postscript}-{style.replace(' ', '')}"
    replacements = {
        1: new.family,
        3: f"{postscript};{version};subset",
        4: full,
        6: postscript,
        16: new.family,
        18: full,
        21: new.family,
    }
    for record in name_table.names:
        if record.nameID in replacements:
            record.string = replacements[record.nameID]
    # Notices (copyright 0, trademark 7, description 10, licence 13/14, vendor/designer URLs)
    # may name the copyright holder; every *font name* must be free of reserved names.
    for record in name_table.names:
        if record.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22):
            text = record.toUnicode()
            if any(word in text for word in new.reserved):
                raise SystemExit(f"name ID {record.nameID} still uses a reserved name: {text!r}")


# Dashes set in pairs as one mark (——, GB/T 15834—2011 §4.14: the 破折号 is a two-em line):
# their glyphs must run edge to edge, or a pair shows a gap in the middle.
JOINED_DASHES = (0x2014, 0x2015)


def join_dashes(font: TTFont) -> list[str]:
    """Stretch the ink of each dash glyph to its whole advance so that two dashes join."""
    cmap = font.getBestCmap() or {}
    glyf, hmtx = font["glyf"], font["hmtx"]
    joined = []
    for cp in JOINED_DASHES:
        name = cmap.get(cp)
        if name is None:
            continue
        glyph = glyf[name]
        advance = hmtx[name][0]
        if glyph.numberOfContours <= 0:
            continue
        coordinates = glyph.coordinates
        x_min = min(x for x, _ in coordinates)
        x_max = max(x for x, _ in coordinates)
        if not (0 < x_max - x_min < advance) or x_max - x_min < 0.6 * advance:
            continue  # already edge to edge, or not a bar
        scale = advance / (x_max - x_min)
        for index, (x, y) in enumerate(coordinates):
            coordinates[index] = (round((x - x_min) * scale), y)
        glyph.recalcBounds(glyf)
        hmtx[name] = (advance, 0)
        joined.append(f"U+{cp:04X}")
    return joined


def describe(
    font: TTFont,
    original_full_name: str,
    original_version: str,
    count: int,
    converted: bool,
    baked: bool,
    joined: bool = False,
) -> None:
    """Record what was done in name ID 10 (description)."""
    steps = [f"subset to {count} characters"]
    if baked:
        steps.append("Simplified Chinese 'locl' forms made the default glyphs")
    if joined:
        steps.append("dashes drawn edge to edge so that a pair joins")
    if converted:
        steps.append("converted from CFF to TrueType outlines")
    text = (
        f"Modified Version of {original_full_name} {original_version}: {'; '.join(steps)}. "
        "Licensed under the SIL Open Font License 1.1."
    )
    font["name"].setName(text, 10, 3, 1, 0x409)


def build_one(spec: FontSpec, source_dir: Path, out_dir: Path, cps: Sequence[int]) -> str:
    start = time.perf_counter()
    src = source_dir / spec.source
    if not src.is_file():
        raise SystemExit(f"source font not found: {src}")
    index = find_face(src, spec.family) if spec.family else 0
    font = TTFont(str(src), fontNumber=index, recalcTimestamp=False, recalcBBoxes=True, lazy=False)
    original_full = _name(font, 4) or spec.source
    original_version = (_name(font, 5) or "").split(";")[0].replace("Version ", "").strip()
    created, modified = font["head"].created, font["head"].modified
    baked = bake_locl(font, *spec.locl, set(cps)) if spec.locl else ""

    subsetter = subset.Subsetter(subset_options())
    subsetter.populate(unicodes=sorted(cps))
    subsetter.subset(font)
    count = len(font.getBestCmap() or {})

    converted = "CFF " in font
    if converted:
        cff_to_glyf(font)
    joined = join_dashes(font)
    if spec.rename is not None:
        rename(font, spec.rename)
    describe(font, original_full, original_version, count, converted, bool(baked), bool(joined))

    font["head"].created = created
    font["head"].modified = modified
    out = out_dir / spec.output
    tmp = out.with_suffix(".tmp")
    font.save(str(tmp))
    font.close()
    tmp.replace(out)
    write_cache(out)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()[:16]
    took = time.perf_counter() - start
    size = out.stat().st_size
    report = (
        f"{spec.output:26} face #{index} of {spec.source:26} {count:6d} chars "
        f"{size / 1e6:6.2f} MB  sha256 {digest}  {took:5.1f} s"
    )
    if baked:
        report += f"\n{'':26} 'locl' baked into the cmap for: {baked}"
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--noto-dir",
        type=Path,
        default=DEFAULT_NOTO_DIR,
        help=f"folder of the Noto CJK .ttc files (default {DEFAULT_NOTO_DIR})",
    )
    parser.add_argument(
        "--lxgw-dir",
        type=Path,
        default=DEFAULT_LXGW_DIR,
        help=f"folder of the LXGW WenKai .ttf files (default {DEFAULT_LXGW_DIR})",
    )
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=DEFAULT_OUT_DIR,
        help="where to write the fonts (default: the repository's fonts/)",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help="build only these output files, e.g. NotoSerifSC-Regular.ttf",
    )
    parser.add_argument("--jobs", type=int, default=2, help="fonts built in parallel (default 2)")
    parser.add_argument(
        "--metrics-only",
        action="store_true",
        help="only rewrite the metrics caches of the fonts already built",
    )
    args = parser.parse_args(argv)

    specs = [s for s in SPECS if not args.only or s.output in args.only]
    unknown = set(args.only or ()) - {s.output for s in SPECS}
    if unknown:
        parser.error(f"unknown output font(s): {', '.join(sorted(unknown))}")
    out_dir: Path = args.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)

    start = time.perf_counter()
    if args.metrics_only:
        for spec in specs:
            print(f"wrote {write_cache(out_dir / spec.output)}")
        print(f"took {time.perf_counter() - start:.1f} s")
        return 0

    cps = sorted(charset())
    print(f"character set: {len(cps)} code points")
    dirs = {"noto": args.noto_dir, "lxgw": args.lxgw_dir}
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(build_one, s, dirs[s.source_kind], out_dir, cps) for s in specs]
        for future in futures:
            print(future.result(), flush=True)
    total = sum((out_dir / s.output).stat().st_size for s in SPECS if (out_dir / s.output).exists())
    print(
        f"built {len(specs)} font(s) in {time.perf_counter() - start:.1f} s; "
        f"fonts/ total {total / 1e6:.1f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
