"""Stage: makeup — what each element of the edition needs, at any size the plan may give it.

The geometry search asks the leaves of the page plan two questions: which heights an element
can take at a width, and how good each is (`Score`). This module answers them from the
edition's copy, measured once: the headline block and the credit lines need what their text
needs; the highlights box offers its plans (`boxfit`); a photo well its arrangements
(`photowell`); a story, at a width and a height, the best of its settings with and without
photos at its foot (`story`). Everything is cached, so the search stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from printer.content.model import Edition
from printer.layout.model import LayoutSpec
from printer.makeup.boxfit import BoxMeasure
from printer.makeup.heads import editors_text, line_needs, measure_headline
from printer.makeup.memo import kept
from printer.makeup.photowell import Arrangement, PhotoInfo, WellMeasure
from printer.makeup.score import PHOTO_LOST, ZERO, Score
from printer.makeup.story import StoryFit, StoryMeasure
from printer.makeup.typeset import Typesetter

BlockOptions = dict[int, tuple[Score, object]]
HEAD_SPACE = 1  # most blank lines added under a story's head
HEAD_SPACE_COST = 0.5
NARROW_HEAD_COST = 0.3  # style cost of each column a story's head does not span


@dataclass(frozen=True)
class StoryChoice:
    """A story set in a region: its columns' fit and the photos at its foot, if any."""

    story: int  # index into the edition's stories
    columns: int
    head_lines: int
    fit: StoryFit
    foot: Arrangement | None
    foot_columns: int  # how many of its last columns the foot photos span
    head_holes: Score = ZERO
    head_span: int = 0  # columns the head spans (0: all); the others start at the top

    @property
    def span(self) -> int:
        return self.head_span or self.columns

    def column_top(self, column: int) -> int:
        """Lines from the region's top to where column `column` (0-based) starts."""
        return self.head_lines if column < self.span else 0

    @property
    def score(self) -> Score:
        foot = self.foot.score if self.foot else Score()
        return self.fit.score + foot + self.head_holes


class Needs:
    """The edition's elements measured for the geometry search."""

    def __init__(self, edition: Edition, spec: LayoutSpec, typesetter: Typesetter,
                 photos: list[PhotoInfo], caption_lines: Callable[[int, int], int],
                 tracking: float = 0.0) -> None:
        self.edition = edition
        self.spec = spec
        self.typesetter = typesetter
        self.photos = photos
        self.caption_lines = caption_lines
        self.stories = [StoryMeasure(article, number, spec, typesetter, tracking)
                        for number, article in enumerate(edition.articles, start=1)]
        self.box = kept(("box", edition.highlights, id(spec), id(typesetter.book)),
                        lambda: BoxMeasure(edition.highlights, spec, typesetter),
                        spec, typesetter.book)
        self._blocks: dict[tuple[str, int], BlockOptions] = {}
        self._wells: dict[tuple[tuple[int, ...], bool], WellMeasure] = {}

    def signature(self) -> tuple[object, ...]:
        """All the search is given: the edition without its body text, each story's flow items
        (the lines of its paragraphs, banners and byline: what the text is to the search),
        the photos' aspects, the tracking, the layout and the fonts. Equal signatures, equal
        solutions: an edit that keeps every line count needs no new search."""
        articles = tuple(replace(article, lead=(), sections=tuple(
            replace(section, paragraphs=()) for section in article.sections))
            for article in self.edition.articles)
        return (replace(self.edition, articles=articles),
                tuple(tuple(story.items) for story in self.stories), tuple(self.photos),
                self.stories[0].tracking if self.stories else 0.0, id(self.spec),
                id(self.typesetter.book))

    # -- single elements ---------------------------------------------------------------------
    def has(self, element: str) -> bool:
        edition = self.edition
        return {
            "folio": True,
            "headline": True,
            "highlights": bool(edition.highlights),
            "credit": bool(edition.credit),
            "editors": bool(edition.folio.editors),
        }[element]

    def block_options(self, element: str, width: int) -> BlockOptions:
        """Height → (score, what is drawn) of a single element `width` columns wide."""
        key = (element, width)
        if key not in self._blocks:
            self._blocks[key] = self._block(element, width)
        return self._blocks[key]

    def _block(self, element: str, width: int) -> BlockOptions:
        spec, typesetter = self.spec, self.typesetter
        measure = spec.grid.span(0, width)[1]
        if element == "folio":  # its line, and the rule under it within it or a line below
            return {1: (Score(), None), 2: (Score(), None)}
        if element == "headline":
            key = ("headline", self.edition.headline, width, id(spec), id(typesetter.book))
            setting = kept(key, lambda: measure_headline(self.edition, spec, typesetter, width),
                           spec, typesetter.book)
            return {setting.lines: (Score(), setting)}
        if element == "highlights":
            options: BlockOptions = {}
            for plan in self.box.plans(width):
                if plan.lines not in options or plan.score < options[plan.lines][0]:
                    options[plan.lines] = (plan.score, plan)
            return options
        text = self.edition.credit if element == "credit" else editors_text(self.edition)
        style = spec.credit.style if element == "credit" else spec.editors.style
        lines = line_needs(text or "", style, typesetter, measure)
        return {lines: (Score(), None)}

    # -- photos ------------------------------------------------------------------------------
    def well(self, photos: tuple[int, ...], lead: bool) -> WellMeasure:
        key = (photos, lead)
        if key not in self._wells:
            infos = [self.photos[i] for i in photos]
            shown = tuple((info, self.edition.photos[info.index].caption) for info in infos)
            self._wells[key] = kept(
                ("well", shown, lead, id(self.spec), id(self.typesetter.book)),
                lambda: WellMeasure(infos, lead, self.spec.photos, self.spec.grid,
                                    self.caption_lines), self.spec, self.typesetter.book)
        return self._wells[key]

    # -- stories -----------------------------------------------------------------------------
    def story_at(self, story: int, columns: int, lines: int, foot: tuple[int, ...],
                 foot_columns: range, followed: bool = False) -> StoryChoice:
        """The best setting of a story in `columns` × `lines`, with the `foot` photos (if
        any) at the foot of some of its last columns. Its head spans all its columns or, when
        the title would leave white beside it, only the first ones (the text of the others
        starts at the top, beside the head); up to one blank line more may go under the head
        (a typesetter's way to fill a column by a line)."""
        best: StoryChoice | None = None
        measure = self.stories[story]
        # The widest head without white beside it (all spans where each has some).
        clean = [span for span in range(columns, 0, -1)
                 if not (measure.head(span).holes.hole or measure.head(span).holes.overset)]
        for span in clean[:1] or range(columns, 0, -1):
            for extra in range(HEAD_SPACE + 1):
                choice = self._story_at(story, columns, lines, foot, foot_columns, extra, span,
                                        followed)
                if best is None or _choice_order(choice) < _choice_order(best):
                    best = choice
                if not (choice.fit.score.hole or choice.fit.score.short):
                    break  # flush already: a blank line more under the head cannot help
        assert best is not None
        return best

    def _story_at(self, story: int, columns: int, lines: int, foot: tuple[int, ...],
                  foot_columns: range, extra: int, span: int, followed: bool) -> StoryChoice:
        measure = self.stories[story]
        setting = measure.head(span, extra)
        head = setting.lines
        holes = setting.holes + Score(style=HEAD_SPACE_COST * extra
                                      + NARROW_HEAD_COST * (columns - span))
        tops = [head if column < span else 0 for column in range(columns)]

        def capacities(span_feet: int, taken: int) -> tuple[int, ...]:
            return tuple(lines - top - (taken if column >= columns - span_feet else 0)
                         for column, top in enumerate(tops))

        narrow = 0 if span == columns else span
        if not foot:
            fit = measure.fit(capacities(0, 0), (1,) * columns if followed else ())
            return StoryChoice(story, columns, head, fit, None, 0, holes, narrow)
        best: StoryChoice | None = None
        well = self.well(foot, lead=False)
        gap = self.spec.photos.gap
        room = sum(lines - top for top in tops)
        spacing = self.spec.copyfit.banner_space * measure.banners
        for feet in foot_columns:
            if feet > columns:
                break
            shortest = min(lines - top for top in tops[columns - feet :])
            for height, arrangement in well.options(feet).items():
                # Only photo heights that leave the text about the room it needs are fitted.
                left = room - feet * (height + gap) - measure.lines
                if not -3 * columns <= left <= spacing + 2 * columns or \
                        shortest - height - gap < 1:
                    continue
                caps = capacities(feet, height + gap)
                below = tuple(gap if column >= columns - feet else int(followed)
                              for column in range(columns))
                fit = measure.fit(caps, below)
                choice = StoryChoice(story, columns, head, fit, arrangement, feet, holes, narrow)
                if best is None or _choice_order(choice) < _choice_order(best):
                    best = choice
        if best is None:  # no arrangement fits: every foot photo is overset
            fit = measure.fit(capacities(0, 0))
            best = StoryChoice(story, columns, head, _overset(fit, PHOTO_LOST * len(foot)), None,
                               0, holes, narrow)
        return best


def _choice_order(choice: StoryChoice) -> Score:
    return choice.score


def _overset(fit: StoryFit, lines: int) -> StoryFit:
    return StoryFit(fit.capacities, fit.result, fit.spaces, fit.whites,
                    fit.overset_lines + lines, fit.score + Score(overset=lines))
