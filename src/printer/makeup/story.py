"""Stage: makeup — a story measured once, then fitted to any set of columns.

The story's paragraphs are composed once at the body measure (one basic column), its banners
broken at phrase boundaries, and the whole turned into flow items. `fit` then sets the story
into columns of given capacities: it flows the items with the keep rules (`flow`) and, where
the columns would end short, adds blank lines above ■ banners within `copyfit.banner_space`
(vertical justification) so every column ends on its foot, or as near as the copy allows,
levelling what white remains. Fits are cached by capacities: the geometry search asks for
the same columns many times.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations_with_replacement

from printer.content.model import Article, RichText
from printer.layout.model import Bar, LayoutSpec
from printer.makeup.display import DisplayText, set_display
from printer.makeup.flow import FlowItem, FlowPlan, FlowResult, least_capacity
from printer.makeup.memo import kept
from printer.makeup.phrases import phrase_lines
from printer.makeup.score import ZERO, Score, foot_score
from printer.makeup.typeset import Typesetter, line_offset
from printer.makeup.white import Band, blank, hole_lines, holes, line_spans
from printer.page import Finding
from printer.text import Line, Problem, Span

_PROBLEM_SEVERITY = {"missing-glyph": "error", "overfull-line": "warning", "loose-line": "warning"}
_SPACING_TRIES = 8
_NEAR = 2  # white per column beyond which a fit's balancing is estimated, not searched
OPEN_END = 0.5  # a paragraph's last line shorter than this part of the measure shows white


@dataclass
class Piece:
    """A flow item with what it draws: a text line, a banner's lines, the byline's lines."""

    item: FlowItem
    lines: list[Line]
    source: str  # the content key, for reports


@dataclass(frozen=True)
class StoryFit:
    """The story set into columns: items per column, blank lines above each item, lines
    left at each column's foot, and the first item that did not fit (overset)."""

    capacities: tuple[int, ...]
    result: FlowResult
    spaces: tuple[int, ...]
    whites: tuple[int, ...]
    overset_lines: int
    score: Score
    estimated: bool = False  # the score is an estimate; `exact_fit` sets it for drawing


@dataclass(frozen=True)
class StoryHead:
    """A story's kicker and title across its columns, the grid lines they take, and the
    holes their white leaves (beside a short kicker or title, under a line of space)."""

    kicker: DisplayText | None
    title: DisplayText
    lines: int
    holes: Score = ZERO
    slack: float = 0.0  # points between the title's last line and the text


class StoryMeasure:
    """One story of the edition, composed once (at a given body tracking)."""

    def __init__(self, article: Article, number: int, spec: LayoutSpec, typesetter: Typesetter,
                 tracking: float = 0.0) -> None:
        self.article = article
        self.number = number
        self.element = f"article{number}"
        self.spec = spec
        self.typesetter = typesetter
        self.tracking = tracking
        self.findings: list[Finding] = []
        self.pieces = self._pieces()
        self.items = [piece.item for piece in self.pieces]
        self.lines = sum(item.height for item in self.items)
        self._banners = [i for i, item in enumerate(self.items) if item.kind == "banner" and i]
        self.banners = len(self._banners)  # banners that may take blank lines above them
        # Fits depend on the flow items alone (their heights and keep rules), not on the words:
        # an edit that leaves every paragraph its line count finds them set already.
        self._fits: dict[tuple[tuple[int, ...], tuple[int, ...]], StoryFit]
        self._plans: dict[tuple[int, ...], FlowPlan]
        self._fits, self._plans = kept(("story fits", tuple(self.items), id(spec)),
                                       lambda: ({}, {}), spec)
        self._below: tuple[int, ...] = ()
        self._exact = False
        # Heads depend on the kicker and title only: kept across rebuilds after body edits.
        self._heads: dict[tuple[int, int], StoryHead] = kept(
            ("story heads", article.kicker, article.title, number, id(spec),
             id(typesetter.book)), dict, spec, typesetter.book)
        self._least: dict[int, int | None] = {}

    # -- head --------------------------------------------------------------------------------
    def head(self, columns: int, extra: int = 0) -> StoryHead:
        """Kicker and title set across `columns` grid columns, with `extra` blank lines
        between them and the text."""
        if (columns, extra) in self._heads:
            return self._heads[columns, extra]
        if extra:
            head = self.head(columns)
            slack = head.slack + extra * self.spec.grid.line_pitch
            holes = self._head_holes([head.kicker, head.title], self.spec.grid.span(0, columns)[1],
                                     slack)
            self._heads[columns, extra] = StoryHead(head.kicker, head.title, head.lines + extra,
                                                    holes, slack)
        else:
            stories, grid = self.spec.stories, self.spec.grid
            measure = grid.span(0, columns)[1]
            kicker = None
            height = 0.0
            if self.article.kicker:
                kicker = set_display(self.typesetter, self.article.kicker, stories.kicker_style,
                                     measure, (self.typesetter.styles[stories.kicker_style].size,),
                                     2, f"{self.element}.kicker")
                height += kicker.height
            self._heads[columns, 0] = self._best_head(kicker, height, measure)
        return self._heads[columns, extra]

    def _best_head(self, kicker: DisplayText | None, above: float, measure: float) -> StoryHead:
        """The title at the largest of the layout's sizes that sets within its lines and
        leaves no hole beside it; else the largest that sets."""
        stories, grid = self.spec.stories, self.spec.grid
        found: list[StoryHead] = []
        for size in stories.title_sizes:
            title = set_display(self.typesetter, self.article.title, stories.title_style,
                                measure, (size,), stories.title_lines, f"{self.element}.title")
            height = above + title.height
            lines = math.ceil(height / grid.line_pitch - 1e-6)
            slack = lines * grid.line_pitch - height
            head = StoryHead(kicker, title, lines,
                             self._head_holes([kicker, title], measure, slack), slack)
            if not head.holes.hole and not head.holes.overset:
                return head
            found.append(head)
        return min(found, key=lambda head: (head.holes.overset, head.holes.hole > 0))

    def _head_holes(self, parts: list[DisplayText | None], measure: float,
                    slack: float) -> Score:
        """The head's white as the page shows it: a line of space above it (the usual gap
        from the region above), its lines with their ink, the slack down to the text, and
        on the right the gutter to whatever stands beside it."""
        grid = self.spec.grid
        gutter = grid.gutter_chars * grid.char
        bands = [blank(grid.line_pitch)]
        for part in parts:
            if part is None:
                continue
            style = self.typesetter.styles[part.style]
            edge = max(0.0, (part.leading - style.size) / 2)  # the leading outside the em box
            for line in part.lines:
                shift = line_offset(line, style.align, measure)
                glyphs = [(g.x, g.width) for g in line.glyphs if not g.char.isspace()]
                spans = line_spans(glyphs, shift, style.size)
                bands += [blank(edge), Band(style.size, spans), blank(edge)]
        bands.append(blank(slack))
        sizes = holes(bands, measure + gutter, self.spec.copyfit.hole)
        cut = sum(f.lines for part in parts if part is not None for f in part.findings)
        return Score(overset=max(0, cut) + sum(1 for part in parts if part and part.findings),
                     hole=hole_lines(sizes, grid.span(0, 1)[1], grid.line_pitch))

    # -- fitting -----------------------------------------------------------------------------
    def least_height(self, columns: int, most: int) -> int | None:
        """A lower bound of the lines a region `columns` wide needs (its text in equal
        columns, and the head over only the first of them), up to `most`."""
        if columns not in self._least:
            head = self.head(1).lines
            capacity = least_capacity(self.items, columns, max(1, most - head))
            self._least[columns] = None if capacity is None else capacity + head // columns
        return self._least[columns]

    def fit(self, capacities: tuple[int, ...], below: tuple[int, ...] = ()) -> StoryFit:
        """The best setting of the story in columns of these capacities (cached); `below`
        gives the blank lines under each column (the gap above photos at its foot), which
        turn a column ending short into a hole."""
        key = (capacities, below)
        fit = self._fits.get(key)
        if fit is None:
            self._below = below or (0,) * len(capacities)
            fit = self._fit(capacities)
            self._fits[key] = fit
        return fit

    def exact_fit(self, fit: StoryFit, below: tuple[int, ...] = ()) -> StoryFit:
        """The fit searched in full where the search only estimated it."""
        if not fit.estimated:
            return fit
        self._exact, self._below = True, below or (0,) * len(fit.capacities)
        try:
            return self._fit(fit.capacities)
        finally:
            self._exact = False

    def _fit(self, capacities: tuple[int, ...]) -> StoryFit:
        plain = self._flow(capacities)
        if plain.overset:
            return self._result(capacities, plain, ())
        best = self._result(capacities, plain, ())
        slack = sum(best.whites)
        most = min(slack, len(self._banners) * self.spec.copyfit.banner_space)
        if slack - most > _NEAR * len(capacities) and not self._exact:
            return self._estimated(capacities, best)  # far from flush whatever the spacing
        least = max(0, slack - len(capacities))
        for extra in range(most, least - 1, -1)[:_SPACING_TRIES]:
            spaces = self._spread(extra)
            result = self._flow(capacities, spaces)
            if not result.overset:
                candidate = self._result(capacities, result, spaces)
                best = min(best, candidate, key=_order)
                if candidate.score.hole == 0 and candidate.score.short == 0:
                    break
        if best.score.hole:
            if sum(best.whites) > _NEAR * len(capacities) and not self._exact:
                return self._estimated(capacities, best)
            best = self._levelled(capacities, best)
        return best

    def _estimated(self, capacities: tuple[int, ...], fit: StoryFit) -> StoryFit:
        """Far from flush, the balanced setting's score estimated (its white shared evenly)
        instead of searched: the search only needs to know this geometry is poor."""
        white, columns = sum(fit.whites), len(capacities)
        even = [white // columns + (1 if i < white % columns else 0) for i in range(columns)]
        score = foot_score(even) + Score(style=0.1 * sum(fit.spaces))
        return StoryFit(fit.capacities, fit.result, fit.spaces, fit.whites, 0, score,
                        estimated=True)

    def _levelled(self, capacities: tuple[int, ...], fit: StoryFit) -> StoryFit:
        """White that spacing cannot fill, shared out across the columns (balanced columns):
        every column's foot raised by `drop` lines and the first `more` by one line more, so
        the columns end within a line of each other — each way tried, as the keep rules make
        the best one hard to predict."""
        spaces = fit.spaces or None
        best = fit
        white = sum(fit.whites)
        columns = len(capacities)
        trials = []
        for drop in range(white // columns + 1):
            for more in range(columns):
                if drop * columns + more > white:
                    break
                trials.append(tuple(c - drop - (1 if i < more else 0)
                                    for i, c in enumerate(capacities)))
        # A line taken from one or two columns moves the keep rules' breaks elsewhere.
        for first, second in combinations_with_replacement(range(columns), 2):
            trials.append(tuple(c - (i == first) - (i == second)
                                for i, c in enumerate(capacities)))
        for lowered in trials:
            if lowered != capacities and min(lowered) >= 1:
                result = self._flow(lowered, spaces)
                if not result.overset:
                    best = min(best, self._result(capacities, result, fit.spaces), key=_order)
                    if not best.score.hole and (best.score.short == 0 or not self._exact):
                        break  # no hole left: good enough for the search
        if best.score.hole:
            best = min(best, self._balanced(capacities, fit), key=_order)
        return best

    def _balanced(self, capacities: tuple[int, ...], fit: StoryFit) -> StoryFit:
        """The columns balanced exactly (`FlowPlan.balanced`), where the quick trials above
        left a hole."""
        result = self._plan(fit.spaces or None).balanced(capacities, self._below,
                                                          sum(fit.whites))
        if result is None:
            return fit
        return self._result(capacities, result, fit.spaces)

    def _flow(self, capacities: tuple[int, ...],
              spaces: tuple[int, ...] | None = None) -> FlowResult:
        """The story flowed into columns."""
        return self._plan(spaces).run(capacities)

    def _plan(self, spaces: tuple[int, ...] | None) -> FlowPlan:
        """The story's flow plan with `spaces` blank lines above its items (kept per spacing)."""
        key = spaces or ()
        plan = self._plans.get(key)
        if plan is None:
            plan = FlowPlan(self.items, spaces)
            self._plans[key] = plan
        return plan

    def _spread(self, extra: int) -> tuple[int, ...]:
        """`extra` blank lines shared evenly above the banners (not the story's first item)."""
        spaces = [0] * len(self.items)
        count = len(self._banners)
        if not count:
            return tuple(spaces)
        for rank, index in enumerate(self._banners):
            spaces[index] = extra // count + (1 if rank < extra % count else 0)
        return tuple(spaces)

    def _result(self, capacities: tuple[int, ...], result: FlowResult,
                spaces: tuple[int, ...]) -> StoryFit:
        whites = tuple(c - u for c, u in zip(capacities, result.used, strict=True))
        overset = sum(item.height for item in self.items[result.placed :])
        if overset:
            return StoryFit(capacities, result, spaces, whites, overset, Score(overset=overset))
        # A column the story does not reach at all is empty: the rest of its lines are white.
        uneven = max(whites) - min(whites)
        # White under a column reads as more where a gap follows it (photos at the foot) or
        # where its last line leaves white at its right: a paragraph's short last line, or
        # the byline, set flush right with blank before it (white.py: scored as it shows).
        items = self.items
        seen = tuple(w + gap + (1 if indices and items[indices[-1]].open_end else 0) if w else 0
                     for w, gap, indices in zip(whites, self._below, result.columns,
                                                strict=True))
        score = foot_score(seen) + Score(style=0.1 * sum(spaces) + 0.2 * uneven)
        return StoryFit(capacities, result, spaces, whites, 0, score)

    # -- composing ---------------------------------------------------------------------------
    def _pieces(self) -> list[Piece]:
        spec = self.spec
        body = spec.stories.body_style
        measure = spec.grid.span(0, 1)[1]
        pieces: list[Piece] = []
        key = self.article.key
        number = 0
        for i, text in enumerate(self.article.lead):
            number = self._paragraph(pieces, text, body, measure, f"{key}.lead[{i}]", number)
        bar = spec.stories.banner
        for s, section in enumerate(self.article.sections):
            source = f"{key}.sections[{s}].banner"
            lines = banner_lines(self.typesetter, section.banner, bar, measure, source,
                                 self.findings)
            height = banner_height(self.typesetter, lines, bar, spec.grid.line_pitch)
            pieces.append(Piece(FlowItem("banner", height, keep_next=2), lines, source))
            for p, text in enumerate(section.paragraphs):
                source = f"{key}.sections[{s}].paragraphs[{p}]"
                number = self._paragraph(pieces, text, body, measure, source, number)
        if self.article.byline:
            paragraph = self.typesetter.set([Span(self.article.byline)],
                                            spec.stories.byline_style, measure, indent=0.0)
            item = FlowItem("byline", len(paragraph.lines), open_end=True)
            pieces.append(Piece(item, paragraph.lines, f"{key}.byline"))
        return pieces

    def _paragraph(self, pieces: list[Piece], text: RichText, style: str, measure: float,
                   source: str, number: int) -> int:
        paragraph = self.typesetter.set(text, style, measure, tracking=self.tracking)
        self.findings.extend(problem_findings(paragraph.problems, source))
        count = len(paragraph.lines)
        for index, line in enumerate(paragraph.lines):
            open_end = index == count - 1 and line.width < OPEN_END * line.measure
            pieces.append(Piece(FlowItem("line", 1, number, index, count, open_end=open_end),
                                [line], source))
        return number + 1


def _order(fit: StoryFit) -> tuple[Score, int]:
    return fit.score, sum(fit.spaces)


def problem_findings(problems: Sequence[Problem], key: str) -> list[Finding]:
    """What the composer could not set by the rules, as findings naming the content key."""
    return [Finding(_PROBLEM_SEVERITY.get(p.kind, "warning"), key, p.kind, p.message,
                    text=p.chars) for p in problems]


def banner_lines(typesetter: Typesetter, text: str, bar: Bar, measure: float, source: str,
                 findings: list[Finding]) -> list[Line]:
    """A banner's lines: one when it fits, else balanced at its phrase boundaries, inside the
    bar's padding and after its marker; broken by the composer only if a phrase is too wide."""
    inner = measure - 2 * bar.padding - marker_width(typesetter, bar)
    texts = phrase_lines(text, lambda part: typesetter.display_width(part, bar.style), inner,
                         len(text))
    if texts is None:
        paragraph = typesetter.set([Span(text)], bar.style, inner, indent=0.0)
        findings.extend(problem_findings(paragraph.problems, source))
        return paragraph.lines
    lines: list[Line] = []
    for part in texts:
        lines.extend(typesetter.set([Span(part)], bar.style, inner, indent=0.0,
                                    space_em=1.0).lines)
    return lines


def marker_width(typesetter: Typesetter, bar: Bar) -> float:
    """The marker (■) and the quarter em after it."""
    if not bar.marker:
        return 0.0
    size = typesetter.styles[bar.style].size
    return size * len(bar.marker) + size * 0.25


def banner_height(typesetter: Typesetter, lines: list[Line], bar: Bar, pitch: float) -> int:
    """Grid lines a banner takes: its lines' em boxes and its padding above and below, at
    least the bar's `lines`."""
    style = typesetter.styles[bar.style]
    needed = (len(lines) - 1) * style.leading + style.size + 2 * bar.padding
    return max(bar.lines, math.ceil(needed / pitch - 1e-6))

