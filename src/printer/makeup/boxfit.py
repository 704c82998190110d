"""Stage: makeup — the highlights box measured: how its groups can share rows.

Groups go into rows in content order, `groups_per_row` to a row (a range: the search tries
each count). A row's width is cut into cells on whole grid columns, and the cut chosen that
balances the row: a group with more copy gets a wider cell, so no cell stands a quarter
empty. Inside a row every group head sits in a bar of the same height (heads aligned across
the row) and the items of a shorter cell are spaced a little more to reach the row's foot.
The box is as tall as its rows need, rounded up to whole grid lines; `spread` more lines may
be shared between its rows when that lets the page below end flush.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import product

from printer.content.model import HighlightGroup
from printer.layout.model import LayoutSpec
from printer.makeup.display import DisplayText, set_display
from printer.makeup.photowell import _splits
from printer.makeup.score import Score
from printer.makeup.story import problem_findings
from printer.makeup.typeset import Typesetter
from printer.makeup.white import Band, blank, hole_lines, holes
from printer.page import Finding
from printer.text import Line

ITEM_GAP = 0.25  # of the item leading, between two items
HEAD_GAP = 0.5  # of the item leading, between the head bar and the first item
ROW_GAP = 0.5  # of the line pitch, between two rows
MOST_ITEM_SPREAD = 0.75  # of the item leading: most extra space between two items of a cell
AIR = (0.0, 0.25, 0.5)  # more space between items, tried to let the box take more lines
AIR_COST = 0.5
EMPTY_CELL = 0.25  # a cell emptier than this reads as a hole


@dataclass(frozen=True)
class GroupSet:
    head: DisplayText
    items: tuple[tuple[Line, ...], ...]
    width: float  # of the cell's text

    def items_height(self, leading: float, gap: float = ITEM_GAP) -> float:
        lines = sum(len(item) for item in self.items)
        return (HEAD_GAP + lines + gap * max(0, len(self.items) - 1)) * leading

    def ragged(self, bullet: float) -> float:
        """The share of its lines' width left empty (short last lines of items)."""
        lines = [line for item in self.items for line in item]
        if not lines:
            return 0.0
        room = self.width - bullet
        return sum(room - line.width for line in lines) / (room * len(lines))


@dataclass(frozen=True)
class Cell:
    group: int
    first: int  # grid columns [first, end) of the box
    end: int
    item_gap: float  # points between two items
    bands: tuple[Band, ...] = ()  # its head bar and lines, for finding holes
    width: float = 0.0


@dataclass(frozen=True)
class BoxRow:
    cells: tuple[Cell, ...]
    head_height: float
    height: float


@dataclass(frozen=True)
class BoxPlan:
    rows: tuple[BoxRow, ...]
    lines: int  # the box's height in grid lines
    row_gap: float  # points between rows (and above the first and below the last, less padding)
    score: Score


class BoxMeasure:
    """The highlights of an edition, set for any box width (groups cached per cell)."""

    def __init__(self, groups: tuple[HighlightGroup, ...], spec: LayoutSpec,
                 typesetter: Typesetter) -> None:
        self.groups = groups
        self.spec = spec
        self.typesetter = typesetter
        self.findings: list[Finding] = []
        self._sets: dict[tuple[int, int, int, int], GroupSet] = {}
        self._plans: dict[int, list[BoxPlan]] = {}
        self.item_leading = typesetter.styles[spec.highlights.item_style].leading

    def cell_width(self, first: int, end: int, width: int) -> float:
        """Text width of a cell over grid columns [first, end) of a box `width` wide."""
        box = self.spec.highlights
        span = self.spec.grid.span(first, end)[1]
        return span - box.padding * ((first == 0) + (end == width))

    def group(self, index: int, first: int, end: int, width: int) -> GroupSet:
        key = (index, first, end, width)
        if key not in self._sets:
            self._sets[key] = self._set_group(index, self.cell_width(first, end, width))
        return self._sets[key]

    def _set_group(self, index: int, width: float) -> GroupSet:
        box = self.spec.highlights
        group = self.groups[index]
        head_size = self.typesetter.styles[box.head.style].size
        head = set_display(self.typesetter, group.title, box.head.style,
                           width - 2 * box.head.padding, (head_size,), 3,
                           f"highlights[{index}].title")
        bullet = self.bullet_width()
        items = []
        for i, item in enumerate(group.items):
            paragraph = self.typesetter.set(item, box.item_style, width - bullet, indent=0.0)
            self.findings.extend(problem_findings(paragraph.problems,
                                                  f"highlights[{index}].items[{i}]"))
            items.append(tuple(paragraph.lines))
        return GroupSet(head, tuple(items), width)

    def bullet_width(self) -> float:
        box = self.spec.highlights
        return self.typesetter.styles[box.item_style].size * 1.25 if box.bullet else 0.0

    def head_height(self, head: DisplayText) -> float:
        bar, pitch = self.spec.highlights.head, self.spec.grid.line_pitch
        size = self.typesetter.styles[head.style].size
        needed = head.height - head.leading + size + 2 * bar.padding  # em boxes and padding
        return max(bar.lines, math.ceil(needed / pitch - 1e-6)) * pitch

    # -- plans -------------------------------------------------------------------------------
    def plans(self, width: int) -> list[BoxPlan]:
        """Every way the box can be set `width` columns wide: per row count × spread."""
        if width not in self._plans:
            self._plans[width] = self._all_plans(width)
        return self._plans[width]

    def _all_plans(self, width: int) -> list[BoxPlan]:
        box = self.spec.highlights
        pitch = self.spec.grid.line_pitch
        plans = []
        for per_row, air in product(box.groups_per_row.clip(len(self.groups)), AIR):
            rows = [self._row(start, min(start + per_row, len(self.groups)), width, air)
                    for start in range(0, len(self.groups), per_row)]
            if any(row is None for row in rows):
                continue
            fixed = tuple(row for row in rows if row is not None)
            body = sum(row[0].height for row in fixed) + 2 * box.padding
            gaps = len(fixed) + 1
            natural = math.ceil((body + ROW_GAP * pitch * (gaps - 2)) / pitch - 1e-6)
            score = Score(style=AIR_COST * air / AIR[-1] if air else 0.0)
            for row in fixed:
                score = score + Score(style=row[1].style)  # its holes are counted below
            laid = tuple(r[0] for r in fixed)
            box_width = self.spec.grid.span(0, width)[1]
            for spread in range(box.spread + 1):
                lines = natural + spread
                row_gap = (lines * pitch - body) / gaps
                white = self._holes(laid, row_gap, box_width)
                plans.append(BoxPlan(laid, lines, row_gap,
                                     score + white + Score(style=0.3 * spread)))
        return plans

    def _row(self, start: int, end: int, width: int,
             air: float = 0.0) -> tuple[BoxRow, Score] | None:
        """The best cut of a row's width between groups [start, end), their items `air`
        leadings further apart than the least."""
        best: tuple[Score, BoxRow] | None = None
        count = end - start
        for split in _splits(width, count, min(2, width // count)):
            if max(split) > -(-width // count) + 1 or min(split) < width // count - 1:
                continue  # cells far from an even share would not balance a row
            cells, bounds = [], 0
            for offset, columns in enumerate(split):
                cells.append((start + offset, bounds, bounds + columns))
                bounds += columns
            sets = [self.group(g, a, b, width) for g, a, b in cells]
            head = max(self.head_height(s.head) for s in sets)
            heights = [head + s.items_height(self.item_leading, ITEM_GAP + air) for s in sets]
            height = max(heights)
            laid, score = [], Score()
            for (g, a, b), group, own in zip(cells, sets, heights, strict=True):
                gap, white = self._spaced(group, height - own, ITEM_GAP + air)
                score = score + Score(style=round(group.ragged(self.bullet_width()), 4))
                laid.append(Cell(g, a, b, gap, self._bands(group, head, gap, height),
                                 group.width))
                if white > EMPTY_CELL * (height - head):
                    score = score + Score(hole=math.floor(white / self.spec.grid.line_pitch)
                                          * (b - a))
                score = score + Score(style=round(white / height, 4))
            row = BoxRow(tuple(laid), head, height)
            score = score + self._holes((row,), ROW_GAP * self.spec.grid.line_pitch, 0.0,
                                        edges=False)
            if best is None or score < best[0]:
                best = (score, row)
        return None if best is None else (best[1], best[0])

    def _bands(self, group: GroupSet, head: float, gap: float, height: float) -> tuple[Band, ...]:
        """A cell as bands: its head bar, its item lines, the gaps between items and the white
        left at its foot (down to the row's foot). The tint beside a short item is a list's
        ragged edge, not a hole: a line counts as ink across the cell."""
        leading = self.item_leading
        bands = [Band.ink(head, 0.0, group.width), blank(HEAD_GAP * leading)]
        for number, item in enumerate(group.items):
            if number:
                bands.append(blank(gap))
            bands.extend(Band.ink(leading, 0.0, group.width) for _ in item)
        used = sum(band.height for band in bands)
        bands.append(blank(max(0.0, height - used)))
        return tuple(bands)

    def _holes(self, rows: tuple[BoxRow, ...], row_gap: float, width: float,
               edges: bool = True) -> Score:
        """Holes in a plan: white in a cell (beside short items, at its foot down through the
        gap below its row) and the bands above the first row and below the last."""
        hole = self.spec.copyfit.hole
        column, pitch = self.spec.grid.span(0, 1)[1], self.spec.grid.line_pitch
        padding = self.spec.highlights.padding if edges else 0.0
        found = []
        if edges and padding + row_gap >= hole:
            found.append((width, padding + row_gap))
        for number, row in enumerate(rows):
            below = row_gap + (padding if number == len(rows) - 1 else 0.0)
            for cell in row.cells:
                bands = [*cell.bands[:-1], blank(cell.bands[-1].height + below)]
                sizes = holes(bands, cell.width, hole)
                if sizes:
                    found.append(max(sizes, key=lambda s: s[0] * s[1]))
        return Score(hole=hole_lines(found, column, pitch))

    def _spaced(self, group: GroupSet, spare: float, gap: float) -> tuple[float, float]:
        """The gap between a cell's items that takes up `spare`, and the white left over."""
        leading = self.item_leading
        base = gap * leading
        gaps = len(group.items) - 1
        if gaps <= 0 or spare <= 0:
            return base, max(0.0, spare)
        extra = min(spare / gaps, MOST_ITEM_SPREAD * leading)
        return base + extra, spare - extra * gaps
