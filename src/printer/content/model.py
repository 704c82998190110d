"""Stage: content loading — what the page says, as plain frozen data.

An `Edition` holds the text of one page with its emphasis and its photos; it has no
typography (that is the layout spec's job). Rich text is a tuple of `Span`s: a span with
`emphasis=True` is a figure set in the emphasis style (written `**5.3%**` in the content file).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from printer.text.model import Span

RichText = tuple[Span, ...]


def plain(text: RichText) -> str:
    """The characters of a rich text, without its emphasis."""
    return "".join(span.text for span in text)


@dataclass(frozen=True)
class Folio:
    """The page's running head: paper name, date (YYYY-MM-DD), page number, section, editors."""

    paper: str
    date: str
    page: int
    section: str
    editors: tuple[tuple[str, str], ...] = ()  # (职务, name) in file order


@dataclass(frozen=True)
class Headline:
    """引题 kicker above the title, 主题 title, 导语 deck, 副题 subtitle."""

    kicker: str | None
    title: str
    deck: RichText | None
    subtitle: str | None


@dataclass(frozen=True)
class HighlightGroup:
    """One group of the highlights box: a head and its bullet items."""

    title: str
    items: tuple[RichText, ...]


@dataclass(frozen=True)
class Photo:
    """A photo: `file` is resolved and known to exist; `focus` is the point to keep when
    cropping (fractions of width and height from the top left)."""

    id: str
    file: Path
    caption: RichText
    focus: tuple[float, float] = (0.5, 0.5)


@dataclass(frozen=True)
class Section:
    """A ■ banner (its text only: the ■ belongs to the banner style) and its paragraphs."""

    banner: str
    paragraphs: tuple[RichText, ...]


@dataclass(frozen=True)
class Article:
    """One story. `key` is where it is in the content file (`article`, `articles[1]`), the
    prefix of the keys that reports about its text name."""

    kicker: str | None
    title: str
    lead: tuple[RichText, ...]
    sections: tuple[Section, ...]
    byline: str | None
    key: str = "article"

    @property
    def paragraphs(self) -> tuple[RichText, ...]:
        """Every paragraph of its text, in order."""
        return (*self.lead, *(p for section in self.sections for p in section.paragraphs))


@dataclass(frozen=True)
class Edition:
    """One page's content. `locations` maps dotted keys (`article.sections[2].banner`) to
    their line in `source`, so later stages can point at the copy they complain about."""

    source: Path
    layout: Path | None
    folio: Folio
    headline: Headline
    highlights: tuple[HighlightGroup, ...]
    photos: tuple[Photo, ...]
    articles: tuple[Article, ...]
    credit: str | None
    normalize: bool = True
    locations: Mapping[str, int] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, repr=False
    )

    def line_of(self, key: str) -> int | None:
        """The source line of a dotted key, or of its closest ancestor that has one."""
        while key:
            if key in self.locations:
                return self.locations[key]
            cut = max(key.rfind("."), key.rfind("["))
            key = key[:cut] if cut > 0 else ""
        return None
