"""Stage: line composition — cutting text into unbreakable units and finding break points.

A unit is what a line may never split (clreq §3.1.7, GB/T 15835—2011):
one Han character or mark; a run of two-em marks (`——`, `……`); a Latin word; a number with its
sign, decimal point, separators, per-cent/degree sign and magnitude (`108.7`, `95.7%`, `3+13+N`,
`1.5万`, `108.7亿`). Between two units a break is allowed unless the rules glue them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from printer.text.classify import (
    NO_LINE_END,
    NO_LINE_START,
    Kind,
    kind_of,
)

_ALNUM = r"0-9A-Za-z０-９\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF"
_JOIN = r"\.,:+\-−/×_'’·&"
_WORD = (
    rf"(?:[+\-−±](?=[0-9０-９]))?"  # a sign before a number
    rf"[{_ALNUM}]+(?:[{_JOIN}]+[{_ALNUM}]+)*"  # words and numbers with inner joiners
    r"(?:[%‰℃°′″％]+)?"  # per-cent, per-mille and degree signs belong to the number
)
# URLs and e-mail addresses: one word each, but a line may break after `/`, `.` or `-` in them
# (with no hyphen added), where a break inside a word is otherwise never allowed.
_LINK = (
    r"(?:https?://|ftp://|www\.)[!-~]*[A-Za-z0-9/#=_~\-]"
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
)
_LINK_PIECE = re.compile(r"[^/.\-]*[/.\-]+|[^/.\-]+")
_TOKEN = re.compile(
    rf"(?P<link>{_LINK})"
    rf"|(?P<word>{_WORD})"
    r"|(?P<dash>—+|…+|―+|‥+)"
    r"|(?P<space>[ \t\u00a0]+)"
    r"|(?P<char>.)",
    re.DOTALL,
)
_MAGNITUDE = re.compile(r"[万亿兆]")


@dataclass(frozen=True, slots=True)
class Unit:
    """An unbreakable run of characters; `kind` drives spacing and justification."""

    text: str
    kind: Kind
    start: int  # index of the first character in the paragraph text
    broken: bool = False  # a piece of a word too wide for any line: a break may follow it

    @property
    def first(self) -> str:
        return self.text[0]

    @property
    def last(self) -> str:
        return self.text[-1]


def _word_kind(text: str) -> Kind:
    return Kind.DIGIT if any(c.isdigit() for c in text) else Kind.LATIN


def segment(text: str) -> list[Unit]:
    """Cut `text` into units, left to right; the units' texts joined equal `text`."""
    units: list[Unit] = []
    for match in _TOKEN.finditer(text):
        group = match.lastgroup
        token = match.group()
        start = match.start()
        if group == "link":
            units += _link_pieces(token, start)
        elif group == "word":
            units.append(Unit(token, _word_kind(token), start))
        elif group == "dash":
            units.append(Unit(token, Kind.DASH, start))
        elif group == "space":
            units.append(Unit(token, Kind.SPACE, start))
        else:
            units.append(Unit(token, kind_of(token), start))
    return _attach_magnitudes(units)


def _link_pieces(link: str, start: int) -> list[Unit]:
    """A URL or address cut after each run of `/ . -`: a break may follow every piece but
    the last."""
    pieces = [m for m in _LINK_PIECE.finditer(link) if m.group()]
    return [Unit(m.group(), Kind.LATIN, start + m.start(), broken=i < len(pieces) - 1)
            for i, m in enumerate(pieces)]


def _attach_magnitudes(units: list[Unit]) -> list[Unit]:
    """`1.5万`, `108.7亿`: the magnitude stays with its number (GB/T 15835 §4.1)."""
    out: list[Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind is Kind.DIGIT
            and prev.last.isdigit()
            and _MAGNITUDE.fullmatch(unit.text)
        ):
            out[-1] = Unit(prev.text + unit.text, Kind.DIGIT, prev.start)
        else:
            out.append(unit)
    return out


def can_break_between(left: Unit, right: Unit, after: Unit | None = None) -> bool:
    """Whether a line may end after `left` and the next begin with `right` (clreq §3.1.7).

    A space is where Latin words break: the line ends before it and the space is dropped, so a
    break before a space is judged by the unit `after` the space.
    """
    if left.kind is Kind.SPACE:
        return False  # the space travels to the next line's start, where it is dropped
    if left.broken:
        return True
    if left.last in NO_LINE_END:
        return False
    if right.kind is Kind.SPACE:
        return after is None or after.first not in NO_LINE_START
    if right.first in NO_LINE_START and not _is_signed_number(right):
        return False
    # Latin or digits directly after Latin or digits stay together.
    return not (left.kind in _ALNUM_KINDS and right.kind in _ALNUM_KINDS)


_ALNUM_KINDS = (Kind.LATIN, Kind.DIGIT)


def _is_signed_number(unit: Unit) -> bool:
    """`-3.2%` may start a line: its minus is a sign, not a connector (GB/T 15835 §4)."""
    return unit.kind is Kind.DIGIT and len(unit.text) > 1 and unit.text[1].isdigit()


def cluster_ends(units: list[Unit]) -> list[int]:
    """Indices (exclusive) where each unbreakable cluster of units ends, in order."""
    ends: list[int] = []
    count = len(units)
    for i in range(1, count):
        after = units[i + 1] if i + 1 < count else None
        if can_break_between(units[i - 1], units[i], after):
            ends.append(i)
    ends.append(count)
    return ends
