"""Stage: line composition — the widths of units and of the space between them.

Punctuation model (clreq §3.1.4–3.1.6, GB/T 15834—2011 §5.1): a full-width mark is half an em of
ink plus half an em of blank — on the right for pause, stop and closing marks, on the left for
opening marks, a quarter each side for interpuncts. Compression removes blank, never squashes a
glyph. Style decides which blanks exist mid-line:
- 全角式 (quanjiao): all blanks kept; the line-end blank may be squeezed when a line must shrink;
- 开明式 (kaiming): only 。？！ keep theirs mid-line; the line-end blank is always removed;
- 行末半角 (hangmo): all blanks kept mid-line; the line-end blank is always removed.
Between two adjacent marks only one blank survives, so two marks take 1.5 em (clreq §3.1.6).
Between a Han character and a Latin letter or digit there is a fixed ¼ em (the style's
`latin_gap_em`, clreq §3.2.2), never used to justify; none at the edges of a line.
"""

from __future__ import annotations

from dataclasses import dataclass

from printer.text.classify import MAGNITUDES, Kind
from printer.text.metrics import GlyphSource
from printer.text.model import ComposeStyle, Problem, PunctStyle
from printer.text.segment import Unit

_MARKS = (Kind.OPEN, Kind.CLOSE, Kind.PAUSE, Kind.STOP, Kind.MIDDLE)
_BLANK_RIGHT = (Kind.CLOSE, Kind.PAUSE, Kind.STOP)
_ALNUM = (Kind.LATIN, Kind.DIGIT)


@dataclass(slots=True)
class GlyphCell:
    char: str
    face: str
    advance: float  # the font's advance in points
    emphasis: bool


@dataclass(slots=True)
class Measured:
    """A unit with its widths in points."""

    unit: Unit
    cells: list[GlyphCell]
    core: float  # ink part: the width nothing may reduce
    left: float  # blank on the left (opening marks, interpuncts)
    right: float  # blank on the right (closing, pause and stop marks, interpuncts)
    ink_shift: float  # where the glyph origin sits before the ink starts (opening marks)


@dataclass(slots=True)
class Interface:
    """The space between two neighbouring units on one line."""

    blank: float  # punctuation blank that survives adjacency compression
    gap: float  # Han–Latin space, natural
    gap_min: float
    gap_max: float
    justifiable: bool  # may take extra space when the line is spread
    weak: bool = False  # may take it only where the line has no justifiable gap (in a URL)

    @property
    def natural(self) -> float:
        return self.blank + self.gap

    @property
    def shrink(self) -> float:
        return self.blank + self.gap - self.gap_min


def measure_units(
    units: list[Unit],
    emphasis: list[bool],
    style: ComposeStyle,
    source: GlyphSource,
    problems: list[Problem],
) -> list[Measured]:
    """Measure every unit; characters no face can draw are reported and set one em wide."""
    em = style.size
    track = style.tracking_em * em
    measured: list[Measured] = []
    for unit in units:
        cells: list[GlyphCell] = []
        for offset, char in enumerate(unit.text):
            emph = emphasis[unit.start + offset]
            found = source.glyph(char, emph)
            if found is None:
                message = f"no font has a glyph for {char!r} (U+{ord(char):04X})"
                problems.append(Problem("missing-glyph", message, chars=char))
                cells.append(GlyphCell(char, "", em, emph))
            else:
                cells.append(GlyphCell(char, found[0], found[1] * em, emph))
        measured.append(_measure_unit(unit, cells, style, track))
    return measured


def split_wide_units(
    measured: list[Measured], limit: float, problems: list[Problem]
) -> list[Measured]:
    """Break words wider than any line (long URLs, codes) into pieces that fit, preferring
    to cut after / . - _ ; reported, since no rule allows it (clreq §3.3 asks for a hyphen
    or a break opportunity)."""
    out: list[Measured] = []
    for unit in measured:
        if unit.unit.kind not in _ALNUM or unit.core <= limit or len(unit.cells) < 2:
            out.append(unit)
            continue
        problems.append(Problem("overfull-line", f"{unit.unit.text!r} is wider than a line and "
                                "was broken without a hyphen", chars=unit.unit.text))
        out.extend(_pieces(unit, limit))
    return out


def _pieces(unit: Measured, limit: float) -> list[Measured]:
    pieces: list[Measured] = []
    cells = unit.cells
    start = 0
    while start < len(cells):
        width, end, cut = 0.0, start, start
        while end < len(cells) and (end == start or width + cells[end].advance <= limit):
            width += cells[end].advance
            end += 1
            if cells[end - 1].char in "/.-_?&=":
                cut = end
        if end < len(cells) and cut > start:
            end = cut
        chunk = cells[start:end]
        text = "".join(c.char for c in chunk)
        piece = Unit(text, unit.unit.kind, unit.unit.start + start, broken=end < len(cells))
        core = sum(c.advance for c in chunk) + (unit.core - sum(c.advance for c in cells)) * len(
            chunk) / len(cells)
        pieces.append(Measured(piece, chunk, core, 0.0, 0.0, 0.0))
        start = end
    return pieces


def _measure_unit(
    unit: Unit, cells: list[GlyphCell], style: ComposeStyle, track: float
) -> Measured:
    em = style.size
    kind = unit.kind
    if kind in _MARKS:
        advance = cells[0].advance
        core = em / 2 if advance >= 0.75 * em else advance
        blank = _mark_blank(kind, core, style)
        left, right = _split_blank(kind, blank)
        shift = advance - core if kind is Kind.OPEN else 0.0
        if kind is Kind.MIDDLE:
            shift = (advance - core) / 2
        return Measured(unit, cells, core + track, left, right, shift)
    if kind is Kind.DASH:
        # Two-em marks are set solid, one em per character, centred in their cells.
        return Measured(unit, cells, len(cells) * (em + track), 0.0, 0.0, 0.0)
    if kind is Kind.SPACE and style.space_em is not None:
        return Measured(unit, cells, style.space_em * em * len(cells), 0.0, 0.0, 0.0)
    core = sum(cell.advance for cell in cells) + track * len(cells)
    return Measured(unit, cells, core, 0.0, 0.0, 0.0)


def _mark_blank(kind: Kind, core: float, style: ComposeStyle) -> float:
    """Blank the mark keeps mid-line in this style (clreq §3.1.4 styles)."""
    em = style.size
    if style.punct is PunctStyle.KAIMING and kind is not Kind.STOP:
        return max(0.0, em / 2 - core)
    return max(0.0, em - core)


def _split_blank(kind: Kind, blank: float) -> tuple[float, float]:
    if kind is Kind.OPEN:
        return blank, 0.0
    if kind is Kind.MIDDLE:
        return blank / 2, blank / 2
    return 0.0, blank


def interface(left: Measured, right: Measured, style: ComposeStyle) -> Interface:
    """Space between `left` and `right` when they share a line (clreq §3.1.6, §3.2.2)."""
    lk, rk = _right_edge_kind(left.unit), right.unit.kind
    if lk in _MARKS and rk in _MARKS:
        if rk in _BLANK_RIGHT:
            blank = right.left  # a closing mark after a mark: the first's blank goes
        elif lk is Kind.OPEN:
            blank = left.right  # a mark after an opening mark: the second's blank goes
        else:
            blank = max(left.right, right.left)
    else:
        blank = left.right + right.left
    gap = 0.0
    if (lk is Kind.HAN and rk in _ALNUM) or (lk in _ALNUM and rk is Kind.HAN):
        gap = style.latin_gap_em * style.size  # fixed: neither stretch nor shrink
    # Extra space goes between characters, not inside a bracket or before a closing mark, and
    # once per word space (after the space, not before it).
    justifiable = (lk is not Kind.OPEN and rk not in _BLANK_RIGHT and rk is not Kind.SPACE
                   and not gap  # the Han–Latin space stays as it is
                   and not left.unit.broken)  # a URL is spaced out only as a last resort
    return Interface(blank, gap, gap, gap, justifiable, left.unit.broken and not gap)


def _right_edge_kind(unit: Unit) -> Kind:
    """`1.5万` ends in a Han character: no Han–Latin space after it (1.5万吨)."""
    if unit.kind is Kind.DIGIT and unit.last in MAGNITUDES:
        return Kind.HAN
    return unit.kind


def end_blank_is_removed(style: ComposeStyle) -> bool:
    """Whether a line-end mark always loses its blank (GB/T 15834 §5.1.10; not in 全角式)."""
    return style.punct is not PunctStyle.QUANJIAO
