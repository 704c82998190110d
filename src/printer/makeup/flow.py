"""Stage: makeup — running a story's lines through an ordered chain of column frames.

Pure line arithmetic, no geometry: items are whole numbers of grid lines. The keep rules are a
typesetter's (typesetting reference §4): a ■ banner never ends a column — it travels with at
least two lines of its text; no orphan (a paragraph's first line alone at a column foot) and no
widow (its last line alone at a column top) where moving a line avoids it; the byline stays
with the last line. Balancing finds the lowest column height that still takes the whole story,
so a short story ends in columns level within a line instead of one short column.
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


@dataclass
class FlowResult:
    columns: list[list[int]]  # item indices per frame
    placed: int  # items placed; the rest is overset
    total: int  # items in the story
    limit: int  # the column height used (lines)
    compromises: list[str]  # keep rules that could not be honoured

    @property
    def overset(self) -> bool:
        return self.placed < self.total


def flow(items: Sequence[FlowItem], capacities: Sequence[int], limit: int) -> FlowResult:
    """Fill frames in order, each up to min(capacity, limit) lines, honouring the keep rules."""
    columns: list[list[int]] = []
    compromises: list[str] = []
    start = 0
    for frame, capacity in enumerate(capacities):
        room = min(capacity, limit)
        end = start
        used = 0
        while end < len(items) and used + items[end].height <= room:
            used += items[end].height
            end += 1
        if end < len(items):
            kept = _respect_keeps(items, start, end)
            if kept <= start:
                if end > start:
                    compromises.append(f"frame {frame + 1}: keep rules could not all be kept")
            else:
                end = kept
        columns.append(list(range(start, end)))
        start = end
    return FlowResult(columns, start, len(items), limit, compromises)


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


def balance(
    items: Sequence[FlowItem], capacities: Sequence[int], shapes: Sequence[object] | None = None
) -> FlowResult:
    """The flow whose last columns are as low as they can be while taking every item.

    Only the trailing run of frames of one shape (`shapes`, e.g. their line ranges) is balanced;
    frames before it are filled. Without shapes, all frames count as one shape.
    """
    full = flow(items, capacities, max(capacities, default=0))
    if full.overset or not capacities:
        return full
    used = max((i for i, column in enumerate(full.columns) if column), default=0)
    shapes = shapes if shapes is not None else [None] * len(capacities)
    first = used
    while first > 0 and shapes[first - 1] == shapes[used]:
        first -= 1
    for limit in range(1, capacities[used] + 1):
        limits = [*capacities[:first], *(min(c, limit) for c in capacities[first:])]
        result = flow_limited(items, limits)
        if not result.overset:
            return result
    return full


def flow_limited(items: Sequence[FlowItem], limits: Sequence[int]) -> FlowResult:
    """`flow` with each frame's own line limit."""
    return flow(items, limits, max(limits, default=0))
