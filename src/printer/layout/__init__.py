"""Stage: layout loading. A layout YAML file becomes a `LayoutSpec`: the page, its grid, its
styles, how each element is dressed, and the page plan — a tree of regions sized on the
character/line grid that makeup solves for each edition.

    layout = printer.layout.load(Path("layout/broadsheet.yaml"))
    x, width = layout.grid.span(0, 3)

The file format is described in docs/layout.md and `printer/schemas/layout.schema.json`.
"""

from printer.layout.loader import load
from printer.layout.model import (
    Bar,
    Copyfit,
    FolioSpec,
    Grid,
    HeadlineSpec,
    HighlightsSpec,
    LayoutSpec,
    LineSpec,
    Page,
    PhotoSize,
    PhotosSpec,
    Print,
    Rect,
    StorySpec,
    Style,
    Swatch,
)
from printer.layout.regions import (
    Across,
    Block,
    Choose,
    Down,
    Extent,
    PhotoWell,
    Region,
    StorySlot,
)

__all__ = [
    "Across",
    "Bar",
    "Block",
    "Choose",
    "Copyfit",
    "Down",
    "Extent",
    "FolioSpec",
    "Grid",
    "HeadlineSpec",
    "HighlightsSpec",
    "LayoutSpec",
    "LineSpec",
    "Page",
    "PhotoSize",
    "PhotoWell",
    "PhotosSpec",
    "Print",
    "Rect",
    "Region",
    "StorySlot",
    "StorySpec",
    "Style",
    "Swatch",
    "load",
]
