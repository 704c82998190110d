"""Stage: line composition — the plain data the composer takes and gives."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class PunctStyle(Enum):
    """Punctuation width styles (clreq §3.1.4; GB/T 15834—2011 §5)."""

    QUANJIAO = "quanjiao"  # 全角式: every mark a full em, except where the line end rule applies
    KAIMING = "kaiming"  # 开明式: 。？！ full, the other marks half width
    HANGMO = "hangmo"  # 行末半角: full marks, only the line-end mark half width


@dataclass(frozen=True)
class Span:
    """A run of text in one emphasis: `emphasis=True` is the bold/accent figure style."""

    text: str
    emphasis: bool = False


@dataclass(frozen=True)
class ComposeStyle:
    """How a paragraph is set. Sizes in points; em-based values are fractions of `size`."""

    size: float
    punct: PunctStyle = PunctStyle.KAIMING
    indent_em: float = 2.0
    latin_gap_em: float = 0.25  # Han–Latin/digit space, fixed (clreq §3.2.2)
    max_gap_em: float = 0.15  # most extra space between two characters when justifying
    max_squeeze_em: float = 0.03  # most space a justified line takes from between characters
    tracking_em: float = 0.0  # added to every character advance (copyfit ±2 %)
    justify: bool = True  # False: lines ragged (flush left), e.g. headlines set by hand
    last_line_min_chars: int = 2  # no 孤字
    space_em: float | None = None  # width of a word space; None: the font's own
    compress_open_at_start: bool = True  # an opening mark at line start drops its blank half


@dataclass(frozen=True)
class Glyph:
    """One character placed on a line: `x` is where its drawing origin goes (points)."""

    char: str
    x: float
    width: float  # the cell it occupies on the line, after compression and spacing
    face: str  # font face key that draws it
    emphasis: bool = False


@dataclass(frozen=True)
class Problem:
    """Something the composer could not set to the rules, with where it happened."""

    kind: str  # "loose-line", "missing-glyph", "overfull-line", "short-last-line"
    message: str
    line: int | None = None
    chars: str = ""


@dataclass
class Line:
    glyphs: list[Glyph]
    width: float  # the set width of the line (equals the measure for justified lines)
    measure: float
    last: bool = False  # the last line of its paragraph
    first: bool = False
    space_after: bool = False  # a word space was dropped at the break after this line

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)


@dataclass
class Paragraph:
    lines: list[Line] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)
