"""Stage: line composition — choosing where lines break, the whole paragraph at once.

Total fit in the manner of Knuth and Plass ("Breaking paragraphs into lines", 1981): every
legal break (the ends of the clusters the prohibition rules glue, clreq §3.1.7) is a node; a
line between two nodes has a cost; the cheapest path through the paragraph wins. A line's
adjustment follows the clreq priorities (§3.8, typesetting reference §3): it shrinks by
punctuation compression (push in, 先挤进 — cheap), then by up to `max_squeeze_em` less space
between characters; or it stretches by equal space between characters (push out, 后推出 —
dearer, as the cube of the space over `max_gap_em`). Han–Latin space is fixed (clreq §3.2.2)
and never used to justify.

Demerits add, per line, (line penalty + badness)², the square of a break's penalty — a figure
parted from the word after it (`12│月`, `136│家`) or a range from its end (`1–│11`): GB/T 15835
asks to keep them together where the line allows — and a surcharge where a loose line meets
a tight one. The last line is set at its natural width; one that would hold fewer than
`last_line_min_chars` characters (孤字) is not allowed.

Two passes: the first admits only lines within `max_gap_em` and no 孤字; if no path exists,
the second admits any line (looser costs more) and justification reports the loose ones.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from printer.text.breaker import (
    EPSILON,
    LOOSE_TOLERANCE,
    LineRange,
    LineWidths,
    content_chars,
)
from printer.text.classify import Kind

LINE_PENALTY = 10.0
SHRINK_BADNESS = 10.0  # badness of a line compressed by all its punctuation can give
STRETCH_BADNESS = 100.0  # badness of a line spread by `max_gap_em` between characters
SPLIT_UNIT_PENALTY = 50.0  # a figure parted from the Han word after it
ADJACENT_DEMERITS = 3000.0  # a line two fitness classes from the one above it
LOOSE_DEMERITS = 1e8  # second pass: each line past `max_gap_em` (as one at 0.55 em): few of them
LONE_DEMERITS = 1e9  # second pass only: a 孤字 last line (worse than a line past the bound)
TIGHT, DECENT, LOOSE, VERY_LOOSE = range(4)
RANGE_DASHES = frozenset("–~～")  # between figures: a range (GB/T 15834 §4.13)


@dataclass(frozen=True, slots=True)
class _Line:
    demerits: float
    fitness: int


def total_fit(widths: LineWidths, ends: list[int], measure: float,
              indent: float) -> list[LineRange] | None:
    """The breaks of least total demerits, or None where some cluster is wider than a line
    (the greedy breaker then splits it and reports it)."""
    for strict in (True, False):
        breaks = _Solver(widths, ends, measure, indent, strict).solve()
        if breaks is not None:
            return breaks
    return None


def demerits_of(widths: LineWidths, ranges: list[LineRange], measure: float, indent: float,
                strict: bool = False) -> float:
    """The total demerits the breaker states for a given setting (any breaker's), or inf
    where a line is not allowed in the first pass (`strict`)."""
    solver = _Solver(widths, [r.end for r in ranges], measure, indent, strict)
    total, fitness = 0.0, DECENT
    for number, rng in enumerate(ranges):
        available = measure - (indent if number == 0 else 0.0)
        line = solver._line(rng.start, rng.end, available, number == 0)
        if line is None:
            return float("inf")
        total += line.demerits + (ADJACENT_DEMERITS if abs(line.fitness - fitness) > 1 else 0)
        fitness = line.fitness
    return total


class _Solver:
    def __init__(self, widths: LineWidths, ends: list[int], measure: float, indent: float,
                 strict: bool) -> None:
        self.widths = widths
        self.ends = ends
        self.measure = measure
        self.indent = indent
        self.strict = strict
        self.units = widths.units
        self.count = len(widths.units)
        style = widths.style
        self.limit = style.max_gap_em * style.size
        self.lone = style.last_line_min_chars
        # A line from s to e can reach its measure only if its natural width plus the most
        # stretch its gaps take reaches it: monotone in e, so the first candidate is bisected.
        self.reach = [widths.reach(e, self.limit) for e in ends]

    def solve(self) -> list[LineRange] | None:
        count, ends = self.count, self.ends
        # Per node (a break position) and fitness class of the line ending there: the least
        # demerits, and the node and class it came from.
        best: dict[int, dict[int, tuple[float, int, int]]] = {0: {DECENT: (0.0, -1, -1)}}
        finals: list[tuple[float, int, int]] = []  # (demerits, node, class) ending the text
        for position in [0, *ends]:
            classes = best.get(position)
            if classes is None:
                continue
            start = self._next_start(position)
            if start >= count:  # nothing but spaces after it: the paragraph ends here
                finals += [(v[0], position, c) for c, v in classes.items()]
                continue
            available = self.measure - (self.indent if position == 0 else 0.0)
            for end in self._candidates(start, available):
                line = self._line(start, end, available, position == 0)
                if line is None:
                    continue
                targets = best.setdefault(end, {})
                for fitness, (demerits, _, _) in classes.items():
                    total = demerits + line.demerits
                    if abs(line.fitness - fitness) > 1:
                        total += ADJACENT_DEMERITS
                    known = targets.get(line.fitness)
                    if known is None or total < known[0] - EPSILON:
                        targets[line.fitness] = (total, position, fitness)
        if not finals:
            return None
        _, position, fitness = min(finals)
        return self._path(best, position, fitness)

    def _candidates(self, start: int, available: float) -> list[int]:
        """Break positions a line from `start` may end at: not too long even fully
        compressed, and (first pass) not too short to reach the measure when stretched —
        except the paragraph's end, where the last line needs no stretch."""
        ends, widths = self.ends, self.widths
        first = bisect_right(ends, start)
        found = []
        if self.strict:
            need = widths.reach_from(start, self.limit) + available
            lowest = bisect_left(self.reach, need - EPSILON, lo=first)
            if lowest > first and self._fits(start, ends[-1], available):
                found.append(ends[-1])  # the last line, short of the measure
            first = lowest
        for j in range(first, len(ends)):
            end = ends[j]
            if widths.minimum(start, end) > available + EPSILON:
                break
            if end not in found:
                found.append(end)
        return found

    def _fits(self, start: int, end: int, available: float) -> bool:
        return self.widths.minimum(start, end) <= available + EPSILON

    def _line(self, start: int, end: int, available: float, first: bool) -> _Line | None:
        widths = self.widths
        last = self._next_start(end) >= self.count
        natural = widths.natural(start, end)
        if natural > available + EPSILON:
            badness, fitness = self._shrunk(start, end, natural, available)
        elif last:
            badness, fitness = 0.0, DECENT
        else:
            spread = widths.spread_per_gap(start, end, available)
            if spread == float("inf"):  # nothing to spread: worse the more white it leaves
                spread = 1e3 * self.limit + available - natural
            ratio = spread / self.limit if self.limit > 0 else (0.0 if spread <= 0 else 1e9)
            if self.strict and ratio > LOOSE_TOLERANCE:
                return None
            badness = STRETCH_BADNESS * ratio**3
            fitness = (DECENT if ratio <= 0.5 else LOOSE if ratio <= LOOSE_TOLERANCE
                       else VERY_LOOSE)
        demerits = (LINE_PENALTY + badness) ** 2
        if fitness == VERY_LOOSE:
            demerits += LOOSE_DEMERITS  # second pass: as few lines past the bound as can be
        if last and not first and content_chars(self.units[start:end]) < self.lone:
            if self.strict:
                return None
            demerits += LONE_DEMERITS
        if not last and self._splits_unit(end):
            demerits += SPLIT_UNIT_PENALTY**2
        return _Line(demerits, fitness)

    def _shrunk(self, start: int, end: int, natural: float,
                available: float) -> tuple[float, int]:
        """Badness and fitness of a line narrowed to `available`: by its marks' blanks first
        (push in), then by taking space from between its characters."""
        widths = self.widths
        compressed = widths.compressed(start, end)
        if available >= compressed - EPSILON:
            shrinkable = natural - compressed
            ratio = (natural - available) / shrinkable if shrinkable > EPSILON else 0.0
            return SHRINK_BADNESS * ratio, TIGHT if ratio > 0.5 else DECENT
        squeeze = (compressed - available) / max(1, widths.slots(start, end))
        return SHRINK_BADNESS + STRETCH_BADNESS * (squeeze / self.limit) ** 3, TIGHT

    def _splits_unit(self, end: int) -> bool:
        """A break between a figure and the Han word after it (`12│月`, `136│家`), or inside
        a range of figures (`1–│11`)."""
        after = self._next_start(end)
        if after >= self.count:
            return False
        before, next_unit = self.units[end - 1].unit, self.units[after].unit
        if before.kind is Kind.DIGIT and next_unit.kind is Kind.HAN:
            return True
        return (before.text in RANGE_DASHES and next_unit.kind is Kind.DIGIT and end >= 2
                and self.units[end - 2].unit.kind is Kind.DIGIT)

    def _next_start(self, position: int) -> int:
        units, count = self.units, self.count
        while position < count and units[position].unit.kind is Kind.SPACE:
            position += 1
        return position

    def _path(self, best: dict[int, dict[int, tuple[float, int, int]]], position: int,
              fitness: int) -> list[LineRange]:
        cuts = []
        while position > 0:
            _, previous, previous_fitness = best[position][fitness]
            cuts.append((previous, position))
            position, fitness = previous, previous_fitness
        lines = []
        for number, (begin, end) in enumerate(reversed(cuts)):
            available = self.measure - (self.indent if number == 0 else 0.0)
            lines.append(LineRange(self._next_start(begin), end, available))
        return lines
