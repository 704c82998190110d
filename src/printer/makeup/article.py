"""Stage: makeup — the article: head, body through its frames, banners, byline, copyfit.

Body lines sit on the grid's lines, so neighbouring columns share baselines; banners take a
whole number of lines. When the text does not fit, tracking is tightened in the spec's steps
(at most its bound, typesetting reference §4) and what still does not fit is reported as
overset with its lines, characters and text — never dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from printer.content.model import Article, RichText
from printer.layout.model import LayoutSpec, Rect
from printer.makeup.flow import FlowItem, FlowResult, balance
from printer.makeup.placement import Placer, lines_text
from printer.page import Finding
from printer.text import Line, Span

STORY = "article"


@dataclass
class _Piece:
    """A flow item with what it draws: text lines of a paragraph, a banner's lines, the byline."""

    item: FlowItem
    lines: list[Line]
    source: str  # the content key, for reports
    space: int = 0  # blank lines above a banner (vertical justification), within item.height


def make_article(article: Article, spec: LayoutSpec, placer: Placer) -> None:
    """Set the article's head and flow its body through the frames, copyfitting as needed."""
    _make_head(article, spec, placer)
    pieces, result, frames = _fit(article, spec, placer)
    _place_columns(pieces, result, frames, spec, placer)
    _report_fit(pieces, result, [frame.line_count for frame in frames], placer)


def _flow(pieces: list[_Piece], frames: list[Rect]) -> FlowResult:
    return balance([p.item for p in pieces], [f.line_count for f in frames],
                   [f.lines for f in frames])


def _fit(
    article: Article, spec: LayoutSpec, placer: Placer
) -> tuple[list[_Piece], FlowResult, list[Rect]]:
    """Copyfit in a typesetter's order (typesetting reference §4): tracking within the spec's
    bound, then photos below frames giving up lines; what still does not fit is overset."""
    frames = list(spec.article.frames)
    tracking = 0.0
    pieces = _pieces(article, spec, placer, tracking)
    result = _flow(pieces, frames)
    copyfit = spec.copyfit
    while result.overset and tracking - copyfit.tracking_step >= copyfit.tracking_min - 1e-9:
        tracking -= copyfit.tracking_step
        pieces = _pieces(article, spec, placer, tracking)
        result = _flow(pieces, frames)
    if tracking:
        placer.report(Finding("info", STORY, "copyfit",
                              f"article body tracked {tracking * 100:+.1f} % to fit"))
    if result.overset:
        result, frames = _photos_give_lines(pieces, result, frames, spec, placer)
    else:
        pieces, result = _open_banners(article, spec, placer, tracking, pieces, result, frames)
    return pieces, result, frames


def _open_banners(
    article: Article, spec: LayoutSpec, placer: Placer, tracking: float, pieces: list[_Piece],
    result: FlowResult, frames: list[Rect],
) -> tuple[list[_Piece], FlowResult]:
    """A short article's columns filled by blank lines above its banners (vertical
    justification, within `copyfit.banner_space`), as long as everything still fits."""
    if not article.sections:
        return pieces, result
    chosen = 0
    for space in range(1, spec.copyfit.banner_space + 1):
        trial = _pieces(article, spec, placer, tracking, space)
        flowed = _flow(trial, frames)
        if flowed.overset:
            break
        pieces, result, chosen = trial, flowed, space
    if chosen:
        placer.report(Finding("info", STORY, "copyfit",
                              f"{lines_text(chosen)} of space added above each banner to fill "
                              "the columns"))
    return pieces, result


def _photos_give_lines(
    pieces: list[_Piece], result: FlowResult, frames: list[Rect], spec: LayoutSpec,
    placer: Placer,
) -> tuple[FlowResult, list[Rect]]:
    """Shorten the photos under `grows_into` frames, a line at a time, within their bounds."""
    slots = {slot.name: slot for slot in spec.photos}
    names = {name for name in spec.article.grows_into if name}
    room = min(
        (min(s.max_lines, s.rect.line_count - s.caption_lines) - s.min_lines
         for s in (slots[n] for n in names)),
        default=0,
    )
    grown = frames
    for give in range(1, room + 1):
        grown = [
            Rect(f.columns, (f.lines[0], f.lines[1] + give)) if name else f
            for f, name in zip(frames, spec.article.grows_into, strict=False)
        ]
        result = _flow(pieces, grown)
        if not result.overset:
            break
    else:
        give = room
    if give:
        for name in sorted(names):
            placer.photo_trim[name] = give
            placer.report(Finding("info", f"photo.{name}", "copyfit",
                                  f"photo {name!r} gave {give} lines to the article"))
    return result, grown


def _make_head(article: Article, spec: LayoutSpec, placer: Placer) -> None:
    head = spec.article.head
    top = head.lines[0]
    if article.kicker:
        top = placer.lines_block(
            [Span(article.kicker)], spec.article.kicker_style, head, top, "article.kicker"
        )
    placer.lines_block(
        [Span(article.title)], spec.article.title_style, head, top, "article.title"
    )


def _pieces(
    article: Article, spec: LayoutSpec, placer: Placer, tracking: float, space: int = 0
) -> list[_Piece]:
    body = spec.article.body_style
    measure = spec.grid.span(*spec.article.frames[0].columns)[1]
    pieces: list[_Piece] = []
    paragraphs: list[tuple[str, RichText]] = [
        (f"article.lead[{i}]", text) for i, text in enumerate(article.lead)
    ]
    number = 0
    for key, text in paragraphs:
        number = _add_paragraph(pieces, placer, text, body, measure, tracking, key, number)
    for s, section in enumerate(article.sections):
        banner_lines = placer.banner_lines(section.banner, spec.article.banner, measure)
        height = placer.banner_height(banner_lines, spec.article.banner)
        pieces.append(_Piece(FlowItem("banner", height + space, keep_next=2), banner_lines,
                             f"article.sections[{s}].banner", space))
        for p, text in enumerate(section.paragraphs):
            key = f"article.sections[{s}].paragraphs[{p}]"
            number = _add_paragraph(pieces, placer, text, body, measure, tracking, key, number)
    if article.byline:
        paragraph = placer.typesetter.set([Span(article.byline)], spec.article.byline_style,
                                          measure, indent=0.0)
        pieces.append(_Piece(FlowItem("byline", len(paragraph.lines)), paragraph.lines,
                             "article.byline"))
    return pieces


def _add_paragraph(
    pieces: list[_Piece],
    placer: Placer,
    text: RichText,
    style: str,
    measure: float,
    tracking: float,
    key: str,
    number: int,
) -> int:
    paragraph = placer.typesetter.set(text, style, measure, tracking=tracking)
    placer.composed(paragraph, key)
    count = len(paragraph.lines)
    for index, line in enumerate(paragraph.lines):
        pieces.append(_Piece(FlowItem("line", 1, number, index, count), [line], key))
    return number + 1


def _place_columns(
    pieces: list[_Piece], result: FlowResult, frames: list[Rect], spec: LayoutSpec,
    placer: Placer,
) -> None:
    banner = spec.article.banner
    for column, indices in enumerate(result.columns):
        frame = frames[column]
        line = frame.lines[0]
        element = f"article.col{column + 1}"
        for index in indices:
            piece = pieces[index]
            if piece.item.kind == "banner":
                if index == indices[0]:  # no space above a banner that starts a column
                    line -= piece.space
                placer.banner(piece.lines, banner, frame, line + piece.space, f"{element}.banner")
            elif piece.item.kind == "byline":
                for offset, text_line in enumerate(piece.lines):
                    placer.grid_line(text_line, spec.article.byline_style, frame, line + offset,
                                     f"{element}.byline")
            else:
                placer.grid_line(piece.lines[0], spec.article.body_style, frame, line, element)
            line += piece.item.height


def _report_fit(
    pieces: list[_Piece], result: FlowResult, capacities: list[int], placer: Placer
) -> None:
    for note in result.compromises:
        placer.report(Finding("warning", STORY, "keep", note))
    if result.overset:
        rest = pieces[result.placed :]
        text = "".join(line.text for piece in rest for line in piece.lines)
        lines = sum(piece.item.height for piece in rest)
        where = rest[0].source
        placer.report(Finding(
            "error", STORY, "overset",
            f"article overset by {lines_text(lines)} ({len(text)} characters) from {where}: "
            f"{text[:24]}…",
            lines=lines, chars=len(text), text=text,
        ))
        return
    used = [sum(pieces[i].item.height for i in column) for column in result.columns]
    hole = sum(capacities) - sum(used)
    if hole > 0:
        heights = ", ".join(str(h) for h in used)
        plural = "s" if hole != 1 else ""
        message = (f"article underset by {hole} line{plural} (columns of {heights} lines in "
                   f"frames of {max(capacities)}); balanced")
        placer.report(Finding("info", STORY, "underset", message, lines=hole))

