"""Stage: makeup — a story drawn in the region the search gave it.

Head (kicker, title) across the top of its columns; then the text, one basic column per
column, each line on a grid line so neighbouring columns share baselines; banners in whole
lines with the blank lines the fit put above them (dropped at a column top); the byline with
the last line; photos at the foot of its last columns when it took some. What did not fit is
reported as overset with its lines, characters and text — never dropped silently.
"""

from __future__ import annotations

from printer.content.model import Photo
from printer.layout.model import LayoutSpec, Rect
from printer.makeup.needs import StoryChoice
from printer.makeup.photos import make_photos
from printer.makeup.placement import Placer, lines_text
from printer.makeup.story import StoryMeasure
from printer.page import Finding


def make_story(choice: StoryChoice, measure: StoryMeasure, rect: Rect, photos: tuple[Photo, ...],
               spec: LayoutSpec, placer: Placer) -> None:
    """Draw a story in `rect` as `choice` sets it; report what does not fit."""
    element = measure.element
    _make_head(measure, choice, rect, placer)
    placer.findings.extend(measure.findings)
    fit = choice.fit
    for number, indices in enumerate(fit.result.columns):
        column = rect.columns[0] + number
        top = rect.lines[0] + choice.column_top(number)
        frame = Rect((column, column + 1), (top, top + fit.capacities[number]))
        line = top
        for index in indices:
            piece = measure.pieces[index]
            if index != indices[0]:
                line += fit.spaces[index] if fit.spaces else 0
            name = f"{element}.col{number + 1}"
            if piece.item.kind == "banner":
                placer.banner(piece.lines, spec.stories.banner, frame, line, piece.item.height,
                              f"{name}.banner")
            elif piece.item.kind == "byline":
                for offset, text_line in enumerate(piece.lines):
                    placer.grid_line(text_line, spec.stories.byline_style, frame, line + offset,
                                     f"{name}.byline")
            else:
                placer.grid_line(piece.lines[0], spec.stories.body_style, frame, line, name)
            line += piece.item.height
    if choice.foot is not None:
        first = rect.columns[1] - choice.foot_columns
        foot_top = rect.lines[1] - choice.foot.lines
        make_photos(choice.foot, Rect((first, rect.columns[1]), (foot_top, rect.lines[1])),
                    photos, spec, placer)
    for note in fit.result.compromises:
        placer.report(Finding("warning", element, "keep", note))
    _report_overset(measure, choice, placer)


def _make_head(measure: StoryMeasure, choice: StoryChoice, rect: Rect, placer: Placer) -> None:
    head = measure.head(choice.span)
    span = Rect((rect.columns[0], rect.columns[0] + choice.span), rect.lines)
    x, top, width, _ = placer.rect_box(span)
    for part, name in ((head.kicker, "kicker"), (head.title, "title")):
        if part is None:
            continue
        for line in part.lines:
            placer.place_line(line, part.style, x, top, part.leading, width,
                              f"{measure.element}.{name}")
            top += part.leading
        placer.findings.extend(part.findings)


def _report_overset(measure: StoryMeasure, choice: StoryChoice, placer: Placer) -> None:
    fit = choice.fit
    if not fit.result.overset:
        return
    rest = measure.pieces[fit.result.placed :]
    text = "".join(line.text for piece in rest for line in piece.lines)
    lines = sum(piece.item.height for piece in rest)
    where = rest[0].source
    element = measure.element
    placer.report(Finding(
        "error", element, "overset",
        f"overset by {lines_text(lines)} ({len(text)} characters) from {where}: "
        f"{text[:24]}…",
        lines=lines, chars=len(text), text=text,
    ))
