"""Stage: makeup — the folio line, the page headline, the credit and editors lines.

The headline block is measured before the page is solved: its kicker and title are set at
the largest size that wraps at phrase boundaries into the lines allowed (`display`), the deck
across `deck_columns` (centred) in at most `deck_lines`, tracked tighter within the copyfit
bound or set across the whole page when it runs long. It is never cut or dropped: a setting
that breaks a limit is drawn whole and reported as an error. Word spaces in headlines are set
one em wide, as Chinese headlines separate their phrases.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from printer.content.model import Edition
from printer.layout.model import LayoutSpec, Rect
from printer.makeup.display import DisplayText, set_display
from printer.makeup.placement import Placer
from printer.makeup.story import problem_findings
from printer.makeup.typeset import Typesetter
from printer.page import Finding, Rule
from printer.text import Line, Span

_WEEKDAYS = "一二三四五六日"


def folio_texts(edition: Edition) -> tuple[str, str, str]:
    """Left, centre and right texts of the folio line."""
    folio = edition.folio
    day = datetime.date.fromisoformat(folio.date)
    date = f"{day.year}年{day.month}月{day.day}日 星期{_WEEKDAYS[day.weekday()]}"
    return folio.paper, date, f"第{folio.page}版 {folio.section}"


def make_folio(edition: Edition, spec: LayoutSpec, rect: Rect, placer: Placer) -> None:
    x, top, width, height = placer.rect_box(rect)
    left, centre, right = folio_texts(edition)
    typesetter = placer.typesetter
    pitch = spec.grid.line_pitch
    style = spec.folio.style
    for text, align, name in ((left, 0, "paper"), (centre, 1, "date"), (right, 2, "page")):
        paragraph = typesetter.set([Span(text)], style, width, indent=0.0, space_em=1.0)
        placer.composed(paragraph, f"edition.{name}")
        line = paragraph.lines[0]
        shift = (0.0, (width - line.width) / 2, width - line.width)[align]
        placer.place_line(line, style, x + shift, top, pitch, line.width, f"folio.{name}")
    if spec.folio.rule:
        y = top + pitch + min(pitch / 2, height - pitch)  # under the folio line, never through it
        placer.items.append(Rule("folio.rule", x, y, x + width, y, spec.folio.rule,
                                 spec.folio.rule_width))


@dataclass(frozen=True)
class Deck:
    lines: tuple[Line, ...]
    style: str
    columns: tuple[int, int]  # grid columns it is set across
    tracking: float


@dataclass(frozen=True)
class HeadlineSet:
    """The headline block measured for a width: its parts and the grid lines they take."""

    parts: tuple[tuple[str, DisplayText], ...]  # (element, setting): kicker, title, subtitle
    deck: Deck | None
    lines: int
    findings: tuple[Finding, ...]


def measure_headline(edition: Edition, spec: LayoutSpec, typesetter: Typesetter,
                     columns: int) -> HeadlineSet:
    """Set the headline across `columns` grid columns (the page's width)."""
    head, grid = spec.headline, spec.grid
    measure = grid.span(0, columns)[1]
    headline = edition.headline
    parts: list[tuple[str, DisplayText]] = []
    findings: list[Finding] = []
    for text, style, sizes, lines, element in (
        (headline.kicker, head.kicker_style, None, 2, "headline.kicker"),
        (headline.title, head.title_style, head.title_sizes, head.title_lines, "headline.title"),
        (headline.subtitle, head.subtitle_style, None, 2, "headline.subtitle"),
    ):
        if text:
            setting = set_display(typesetter, text, style, measure,
                                  sizes or (typesetter.styles[style].size,), lines, element)
            parts.append((element, setting))
            findings.extend(setting.findings)
    height = sum(setting.height for _, setting in parts)
    deck = None
    if headline.deck:
        deck = _fit_deck(edition, spec, typesetter, columns, findings)
        height += len(deck.lines) * typesetter.styles[deck.style].leading
    lines = math.ceil(height / grid.line_pitch - 1e-6)
    return HeadlineSet(tuple(parts), deck, lines, tuple(findings))


def _fit_deck(edition: Edition, spec: LayoutSpec, typesetter: Typesetter, columns: int,
              findings: list[Finding]) -> Deck:
    """The deck within `deck_lines`: at its width, then tracked tighter within the copyfit
    bound, then across the whole page; never dropped (reported when it still runs long)."""
    head, grid, fit = spec.headline, spec.grid, spec.copyfit
    deck_text = edition.headline.deck or ()
    narrow = min(head.deck_columns, columns)
    first = (columns - narrow) // 2
    trackings = [0.0]
    while trackings[-1] - fit.tracking_step >= fit.tracking_min - 1e-9:
        trackings.append(round(trackings[-1] - fit.tracking_step, 6))
    tries = [(first, first + narrow, t) for t in trackings]
    if narrow < columns:
        tries += [(0, columns, t) for t in trackings]
    setting = None
    for start, end, tracking in tries:
        width = grid.span(start, end)[1]
        paragraph = typesetter.set(deck_text, head.deck_style, width, indent=0.0,
                                   tracking=tracking)
        setting = (paragraph, start, end, tracking)
        if len(paragraph.lines) <= head.deck_lines:
            break
    assert setting is not None
    paragraph, start, end, tracking = setting
    findings.extend(problem_findings(paragraph.problems, "headline.deck"))
    if tracking:
        findings.append(Finding("info", "headline.deck", "copyfit",
                                f"deck tracked {tracking * 100:+.1f} % to fit"))
    if len(paragraph.lines) > head.deck_lines:
        fits = int(grid.span(0, columns)[1] // typesetter.styles[head.deck_style].size)
        findings.append(Finding(
            "error", "headline.deck", "overset",
            f"needs {len(paragraph.lines)} lines at the tightest tracking; the "
            f"layout allows {head.deck_lines} (about {fits * head.deck_lines} characters fit)",
            lines=len(paragraph.lines) - head.deck_lines))
    return Deck(tuple(paragraph.lines), head.deck_style, (start, end), tracking)


def make_headline(setting: HeadlineSet, rect: Rect, placer: Placer) -> None:
    """Kicker, title, subtitle and deck stacked in their own leadings from the block's top."""
    x, top, width, _ = placer.rect_box(rect)
    for element, part in setting.parts:
        for line in part.lines:
            placer.place_line(line, part.style, x, top, part.leading, width, element)
            top += part.leading
    deck = setting.deck
    if deck is not None:
        deck_x, deck_width = placer.grid.span(rect.columns[0] + deck.columns[0],
                                              rect.columns[0] + deck.columns[1])
        leading = placer.typesetter.styles[deck.style].leading
        for line in deck.lines:
            placer.place_line(line, deck.style, placer.origin[0] + deck_x, top, leading,
                              deck_width, "headline.deck")
            top += leading
    placer.findings.extend(setting.findings)


def line_needs(text: str, style: str, typesetter: Typesetter, width: float) -> int:
    """Lines a single-line element (credit, editors) takes at a width."""
    paragraph = typesetter.set([Span(text)], style, width, indent=0.0)
    return max(1, len(paragraph.lines))


def make_single_line(text: str, rect: Rect, style: str, element: str, placer: Placer) -> None:
    """A line element such as the photo credit or the editors line."""
    placer.lines_block([Span(text)], style, rect, rect.lines[0], element)


def editors_text(edition: Edition) -> str:
    return "  ".join(f"{role}：{name}" for role, name in edition.folio.editors)
