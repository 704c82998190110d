"""Stage: makeup — the page's single-line and headline elements.

Folio line (paper, date, page, section) with its rule; the headline block (引题 kicker, 主题
title, 导语 deck); the photo credit and the editors line. Word spaces in headlines are set one
em wide, as Chinese headlines separate their phrases.
"""

from __future__ import annotations

import datetime

from printer.content.model import Edition, RichText
from printer.layout.model import LayoutSpec, Rect
from printer.makeup.placement import Placer
from printer.page import Finding, Rule
from printer.text import Span

_WEEKDAYS = "一二三四五六日"


def folio_texts(edition: Edition) -> tuple[str, str, str]:
    """Left, centre and right texts of the folio line."""
    folio = edition.folio
    day = datetime.date.fromisoformat(folio.date)
    date = f"{day.year}年{day.month}月{day.day}日 星期{_WEEKDAYS[day.weekday()]}"
    return folio.paper, date, f"第{folio.page}版 {folio.section}"


def make_folio(edition: Edition, spec: LayoutSpec, placer: Placer) -> None:
    rect = spec.folio.rect
    x, top, width, height = placer.rect_box(rect)
    left, centre, right = folio_texts(edition)
    typesetter = placer.typesetter
    pitch = spec.grid.line_pitch
    for text, align, name in ((left, 0, "paper"), (centre, 1, "date"), (right, 2, "page")):
        paragraph = typesetter.set([Span(text)], spec.folio.style, width, indent=0.0, space_em=1.0)
        placer.composed(paragraph, f"edition.{name}")
        line = paragraph.lines[0]
        shift = (0.0, (width - line.width) / 2, width - line.width)[align]
        placer.place_line(line, spec.folio.style, x + shift, top, pitch, line.width,
                          f"folio.{name}")
    if spec.folio.rule:
        y = top + pitch + min(pitch / 2, height - pitch)  # under the folio line, never through it
        placer.items.append(Rule("folio.rule", x, y, x + width, y, spec.folio.rule,
                                 spec.folio.rule_width))


def make_headline(edition: Edition, spec: LayoutSpec, placer: Placer) -> None:
    """Kicker, title, subtitle and deck stacked in their own leadings from the slot's top; the
    slot's foot is on the grid, the lines inside need not be. What passes the foot is overset."""
    head = spec.headline
    x, top, width, height = placer.rect_box(head.rect)
    bottom = top + height
    headline = edition.headline
    parts = [(headline.kicker, head.kicker_style, "headline.kicker"),
             (headline.title, head.title_style, "headline.title"),
             (headline.subtitle, head.kicker_style, "headline.subtitle")]
    for text, style_name, element in parts:
        if text:
            paragraph = placer.typesetter.set([Span(text)], style_name, width, indent=0.0,
                                              space_em=1.0)
            placer.composed(paragraph, element)
            top = placer.stack_lines(paragraph.lines, style_name, x, top, width, element, bottom)
    if headline.deck:
        tracking = _fit_deck(headline.deck, spec, placer)
        deck_x, deck_width = spec.grid.span(*head.deck_columns)
        paragraph = placer.typesetter.set(headline.deck, head.deck_style, deck_width, indent=0.0,
                                          tracking=tracking)
        placer.composed(paragraph, "headline.deck")
        placer.stack_lines(paragraph.lines, head.deck_style, placer.origin[0] + deck_x, top,
                           deck_width, "headline.deck", bottom)


def _fit_deck(deck: RichText, spec: LayoutSpec, placer: Placer) -> float:
    """Copyfit the deck to `deck_max_lines`: tighten its tracking within the spec's bound,
    report the step, and report the deck as overset if it still runs long."""
    head = spec.headline
    width = spec.grid.span(*head.deck_columns)[1]
    tracking = 0.0

    def lines(track: float) -> int:
        paragraph = placer.typesetter.set(deck, head.deck_style, width, indent=0.0, tracking=track)
        return len(paragraph.lines)

    needed = lines(tracking)
    bound = spec.copyfit.tracking_min
    while needed > head.deck_max_lines and tracking - spec.copyfit.tracking_step >= bound - 1e-9:
        tracking -= spec.copyfit.tracking_step
        needed = lines(tracking)
    if tracking:
        placer.report(Finding("info", "headline.deck", "copyfit",
                              f"deck tracked {tracking * 100:+.1f} % to fit"))
    if needed > head.deck_max_lines:
        placer.report_overflow("headline.deck", needed, head.deck_max_lines)
    return tracking


def make_single_line(text: str, rect: Rect, style: str, element: str, placer: Placer) -> None:
    """A line block such as the photo credit or the editors line."""
    placer.lines_block([Span(text)], style, rect, rect.lines[0], element)


def editors_text(edition: Edition) -> str:
    return "  ".join(f"{role}：{name}" for role, name in edition.folio.editors)
