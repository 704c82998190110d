"""Test tools: the space a reader sees between characters, read back from a PDF.

Characters are taken with pdfplumber (their cells from the fonts' own widths), so this
measures what is printed, not what the composer meant. Two kinds of gap, in em of the text's
size, on every run of body-size characters sharing a baseline:
- between two Han characters: the space justification added (0 on a line set solid);
- between a Han character and a Latin letter or figure, either way round (clreq §3.2.2).
"""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from pagekit import Char, read_chars


def is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("CJK UNIFIED IDEOGRAPH",
                                                  "CJK COMPATIBILITY IDEOGRAPH"))


def is_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


@dataclass(frozen=True)
class Gap:
    em: float
    left: str
    right: str
    line: str  # the run of text the gap is in, for messages


def column_spans(layout: Path) -> list[tuple[float, float]]:
    """The x extent of each grid column of a layout, in page points."""
    from printer.layout import load

    spec = load(layout)
    left = spec.page.margin_left
    spans = (spec.grid.span(k, k + 1) for k in range(spec.grid.columns))
    return [(left + x, left + x + width) for x, width in spans]


def runs(chars: list[Char], size: float, columns: list[tuple[float, float]],
         font: str) -> list[list[Char]]:
    """Lines of body text: characters of `size` on one baseline within one grid column, in
    runs where most characters are in `font` (the body face; figures in another face stay)."""
    rows: dict[tuple[float, int], list[Char]] = {}
    for char in chars:
        middle = (char.x0 + char.x1) / 2
        column = next((k for k, (x0, x1) in enumerate(columns) if x0 - 1 <= middle <= x1 + 1),
                      None)
        if column is not None and abs(char.size - size) < 0.05:
            rows.setdefault((round(char.baseline, 1), column), []).append(char)
    found = []
    for row in rows.values():
        if sum(font in c.font for c in row) * 2 > len(row):
            found.append(sorted(row, key=lambda c: c.x0))
    return found


def gaps(pdf: Path, size: float, columns: list[tuple[float, float]],
         font: str = "NotoSerifCJK") -> tuple[list[Gap], list[Gap]]:
    """(Han–Han gaps, Han–Latin/figure gaps) of the body text of `pdf`."""
    chars, _ = read_chars(pdf)
    han: list[Gap] = []
    mixed: list[Gap] = []
    for run in runs(chars, size, columns, font):
        text = "".join(c.text for c in run)
        for a, b in pairwise(run):
            em = (b.x0 - a.x1) / size
            if is_han(a.text) and is_han(b.text):
                han.append(Gap(em, a.text, b.text, text))
            elif (is_han(a.text) and is_alnum(b.text)) or (is_alnum(a.text) and is_han(b.text)):
                mixed.append(Gap(em, a.text, b.text, text))
    return han, mixed


def distribution(values: list[float]) -> str:
    """Median, 95th percentile and worst, in em."""
    if not values:
        return "none"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"median {statistics.median(ordered):.3f} em, 95th percentile {p95:.3f} em, "
            f"worst {ordered[-1]:.3f} em (n={len(ordered)})")
