"""Stage: prepress — total ink (total area coverage) of CMYK pixels, measured and limited.

Newsprint takes little ink before it smears and shows through: WAN-IFRA and ISO 12647-3 set
the total of C+M+Y+K at 240 % (220 % recommended by ISO 12647-3:2013), and the typesetting
reference §5 builds to 240 %. A profile for newsprint already separates within its limit;
this is the guarantee for any profile a plant drops in, and for the profile-less fallback.

Pixels over the limit first move their grey component (the part of C, M and Y they share)
into K — grey component replacement, which lowers the total by two units for every unit
moved — and then lose C, M and Y in proportion until they fit. Values are 8-bit (255 = 100 %).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Pixels = NDArray[np.uint8]


def ink_units(limit_percent: float) -> int:
    """The limit in 8-bit units summed over the four inks (240 % → 612)."""
    return int(limit_percent * 255 / 100)


def max_total_ink(cmyk: Pixels) -> float:
    """The largest C+M+Y+K of any pixel, in percent."""
    if cmyk.size == 0:
        return 0.0
    total = cmyk.reshape(-1, 4).astype(np.int32).sum(axis=1)
    return float(total.max()) * 100 / 255


def limit_total_ink(cmyk: Pixels, limit_percent: float) -> Pixels:
    """`cmyk` (…×4, uint8) with every pixel's total ink at most `limit_percent`."""
    flat = cmyk.reshape(-1, 4)
    limit = ink_units(limit_percent)
    over = flat.astype(np.int32).sum(axis=1) > limit
    if not over.any():
        return cmyk
    fixed = flat.copy()
    fixed[over] = _fit(flat[over].astype(np.int32), limit)
    return fixed.reshape(cmyk.shape)


def _fit(pixels: NDArray[np.int32], limit: int) -> NDArray[np.uint8]:
    """Pixels (n×4) brought to a total of at most `limit`: GCR into K, then CMY scaled."""
    cmy, k = pixels[:, :3], pixels[:, 3]
    excess = pixels.sum(axis=1) - limit
    grey = cmy.min(axis=1)
    move = np.minimum(np.minimum(grey, 255 - k), (excess + 1) // 2)
    cmy = cmy - move[:, None]
    k = np.minimum(k + move, limit)
    room = limit - k
    total = cmy.sum(axis=1)
    scale = np.where(total > room, room / np.maximum(total, 1), 1.0)
    cmy = np.floor(cmy * scale[:, None]).astype(np.int32)
    return np.column_stack([cmy, k]).astype(np.uint8)
