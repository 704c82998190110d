"""Stage: layout spec loading — where and how a page is set, as plain frozen data.

All lengths are points. Positions in the type area (版心) are measured from its top left
corner, y downwards: x from the type area's left edge, y from its top edge. Blocks sit on the
character/line grid: a `Rect` is a range of basic columns and a range of lines, both written
[first, end) and counted from 0. Where each element goes is not fixed here: `regions` is the
page plan (`printer.layout.regions`) that makeup solves for each edition's copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from printer.layout.regions import Down, Extent
from printer.text.model import PunctStyle


@dataclass(frozen=True)
class Swatch:
    """A CMYK process colour, each component 0..1."""

    name: str
    c: float
    m: float
    y: float
    k: float

    @property
    def ink(self) -> float:
        """Total ink coverage in percent (0..400)."""
        return 100 * (self.c + self.m + self.y + self.k)


@dataclass(frozen=True)
class Page:
    """The trim size, the bleed beyond it, and where the type area starts within the trim."""

    width: float
    height: float
    bleed: float
    margin_top: float
    margin_left: float


@dataclass(frozen=True)
class Rect:
    """Grid columns [first, end) and grid lines [first, end)."""

    columns: tuple[int, int]
    lines: tuple[int, int]

    @property
    def column_count(self) -> int:
        return self.columns[1] - self.columns[0]

    @property
    def line_count(self) -> int:
        return self.lines[1] - self.lines[0]

    def overlaps(self, other: Rect) -> bool:
        return (
            self.columns[0] < other.columns[1]
            and other.columns[0] < self.columns[1]
            and self.lines[0] < other.lines[1]
            and other.lines[0] < self.lines[1]
        )


@dataclass(frozen=True)
class Grid:
    """The type area's grid: `columns` basic columns of `column_chars` characters of `char`
    points, `gutter_chars` characters between columns, `lines` lines every `line_pitch`."""

    columns: int
    column_chars: int
    gutter_chars: int
    char: float
    line_pitch: float
    lines: int

    @property
    def width(self) -> float:
        return self.chars(0, self.columns) * self.char

    @property
    def height(self) -> float:
        return self.lines * self.line_pitch

    def column_x(self, col: int) -> float:
        """The left edge of basic column `col` (0-based, < columns)."""
        if not 0 <= col < self.columns:
            raise ValueError(f"column {col} is outside the grid's {self.columns} columns")
        return col * (self.column_chars + self.gutter_chars) * self.char

    def chars(self, first: int, end: int) -> int:
        """Characters across columns [first, end), the gutters between them included."""
        count = end - first
        if count <= 0 or first < 0 or end > self.columns:
            raise ValueError(f"columns [{first}, {end}) are not a span of the grid")
        return count * self.column_chars + (count - 1) * self.gutter_chars

    def span(self, first: int, end: int) -> tuple[float, float]:
        """The x and width of columns [first, end)."""
        return self.column_x(first), self.chars(first, end) * self.char

    def line_y(self, line: int) -> float:
        """The top of line `line` (0..lines; `lines` gives the bottom of the type area)."""
        if not 0 <= line <= self.lines:
            raise ValueError(f"line {line} is outside the grid's {self.lines} lines")
        return line * self.line_pitch

    def box(self, rect: Rect) -> tuple[float, float, float, float]:
        """x, y, width and height of a grid rectangle."""
        x, width = self.span(*rect.columns)
        top = self.line_y(rect.lines[0])
        return x, top, width, self.line_y(rect.lines[1]) - top

    def contains(self, rect: Rect) -> bool:
        (c0, c1), (l0, l1) = rect.columns, rect.lines
        return 0 <= c0 < c1 <= self.columns and 0 <= l0 < l1 <= self.lines


@dataclass(frozen=True)
class Style:
    """A text style. `tracking` and `indent` are in em; the rest in points. `font` is a
    font role (song, song-bold, hei, hei-bold, hei-black, kai); colours are swatch names."""

    name: str
    font: str
    size: float
    leading: float
    color: str
    tracking: float
    punctuation: PunctStyle
    indent: float
    align: str  # "justify" | "left" | "center" | "right"
    emphasis_font: str | None
    emphasis_color: str | None
    emphasis_size: float | None


@dataclass(frozen=True)
class Bar:
    """A head set in a bar at least `lines` body lines high, e.g. the ■ banner: `marker` is
    drawn before the text, `fill` tints the bar, `rule` draws a line under it; `padding` is
    the inner margin kept free on every side of the text."""

    style: str
    fill: str | None
    rule: str | None
    rule_width: float
    marker: str
    lines: int
    padding: float = 0.0


@dataclass(frozen=True)
class FolioSpec:
    style: str
    rule: str | None
    rule_width: float


@dataclass(frozen=True)
class HeadlineSpec:
    """The page headline: kicker, title (tried at `title_sizes` from the first, wrapped at
    phrase boundaries in at most `title_lines`), subtitle, and the deck set `deck_columns`
    wide (centred) in at most `deck_lines`."""

    kicker_style: str
    title_style: str
    title_sizes: tuple[float, ...]
    title_lines: int
    subtitle_style: str
    deck_style: str
    deck_columns: int
    deck_lines: int


@dataclass(frozen=True)
class HighlightsSpec:
    """The highlights box: its groups in rows of `groups_per_row`, each under a `head` bar;
    `spread`: most lines the box may add between its rows to fit the page."""

    groups_per_row: Extent
    head: Bar
    item_style: str
    fill: str | None
    rule: str | None
    rule_width: float
    padding: float
    bullet: str
    spread: int


@dataclass(frozen=True)
class StorySpec:
    """How a story is dressed: its head (kicker, title stepped down through `title_sizes`
    within `title_lines`), body, ■ banners and byline."""

    kicker_style: str
    title_style: str
    title_sizes: tuple[float, ...]
    title_lines: int
    body_style: str
    banner: Bar
    byline_style: str


@dataclass(frozen=True)
class PhotoSize:
    """The size range of a photo itself (caption excluded), in grid columns and lines, and
    the width the design prefers (None: any)."""

    columns: Extent
    lines: Extent
    prefer: int | None = None


@dataclass(frozen=True)
class PhotosSpec:
    """Photos: the lead spans its well, the others go `per_row` to a row; `gap` blank lines
    separate stacked photos (and a story's text from the photos at its foot); no photo loses
    more than `max_crop` of its picture."""

    caption_style: str
    lead: PhotoSize
    others: PhotoSize
    per_row: int
    gap: int
    max_crop: float


@dataclass(frozen=True)
class LineSpec:
    """A single line element (photo credit, editors)."""

    style: str


@dataclass(frozen=True)
class Copyfit:
    """Bounds of copyfitting; tracking in em (−0.02 = 2 % tighter); `banner_space`: most
    blank lines added above a banner to fill a story's columns (vertical justification);
    `hole`: the side of the smallest empty square that counts as a hole."""

    tracking_min: float
    tracking_max: float
    tracking_step: float
    banner_space: int = 0
    hole: float = 12 * 72 / 25.4  # points: the least empty square a reader sees as a hole


@dataclass(frozen=True)
class Print:
    """Print output settings: ICC profile file (None: none embedded yet), PDF/X output
    condition, total ink limit in percent, photo resolution limits in ppi, crop marks."""

    profile: Path | None
    output_condition: str
    total_ink_limit: float
    min_ppi: float
    warn_ppi: float
    marks: bool
    standard: str = "PDF/X-4"  # or "PDF/X-1a" (PDF/X-1a:2001)


@dataclass(frozen=True)
class LayoutSpec:
    source: Path
    page: Page
    grid: Grid
    swatches: Mapping[str, Swatch]
    styles: Mapping[str, Style]
    regions: Down
    folio: FolioSpec
    headline: HeadlineSpec
    highlights: HighlightsSpec
    stories: StorySpec
    photos: PhotosSpec
    credit: LineSpec
    editors: LineSpec
    copyfit: Copyfit
    print: Print
    fonts_dir: Path
