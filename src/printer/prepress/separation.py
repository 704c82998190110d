"""Stage: prepress — separating a photo's pixels to CMYK for newsprint (NumPy, LittleCMS).

Imported only when a photo is not in the caches, so a rebuild that separates nothing does not
pay for NumPy. See `photos` for the rules (ICC separation, grey in K alone, ink limit).
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageCms

from printer.prepress.ink import Pixels, limit_total_ink
from printer.prepress.photos import GREY_TOLERANCE, JPEG_MARGIN, _stamp
from printer.prepress.settings import Press


def separate(image: Image.Image, press: Press) -> Pixels:
    """An image's pixels in CMYK (h×w×4, uint8), grey in K alone, within the ink limit."""
    limit = max(press.total_ink_limit - JPEG_MARGIN, 0.0)
    if image.mode == "CMYK":
        return limit_total_ink(np.asarray(image), limit)
    grey = _grey(image)
    if grey is not None:
        cmyk = np.zeros((*grey.shape, 4), np.uint8)
        cmyk[..., 3] = _grey_to_k(press.profile)[grey]
        return limit_total_ink(cmyk, limit)
    rgb = image.convert("RGB")
    if press.profile is None:
        return limit_total_ink(_plain_cmyk(np.asarray(rgb)), limit)
    source = image.info.get("icc_profile") or b""
    converted = ImageCms.applyTransform(rgb, _transform(source, _stamp(press.profile)))
    assert converted is not None
    return limit_total_ink(np.asarray(converted), limit)


def _grey(image: Image.Image) -> NDArray[np.uint8] | None:
    """The grey levels of a grey photo, None for a colour one."""
    if image.mode in ("L", "LA", "1", "I", "I;16", "F"):
        return np.asarray(image.convert("L"))
    if image.mode not in ("RGB", "RGBA", "RGBX", "P"):
        return None
    rgb = np.asarray(image.convert("RGB"))
    for sample in (rgb[::7, ::7], rgb):  # a colour photo is told apart on a sample
        channels = sample.astype(np.int16)
        if int((channels.max(axis=2) - channels.min(axis=2)).max(initial=0)) > GREY_TOLERANCE:
            return None
    return np.asarray(image.convert("L"))


@lru_cache(maxsize=8)
def _transform(source_profile: bytes, target: tuple[str, int, int]) -> ImageCms.ImageCmsTransform:
    """sRGB (or the photo's own profile) → the output profile; perceptual, with BPC."""
    if source_profile:
        source = ImageCms.ImageCmsProfile(io.BytesIO(source_profile))
    else:
        source = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return ImageCms.buildTransform(
        source, ImageCms.ImageCmsProfile(target[0]), "RGB", "CMYK",
        renderingIntent=ImageCms.Intent.PERCEPTUAL,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )


def _grey_to_k(profile: Path | None) -> NDArray[np.uint8]:
    """For each 8-bit grey level, the K that prints the same lightness (a 256-entry table)."""
    return _grey_table(_stamp(profile))


@lru_cache(maxsize=8)
def _grey_table(profile: tuple[str, int, int]) -> NDArray[np.uint8]:
    """The grey → K table of a profile file (see `_grey_to_k`).

    The sRGB grey's CIE L* is scaled between the paper (K 0) and solid black (K 100 %), as
    black point compensation does, and looked up on the profile's measured K ramp. Without a
    profile K is the plain complement of the grey level.
    """
    levels = np.arange(256, dtype=np.float64)
    if not profile[0]:
        return (255 - levels).astype(np.uint8)
    ramp = np.zeros((1, 256, 4), np.uint8)
    ramp[0, :, 3] = np.arange(256)
    to_lab = ImageCms.buildTransform(
        ImageCms.ImageCmsProfile(profile[0]), ImageCms.createProfile("LAB"), "CMYK", "LAB",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    lab = ImageCms.applyTransform(Image.fromarray(ramp, "CMYK"), to_lab)
    assert lab is not None
    ramp_l = np.asarray(lab)[0, :, 0].astype(np.float64) * 100 / 255  # L* of K = 0..255
    darkest, paper = float(ramp_l.min()), float(ramp_l[0])
    linear = levels / 255
    srgb = np.where(linear <= 0.04045, linear / 12.92, ((linear + 0.055) / 1.055) ** 2.4)
    wanted = np.where(srgb > 0.008856, 116 * np.cbrt(srgb) - 16, 903.3 * srgb)
    wanted = darkest + wanted / 100 * (paper - darkest)
    # L* falls as K rises: interpolate on the ramp read from black to white.
    falling = np.minimum.accumulate(ramp_l)
    k = np.interp(wanted, falling[::-1], np.arange(255, -1, -1, dtype=np.float64))
    return np.asarray(np.clip(np.rint(k), 0, 255), np.uint8)


def _plain_cmyk(rgb: NDArray[np.uint8]) -> Pixels:
    """RGB → CMYK by the textbook formula with full grey replacement (no profile given)."""
    cmy = 255 - rgb.astype(np.int16)
    k = cmy.min(axis=2)
    return np.dstack([cmy - k[..., None], k]).astype(np.uint8)
