"""Stage: line composition — justification and glyph placement.

Every line but a paragraph's last is set flush to both edges (clreq §3.2.4 / §3.8). Reduce
first, in this order: the line-end mark's blank (全角式 only; the other styles never keep it),
the blanks of marks inside the line (push in), then up to `max_squeeze_em` from each gap
between characters. Expand by equal space between characters — never inside a word or
number, after an opening mark or before a closing one, nor beside the fixed Han–Latin space
(clreq §3.2.2); inside a URL only where nothing else can take it. More than `max_gap_em` per
gap is a loose line and is reported.
"""

from __future__ import annotations

from printer.text.breaker import EPSILON, LOOSE_TOLERANCE, LineRange, LineWidths
from printer.text.classify import Kind
from printer.text.measure import Interface, Measured
from printer.text.model import Glyph, Line, Problem


def place_line(
    widths: LineWidths, rng: LineRange, x0: float, last: bool, number: int, problems: list[Problem]
) -> Line:
    """Fix the width of every space on the line and position its glyphs from `x0`."""
    s, e = rng.start, rng.end
    faces = widths.faces[s + 1 : e]
    spaces = [f.natural for f in faces]
    end_blank = widths.end_blank(e)
    delta = rng.measure - widths.natural(s, e)
    if delta < -EPSILON:
        end_blank = _shrink(faces, spaces, end_blank, -delta, widths.squeeze)
    elif delta > EPSILON and widths.style.justify and not last:
        _stretch(faces, spaces, delta, widths, number, problems)
    glyphs, x = _place(widths.units[s:e], spaces, x0 + widths.start_blank(s), widths)
    x += end_blank
    return Line(glyphs=glyphs, width=x - x0, measure=rng.measure, last=last, first=number == 0)


def _shrink(faces: list[Interface], spaces: list[float], end_blank: float, need: float,
            squeeze: float) -> float:
    """Narrow the line by `need`: the line-end blank, then the marks' blanks (push in), then
    up to `squeeze` from each justifiable gap."""
    take = min(end_blank, need)
    end_blank -= take
    need -= take
    room = [max(0.0, spaces[i] - f.gap_min) for i, f in enumerate(faces)]
    total = sum(room)
    if need > EPSILON and total > EPSILON:
        ratio = min(1.0, need / total)
        for i in range(len(spaces)):
            spaces[i] -= room[i] * ratio
        need -= total * ratio
    slots = [i for i, f in enumerate(faces) if f.justifiable]
    if need > EPSILON and slots:
        each = min(squeeze, need / len(slots))
        for i in slots:
            spaces[i] -= each
    return end_blank


def _stretch(
    faces: list[Interface],
    spaces: list[float],
    extra: float,
    widths: LineWidths,
    number: int,
    problems: list[Problem],
) -> None:
    room = [f.gap_max - f.gap if f.gap_max > 0 else 0.0 for f in faces]
    total = sum(room)
    if total > EPSILON:
        ratio = min(1.0, extra / total)
        for i in range(len(spaces)):
            spaces[i] += room[i] * ratio
        extra -= total * ratio
    if extra <= EPSILON:
        return
    slots = ([i for i, f in enumerate(faces) if f.justifiable]
             or [i for i, f in enumerate(faces) if f.weak] or list(range(len(faces))))
    if not slots:
        problems.append(Problem("loose-line", "a line with one unit cannot be justified", number))
        return
    each = extra / len(slots)
    for i in slots:
        spaces[i] += each
    limit = widths.style.max_gap_em * widths.style.size
    if each > limit * LOOSE_TOLERANCE:
        text = "".join(m.unit.text for m in widths.units)
        problems.append(
            Problem(
                "loose-line",
                f"line {number + 1} needs {each / widths.style.size:.2f} em between characters "
                f"(at most {widths.style.max_gap_em} em)",
                number,
                text[:20],
            )
        )


def _place(
    units: list[Measured], spaces: list[float], x: float, widths: LineWidths
) -> tuple[list[Glyph], float]:
    em = widths.style.size
    track = widths.style.tracking_em * em
    glyphs: list[Glyph] = []
    for index, measured in enumerate(units):
        if index:
            x += spaces[index - 1]
        kind = measured.unit.kind
        if kind is Kind.DASH:
            for cell in measured.cells:
                step = em + track
                glyphs.append(Glyph(cell.char, x + (step - cell.advance) / 2, step, cell.face,
                                    cell.emphasis))
                x += step
            continue
        if len(measured.cells) == 1:
            cell = measured.cells[0]
            glyphs.append(Glyph(cell.char, x - measured.ink_shift, measured.core, cell.face,
                                cell.emphasis))
            x += measured.core
            continue
        for cell in measured.cells:
            glyphs.append(Glyph(cell.char, x, cell.advance + track, cell.face, cell.emphasis))
            x += cell.advance + track
    return glyphs, x
