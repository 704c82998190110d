"""Stage: prepress — photos separated to CMYK for newsprint, as JPEG data ready to embed.

The typesetting reference §5 asks for CMYK only: an RGB photo goes through the layout's output
profile (ICC; sRGB unless the photo carries its own profile) with the perceptual intent and
black point compensation, as LittleCMS does it for Pillow's ImageCms. A grey photo — mode L,
or RGB whose channels agree — is set in black alone, its tones matched to the profile's K
ramp, so it prints without colour casts or misregistration. Every photo is then held under
the total ink limit (`ink`). JPEG at quality 90 keeps a broadsheet page a few megabytes.

Results are cached per process by file (path, size, modification time), crop and settings,
so a warm rebuild does no colour work; and on disk by the photo's and the profile's bytes,
crop and settings (`printer.cache`), so a new process does none for a photo it has separated
before. The output depends only on those inputs, never on time or on which cache answered.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from pathlib import Path

from PIL import Image

from printer.cache import content_key, disk_cache
from printer.prepress.settings import Press

JPEG_QUALITY = 90
# JPEG's rounding may lift a pixel's total a little: separate this far under the limit.
JPEG_MARGIN = 2.0  # percent
GREY_TOLERANCE = 3  # 8-bit levels by which R, G and B of a "grey" RGB pixel may differ
_CACHE_SIZE = 16

_Key = tuple[str, int, int, tuple[int, int, int, int], tuple[str, int, int], float]
_CACHE: OrderedDict[_Key, bytes] = OrderedDict()


def separated_jpeg(path: Path, crop: tuple[int, int, int, int], press: Press) -> bytes:
    """The cropped photo as a CMYK JPEG for `press` (cached; deterministic)."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, crop, _stamp(press.profile),
           press.total_ink_limit)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    disk_key = content_key(
        "separated-photo-v1", path.read_bytes(), repr(crop), _profile_bytes(press.profile),
        repr((press.total_ink_limit, JPEG_QUALITY, JPEG_MARGIN, GREY_TOLERANCE)),
    )
    data = disk_cache().get(disk_key)
    if data is None:
        data = _separate_to_jpeg(path, crop, press)
        disk_cache().put(disk_key, data)
    _CACHE[key] = data
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return data


def _separate_to_jpeg(path: Path, crop: tuple[int, int, int, int], press: Press) -> bytes:
    from printer.prepress.separation import separate  # NumPy only when there is work

    with Image.open(path) as source:
        source.load()
        pixels = separate(source.crop(crop), press)
    buffer = io.BytesIO()
    Image.fromarray(pixels, "CMYK").save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def _profile_bytes(profile: Path | None) -> bytes:
    return profile.read_bytes() if profile is not None else b""


def _stamp(profile: Path | None) -> tuple[str, int, int]:
    """A profile file as a cache key: a profile replaced in a warm process is read again."""
    if profile is None:
        return ("", 0, 0)
    stat = profile.stat()
    return (str(profile), stat.st_size, stat.st_mtime_ns)


