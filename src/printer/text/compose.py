"""Stage: line composition — the composer's entry point.

collect (spans → text + emphasis) → segment (units, clusters) → measure (widths, interfaces)
→ break (total fit for justified text, first fit for ragged) → justify and place.
Pure: no I/O, no fonts opened.
"""

from __future__ import annotations

from collections.abc import Sequence

from printer.text.breaker import LineWidths, break_lines
from printer.text.classify import Kind
from printer.text.justify import place_line
from printer.text.measure import measure_units, split_wide_units
from printer.text.metrics import GlyphSource
from printer.text.model import ComposeStyle, Paragraph, Problem, Span
from printer.text.segment import cluster_ends, segment
from printer.text.totalfit import total_fit


def compose(
    spans: Sequence[Span], style: ComposeStyle, measure: float, source: GlyphSource
) -> Paragraph:
    """Set a paragraph of rich text into lines of `measure` points."""
    text = "".join(span.text for span in spans)
    emphasis = [span.emphasis for span in spans for _ in span.text]
    problems: list[Problem] = []
    units = segment(text)
    if not units:
        return Paragraph([], problems)
    measured = measure_units(units, emphasis, style, source, problems)
    measured = split_wide_units(measured, measure, problems)
    units = [m.unit for m in measured]
    widths = LineWidths(measured, style)
    indent = style.indent_em * style.size
    ends = cluster_ends(units)
    ranges = total_fit(widths, ends, measure, indent) if style.justify else None
    if ranges is None:  # ragged text, or a cluster wider than the line: first fit
        ranges = break_lines(widths, ends, measure, indent, problems)
    lines = []
    for number, rng in enumerate(ranges):
        x0 = indent if number == 0 else 0.0
        last = number == len(ranges) - 1
        line = place_line(widths, rng, x0, last, number, problems)
        if rng.end < len(units) and units[rng.end].kind is Kind.SPACE:
            line.space_after = True
        lines.append(line)
    return Paragraph(lines, problems)
