"""Stage: makeup — the highlights box drawn as its plan sets it (`boxfit`).

Tinted and ruled, its groups in rows of cells on the grid's columns: each group a head in a
bar (heads of a row in bars of one height, on one line) and its items with hanging bullets;
emphasised figures come out in the item style's emphasis font and colour. Rows are spaced
evenly down the box.
"""

from __future__ import annotations

from printer.layout.model import LayoutSpec, Rect
from printer.makeup.boxfit import HEAD_GAP, BoxMeasure, BoxPlan, Cell
from printer.makeup.placement import Placer
from printer.page import Box
from printer.text import Span

ELEMENT = "highlights"


def make_highlights(plan: BoxPlan, measure: BoxMeasure, rect: Rect, spec: LayoutSpec,
                    placer: Placer) -> None:
    box = spec.highlights
    own = Rect(rect.columns, (rect.lines[0], rect.lines[0] + plan.lines))
    x, top, width, height = placer.rect_box(own)
    placer.items.append(Box(ELEMENT, x, top, width, height, fill=box.fill, stroke=box.rule,
                            stroke_width=box.rule_width))
    y = top + box.padding + plan.row_gap
    for row in plan.rows:
        for cell in row.cells:
            _draw_cell(cell, measure, rect, y, row.head_height, placer)
        y += row.height + plan.row_gap
    placer.findings.extend(measure.findings)


def _draw_cell(cell: Cell, measure: BoxMeasure, rect: Rect, top: float, head_height: float,
               placer: Placer) -> None:
    spec = measure.spec
    box = spec.highlights
    width_columns = rect.column_count
    group = measure.group(cell.group, cell.first, cell.end, width_columns)
    x = placer.origin[0] + spec.grid.column_x(rect.columns[0] + cell.first)
    if cell.first == 0:
        x += box.padding
    element = f"{ELEMENT}.group{cell.group + 1}"
    placer.bar(group.head.lines, box.head, x, top, group.width, head_height, f"{element}.head")
    placer.findings.extend(group.head.findings)
    item_style = placer.typesetter.styles[box.item_style]
    bullet = measure.bullet_width()
    y = top + head_height + item_style.leading * HEAD_GAP
    for lines in group.items:
        if box.bullet:
            mark = placer.typesetter.set([Span(box.bullet, emphasis=True)], box.item_style,
                                         bullet, indent=0.0)
            placer.place_line(mark.lines[0], box.item_style, x, y, item_style.leading, bullet,
                              f"{element}.bullet")
        for line in lines:
            placer.place_line(line, box.item_style, x + bullet, y, item_style.leading,
                              group.width - bullet, f"{element}.item")
            y += item_style.leading
        y += cell.item_gap
