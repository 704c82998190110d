"""Stage: content loading — a content YAML file becomes an `Edition`.

The file is checked against `schemas/content.schema.json` first; then the checks a schema
cannot express: `**` pairing, no ■ in banner text, an article that has text, photo files that
exist inside the project, unique photo ids, real dates, one `article` or a list `articles`.
Every problem is reported with file, line and dotted key, all at once. Paths resolve relative
to the file that names them.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from printer import yamlsource
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
from printer.content.richtext import MARK, MarkupError, parse_rich
from printer.errors import ErrorCollector, KeyPath, display_path, dotted

SCHEMA = "content.schema.json"
ROOT_MARKERS = ("pyproject.toml", ".git", "printer.toml")
BANNER_MARK = "■"


def load(path: Path) -> Edition:
    """Load and check a content file. Raises `InputError`/`InputErrors` on any problem."""
    path = Path(path)
    data, source = yamlsource.load(path)
    errors = ErrorCollector(path, source)
    data = yamlsource.check_schema(data, source, SCHEMA, errors)
    errors.raise_if_any()
    edition = _Builder(path, source, errors).edition(data)
    errors.raise_if_any()
    return edition


def find_project_root(start: Path) -> Path:
    """The nearest directory from `start` upwards holding a project marker, else `start`."""
    start = start.resolve()
    for directory in (start, *start.parents):
        if any((directory / marker).exists() for marker in ROOT_MARKERS):
            return directory
    return start


class _Builder:
    """Builds the model from schema-valid data, recording what else is wrong."""

    def __init__(self, path: Path, source: yamlsource.SourceMap, errors: ErrorCollector) -> None:
        self.path = path
        self.base = path.resolve().parent
        self.source = source
        self.errors = errors

    def edition(self, data: dict[str, Any]) -> Edition:
        layout = self.layout(data.get("layout"))
        return Edition(
            source=self.path,
            layout=layout,
            folio=self.folio(data["edition"]),
            headline=self.headline(data["headline"]),
            highlights=self.highlights(data["highlights"]),
            photos=self.photos(data["photos"]),
            articles=self.articles(data),
            credit=self.optional_text(data, "credit", ()),
            normalize=bool(data["normalize"]),
            locations=MappingProxyType(self.source.dotted_lines()),
        )

    # --- text -----------------------------------------------------------------------------

    def text(self, value: str, path: KeyPath) -> str:
        """Plain text: one line, no emphasis markup."""
        value = self.one_line(value, path)
        if MARK in value:
            self.errors.add(path, "emphasis (**) is not allowed here; only in rich text")
        return value

    def optional_text(self, data: dict[str, Any], key: str, path: KeyPath) -> str | None:
        return None if data.get(key) is None else self.text(data[key], (*path, key))

    def rich(self, value: str, path: KeyPath) -> RichText:
        try:
            return parse_rich(self.one_line(value, path))
        except MarkupError as exc:
            self.errors.add(path, str(exc))
            return ()

    def one_line(self, value: str, path: KeyPath) -> str:
        value = value.rstrip("\n")
        if "\n" in value:
            self.errors.add(path, "line breaks are not allowed in text; write it on one line")
        return value

    # --- parts ----------------------------------------------------------------------------

    def layout(self, value: str | None) -> Path | None:
        if value is None:
            return None
        layout = (self.base / value).resolve()
        if not layout.is_file():
            self.errors.add(("layout",), f"layout file not found: {display_path(layout)}")
        return layout

    def folio(self, data: dict[str, Any]) -> Folio:
        path: KeyPath = ("edition",)
        try:
            datetime.date.fromisoformat(data["date"])
        except ValueError:
            self.errors.add((*path, "date"), f"'{data['date']}' is not a real date")
        editors = tuple(
            (self.text(role, (*path, "editors", role)), self.text(name, (*path, "editors", role)))
            for role, name in data["editors"].items()
        )
        return Folio(
            paper=self.text(data["paper"], (*path, "paper")),
            date=data["date"],
            page=data["page"],
            section=self.text(data["section"], (*path, "section")),
            editors=editors,
        )

    def headline(self, data: dict[str, Any]) -> Headline:
        path: KeyPath = ("headline",)
        deck = data.get("deck")
        return Headline(
            kicker=self.optional_text(data, "kicker", path),
            title=self.text(data["title"], (*path, "title")),
            deck=None if deck is None else self.rich(deck, (*path, "deck")),
            subtitle=self.optional_text(data, "subtitle", path),
        )

    def highlights(self, data: list[dict[str, Any]]) -> tuple[HighlightGroup, ...]:
        groups = []
        for index, group in enumerate(data):
            path: KeyPath = ("highlights", index)
            items = tuple(
                self.rich(item, (*path, "items", n)) for n, item in enumerate(group["items"])
            )
            groups.append(HighlightGroup(self.text(group["title"], (*path, "title")), items))
        return tuple(groups)

    def photos(self, data: list[dict[str, Any]]) -> tuple[Photo, ...]:
        photos = []
        seen: dict[str, int] = {}
        for index, item in enumerate(data):
            path: KeyPath = ("photos", index)
            name = item["id"]
            if name in seen:
                self.errors.add((*path, "id"), f"id '{name}' is already used by "
                                               f"photos[{seen[name]}]")
            else:
                seen[name] = index
            focus = item["focus"]
            photos.append(
                Photo(
                    id=item["id"],
                    file=self.photo_file(item["file"], (*path, "file")),
                    caption=self.rich(item["caption"], (*path, "caption")),
                    focus=(float(focus[0]), float(focus[1])),
                )
            )
        return tuple(photos)

    def photo_file(self, value: str, path: KeyPath) -> Path:
        file = (self.base / value).resolve()
        root = find_project_root(self.base)
        if not file.is_relative_to(root):
            self.errors.add(
                path, f"photo file '{value}' is outside the project ({display_path(root)})"
            )
        elif not file.is_file():
            self.errors.add(path, f"photo file not found: {display_path(file)}")
        return file

    def articles(self, data: dict[str, Any]) -> tuple[Article, ...]:
        """`article` (one story) or `articles` (a list): exactly one of them."""
        if ("article" in data) == ("articles" in data):
            self.errors.add((), "give the page's story as 'article', or its stories as a list "
                                "'articles' (one of the two)")
            return ()
        if "article" in data:
            return (self.article(data["article"], ("article",)),)
        return tuple(self.article(item, ("articles", i))
                     for i, item in enumerate(data["articles"]))

    def article(self, data: dict[str, Any], path: KeyPath) -> Article:
        lead = self.paragraphs(data["lead"], (*path, "lead"))
        sections = tuple(
            self.section(section, (*path, "sections", index))
            for index, section in enumerate(data["sections"])
        )
        texts = [*lead, *(p for s in sections for p in s.paragraphs)]
        if not any(plain(p).strip() for p in texts):
            self.errors.add(path, "the article has no text")
        else:
            self.check_empty(data, path)
        return Article(
            kicker=self.optional_text(data, "kicker", path),
            title=self.text(data["title"], (*path, "title")),
            lead=lead,
            sections=sections,
            byline=self.optional_text(data, "byline", path),
            key=dotted(path),
        )

    def section(self, data: dict[str, Any], path: KeyPath) -> Section:
        banner = self.text(data["banner"], (*path, "banner"))
        if banner.lstrip().startswith(BANNER_MARK):
            self.errors.add(
                (*path, "banner"), f"the {BANNER_MARK} is drawn by the banner style; remove it"
            )
        return Section(banner, self.paragraphs(data["paragraphs"], (*path, "paragraphs")))

    def paragraphs(self, data: list[str], path: KeyPath) -> tuple[RichText, ...]:
        return tuple(self.rich(text, (*path, index)) for index, text in enumerate(data))

    def check_empty(self, data: dict[str, Any], path: KeyPath) -> None:
        """Report empty paragraphs (only once the article is known to have some text)."""
        places: list[tuple[KeyPath, list[str]]] = [((*path, "lead"), data["lead"])]
        for index, section in enumerate(data["sections"]):
            places.append(((*path, "sections", index, "paragraphs"), section["paragraphs"]))
        for where, texts in places:
            for index, text in enumerate(texts):
                if not text.strip():
                    self.errors.add((*where, index), "empty paragraph: give it text or remove it")
