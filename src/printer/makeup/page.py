"""Stage: makeup — the whole page: the edition measured, the plan solved for it, all drawn.

1. measure: every element's needs (`needs`): stories composed once, photos' shapes, the box;
2. solve: the geometry search (`search`) picks the sizes of the plan's regions by the score;
   if copy is still overset, the stories' tracking is tightened in the copyfit steps and the
   page solved again (typesetting reference §4: copyfitting within ±2 %);
3. draw: every placed element on the grid (`geometry`), then the findings — the geometry
   chosen (one line), photo crops, white left at a foot (underset), anything overset.
"""

from __future__ import annotations

from dataclasses import replace

from printer.content.model import Edition
from printer.fonts.book import FontBook
from printer.layout.model import LayoutSpec, Rect
from printer.layout.regions import Block, PhotoWell
from printer.makeup.article import make_story
from printer.makeup.boxfit import BoxPlan
from printer.makeup.geometry import (
    Placement,
    describe,
    placements,
    region_names,
    story_columns,
)
from printer.makeup.heads import (
    HeadlineSet,
    editors_text,
    make_folio,
    make_headline,
    make_single_line,
)
from printer.makeup.highlights import make_highlights
from printer.makeup.memo import kept
from printer.makeup.needs import Needs, StoryChoice
from printer.makeup.overlay import overlay_items
from printer.makeup.photos import caption_counter, make_photos, photo_infos
from printer.makeup.photowell import Arrangement
from printer.makeup.placement import Placer, lines_text
from printer.makeup.search import Solution, solve
from printer.makeup.typeset import Typesetter
from printer.page import Cmyk, Finding, PageLayout


def make_page(edition: Edition, spec: LayoutSpec, book: FontBook,
              overlay: bool = False) -> PageLayout:
    """Lay out one edition on one page; `overlay` draws the grid and the solved regions."""
    typesetter = Typesetter(book, spec.styles)
    placer = Placer(spec, typesetter)
    needs, solution = _solve(edition, spec, typesetter, placer)
    placed = [_exact(_inside(p, spec, placer), needs) for p in placements(solution.root)]
    for placement in placed:
        _draw(placement, edition, needs, spec, placer)
    if overlay:
        placer.items.extend(overlay_items(spec, book, region_names(placed), story_columns(placed)))
    placer.report(Finding("info", "page", "geometry",
                          f"chose {describe(placed)} (best of {solution.tried} sizes; "
                          f"{solution.root.score.describe()})"))
    _report_white(placed, needs, placer)
    _report_unplaced(placed, edition, needs, placer)
    page = spec.page
    faces = sorted({item.face for item in placer.text_runs()})
    return PageLayout(
        width=page.width,
        height=page.height,
        bleed=page.bleed,
        type_area=(page.margin_left, page.margin_top, spec.grid.width, spec.grid.height),
        swatches={n: Cmyk(s.c, s.m, s.y, s.k) for n, s in spec.swatches.items()},
        faces={face: book.faces[face].path for face in faces if face},
        items=placer.items,
        findings=placer.findings,
        title=f"{edition.folio.paper} {edition.folio.date} 第{edition.folio.page}版",
    )


def _solve(edition: Edition, spec: LayoutSpec, typesetter: Typesetter,
           placer: Placer) -> tuple[Needs, Solution]:
    """Solve the page; while copy is overset, tighten the stories' tracking and solve again."""
    photos = photo_infos(edition.photos)
    captions = caption_counter(edition.photos, spec, typesetter)
    fit = spec.copyfit
    tracking = 0.0
    needs = Needs(edition, spec, typesetter, photos, captions, tracking)
    solution = _solved(spec, needs)
    while solution.root.score.overset and tracking - fit.tracking_step >= fit.tracking_min - 1e-9:
        tracking = round(tracking - fit.tracking_step, 6)
        trial = Needs(edition, spec, typesetter, photos, captions, tracking)
        attempt = _solved(spec, trial)
        if attempt.root.score < solution.root.score:
            needs, solution = trial, attempt
    if needs.stories and needs.stories[0].tracking:
        placer.report(Finding("info", "stories", "copyfit",
                              f"story text tracked {needs.stories[0].tracking * 100:+.1f} % "
                              "to fit"))
    return needs, solution


def _solved(spec: LayoutSpec, needs: Needs) -> Solution:
    """The page's geometry searched, or found again from an earlier build of this process
    given the same measures (`Needs.signature`)."""
    return kept(("solution", needs.signature()), lambda: solve(spec.regions, needs), spec,
                needs.typesetter.book)


def _inside(placement: Placement, spec: LayoutSpec, placer: Placer) -> Placement:
    """A placement cut at the foot of the type area (what passes it is overset: the page's
    regions need more lines than it has); reported once, the element's own report says what
    text did not fit."""
    rect, lines = placement.rect, spec.grid.lines
    if rect.lines[1] <= lines:
        return placement
    name = placement.region.element if isinstance(placement.region, Block) else "page"
    placer.report(Finding("error", name, "overset",
                          f"the page's regions need {rect.lines[1] - lines} more lines than the "
                          f"type area has", lines=rect.lines[1] - lines))
    top = min(rect.lines[0], lines - 1)
    return replace(placement, rect=Rect(rect.columns, (top, lines)))


def _exact(placement: Placement, needs: Needs) -> Placement:
    """A story's fit searched in full where the search only estimated its score."""
    detail = placement.detail
    if not isinstance(detail, StoryChoice) or not detail.fit.estimated:
        return placement
    gap = needs.spec.photos.gap
    below = tuple(gap if detail.foot and n >= detail.columns - detail.foot_columns else 0
                  for n in range(detail.columns))
    fit = needs.stories[detail.story].exact_fit(detail.fit, below)
    return replace(placement, detail=replace(detail, fit=fit))


def _draw(placement: Placement, edition: Edition, needs: Needs, spec: LayoutSpec,
          placer: Placer) -> None:
    region, rect, detail = placement.region, placement.rect, placement.detail
    if isinstance(detail, StoryChoice):
        make_story(detail, needs.stories[detail.story], rect, edition.photos, spec, placer)
    elif isinstance(region, PhotoWell) and isinstance(detail, Arrangement):
        make_photos(detail, rect, edition.photos, spec, placer)
    elif isinstance(region, Block):
        element = region.element
        if element == "folio":
            make_folio(edition, spec, rect, placer)
        elif element == "headline" and isinstance(detail, HeadlineSet):
            make_headline(detail, rect, placer)
        elif element == "highlights" and isinstance(detail, BoxPlan):
            make_highlights(detail, needs.box, rect, spec, placer)
        elif element == "credit" and edition.credit:
            make_single_line(edition.credit, rect, spec.credit.style, "credit", placer)
        elif element == "editors":
            make_single_line(editors_text(edition), rect, spec.editors.style, "editors", placer)


def _report_white(placed: list[Placement], needs: Needs, placer: Placer) -> None:
    """Columns that end more than a line above their region's foot: underset, a warning."""
    for placement in placed:
        detail = placement.detail
        if isinstance(detail, StoryChoice) and not detail.fit.overset_lines:
            whites = detail.fit.whites
            if max(whites, default=0) > 1:
                element = needs.stories[detail.story].element
                ends = ", ".join(str(w) for w in whites)
                placer.report(Finding(
                    "warning", element, "underset",
                    f"underset: its columns end {ends} lines above their foot "
                    f"(the copy cannot fill {lines_text(sum(whites))} more)",
                    lines=sum(whites)))
        elif isinstance(detail, Arrangement):
            white = placement.rect.line_count - detail.lines
            if white > 1:
                placer.report(Finding("warning", "photos", "underset",
                                      f"the photos leave {lines_text(white)} empty below them",
                                      lines=white))
        elif isinstance(detail, BoxPlan) and placement.rect.line_count - detail.lines > 1:
            white = placement.rect.line_count - detail.lines
            placer.report(Finding("warning", "highlights", "underset",
                                  f"{lines_text(white)} empty below the highlights box",
                                  lines=white))


def _report_unplaced(placed: list[Placement], edition: Edition, needs: Needs,
                     placer: Placer) -> None:
    """Stories the plan has no region for, photos no region could take: overset errors."""
    stories = {p.detail.story for p in placed if isinstance(p.detail, StoryChoice)}
    for index, measure in enumerate(needs.stories):
        if index not in stories:
            text = "".join(line.text for piece in measure.pieces for line in piece.lines)
            placer.report(Finding("error", measure.element, "overset",
                                  "has no region in the layout's plan "
                                  f"({len(text)} characters not set); add a story region",
                                  lines=measure.lines, chars=len(text), text=text))
    shown = {f.photo for p in placed for f in _frames(p)}
    for index, photo in enumerate(edition.photos):
        if index not in shown:
            placer.report(Finding("error", f"photo.{photo.id}", "overset",
                                  "could not be placed: the page has no room for it within the "
                                  "layout's photo sizes"))


def _frames(placement: Placement) -> tuple:  # type: ignore[type-arg]
    detail = placement.detail
    if isinstance(detail, Arrangement):
        return detail.frames
    if isinstance(detail, StoryChoice) and detail.foot is not None:
        return detail.foot.frames
    return ()
