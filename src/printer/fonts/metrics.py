"""Stage: fonts — per-face metrics, read from a font file or from its metrics cache.

Opening a CJK font with fontTools is slow (importing fontTools alone takes over 100 ms, and
parsing the cmap and hmtx of a 9,000-glyph font takes tens of milliseconds more), so
`tools/build_fonts.py` writes a small cache file beside each font, `metrics/<font stem>.metrics`,
holding what the composer needs: code point → advance width, units per em, typographic ascender
and descender, OS/2 fsType and the family name.

Cache file layout (all integers little-endian):

    b"PRINTER-FONT-METRICS 1\\n"
    one line of JSON (the header; see `_header`), then b"\\n"
    count × uint32  code points, ascending
    count × uint16  advance widths in font units, in the same order

The header records the font file's size and the SHA-256 of its first 64 KiB. That prefix holds
the sfnt table directory, which carries a checksum of every table, so any change to the font's
content changes the fingerprint, while checking it costs a fraction of a millisecond. A cache
whose fingerprint does not match is stale: the caller falls back to parsing the font.

fontTools is imported only when a font has to be parsed.
"""

from __future__ import annotations

import hashlib
import json
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAGIC = b"PRINTER-FONT-METRICS 1\n"
FORMAT_VERSION = 1
PREFIX_BYTES = 65536
CACHE_DIR = "metrics"
CACHE_SUFFIX = ".metrics"

# OS/2 fsType bits (OpenType spec, OS/2 table).
_FS_RESTRICTED = 0x0002
_FS_PREVIEW_PRINT = 0x0004
_FS_EDITABLE = 0x0008
_FS_NO_SUBSETTING = 0x0100
_FS_BITMAP_ONLY = 0x0200


class MetricsError(Exception):
    """A metrics cache file is unreadable or does not belong to its font."""


@dataclass(frozen=True)
class FaceMetrics:
    """What the composer needs from one font file, in font units."""

    family: str
    units_per_em: int
    ascender: int  # OS/2 sTypoAscender
    descender: int  # OS/2 sTypoDescender (negative below the baseline)
    fs_type: int  # OS/2 fsType
    advances: dict[int, int]  # code point -> advance width

    @property
    def embeddable(self) -> bool:
        return fs_type_embeddable(self.fs_type)


def fs_type_embeddable(fs_type: int) -> bool:
    """Whether OS/2 fsType lets a PDF embed a subset of the font's outlines.

    Installable (0), preview & print (4) and editable (8) embedding qualify; restricted-licence
    embedding (2 alone) does not, nor do fonts that forbid subsetting (0x100: ReportLab always
    subsets) or allow only bitmap embedding (0x200).
    """
    if fs_type & (_FS_NO_SUBSETTING | _FS_BITMAP_ONLY):
        return False
    usage = fs_type & 0x000F
    if usage & (_FS_PREVIEW_PRINT | _FS_EDITABLE):
        return True
    return not usage & _FS_RESTRICTED


def cache_path_for(font_path: Path) -> Path:
    """Where the metrics cache of `font_path` lives: `<font dir>/metrics/<stem>.metrics`."""
    return font_path.parent / CACHE_DIR / (font_path.stem + CACHE_SUFFIX)


def fingerprint(font_path: Path) -> tuple[int, str]:
    """(file size, hex SHA-256 of the first 64 KiB) of a font file."""
    with font_path.open("rb") as f:
        prefix = f.read(PREFIX_BYTES)
        size = f.seek(0, 2)
    return size, hashlib.sha256(prefix).hexdigest()


def read_font(font_path: Path) -> FaceMetrics:
    """Parse a TrueType/OpenType font with fontTools (slow: use the cache where possible)."""
    from fontTools.ttLib import TTFont  # deferred: importing fontTools costs >100 ms

    with TTFont(str(font_path), lazy=True) as font:
        glyph_order = font.getGlyphOrder()
        notdef = glyph_order[0] if glyph_order else ".notdef"
        hmtx = font["hmtx"].metrics
        cmap: dict[int, str] = font.getBestCmap() or {}
        advances = {cp: int(hmtx[name][0]) for cp, name in cmap.items() if name != notdef}
        os2 = font["OS/2"]
        name_table = font["name"]
        family = name_table.getBestFamilyName() or name_table.getDebugName(1) or font_path.stem
        return FaceMetrics(
            family=str(family),
            units_per_em=int(font["head"].unitsPerEm),
            ascender=int(os2.sTypoAscender),
            descender=int(os2.sTypoDescender),
            fs_type=int(os2.fsType),
            advances=dict(sorted(advances.items())),
        )


def _header(metrics: FaceMetrics, font_path: Path) -> dict[str, Any]:
    size, digest = fingerprint(font_path)
    return {
        "format": FORMAT_VERSION,
        "font": font_path.name,
        "size": size,
        "sha256_prefix": digest,
        "prefix_bytes": PREFIX_BYTES,
        "family": metrics.family,
        "units_per_em": metrics.units_per_em,
        "ascender": metrics.ascender,
        "descender": metrics.descender,
        "fs_type": metrics.fs_type,
        "count": len(metrics.advances),
    }


def _u32() -> array[int]:
    for code in ("I", "L"):
        arr = array(code)
        if arr.itemsize == 4:
            return arr
    raise MetricsError("no 32-bit unsigned array type on this platform")  # pragma: no cover


def encode(metrics: FaceMetrics, font_path: Path) -> bytes:
    """Serialise `metrics` of the font at `font_path` (which is fingerprinted) as cache bytes."""
    items = sorted(metrics.advances.items())
    cps = _u32()
    cps.extend(cp for cp, _ in items)
    advs = array("H")
    try:
        advs.extend(adv for _, adv in items)
    except OverflowError as exc:
        raise MetricsError(f"{font_path.name}: advance width outside 0..65535") from exc
    if sys.byteorder != "little":  # pragma: no cover
        cps.byteswap()
        advs.byteswap()
    header = json.dumps(_header(metrics, font_path), sort_keys=True, ensure_ascii=True)
    return MAGIC + header.encode("ascii") + b"\n" + cps.tobytes() + advs.tobytes()


def decode(data: bytes) -> tuple[dict[str, Any], FaceMetrics]:
    """Parse cache bytes into (header, metrics). Raises MetricsError if malformed."""
    if not data.startswith(MAGIC):
        raise MetricsError("not a metrics cache (bad magic)")
    end = data.find(b"\n", len(MAGIC))
    if end < 0:
        raise MetricsError("truncated metrics cache header")
    try:
        header = json.loads(data[len(MAGIC) : end])
        count = int(header["count"])
        metrics_fields = (
            str(header["family"]),
            int(header["units_per_em"]),
            int(header["ascender"]),
            int(header["descender"]),
            int(header["fs_type"]),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise MetricsError(f"bad metrics cache header: {exc}") from exc
    if header.get("format") != FORMAT_VERSION:
        raise MetricsError(f"unsupported metrics cache format {header.get('format')!r}")
    body = memoryview(data)[end + 1 :]
    if len(body) != count * 6:
        raise MetricsError(f"metrics cache body is {len(body)} bytes, expected {count * 6}")
    cps = _u32()
    cps.frombytes(body[: count * 4])
    advs = array("H")
    advs.frombytes(body[count * 4 :])
    if sys.byteorder != "little":  # pragma: no cover
        cps.byteswap()
        advs.byteswap()
    family, upem, ascender, descender, fs_type = metrics_fields
    metrics = FaceMetrics(
        family=family,
        units_per_em=upem,
        ascender=ascender,
        descender=descender,
        fs_type=fs_type,
        advances=dict(zip(cps, advs, strict=True)),
    )
    return header, metrics


def write_cache(font_path: Path, cache_path: Path | None = None) -> Path:
    """Parse `font_path` and write its metrics cache; returns the cache path."""
    target = cache_path if cache_path is not None else cache_path_for(font_path)
    data = encode(read_font(font_path), font_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


def read_cache(font_path: Path, cache_path: Path | None = None) -> FaceMetrics:
    """Metrics of `font_path` from its cache.

    Raises FileNotFoundError if there is no cache, MetricsError if it is malformed or stale
    (the font's size or SHA-256 prefix differs from what the cache recorded).
    """
    source = cache_path if cache_path is not None else cache_path_for(font_path)
    header, metrics = decode(source.read_bytes())
    prefix_bytes = int(header.get("prefix_bytes", 0))
    if prefix_bytes != PREFIX_BYTES:
        raise MetricsError(f"{source.name}: unexpected fingerprint length {prefix_bytes}")
    size, digest = fingerprint(font_path)
    if size != header.get("size") or digest != header.get("sha256_prefix"):
        raise MetricsError(f"{source.name} is stale: {font_path.name} changed since it was built")
    return metrics
