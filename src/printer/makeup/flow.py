"""Stage: makeup — running a story's lines through an ordered chain of columns.

Pure line arithmetic, no geometry: items are whole numbers of grid lines, columns are
capacities in lines. The keep rules are a typesetter's (typesetting reference §4): a ■ banner
never ends a column — it travels with at least two lines of its text; no orphan (a paragraph's
first line alone at a column foot) and no widow (its last line alone at a column top) where
moving a line avoids it; the byline stays with the last line. Blank lines may be asked above a
banner (vertical justification); they are dropped where the banner starts a column.
"""

from __future__ import annotations

from bisect import bisect_right
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
    open_end: bool = False  # white at its right (a paragraph's short last line, the byline)


@dataclass(frozen=True)
class FlowResult:
    columns: tuple[range, ...]  # item indices per column
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
    return FlowPlan(items, spaces).run(capacities)


class FlowPlan:
    """A story's items prepared to be flowed into any columns: heights summed (with the blank
    lines above banners) and the places a column may end. A column then ends at the last such
    place its capacity reaches — found by bisection, as the search flows a story thousands of
    times."""

    def __init__(self, items: Sequence[FlowItem], spaces: Sequence[int] | None = None) -> None:
        self.items = items
        self.count = len(items)
        self.space = list(spaces) if spaces else [0] * self.count
        self.sums = [0]
        for item, space in zip(items, self.space, strict=True):
            self.sums.append(self.sums[-1] + item.height + space)
        self.breaks = [end for end in range(1, self.count) if _may_end(items, end)]
        self.breaks.append(self.count)

    def run(self, capacities: Sequence[int]) -> FlowResult:
        columns: list[range] = []
        used_lines: list[int] = []
        compromises: list[str] = []
        sums, start, count = self.sums, 0, self.count
        for number, capacity in enumerate(capacities):
            end = start
            if start < count:
                top = sums[start] + self.space[start]  # no blank lines above a column's first
                reach = bisect_right(sums, top + capacity, start) - 1
                end = max(start, min(reach, count))
                if start < end < count:
                    place = bisect_right(self.breaks, end) - 1
                    if place >= 0 and self.breaks[place] > start:
                        end = self.breaks[place]
                    else:
                        compromises.append(f"column {number + 1}: keep rules could not all "
                                           "be kept")
            used = sums[end] - sums[start] - self.space[start] if end > start else 0
            columns.append(range(start, end))
            used_lines.append(used)
            start = end
        return FlowResult(tuple(columns), tuple(used_lines), start, count, tuple(compromises))


    def balanced(self, capacities: Sequence[int], below: Sequence[int],
                 most_white: int) -> FlowResult | None:
        """Every item placed, each column ending at a place the keep rules allow, with the
        white at the columns' feet as little a hole as can be (typesetting reference §4:
        balanced columns): a dynamic programme over the columns, each ending within
        `most_white` lines of its capacity (or empty). `below[k]`: blank lines under column k
        that make a column ending short read as a hole. None if no such setting exists."""
        sums, space, count = self.sums, self.space, self.count
        ends = [0, *self.breaks]  # column ends a column may have (0: the first is empty)
        layer: dict[int, tuple[tuple[int, int], tuple[int, ...]]] = {0: ((0, 0), ())}
        for number, capacity in enumerate(capacities):
            last = number == len(capacities) - 1
            merged: dict[int, tuple[tuple[int, int], tuple[int, ...]]] = {}
            for start, (cost, cuts) in layer.items():
                top = sums[start] + (space[start] if start < count else 0)
                for end in self._ends_within(ends, start, top, capacity, most_white, last):
                    used = sums[end] - top if end > start else 0
                    white = capacity - used
                    opened = end > start and self.items[end - 1].open_end
                    seen = white + below[number] + opened if white else 0
                    step = (cost[0] + max(0, seen - 1), cost[1] + (seen == 1))
                    known = merged.get(end)
                    if known is None or step < known[0]:
                        merged[end] = (step, (*cuts, end))
            layer = merged
        if count not in layer:
            return None
        cuts = layer[count][1]
        columns, used_lines, start = [], [], 0
        for end in cuts:
            columns.append(range(start, end))
            used_lines.append(sums[end] - sums[start] - space[start] if end > start else 0)
            start = end
        return FlowResult(tuple(columns), tuple(used_lines), count, count, ())

    def _ends_within(self, ends: list[int], start: int, top: int, capacity: int,
                     most_white: int, last: bool) -> list[int]:
        """Places a column from `start` may end: within its capacity, at most `most_white`
        lines short of it; the last column ends with the story."""
        sums = self.sums
        if last:
            fits = start >= self.count or sums[self.count] - top <= capacity
            return [self.count] if fits else []
        found = [start] if start >= self.count or capacity <= most_white else []
        reach = bisect_right(ends, start)
        for index in range(bisect_right(ends, _last_within(sums, top + capacity)) - 1,
                           reach - 1, -1):
            end = ends[index]
            if capacity - (sums[end] - top) > most_white:
                break
            found.append(end)
        return found


def _last_within(sums: list[int], limit: int) -> int:
    """The largest item position whose running height is within `limit`."""
    return bisect_right(sums, limit) - 1


def _may_end(items: Sequence[FlowItem], end: int) -> bool:
    """Whether a column may end before item `end` (0 < end < len(items))."""
    # A banner (or anything with keep_next) needs its followers in the same column.
    for k in range(max(0, end - 4), end):
        if items[k].keep_next and k + items[k].keep_next >= end:
            return False
    before, after = items[end - 1], items[end]
    if after.kind == "byline":
        return False  # the byline stays with the last line
    if before.kind == "line" and before.index == 0 and before.count > 1:
        return False  # orphan: a first line alone at the foot
    return not (
        after.kind == "line"
        and after.index == after.count - 1
        and after.count > 1
        and before.paragraph == after.paragraph
    )  # widow: a last line alone at the top


def least_capacity(items: Sequence[FlowItem], columns: int, most: int) -> int | None:
    """The smallest equal capacity of `columns` columns that takes every item (keep rules and
    all), up to `most`; None if even `most` does not."""
    if not items:
        return 0
    plan = FlowPlan(items)
    if plan.run([most] * columns).overset:
        return None
    total = sum(item.height for item in items)
    low, high = max(1, -(-total // columns)) - 1, most  # low does not fit, high does
    while high - low > 1:
        middle = (low + high) // 2
        if plan.run([middle] * columns).overset:
            low = middle
        else:
            high = middle
    return high
