"""Stage: layout spec loading. A layout YAML file becomes a `LayoutSpec`: where and how the
page is set, every length in points, every block on the character/line grid.

    spec = load_layout(Path("layout/broadsheet.yaml"))
    x, width = spec.grid.span(0, 3)

The file format is described in docs/layout.md and `printer/schemas/layout.schema.json`.
"""

from printer.layout.loader import load
from printer.layout.model import (
    ArticleSpec,
    Bar,
    Copyfit,
    FolioSpec,
    Grid,
    HeadlineSpec,
    HighlightsSpec,
    LayoutSpec,
    LineSpec,
    Page,
    PhotoSlot,
    Print,
    Rect,
    Style,
    Swatch,
)

__all__ = [
    "ArticleSpec",
    "Bar",
    "Copyfit",
    "FolioSpec",
    "Grid",
    "HeadlineSpec",
    "HighlightsSpec",
    "LayoutSpec",
    "LineSpec",
    "Page",
    "PhotoSlot",
    "Print",
    "Rect",
    "Style",
    "Swatch",
    "load",
]
