"""Stage: layout loading — the page plan as a tree of regions on the grid.

A layout does not place blocks at coordinates. It describes the type area as regions: bands
stacked down the page (`down`), regions side by side across it (`across`), and leaves that hold
the page's elements — a single element (folio, headline, highlights box, credit, editors), a
story, or the page's photo well — and alternative designs (`choose`) the search picks from for
each edition. Every region may give its size as a range in grid units
(`columns: 2..4`, `lines: 16..29`) or leave it to what its content needs; makeup solves the
sizes for each edition (`printer.makeup.search`). The order of the children is the design's
order: the first child of an `across` is leftmost, the first of a `down` on top.
"""

from __future__ import annotations

from dataclasses import dataclass

from printer.errors import KeyPath

ELEMENTS = ("folio", "headline", "highlights", "credit", "editors")


@dataclass(frozen=True)
class Extent:
    """A size range in grid units (columns or lines), both ends included; `high` None: open."""

    low: int
    high: int | None = None

    def allows(self, value: int) -> bool:
        return value >= self.low and (self.high is None or value <= self.high)

    def clip(self, limit: int) -> range:
        """The allowed values up to `limit`, in increasing order."""
        top = limit if self.high is None else min(self.high, limit)
        return range(self.low, top + 1)

    def __str__(self) -> str:
        if self.high == self.low:
            return str(self.low)
        return f"{self.low}..{'' if self.high is None else self.high}"


ANY = Extent(0, None)


@dataclass(frozen=True)
class Sizing:
    """What a region asks of its parent: its width and height ranges (None: what the content
    needs, or what is left), the size the design prefers within them (columns in an `across`
    list, lines in a `down` list), and the blank lines kept above and below it when it is on
    the page (a range below lets the search open the space a little to fill the page)."""

    columns: Extent | None = None
    lines: Extent | None = None
    space_below: Extent = Extent(0, 0)
    prefer: int | None = None
    space_above: int = 0


@dataclass(frozen=True)
class Across:
    """Children side by side, each as tall as the region, sharing its columns."""

    children: tuple[Region, ...]
    sizing: Sizing
    path: KeyPath


@dataclass(frozen=True)
class Down:
    """Children stacked top to bottom, each as wide as the region, sharing its lines."""

    children: tuple[Region, ...]
    sizing: Sizing
    path: KeyPath


@dataclass(frozen=True)
class Choose:
    """Alternative designs for the same space: the search sets each for the edition and keeps
    the one that scores best (a story's `foot_photos` is shared by all its alternatives)."""

    children: tuple[Region, ...]
    sizing: Sizing
    path: KeyPath


@dataclass(frozen=True)
class Block:
    """One of the page's single elements (`ELEMENTS`), dressed by its section of the layout."""

    element: str
    sizing: Sizing
    path: KeyPath


@dataclass(frozen=True)
class StorySlot:
    """A story: its head across the top, its text in columns of one basic column each, and up
    to `foot_photos` of the page's photos at the foot of its last columns (`foot_columns`
    wide). `number` is the story's place in the content (1 = the first); None takes every
    story that no numbered slot takes, stacked one under another."""

    number: int | None
    sizing: Sizing
    foot_photos: Extent
    foot_columns: Extent
    path: KeyPath


@dataclass(frozen=True)
class PhotoWell:
    """The page's photos that no story takes: the lead across the top, the others in rows."""

    sizing: Sizing
    path: KeyPath


Region = Across | Down | Choose | Block | StorySlot | PhotoWell
Container = (Across, Down, Choose)


def walk(region: Region) -> list[Region]:
    """The region and every region inside it, parents before children."""
    found: list[Region] = [region]
    if isinstance(region, Container):
        for child in region.children:
            found.extend(walk(child))
    return found
