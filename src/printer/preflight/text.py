"""Stage: preflight — the page's text read back from the PDF, as lines of columns.

Characters come from PDFium (their Unicode, origin, size and advance box), drawn ones only.
They are grouped into lines by baseline, a line is cut into column pieces where the gap to the
next character is wider than a gutter would be, and pieces stacked at the line pitch with
overlapping extents and one size of type form a column block; an indented piece starts a new
paragraph. Each
paragraph's lines then go to `printer.text.rules.check_lines`, the composer's independent
checker (clreq §3.1.7, GB/T 15834 §5.1, GB/T 15835), so a PDF from anywhere is held to the
same line rules as the makeup.
"""

from __future__ import annotations

import ctypes
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from printer.text.rules import Violation, check_lines

COLUMN_GAP = 0.6  # em: a wider gap between two characters on a baseline parts two columns
LINE_STEP = 2.2  # em: lines further apart than this are not one column block
INDENT = 1.5  # em: a piece starting this far right of its block starts a paragraph


@dataclass(frozen=True)
class Char:
    text: str
    x: float  # origin, page space (points, y upward)
    baseline: float
    size: float
    left: float  # advance box
    right: float
    top: float
    bottom: float
    ink_left: float  # the glyph's own box: where ink falls
    ink_right: float


@dataclass
class Piece:
    """The characters of one line in one column."""

    chars: list[Char]

    @property
    def left(self) -> float:
        return self.chars[0].left

    @property
    def right(self) -> float:
        return self.chars[-1].right

    @property
    def baseline(self) -> float:
        return self.chars[0].baseline

    @property
    def size(self) -> float:
        return max(c.size for c in self.chars)

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)


@dataclass
class Block:
    pieces: list[Piece] = field(default_factory=list)

    def paragraphs(self) -> list[list[Piece]]:
        left = min(p.left for p in self.pieces)
        out: list[list[Piece]] = []
        for piece in self.pieces:
            if not out or piece.left > left + INDENT * piece.size:
                out.append([])
            out[-1].append(piece)
        return out


def page_chars(pdf: Path, index: int = 0) -> list[Char]:
    """The drawn characters of a page (generated spaces and line ends left out)."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        textpage = document[index].get_textpage()
        raw = textpage.raw
        x, y = ctypes.c_double(), ctypes.c_double()
        ink = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top
        box = pdfium_c.FS_RECTF()
        chars = []
        for i in range(textpage.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(raw, i)
            if pdfium_c.FPDFText_IsGenerated(raw, i) or code in (0xFFFE, 0xFFFF):
                continue
            text = chr(code) if code else "\0"
            if text.isspace():
                continue
            pdfium_c.FPDFText_GetCharOrigin(raw, i, x, y)
            pdfium_c.FPDFText_GetLooseCharBox(raw, i, box)
            pdfium_c.FPDFText_GetCharBox(raw, i, *ink)
            size = pdfium_c.FPDFText_GetFontSize(raw, i)
            chars.append(Char(text, x.value, y.value, size, box.left, box.right, box.top,
                              box.bottom, ink[0].value, ink[1].value))
        return chars
    finally:
        document.close()


def blocks(chars: list[Char]) -> list[Block]:
    """Column blocks of the page, top to bottom."""
    lines: dict[float, list[Char]] = defaultdict(list)
    for char in chars:
        lines[round(char.baseline, 1)].append(char)
    pieces: list[Piece] = []
    for baseline in sorted(lines, reverse=True):
        row = sorted(lines[baseline], key=lambda c: c.x)
        piece = Piece([row[0]])
        for char in row[1:]:
            if char.left - piece.right > COLUMN_GAP * max(char.size, piece.size):
                pieces.append(piece)
                piece = Piece([char])
            else:
                piece.chars.append(char)
        pieces.append(piece)
    found: list[Block] = []
    for piece in pieces:  # top to bottom, left to right
        block = next((b for b in reversed(found) if _continues(b.pieces[-1], piece)), None)
        if block is None:
            found.append(Block([piece]))
        else:
            block.pieces.append(piece)
    return found


def _continues(above: Piece, below: Piece) -> bool:
    """Whether `below` is the next line of the paragraph `above` ends: the same size of type
    (a headline over its deck is two texts), a line pitch below, overlapping across."""
    if abs(above.size - below.size) > 0.05 * max(above.size, below.size):
        return False
    step = above.baseline - below.baseline
    if not 0 < step <= LINE_STEP * max(above.size, below.size):
        return False
    overlap = min(above.right, below.right) - max(above.left, below.left)
    return overlap > 0.5 * min(above.right - above.left, below.right - below.left)


def prohibitions(found: list[Block]) -> list[tuple[Violation, str]]:
    """Every line rule broken, with the line's text for the report."""
    out: list[tuple[Violation, str]] = []
    for block in found:
        for paragraph in block.paragraphs():
            lines = [piece.text for piece in paragraph]
            for violation in check_lines(lines):
                out.append((violation, lines[violation.line]))
    return out
