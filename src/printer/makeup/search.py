"""Stage: makeup — solving the page plan for an edition: the geometry search.

Adaptive grid layout in the manner of Jacobs et al. (SIGGRAPH 2003): the layout is a template
of regions with size ranges; for each edition the search finds the sizes that suit its copy
best by the `Score` (nothing overset, then no hole, then a flush foot, then photos nearest
their shape, then style). It works on whole grid columns and lines, bottom up with memoised
dynamic programmes:

- a `down` region shares its lines among its children: each child offers the heights it can
  take (a window narrowed by its siblings' bounds) and a score for each; the best sum wins;
- an `across` region shares its columns the same way, every child as tall as the region;
- leaves are answered by `Needs` (story fits, photo arrangements, the box's plans).

The photos that go to the foot of stories (`foot_photos`) are chosen outside the programme:
each way of taking the last photos is solved and the best kept. The result is a tree of
`Sized` regions; `geometry` turns it into positions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise, product

from printer.layout.regions import (
    Across,
    Block,
    Choose,
    Container,
    Down,
    Extent,
    PhotoWell,
    Region,
    Sizing,
    StorySlot,
    walk,
)
from printer.makeup.needs import Needs
from printer.makeup.score import PHOTO_LOST, Score, empty_score, preference

INFEASIBLE = Score(overset=10**6)
SPACE_COST = 0.5  # style cost of each blank line opened beyond a region's least space below
ALTERNATIVE_COST = 1.0  # style cost of each place an alternative of `choose` comes after the first


@dataclass(frozen=True)
class Sized:
    """A region solved: its size in columns and lines, its score, and what it holds."""

    region: Region
    columns: int
    lines: int
    score: Score
    children: tuple[Sized, ...] = ()
    detail: object = None
    white: int = 0  # lines left empty at its bottom (a down) or columns at its right (across)
    space: int = 0  # blank lines its parent keeps below it


@dataclass
class Solution:
    root: Sized
    foot: dict[int, tuple[int, ...]]  # story number → the photos at its foot
    tried: int  # geometries scored
    assignments: int = 1
    notes: list[str] = field(default_factory=list)


def expand_rest(plan: Down, stories: int) -> Down:
    """The plan with `story: rest` replaced by the stories no numbered slot takes, stacked."""
    numbered = {r.number for r in walk(plan) if isinstance(r, StorySlot) and r.number}
    rest = [n for n in range(1, stories + 1) if n not in numbered]

    def expand(region: Region) -> Region:
        if isinstance(region, StorySlot) and region.number is None:
            slots = tuple(
                StorySlot(n, Sizing(space_below=region.sizing.space_below if i < len(rest) - 1
                                    else Extent(0, 0)), region.foot_photos, region.foot_columns,
                          region.path)
                for i, n in enumerate(rest))
            return Down(slots, region.sizing, region.path)
        if isinstance(region, Container):
            return replace(region, children=tuple(expand(c) for c in region.children))
        return region

    expanded = expand(plan)
    assert isinstance(expanded, Down)
    return expanded


def solve(plan: Down, needs: Needs) -> Solution:
    """The best geometry of the page for its copy, over every split of the photos between
    the photo well and the stories' feet."""
    plan = expand_rest(plan, len(needs.stories))
    grid = needs.spec.grid
    # Foot photos are taken per story: every region of a story (in each alternative of a
    # `choose`) holds the same ones.
    slots: dict[int, list[StorySlot]] = {}
    for region in walk(plan):
        if (isinstance(region, StorySlot) and region.foot_photos.high
                and region.number is not None and region.number <= len(needs.stories)):
            slots.setdefault(region.number, []).append(region)
    count = len(needs.photos)
    best: Solution | None = None
    tried = assignments = 0
    numbers = sorted(slots)
    ranges = [range(min(s.foot_photos.low for s in slots[n]),
                    min(max(s.foot_photos.high or count for s in slots[n]), count) + 1)
              for n in numbers]
    for takes in product(*ranges):
        if sum(takes) > count:
            continue
        foot: dict[int, tuple[int, ...]] = {}
        end = count
        for number, take in zip(numbers, takes, strict=True):
            foot[number] = tuple(range(end - take, end))
            end -= take
        solver = _Solver(needs, foot, tuple(range(end)))
        root = solver.at(plan, grid.columns, grid.lines)
        tried += solver.tried
        assignments += 1
        if best is None or root.score < best.root.score:
            best = Solution(root, foot, 0)
    assert best is not None
    best.tried, best.assignments = tried, assignments
    return best


class _Solver:
    def __init__(self, needs: Needs, foot: dict[int, tuple[int, ...]],
                 well: tuple[int, ...]) -> None:
        self.needs = needs
        self.foot = foot
        self.well_photos = well
        self.grid_lines = needs.spec.grid.lines
        self._at: dict[tuple[int, int, int, bool], Sized] = {}
        self._present: dict[int, bool] = {}
        self.tried = 0

    # -- what is on the page ---------------------------------------------------------------
    def present(self, region: Region) -> bool:
        key = id(region)
        if key not in self._present:
            self._present[key] = self._is_present(region)
        return self._present[key]

    def _is_present(self, region: Region) -> bool:
        if isinstance(region, Container):
            return any(self.present(child) for child in region.children)
        if isinstance(region, Block):
            return self.needs.has(region.element)
        if isinstance(region, StorySlot):
            return region.number is not None and region.number <= len(self.needs.stories)
        return bool(self.well_photos)

    # -- bounds ------------------------------------------------------------------------------
    def bounds(self, region: Region, columns: int) -> tuple[int, int | None]:
        """The heights worth trying for a region `columns` wide."""
        low, high = self._bounds(region, columns)
        lines = region.sizing.lines
        if lines is not None:
            low = max(low, lines.low)
            high = lines.high if high is None else min(high, lines.high or high)
        return low, high

    def _bounds(self, region: Region, columns: int) -> tuple[int, int | None]:
        if isinstance(region, Block):
            options = self.needs.block_options(region.element, columns)
            return min(options), max(options)
        if isinstance(region, PhotoWell):
            heights = self.needs.well(self.well_photos, lead=True).options(columns)
            return (min(heights), max(heights)) if heights else (0, 0)
        if isinstance(region, StorySlot):
            story = self.needs.stories[(region.number or 1) - 1]
            least = story.least_height(columns, self.grid_lines)
            return (story.head(columns).lines + 1 if least is None else least), None
        if isinstance(region, Choose):
            found = [self.bounds(c, columns) for c in region.children if self.present(c)]
            top = None if any(h is None for _, h in found) else max(h or 0 for _, h in found)
            return min(low for low, _ in found), top
        if isinstance(region, Down):
            lows, highs = [], []
            for child in region.children:
                if self.present(child):
                    low, high = self.bounds(child, columns)
                    space, above = child.sizing.space_below, child.sizing.space_above
                    lows.append(low + space.low + above)
                    highs.append(None if high is None else
                                 high + (space.high or space.low) + above)
            top = None if any(h is None for h in highs) else sum(h or 0 for h in highs)
            return sum(lows), top
        return 0, None

    # -- solving -------------------------------------------------------------------------------
    def at(self, region: Region, columns: int, lines: int, followed: bool = False) -> Sized:
        """The best sizing of a region exactly `columns` × `lines` (memoised); `followed`: a
        region of the same `down` list comes under it, so white at its columns' feet shows
        as white above that region rather than at the page's foot."""
        key = (id(region), columns, lines, followed)
        found = self._at.get(key)
        if found is None:
            found = self._solve(region, columns, lines, followed)
            self._at[key] = found
        return found

    def _solve(self, region: Region, columns: int, lines: int, followed: bool) -> Sized:
        self.tried += 1
        if isinstance(region, Choose):  # the designs in the layout's order of preference
            options = [(self.at(c, columns, lines).score + Score(style=ALTERNATIVE_COST * rank),
                        rank, self.at(c, columns, lines))
                       for rank, c in enumerate(region.children) if self.present(c)]
            score, _, chosen = min(options, key=lambda option: (option[0], option[1]))
            return Sized(region, columns, lines, score, (chosen,))
        if isinstance(region, Down):
            return self._down(region, columns, lines)
        if isinstance(region, Across):
            return self._across(region, columns, lines)
        if isinstance(region, Block):
            return self._block(region, columns, lines)
        if isinstance(region, PhotoWell):
            return self._well(region, columns, lines)
        assert isinstance(region, StorySlot)
        return self._story(region, columns, lines, followed)

    def _block(self, region: Block, columns: int, lines: int) -> Sized:
        options = self.needs.block_options(region.element, columns)
        fitting = [h for h in options if h <= lines]
        if not fitting:
            height = min(options)
            score, detail = options[height]
            return Sized(region, columns, height, score + Score(overset=(height - lines) * columns),
                         detail=detail)
        height = min(fitting, key=lambda h: (options[h][0] + empty_score(columns, lines - h),
                                             -h))
        score, detail = options[height]
        white = lines - height
        return Sized(region, columns, lines, score + empty_score(columns, white), detail=detail,
                     white=white)

    def _well(self, region: PhotoWell, columns: int, lines: int) -> Sized:
        options = self.needs.well(self.well_photos, lead=True).options(columns)
        fitting = [h for h in options if h <= lines]
        if not fitting:
            lost = PHOTO_LOST * len(self.well_photos)
            return Sized(region, columns, lines, Score(overset=lost))
        height = min(fitting, key=lambda h: (options[h].score + empty_score(columns, lines - h),
                                             -h))
        white = lines - height
        score = options[height].score + empty_score(columns, white)
        return Sized(region, columns, lines, score, detail=options[height], white=white)

    def _story(self, region: StorySlot, columns: int, lines: int, followed: bool) -> Sized:
        number = region.number or 1
        foot = self.foot.get(number, ())
        if foot and not region.foot_photos.allows(len(foot)):  # this design cannot take them
            return Sized(region, columns, lines, Score(overset=PHOTO_LOST * len(foot)))
        spans = region.foot_columns.clip(columns)
        choice = self.needs.story_at(number - 1, columns, lines, foot, spans, followed)
        return Sized(region, columns, lines, choice.score, detail=choice)

    # -- containers ----------------------------------------------------------------------------
    def _down(self, region: Down, columns: int, lines: int) -> Sized:
        children = [c for c in region.children if self.present(c)]
        bounds = [self._with_above(self.bounds(c, columns), c) for c in children]
        spaces = [c.sizing.space_below for c in children]
        # Table: lines used so far → (score, sized children and the space each keeps below).
        table: dict[int, tuple[Score, tuple[tuple[Sized, int], ...]]] = {0: (Score(), ())}
        for index, child in enumerate(children):
            low, high = self._window(bounds, spaces, index, lines)
            space = spaces[index]
            merged: dict[int, tuple[Score, tuple[tuple[Sized, int], ...]]] = {}
            above = child.sizing.space_above
            followed = index < len(children) - 1
            # The child's options (its height with the space kept above and below it), each
            # scored once: they do not depend on what the children above took.
            options = []
            for height in range(max(0, low - above), max(0, high - above) + 1):
                sized = self.at(child, columns, height, followed)
                cost = sized.score + preference(height, child.sizing.prefer)
                for gap in range(space.low, (space.high or space.low) + 1):
                    extra = cost if gap == space.low else cost + Score(
                        style=SPACE_COST * (gap - space.low))
                    options.append((above + sized.lines + gap, extra, sized, gap))
            # Options come by height; where what they need grows with it, the first that
            # does not fit ends the loop (the result is the same, the loop shorter).
            wants = [taken - gap + space.low for taken, _, _, gap in options]
            ordered = all(a <= b for a, b in pairwise(wants))
            for used, (score, done) in table.items():
                room = lines - used
                for need, (taken, extra, sized, gap) in zip(wants, options, strict=True):
                    if need > room:
                        if ordered:
                            break
                        continue
                    total = used + taken
                    candidate = score + extra
                    known = merged.get(total)
                    if known is None or candidate < known[0]:
                        merged[total] = (candidate, (*done, (sized, gap)))
            after = sum(b[0] + s.low for b, s in zip(bounds[index + 1 :], spaces[index + 1 :],
                                                     strict=True))
            table = merged or self._overflow(child, columns, lines - after, table, low,
                                             space.low)
        best_used = min(table, key=lambda u: (table[u][0] + empty_score(columns, lines - u)
                                              if u <= lines else INFEASIBLE, -u))
        score, done = table[best_used]
        white = max(0, lines - best_used)
        overflow = max(0, best_used - lines)
        result = score + empty_score(columns, white) + Score(overset=overflow * columns)
        placed = tuple(replace(sized, space=gap) for sized, gap in done)
        return Sized(region, columns, lines, result, placed, white=white)

    @staticmethod
    def _with_above(bounds: tuple[int, int | None], child: Region) -> tuple[int, int | None]:
        """A child's bounds with the blank lines it keeps above it."""
        above = child.sizing.space_above
        return bounds[0] + above, None if bounds[1] is None else bounds[1] + above

    def _overflow(self, child: Region, columns: int, lines: int,
                  table: dict[int, tuple[Score, tuple[tuple[Sized, int], ...]]], low: int,
                  space: int) -> dict[int, tuple[Score, tuple[tuple[Sized, int], ...]]]:
        """No height the child asks for fits what is left: it takes what is left, copy it
        cannot hold being overset (or, with no line left, its least, past the foot)."""
        used = min(table)
        score, done = table[used]
        above = child.sizing.space_above
        room = lines - used - above - space
        sized = self.at(child, columns, room if room >= 1 else max(low, 1))
        total = used + above + sized.lines + space
        return {total: (score + sized.score, (*done, (sized, space)))}

    def _window(self, bounds: Sequence[tuple[int, int | None]], spaces: Sequence[Extent],
                index: int, lines: int) -> tuple[int, int]:
        """Heights worth trying for child `index` of a down region `lines` tall: its own
        bounds, narrowed by what its siblings must take and can take."""
        low, high = bounds[index]
        others_low = sum(b[0] + s.low for i, (b, s) in enumerate(zip(bounds, spaces, strict=True))
                         if i != index)
        top = lines - others_low - spaces[index].low
        high = top if high is None else min(high, top)
        others_high = [b[1] for i, b in enumerate(bounds) if i != index]
        if all(h is not None for h in others_high):
            rest = sum(h or 0 for h in others_high) + sum(s.high or s.low for s in spaces)
            low = max(low, min(high, lines - rest))  # what the others cannot take, up to its most
        return max(0, low), max(max(0, low), high)

    def _across(self, region: Across, columns: int, lines: int) -> Sized:
        children = [c for c in region.children if self.present(c)]
        table: dict[int, tuple[Score, tuple[Sized, ...]]] = {0: (Score(), ())}
        for index, child in enumerate(children):
            last = index == len(children) - 1
            extent = child.sizing.columns
            merged: dict[int, tuple[Score, tuple[Sized, ...]]] = {}
            for used, (score, done) in table.items():
                room = columns - used
                widths = ([room] if last and (extent is None or extent.allows(room))
                          else list(extent.clip(room) if extent else range(1, room + 1)))
                for width in widths:
                    if width < 1:
                        continue
                    sized = self.at(child, width, lines)
                    cost = sized.score + preference(width, child.sizing.prefer)
                    candidate = (score + cost, (*done, sized))
                    total = used + width
                    if total not in merged or candidate[0] < merged[total][0]:
                        merged[total] = candidate
            table = merged
        if not table:
            return Sized(region, columns, lines, INFEASIBLE)
        used = min(table, key=lambda u: (table[u][0] + empty_score(columns - u, lines), -u))
        score, done = table[used]
        white = columns - used
        return Sized(region, columns, lines, score + empty_score(white, lines), done,
                     white=white)

