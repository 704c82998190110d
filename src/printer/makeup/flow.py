"""Stage: makeup — running a story's lines through an ordered chain of columns.

Pure line arithmetic, no geometry: items are whole numbers of grid lines, columns are
capacities in lines. The keep rules are a typesetter's (typesetting reference §4): a ■ banner
never ends a column — it travels with at least two lines of its text; no orphan (a paragraph's
first line alone at a column foot) and no widow (its last line alone at a column top) where
moving a line avoids it; the byline stays with the last line. Blank lines may be asked above a
banner (vertical justification); they are dropped where the banner starts a column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FlowItem:
    """One unsplittable piece of a story: a text line, a banner, the byline."""

    kind: str  # "line", "banner", "byline"
    height: int  # in grid lines
    paragraph: int = -1  # index of its paragraph, -1 for banners and bylines
    index: int = 0  # line index within the paragraph
    count: int = 1  # lines in the paragraph
    keep_next: int = 0  # following items that must share its column


@dataclass(frozen=True)
class FlowResult:
    columns: tuple[tuple[int, ...], ...]  # item indices per column
    used: tuple[int, ...]  # lines used per column, blank lines above banners included
    placed: int  # items placed; the rest is overset
    total: int  # items in the story
    compromises: tuple[str, ...]  # keep rules that could not be honoured

    @property
    def overset(self) -> bool:
        return self.placed < self.total


def flow(
    items: Sequence[FlowItem], capacities: Sequence[int], spaces: Sequence[int] | None = None
) -> FlowResult:
    """Fill the columns in order, each up to its capacity, honouring the keep rules;
    `spaces[i]` blank lines go above item i unless it starts a column."""
    columns: list[tuple[int, ...]] = []
    used_lines: list[int] = []
    compromises: list[str] = []
    start = 0
    count = len(items)
    heights = [item.height for item in items]
    for number, capacity in enumerate(capacities):
        end, used = start, 0
        if spaces:
            while end < count:
                height = heights[end] + (spaces[end] if end > start else 0)
                if used + height > capacity:
                    break
                used += height
                end += 1
        else:
            while end < count and used + heights[end] <= capacity:
                used += heights[end]
                end += 1
        if end < count and end > start:
            kept = _respect_keeps(items, start, end)
            if kept <= start:
                compromises.append(f"column {number + 1}: keep rules could not all be kept")
            elif kept != end:
                end = kept
                used = _height(items, spaces, start, end)
        columns.append(tuple(range(start, end)))
        used_lines.append(used)
        start = end
    return FlowResult(tuple(columns), tuple(used_lines), start, len(items), tuple(compromises))


def _height(items: Sequence[FlowItem], spaces: Sequence[int] | None, start: int, end: int) -> int:
    total = sum(item.height for item in items[start:end])
    if spaces:
        total += sum(spaces[start + 1 : end])
    return total


def _respect_keeps(items: Sequence[FlowItem], start: int, end: int) -> int:
    """Move the column break `end` earlier until no keep rule is broken across it."""
    for _ in range(8):
        moved = _earlier_break(items, start, end)
        if moved == end:
            return end
        end = moved
        if end <= start:
            return start
    return end


def _earlier_break(items: Sequence[FlowItem], start: int, end: int) -> int:
    # A banner (or anything with keep_next) needs its followers in the same column.
    for k in range(max(start, end - 4), end):
        if items[k].keep_next and k + items[k].keep_next >= end:
            return k
    before, after = items[end - 1], items[end]
    if after.kind == "byline":
        return end - 1  # the byline stays with the last line
    if before.kind == "line" and before.index == 0 and before.count > 1:
        return end - 1  # orphan: a first line alone at the foot
    if (
        after.kind == "line"
        and after.index == after.count - 1
        and after.count > 1
        and before.paragraph == after.paragraph
    ):
        return end - 1  # widow: a last line alone at the top
    return end


def least_capacity(items: Sequence[FlowItem], columns: int, most: int) -> int | None:
    """The smallest equal capacity of `columns` columns that takes every item (keep rules and
    all), up to `most`; None if even `most` does not."""
    if not items:
        return 0
    if flow(items, [most] * columns).overset:
        return None
    total = sum(item.height for item in items)
    low, high = max(1, -(-total // columns)) - 1, most  # low does not fit, high does
    while high - low > 1:
        middle = (low + high) // 2
        if flow(items, [middle] * columns).overset:
            low = middle
        else:
            high = middle
    return high
