"""Stage: line composition — choosing where lines break.

Greedy first fit, as a Chinese typesetter sets: each line takes as many clusters as fit when
every allowed compression is used ("push in first", 先挤进), and only otherwise moves the
offending cluster to the next line ("then push out", 后推出) — clreq §3.1.7, GB/T 15834 §5.1.
Clusters are runs the prohibition rules glue together, so a line never starts with `，` or
ends with `“`. A last line of one character (孤字) pulls a cluster down from the line above.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from printer.text.classify import Kind
from printer.text.measure import Interface, Measured, end_blank_is_removed, interface
from printer.text.model import ComposeStyle, Problem

EPSILON = 1e-6
LOOSE_TOLERANCE = 1.02  # a line within 2 % of the most space between characters is not loose


@dataclass(slots=True)
class LineRange:
    start: int  # first unit (never a space)
    end: int  # exclusive
    measure: float  # the width available to this line (after the indent)


class LineWidths:
    """Prefix sums that give a candidate line's natural and minimum widths in O(1)."""

    def __init__(self, units: list[Measured], style: ComposeStyle) -> None:
        self.units = units
        self.style = style
        self.faces: list[Interface] = [Interface(0.0, 0.0, 0.0, 0.0, False)] + [
            interface(units[k - 1], units[k], style) for k in range(1, len(units))
        ]
        self._core = [0.0, *accumulate(m.core for m in units)]
        self._nat = [0.0, *accumulate(f.natural for f in self.faces)]
        self._shrink = [0.0, *accumulate(f.shrink for f in self.faces)]
        self._room = [0.0, *accumulate(max(0.0, f.gap_max - f.gap) for f in self.faces)]
        self._slots = [0, *accumulate(1 if f.justifiable else 0 for f in self.faces)]
        self._weak = [0, *accumulate(1 if f.weak else 0 for f in self.faces)]
        self.end_removed = end_blank_is_removed(style)
        # Ragged text is never squeezed: only a justified line takes space from its gaps.
        self.squeeze = style.max_squeeze_em * style.size if style.justify else 0.0

    def start_blank(self, start: int) -> float:
        # An opening mark at line start drops its leading blank (clreq §3.1.4), except after
        # a paragraph indent, where the mark keeps its full width.
        if self.style.compress_open_at_start and not (start == 0 and self.style.indent_em):
            return 0.0
        return self.units[start].left

    def end_blank(self, end: int) -> float:
        return 0.0 if self.end_removed else self.units[end - 1].right

    def natural(self, start: int, end: int) -> float:
        inner = self._nat[end] - self._nat[start + 1]
        core = self._core[end] - self._core[start]
        return core + inner + self.start_blank(start) + self.end_blank(end)

    def spread_per_gap(self, start: int, end: int, measure: float) -> float:
        """Extra space each justifiable gap would take to fill `measure` (inf if none can)."""
        extra = measure - self.natural(start, end)
        extra -= self._room[end] - self._room[start + 1]
        if extra <= EPSILON:
            return 0.0
        slots = self.slots(start, end) or self._weak[end] - self._weak[start + 1]
        return extra / slots if slots else float("inf")

    def reach(self, end: int, limit: float) -> float:
        """With `reach_from`: a line from s to e, stretched by at most `limit` per gap, is
        at most `reach(e) - reach_from(s)` wide (both edges' blanks counted at an em)."""
        return self._core[end] + self._nat[end] + self._room[end] + end * limit

    def reach_from(self, start: int, limit: float) -> float:
        return (self._core[start] + self._nat[start + 1] + self._room[start + 1]
                + (start + 1) * limit - self.style.size)

    def compressed(self, start: int, end: int) -> float:
        """The line's width with every punctuation blank it may lose taken out (push in)."""
        inner_shrink = self._shrink[end] - self._shrink[start + 1]
        return self.natural(start, end) - inner_shrink - self.end_blank(end)

    def slots(self, start: int, end: int) -> int:
        """Gaps of the line that justification may widen or narrow."""
        return self._slots[end] - self._slots[start + 1]

    def minimum(self, start: int, end: int) -> float:
        """The least width of the line: compressed, then every justifiable gap narrowed by
        the style's `max_squeeze_em` (justified text only)."""
        return self.compressed(start, end) - self.squeeze * self.slots(start, end)


def break_lines(
    widths: LineWidths, ends: list[int], measure: float, indent: float, problems: list[Problem]
) -> list[LineRange]:
    """Cut the units into lines at cluster ends; report clusters wider than a line."""
    units = widths.units
    count = len(units)
    lines: list[LineRange] = []
    start = 0
    cluster = 0
    while True:
        while start < count and units[start].unit.kind is Kind.SPACE:
            start += 1
        if start >= count:
            break
        available = measure - (indent if not lines else 0.0)
        while ends[cluster] <= start:
            cluster += 1
        best = None
        probe = cluster
        while probe < len(ends) and widths.minimum(start, ends[probe]) <= available + EPSILON:
            best = ends[probe]
            probe += 1
        if best is None:
            best = _split_oversize(widths, start, ends[cluster], available, problems, len(lines))
        lines.append(LineRange(start, best, available))
        start = best
    _avoid_lone_last_character(widths, ends, lines)
    return lines


def _split_oversize(
    widths: LineWidths, start: int, stop: int, available: float, problems: list[Problem], line: int
) -> int:
    """A cluster wider than the line: break it at the last unit that fits, and report it."""
    best = start + 1
    for end in range(start + 1, stop):
        if widths.minimum(start, end) <= available + EPSILON:
            best = end
    text = "".join(m.unit.text for m in widths.units[start:stop])
    problems.append(
        Problem("overfull-line", f"{text!r} is wider than the line and was broken", line, text)
    )
    return best


def content_chars(units: list[Measured]) -> int:
    """Characters that count for the 孤字 rule: Han characters and letters/digits, not marks."""
    total = 0
    for m in units:
        if m.unit.kind is Kind.HAN:
            total += 1
        elif m.unit.kind in (Kind.LATIN, Kind.DIGIT):
            total += max(1, len(m.unit.text) // 2)
    return total


def _avoid_lone_last_character(
    widths: LineWidths, ends: list[int], lines: list[LineRange]
) -> None:
    """No last line of one character (clreq §3.1.7 note; newsroom practice): pull one down."""
    if len(lines) < 2:
        return
    last, before = lines[-1], lines[-2]
    if content_chars(widths.units[last.start : last.end]) >= widths.style.last_line_min_chars:
        return
    inner = [e for e in ends if before.start < e < before.end]
    if not inner:
        return
    cut = inner[-1]
    if content_chars(widths.units[before.start : cut]) < 1:
        return
    if widths.minimum(cut, last.end) > last.measure + EPSILON:
        return
    limit = widths.style.max_gap_em * widths.style.size
    spread = widths.spread_per_gap(before.start, cut, before.measure)
    if widths.style.justify and spread > limit * LOOSE_TOLERANCE:
        return  # a loose line above is worse than the lone character (ragged lines are not spread)
    before.end = cut
    while cut < last.end and widths.units[cut].unit.kind is Kind.SPACE:
        cut += 1
    last.start = cut
