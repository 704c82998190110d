"""Stage: makeup — setting text of one layout style, and turning lines into text runs.

The bridge between the layout spec's styles and the composer: a spec style becomes a
`ComposeStyle` and a glyph source over the style's font roles, and composed lines become
`TextRun`s on baselines of the grid.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from printer.fonts.book import FontBook
from printer.layout.model import Style
from printer.page import TextRun
from printer.text import ComposeStyle, Line, Paragraph, Span
from printer.text.compose import compose

# The ideographic em box sits 0.88 em above and 0.12 em below the baseline (the Noto CJK /
# Adobe-Japan1 convention); text is centred on its line by its em box.
EM_BOX_ASCENT = 0.88


# Composed paragraphs of this process: a rebuild after a copy edit composes only what changed.
# Composition is a pure function of these keys, so a cached paragraph is the same paragraph.
_COMPOSED: OrderedDict[tuple[object, ...], Paragraph] = OrderedDict()
_COMPOSED_LIMIT = 4096


class RoleGlyphs:
    """Glyph source for a style: regular text from one font role, emphasis from another."""

    def __init__(self, book: FontBook, role: str, emphasis_role: str) -> None:
        self.book = book
        self.roles = (role, emphasis_role)
        self._cache: dict[tuple[str, bool], tuple[str, float] | None] = {}

    def glyph(self, char: str, emphasis: bool) -> tuple[str, float] | None:
        key = (char, emphasis)
        if key not in self._cache:
            self._cache[key] = self.book.resolve(self.roles[emphasis], char)
        return self._cache[key]


class StyleTable(dict[str, Style]):
    """The spec's styles by name, and any of them at another size as `name@size` (a headline
    stepped down to fit), derived when first asked for — so a setting made by one build's
    typesetter (and kept between rebuilds) names styles every other typesetter knows."""

    def __missing__(self, key: str) -> Style:
        name, at, size = key.rpartition("@")
        if not at or name not in self:
            raise KeyError(key)
        style = self[name]
        scale = float(size) / style.size
        emphasis = None if style.emphasis_size is None else style.emphasis_size * scale
        derived = replace(style, name=key, size=float(size), leading=style.leading * scale,
                          emphasis_size=emphasis)
        self[key] = derived
        return derived


class Typesetter:
    """Composes text in the spec's styles with the page's fonts; caches glyph sources."""

    def __init__(self, book: FontBook, styles: Mapping[str, Style]) -> None:
        self.book = book
        self.styles = StyleTable(styles)  # stepped-down sizes are added to it
        self._sources: dict[tuple[str, str], RoleGlyphs] = {}

    def sized(self, name: str, size: float) -> str:
        """The name of style `name` at another size, its leading scaled alike (a headline
        stepped down to fit)."""
        if abs(self.styles[name].size - size) < 1e-9:
            return name
        derived = f"{name}@{size:g}"
        self.styles[derived]  # derived on first use
        return derived

    def display_width(self, text: str, style_name: str, tracking: float = 0.0) -> float:
        """Width of `text` set on one line in a display style (word spaces one em)."""
        paragraph = self.set([Span(text)], style_name, 1e6, indent=0.0, tracking=tracking,
                             space_em=1.0)
        return max((line.width for line in paragraph.lines), default=0.0)

    def source(self, style: Style) -> RoleGlyphs:
        key = (style.font, style.emphasis_font or style.font)
        if key not in self._sources:
            self._sources[key] = RoleGlyphs(self.book, key[0], key[1])
        return self._sources[key]

    def compose_style(self, style: Style, *, indent: float | None = None) -> ComposeStyle:
        return ComposeStyle(
            size=style.size,
            punct=style.punctuation,
            indent_em=style.indent if indent is None else indent,
            tracking_em=style.tracking,
            justify=style.align == "justify",
        )

    def set(
        self,
        spans: Sequence[Span],
        style_name: str,
        measure: float,
        *,
        indent: float | None = None,
        tracking: float = 0.0,
        space_em: float | None = None,
    ) -> Paragraph:
        style = self.styles[style_name]
        compose_style = self.compose_style(style, indent=indent)
        if tracking or space_em is not None:
            compose_style = replace(
                compose_style, tracking_em=compose_style.tracking_em + tracking, space_em=space_em
            )
        source = self.source(style)
        key = (tuple(spans), compose_style, measure, id(self.book), source.roles)
        paragraph = _COMPOSED.get(key)
        if paragraph is None:
            paragraph = compose(spans, compose_style, measure, source)
            _COMPOSED[key] = paragraph
            if len(_COMPOSED) > _COMPOSED_LIMIT:
                _COMPOSED.popitem(last=False)
        else:
            _COMPOSED.move_to_end(key)
        return paragraph


def baseline(top: float, leading: float, size: float) -> float:
    """Baseline of text of `size` centred by its em box in a line of `leading` from `top`."""
    return top + (leading - size) / 2 + EM_BOX_ASCENT * size


def line_offset(line: Line, align: str, measure: float) -> float:
    """Horizontal shift of a composed line for ragged alignments (justified lines are flush)."""
    if align == "center":
        return (measure - line.width) / 2
    if align == "right":
        return measure - line.width
    return 0.0


def line_runs(
    line: Line, style: Style, element: str, x: float, base: float
) -> list[TextRun]:
    """Split a line into runs of one face and colour; x positions made absolute."""
    runs: list[TextRun] = []
    chars: list[str] = []
    xs: list[float] = []
    current: tuple[str, bool] | None = None
    for glyph in line.glyphs:
        key = (glyph.face, glyph.emphasis)
        if key != current and chars and current is not None:
            runs.append(_run(style, element, current, base, chars, xs))
            chars, xs = [], []
        current = key
        chars.append(glyph.char)
        xs.append(x + glyph.x)
    if chars and current is not None:
        runs.append(_run(style, element, current, base, chars, xs))
    return runs


def _run(
    style: Style,
    element: str,
    key: tuple[str, bool],
    base: float,
    chars: list[str],
    xs: list[float],
) -> TextRun:
    face, emphasis = key
    color = (style.emphasis_color or style.color) if emphasis else style.color
    return TextRun(element, face, style.size, color, base, "".join(chars), tuple(xs))
