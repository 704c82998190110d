"""Stage: content loading — normalisation of copy: marks, figures and spaces as a newspaper
sets them.

Contributed copy often has ASCII `, ; : ? ! ( )` between Chinese characters
(`2024年,全市…`). A newspaper sets them full width. The rules:

- `, ; : ? !` become `， ； ： ？ ！` when a Han character or CJK punctuation stands on
  either side (a closing quote or dash next to it counts when Han stands beyond it), but
  never between two digits (`1,000`, `12:30`);
- `(` and `)` are paired; both of a pair become `（ ）` when the bracketed text holds Han,
  or when the pair touches Han or CJK punctuation outside (`院(校)地`, `中(GDP)`);
- copy pasted from the web is cleaned (`cleanup`): full-width figures and letters set half
  width, a separator after a figure or `%` set full width, ranges between figures set
  tight, and — in prose, not in titles or banners, whose spaces part phrases — spaces
  typed next to Han or Chinese marks dropped.

Characters are replaced one for one or dropped, never inside a URL, an e-mail address or
`quoted code`, so figures and words keep their characters; every change is reported with
its place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from printer.content.cleanup import (
    half_width,
    is_cjk_punct,
    is_han,
    protected,
    separates_figure,
    stray_spaces,
    tight_ranges,
)
from printer.content.model import (
    Article,
    Edition,
    Folio,
    Headline,
    HighlightGroup,
    Photo,
    RichText,
    Section,
)
from printer.text.model import Span

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_SEPARATORS = frozenset(",;:?!")  # sets, not strings: a dropped character is "", in any string
# Marks also used in Western text: they count as CJK context only when Han stands beyond them.
_AMBIGUOUS = frozenset("“”‘’—…·")
_OPEN_BRACKETS, _CLOSE_BRACKETS = frozenset("(（"), frozenset(")）")


@dataclass(frozen=True)
class Change:
    """One character replaced at `index`, or dropped (`new` is "")."""

    index: int
    old: str
    new: str


@dataclass(frozen=True)
class NormalizationChange:
    """A change in one text field of an edition: its dotted key and source line."""

    key: str
    line: int | None
    index: int
    old: str
    new: str


def _cjk(chars: list[str], index: int, step: int) -> bool:
    """Whether the neighbour in direction `step` is Han or CJK punctuation."""
    index += step
    while 0 <= index < len(chars):
        char = chars[index]
        if not char:  # dropped
            index += step
            continue
        if is_han(char) or is_cjk_punct(char):
            return True
        if char not in _AMBIGUOUS:
            return False
        index += step
    return False


def _separators(chars: list[str], keep: set[int]) -> bool:
    changed = False
    for index, char in enumerate(chars):
        if char not in _SEPARATORS or index in keep:
            continue
        before = chars[index - 1] if index > 0 else ""
        after = chars[index + 1] if index + 1 < len(chars) else ""
        if before.isascii() and before.isdigit() and after.isascii() and after.isdigit():
            continue
        if _cjk(chars, index, -1) or _cjk(chars, index, 1) or separates_figure(chars, index):
            chars[index] = FULL_WIDTH[char]
            changed = True
    return changed


def _pairs(chars: list[str]) -> list[tuple[int, int]]:
    pairs, stack = [], []
    for index, char in enumerate(chars):
        if char in _OPEN_BRACKETS:
            stack.append(index)
        elif char in _CLOSE_BRACKETS and stack:
            pairs.append((stack.pop(), index))
    return pairs


def _brackets(chars: list[str], keep: set[int]) -> bool:
    changed = False
    for start, end in _pairs(chars):
        if (chars[start] == "（" and chars[end] == "）") or start in keep or end in keep:
            continue
        inside = any(is_han(c) for c in chars[start + 1 : end])
        if inside or _cjk(chars, start, -1) or _cjk(chars, end, 1):
            for index in (start, end):
                if chars[index] in FULL_WIDTH:
                    chars[index] = FULL_WIDTH[chars[index]]
                    changed = True
    return changed


def normalized_chars(text: str, prose: bool = False) -> list[str]:
    """The text's characters after normalisation, one entry per original character ("" where
    one was dropped); `prose`: body text, where stray spaces go too."""
    chars = list(text)
    keep = protected(text)
    half_width(chars, keep)
    changed = True
    while changed:  # a converted mark is CJK punctuation for its neighbours: until stable
        changed = tight_ranges(chars, keep)
        changed |= _separators(chars, keep) | _brackets(chars, keep)
        if prose:
            changed |= stray_spaces(chars, keep)
    return chars


def normalize_text(text: str, prose: bool = False) -> tuple[str, list[Change]]:
    """The text normalised, and the changes."""
    chars = normalized_chars(text, prose)
    return "".join(chars), _changes(text, chars)


def _changes(text: str, chars: list[str]) -> list[Change]:
    return [Change(index, old, new)
            for index, (old, new) in enumerate(zip(text, chars, strict=True)) if old != new]


def normalize_rich(text: RichText, prose: bool = True) -> tuple[RichText, list[Change]]:
    """Normalise the joined text of the spans, keeping each span's emphasis."""
    joined = "".join(span.text for span in text)
    chars = normalized_chars(joined, prose)
    spans, start = [], 0
    for span in text:
        end = start + len(span.text)
        spans.append(Span("".join(chars[start:end]), span.emphasis))
        start = end
    return tuple(s for s in spans if s.text), _changes(joined, chars)


def describe(changes: list[NormalizationChange]) -> str:
    """What normalisation did, counted by kind, for the build's report."""
    dropped = sum(1 for c in changes if not c.new)
    narrowed = sum(1 for c in changes if c.new and ord(c.old) > 0xFF00 and ord(c.new) < 0x80)
    widened = len(changes) - dropped - narrowed
    parts = [f"{widened} marks set full width"] if widened else []
    if narrowed:
        parts.append(f"{narrowed} full-width figures or letters set half width")
    if dropped:
        parts.append(f"{dropped} stray spaces dropped")
    return "normalised the copy: " + ", ".join(parts)


class _Normalizer:
    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.changes: list[NormalizationChange] = []

    def record(self, key: str, changes: list[Change]) -> None:
        line = self.edition.line_of(key)
        self.changes.extend(NormalizationChange(key, line, c.index, c.old, c.new) for c in changes)

    def text(self, value: str, key: str) -> str:
        result, changes = normalize_text(value)
        self.record(key, changes)
        return result

    def maybe(self, value: str | None, key: str) -> str | None:
        return None if value is None else self.text(value, key)

    def rich(self, value: RichText, key: str) -> RichText:
        result, changes = normalize_rich(value)
        self.record(key, changes)
        return result

    def folio(self, folio: Folio) -> Folio:
        editors = tuple(
            (self.text(role, f"edition.editors.{role}"), self.text(name, f"edition.editors.{role}"))
            for role, name in folio.editors
        )
        return replace(
            folio,
            paper=self.text(folio.paper, "edition.paper"),
            section=self.text(folio.section, "edition.section"),
            editors=editors,
        )

    def headline(self, head: Headline) -> Headline:
        return Headline(
            kicker=self.maybe(head.kicker, "headline.kicker"),
            title=self.text(head.title, "headline.title"),
            deck=None if head.deck is None else self.rich(head.deck, "headline.deck"),
            subtitle=self.maybe(head.subtitle, "headline.subtitle"),
        )

    def highlights(self, groups: tuple[HighlightGroup, ...]) -> tuple[HighlightGroup, ...]:
        return tuple(
            HighlightGroup(
                self.text(group.title, f"highlights[{g}].title"),
                tuple(
                    self.rich(item, f"highlights[{g}].items[{i}]")
                    for i, item in enumerate(group.items)
                ),
            )
            for g, group in enumerate(groups)
        )

    def photos(self, photos: tuple[Photo, ...]) -> tuple[Photo, ...]:
        return tuple(
            replace(photo, caption=self.rich(photo.caption, f"photos[{n}].caption"))
            for n, photo in enumerate(photos)
        )

    def article(self, art: Article) -> Article:
        key = art.key
        sections = tuple(
            Section(
                self.text(s.banner, f"{key}.sections[{n}].banner"),
                tuple(
                    self.rich(p, f"{key}.sections[{n}].paragraphs[{i}]")
                    for i, p in enumerate(s.paragraphs)
                ),
            )
            for n, s in enumerate(art.sections)
        )
        return Article(
            kicker=self.maybe(art.kicker, f"{key}.kicker"),
            title=self.text(art.title, f"{key}.title"),
            lead=tuple(self.rich(p, f"{key}.lead[{i}]") for i, p in enumerate(art.lead)),
            sections=sections,
            byline=self.maybe(art.byline, f"{key}.byline"),
            key=key,
        )


def normalize_edition(edition: Edition) -> tuple[Edition, list[NormalizationChange]]:
    """Normalise every text field of an edition; report each change with key and line."""
    n = _Normalizer(edition)
    result = replace(
        edition,
        folio=n.folio(edition.folio),
        headline=n.headline(edition.headline),
        highlights=n.highlights(edition.highlights),
        photos=n.photos(edition.photos),
        articles=tuple(n.article(article) for article in edition.articles),
        credit=n.maybe(edition.credit, "credit"),
    )
    return result, n.changes
