"""Stage: makeup — white space a reader sees as a hole, found in a block of set lines.

A block (a highlights cell, a story head) is a stack of horizontal bands, top to bottom: a
line of text with ink from its left to its right end, or a blank band (a gap, space left at
the foot). White lies beside the ink of each line and across each blank band; an empty
rectangle may span several bands, as wide as the white they all share. A hole is an empty
rectangle at least `hole` points in both directions (the layout's `copyfit.hole`, 12 mm by
default: what a reader of a printed page takes for missing copy rather than spacing).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    """A band of a block: `height` points; ink from `left` to `right` (points from the
    block's left edge), or no ink at all (`left` None)."""

    height: float
    left: float | None = None
    right: float = 0.0


def blank(height: float) -> Band:
    return Band(height)


def holes(bands: list[Band], width: float, hole: float) -> list[tuple[float, float]]:
    """Sizes (width, height) of the holes of a block `width` wide: for every run of bands, the
    white they share on the right and on the left, where both sides reach `hole`."""
    found: list[tuple[float, float]] = []
    count = len(bands)
    for first in range(count):
        height = 0.0
        right_white = left_white = width
        for last in range(first, count):
            band = bands[last]
            height += band.height
            if band.left is not None:
                right_white = min(right_white, width - band.right)
                left_white = min(left_white, band.left)
            best = max(right_white, left_white)
            if best < hole - 1e-6:
                break
            if height >= hole - 1e-6:
                found.append((best, height))
    return _maximal(found)


def _maximal(sizes: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop sizes another size contains (the same hole seen from a shorter run)."""
    keep: list[tuple[float, float]] = []
    for size in sorted(set(sizes), key=lambda s: -s[0] * s[1]):
        if not any(w >= size[0] and h >= size[1] for w, h in keep):
            keep.append(size)
    return keep


def hole_lines(sizes: list[tuple[float, float]], column: float, pitch: float) -> int:
    """Holes measured in the score's unit: grid columns × lines they cover, at least one."""
    return sum(max(1, math.floor(w / column)) * max(1, math.floor(h / pitch)) for w, h in sizes)
