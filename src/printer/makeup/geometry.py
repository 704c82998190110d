"""Stage: makeup — the solved plan as positions on the grid, and a line describing it.

`placements` walks the tree of `Sized` regions the search chose and gives every leaf its
rectangle of grid columns and lines: children of a `down` region one under another (with the
blank lines each keeps below it), children of an `across` region side by side.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from printer.layout.model import Rect
from printer.layout.regions import Across, Block, Choose, Down, PhotoWell, Region
from printer.makeup.boxfit import BoxPlan
from printer.makeup.needs import StoryChoice
from printer.makeup.photowell import Arrangement
from printer.makeup.search import Sized


@dataclass(frozen=True)
class Placement:
    region: Region
    rect: Rect
    detail: object


def placements(sized: Sized, column: int = 0, line: int = 0) -> Iterator[Placement]:
    """Every solved leaf with its rectangle, in plan order."""
    region = sized.region
    if isinstance(region, Choose):
        yield from placements(sized.children[0], column, line)
        return
    if isinstance(region, Down):
        top = line
        for child in sized.children:
            top += child.region.sizing.space_above
            yield from placements(child, column, top)
            top += child.lines + child.space
        return
    if isinstance(region, Across):
        left = column
        for child in sized.children:
            yield from placements(child, left, line)
            left += child.columns
        return
    yield Placement(region, Rect((column, column + sized.columns), (line, line + sized.lines)),
                    sized.detail)


def describe(placed: list[Placement]) -> str:
    """One line naming the chosen geometry: story widths, photo sizes, the box's height."""
    parts = []
    for placement in placed:
        region, rect, detail = placement.region, placement.rect, placement.detail
        if isinstance(detail, StoryChoice):
            text = f"story {detail.story + 1} in {detail.columns} columns × {rect.line_count} lines"
            if detail.foot is not None:
                text += f" with {len(detail.foot.frames)} photo(s) at its foot"
            parts.append(text)
        elif isinstance(region, PhotoWell) and isinstance(detail, Arrangement):
            sizes = ", ".join(f"{f.columns}×{f.lines}" for f in detail.frames)
            parts.append(f"photos {sizes} in {rect.column_count} columns")
        elif isinstance(detail, BoxPlan):
            parts.append(f"box {detail.lines} lines in rows of "
                         f"{'/'.join(str(len(row.cells)) for row in detail.rows)}")
    return "; ".join(parts)


def region_names(placed: list[Placement]) -> list[tuple[str, Rect]]:
    """Each placed region's name (what it holds) and rectangle, for the overlay."""
    named = []
    for placement in placed:
        region, detail = placement.region, placement.detail
        if isinstance(region, Block):
            name = region.element
        elif isinstance(detail, StoryChoice):
            name = f"story {detail.story + 1}"
        elif isinstance(region, PhotoWell):
            name = "photos"
        else:
            continue
        named.append((name, placement.rect))
    return named


def story_columns(placed: list[Placement]) -> list[Rect]:
    """The text columns of every story, in reading order, for the overlay."""
    columns = []
    for placement in placed:
        detail, rect = placement.detail, placement.rect
        if isinstance(detail, StoryChoice):
            for number, capacity in enumerate(detail.fit.capacities):
                top = rect.lines[0] + detail.column_top(number)
                column = rect.columns[0] + number
                columns.append(Rect((column, column + 1), (top, top + capacity)))
    return columns
