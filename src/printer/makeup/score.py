"""Stage: makeup — the score by which the page's geometry is chosen.

A typesetter's order of priorities (typesetting reference §4: the page is made for its copy),
compared field by field, first difference decides:

1. `overset` — lines of copy that do not fit (a photo that cannot be placed counts its lines);
2. `hole` — white space a reader sees as a hole: column-lines left empty below the last line
   of a column beyond the one line a flush foot may miss, or an empty part of a region;
3. `short` — columns that end one line above their foot (flush within a line, 底线对齐);
4. `shape` — how far sizes are from what the design prefers: the fraction of each photo's
   picture its frame cuts away, and a twentieth for every column a region or photo is wider
   or narrower than its `prefer`;
5. `style` — the rest: blank lines added above banners or inside the box, uneven cells.

Scores add field by field, so the best page is the best sum of its regions' scores.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

_new_tuple = tuple.__new__


class Score(NamedTuple):
    """Compared as a tuple, field by field (the search compares scores millions of times)."""

    overset: int = 0
    hole: int = 0
    short: int = 0
    shape: float = 0.0
    style: float = 0.0

    def __add__(self, other: object) -> Score:
        assert isinstance(other, Score)
        return _new_tuple(Score, (self[0] + other[0], self[1] + other[1], self[2] + other[2],
                                  self[3] + other[3], self[4] + other[4]))

    def describe(self) -> str:
        parts = [f"overset {self.overset} lines", f"holes {self.hole} column-lines",
                 f"{self.short} feet a line short", f"shape {self.shape:.2f}"]
        return ", ".join(parts)


ZERO = Score()
PHOTO_LOST = 10_000  # overset of a photo no region can take: worse than any overset copy
PREFER_COST = 0.05  # shape cost of each column away from a preferred width


def preference(width: int, prefer: int | None) -> Score:
    """The cost of a width `width` where the design prefers `prefer` (None: no preference)."""
    return Score(shape=PREFER_COST * abs(width - prefer)) if prefer else ZERO


def foot_score(whites: list[int] | tuple[int, ...]) -> Score:
    """The score of columns ending `whites` lines above their feet."""
    hole = short = 0
    for white in whites:
        if white > 1:
            hole += white - 1
        elif white == 1:
            short += 1
    return Score(hole=hole, short=short) if hole or short else ZERO


@lru_cache(maxsize=4096)
def empty_score(columns: int, lines: int) -> Score:
    """An empty region of `columns` × `lines` (the `foot_score` of its columns)."""
    if columns <= 0 or lines <= 0:
        return ZERO
    return Score(hole=columns * (lines - 1)) if lines > 1 else Score(short=columns)
