"""Stage: content loading. A content YAML file becomes an `Edition`: what the page says.

    edition = content.load(Path("content/jiaozuo-2024.yaml"))
    if edition.normalize:
        edition, changes = content.normalize_edition(edition)

The file format is described in docs/content.md and `printer/schemas/content.schema.json`.
"""

from printer.content.loader import find_project_root, load
from printer.content.model import (
    Article,
    Edition,
    Folio,
    Headline,
    HighlightGroup,
    Photo,
    RichText,
    Section,
    plain,
)
from printer.content.normalize import (
    Change,
    NormalizationChange,
    normalize_edition,
    normalize_rich,
    normalize_text,
)
from printer.content.richtext import MarkupError, parse_rich, to_markup

__all__ = [
    "Article",
    "Change",
    "Edition",
    "Folio",
    "Headline",
    "HighlightGroup",
    "MarkupError",
    "NormalizationChange",
    "Photo",
    "RichText",
    "Section",
    "find_project_root",
    "load",
    "normalize_edition",
    "normalize_rich",
    "normalize_text",
    "parse_rich",
    "plain",
    "to_markup",
]
