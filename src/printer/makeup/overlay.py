"""Stage: makeup — the debug overlay: the grid, the slots and the article's frames.

Drawn over the page by `printer build --overlay` so a designer can see that every element
sits on the grid and what the geometry search chose: hairlines at every column edge and every
line, each solved region outlined and named, story columns outlined and numbered in flow order.
"""

from __future__ import annotations

from printer.fonts.book import FontBook
from printer.layout.model import LayoutSpec, Rect
from printer.page import Box, Cmyk, Item, Rule, TextRun

SWATCHES = {
    "overlay-grid": Cmyk(0.6, 0.0, 0.0, 0.0),
    "overlay-slot": Cmyk(0.0, 0.8, 0.0, 0.0),
    "overlay-frame": Cmyk(0.8, 0.0, 0.9, 0.0),
}
HAIRLINE = 0.25
LABEL_SIZE = 6.0


def overlay_items(spec: LayoutSpec, book: FontBook, regions: list[tuple[str, Rect]],
                  frames: list[Rect]) -> list[Item]:
    """Grid hairlines, the solved regions outlined and named, the story columns numbered."""
    grid, page = spec.grid, spec.page
    left, top = page.margin_left, page.margin_top
    bottom, right = top + grid.height, left + grid.width
    items: list[Item] = []
    for line in range(grid.lines + 1):
        y = top + grid.line_y(line)
        items.append(Rule("overlay.grid", left, y, right, y, "overlay-grid", HAIRLINE / 2))
    for col in range(grid.columns):
        x, width = grid.span(col, col + 1)
        for edge in (left + x, left + x + width):
            items.append(Rule("overlay.grid", edge, top, edge, bottom, "overlay-grid", HAIRLINE))
    for name, rect in regions:
        items.extend(_outline(spec, rect, f"overlay.slot.{name}", "overlay-slot", name, book))
    for number, frame in enumerate(frames, start=1):
        items.extend(_outline(spec, frame, f"overlay.frame{number}", "overlay-frame",
                              f"column {number}", book))
    return items


def _outline(spec: LayoutSpec, rect: Rect, element: str, color: str, label: str,
             book: FontBook) -> list[Item]:
    x, y, width, height = spec.grid.box(rect)
    x += spec.page.margin_left
    y += spec.page.margin_top
    items: list[Item] = [Box(element, x, y, width, height, stroke=color, stroke_width=HAIRLINE * 2)]
    xs: list[float] = []
    cursor = x + 1.0
    face = "hei"
    for char in label:
        xs.append(cursor)
        cursor += (book.advance(face, char) or 0.5) * LABEL_SIZE
    items.append(TextRun(f"{element}.label", face, LABEL_SIZE, color, y + LABEL_SIZE + 1.0,
                         label, tuple(xs)))
    return items
