"""Stage: makeup — the highlights box: tinted, ruled, its groups in a grid of columns.

Each group is a head in a bar and its items with hanging bullets; emphasised figures come out in
the item style's emphasis font and colour. Group heads of a row share one line; a group never
splits. The box keeps its slot's size; spare height is shared evenly between its rows, and
groups that do not fit are reported as overset, never cut.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from printer.content.model import HighlightGroup
from printer.layout.model import LayoutSpec
from printer.makeup.placement import Placer
from printer.page import Box, Finding
from printer.text import Line, Span

ELEMENT = "highlights"


@dataclass
class _Group:
    head: list[Line]
    items: list[list[Line]]
    height: float


def make_highlights(groups: tuple[HighlightGroup, ...], spec: LayoutSpec, placer: Placer) -> None:
    if not groups:
        return
    box = spec.highlights
    x, top, width, height = placer.rect_box(box.rect)
    item_style = spec.styles[box.item_style]
    columns = box.group_columns
    inner = width - 2 * box.padding
    chars = math.floor((inner - (columns - 1) * item_style.size) / columns / item_style.size)
    group_width = chars * item_style.size
    gap = (inner - columns * group_width) / max(1, columns - 1)
    head_height = box.head.lines * spec.grid.line_pitch
    sets = [_set_group(g, i, group_width, head_height, spec, placer) for i, g in enumerate(groups)]
    rows = [sets[i : i + columns] for i in range(0, len(sets), columns)]
    row_heights = [max(g.height for g in row) for row in rows]
    room = height - 2 * box.padding
    while rows and sum(row_heights) > room:  # a group never splits: whole rows go overset
        _report_overset(rows.pop(), len(rows) * columns, placer)
        row_heights.pop()
    spare = room - sum(row_heights)
    pitch = spec.grid.line_pitch
    if spare > height / 4:  # a quarter of the box empty reads as a hole: spread it, and say so
        placer.report(Finding(
            "warning", ELEMENT, "underset",
            f"highlights underset: the groups fill {math.ceil((height - spare) / pitch)} of the "
            f"box's {round(height / pitch)} lines; the rest is spread between the rows",
            lines=math.floor(spare / pitch)))
    placer.items.append(Box(ELEMENT, x, top, width, height, fill=box.fill, stroke=box.rule,
                            stroke_width=box.rule_width))
    step = spare / (len(rows) + 1)
    y = top + box.padding + step
    for r, row in enumerate(rows):
        for c, group in enumerate(row):
            gx = x + box.padding + c * (group_width + gap)
            _draw_group(group, r * columns + c, gx, y, group_width, head_height, spec, placer)
        y += row_heights[r] + step


def _report_overset(row: list[_Group], first: int, placer: Placer) -> None:
    text = "".join(line.text for group in row for lines in [group.head, *group.items]
                   for line in lines)
    names = ", ".join(f"highlights[{first + i}]" for i in range(len(row)))
    message = f"highlights overset: {names} ({len(text)} characters) do not fit the box"
    lines = sum(len(lines) for group in row for lines in group.items)
    placer.report(Finding("error", ELEMENT, "overset", message, lines=lines, chars=len(text),
                          text=text))


def _set_group(
    group: HighlightGroup, index: int, width: float, head_height: float, spec: LayoutSpec,
    placer: Placer,
) -> _Group:
    box = spec.highlights
    item_style = spec.styles[box.item_style]
    head = placer.typesetter.set([Span(group.title)], box.head.style, width - item_style.size,
                                 indent=0.0, space_em=1.0)
    placer.composed(head, f"highlights[{index}].title")
    bullet = item_style.size * 1.25
    items = []
    for i, item in enumerate(group.items):
        paragraph = placer.typesetter.set(item, box.item_style, width - bullet, indent=0.0)
        placer.composed(paragraph, f"highlights[{index}].items[{i}]")
        items.append(paragraph.lines)
    lines = sum(len(lines) for lines in items)
    item_gap = item_style.leading * 0.25
    height = head_height + item_style.leading * 0.5 + lines * item_style.leading
    height += item_gap * max(0, len(items) - 1)
    return _Group(head.lines, items, height)


def _draw_group(
    group: _Group, index: int, x: float, top: float, width: float, head_height: float,
    spec: LayoutSpec, placer: Placer,
) -> None:
    box = spec.highlights
    element = f"highlights.group{index + 1}"
    placer.bar(group.head, box.head, x, top, width, head_height, f"{element}.head")
    item_style = spec.styles[box.item_style]
    bullet = item_style.size * 1.25
    y = top + head_height + item_style.leading * 0.5
    for lines in group.items:
        mark = placer.typesetter.set([Span(box.bullet, emphasis=True)], box.item_style, bullet,
                                     indent=0.0)
        placer.place_line(mark.lines[0], box.item_style, x, y, item_style.leading, bullet,
                          f"{element}.bullet")
        for line in lines:
            placer.place_line(line, box.item_style, x + bullet, y, item_style.leading,
                              width - bullet, f"{element}.item")
            y += item_style.leading
        y += item_style.leading * 0.25
