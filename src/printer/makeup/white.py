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
    """A band of a block: `height` points; ink over `spans` — (left, right) in points from
    the block's left edge — or none at all. A line of display type has one span per run of
    glyphs: the space between two phrases of a title is white."""

    height: float
    spans: tuple[tuple[float, float], ...] = ()

    @classmethod
    def ink(cls, height: float, left: float, right: float) -> Band:
        return cls(height, ((left, right),))


def blank(height: float) -> Band:
    return Band(height)


def holes(bands: list[Band], width: float, hole: float) -> list[tuple[float, float]]:
    """Sizes (width, height) of the holes of a block `width` wide: for every run of bands,
    the white intervals they all share, where one of them and the run's height reach `hole`."""
    found: list[tuple[float, float]] = []
    count = len(bands)
    for first in range(count):
        height = 0.0
        white = [(0.0, width)]
        for last in range(first, count):
            band = bands[last]
            height += band.height
            if band.spans:
                white = _without(white, band.spans)
            best = max((right - left for left, right in white), default=0.0)
            if best < hole - 1e-6:
                break
            if height >= hole - 1e-6:
                found.append((best, height))
    return _maximal(found)


def _without(white: list[tuple[float, float]],
             spans: tuple[tuple[float, float], ...]) -> list[tuple[float, float]]:
    """White intervals less the inked spans."""
    for ink_left, ink_right in spans:
        kept = []
        for left, right in white:
            if ink_right <= left or ink_left >= right:
                kept.append((left, right))
                continue
            if left < ink_left:
                kept.append((left, ink_left))
            if ink_right < right:
                kept.append((ink_right, right))
        white = kept
    return white


INK_INSET = 0.1  # of the type size: a CJK glyph's ink stops short of its em box on each side


def line_spans(glyphs: list[tuple[float, float]], offset: float, size: float
               ) -> tuple[tuple[float, float], ...]:
    """Ink spans of a line from its glyphs' (x, width): runs of glyphs, parted where the gap
    to the next glyph is wider than a quarter em (a word space between phrases), each run's
    ink a little inside its glyphs' cells."""
    spans: list[tuple[float, float]] = []
    for x, width in sorted(glyphs):
        left, right = offset + x, offset + x + width
        if spans and left - spans[-1][1] <= 0.25 * size:
            spans[-1] = (spans[-1][0], max(spans[-1][1], right))
        else:
            spans.append((left, right))
    inset = INK_INSET * size
    return tuple((left + inset, right - inset) for left, right in spans)


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
