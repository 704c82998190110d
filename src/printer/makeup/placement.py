"""Stage: makeup — putting composed lines, bars and boxes on the page grid.

`Placer` holds the page being made: the grid and its origin on the trim, the typesetter, the
items and the findings. Element code asks it to place a line on a grid line, a block of lines
in a rectangle, a bar; it turns composer problems into findings that name the content key.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from printer.layout.model import Bar, LayoutSpec, Rect
from printer.makeup.typeset import Typesetter, baseline, line_offset, line_runs
from printer.page import Box, Finding, Item, Rule, TextRun
from printer.text import Line, Paragraph, Span


def lines_text(count: int) -> str:
    return f"{count} line" if count == 1 else f"{count} lines"


class Placer:
    def __init__(self, spec: LayoutSpec, typesetter: Typesetter) -> None:
        self.spec = spec
        self.grid = spec.grid
        self.typesetter = typesetter
        self.origin = (spec.page.margin_left, spec.page.margin_top)
        self.items: list[Item] = []
        self.findings: list[Finding] = []

    # -- reports -----------------------------------------------------------------------------
    def text_runs(self) -> list[TextRun]:
        return [item for item in self.items if isinstance(item, TextRun)]

    def report(self, finding: Finding) -> None:
        self.findings.append(finding)

    def composed(self, paragraph: Paragraph, key: str) -> None:
        """Report what the composer could not set by the rules, naming the content key."""
        from printer.makeup.story import problem_findings

        self.findings.extend(problem_findings(paragraph.problems, key))

    # -- geometry ----------------------------------------------------------------------------
    def rect_box(self, rect: Rect) -> tuple[float, float, float, float]:
        """Page x, y, width, height of a grid rectangle."""
        x, y, width, height = self.grid.box(rect)
        return self.origin[0] + x, self.origin[1] + y, width, height

    def line_top(self, line: int) -> float:
        return self.origin[1] + self.grid.line_y(line)

    # -- text --------------------------------------------------------------------------------
    def place_line(
        self, line: Line, style_name: str, x: float, top: float, leading: float, measure: float,
        element: str,
    ) -> None:
        style = self.typesetter.styles[style_name]
        shift = line_offset(line, style.align, measure)
        base = baseline(top, leading, style.size)
        self.items.extend(line_runs(line, style, element, x + shift, base))

    def stack_lines(
        self, lines: Sequence[Line], style_name: str, x: float, top: float, width: float,
        element: str, bottom: float,
    ) -> float:
        """Lines one under another in the style's leading, down to `bottom`; lines that would
        cross it are not drawn but reported as overset with their text. Returns the next top."""
        style = self.typesetter.styles[style_name]
        for index, line in enumerate(lines):
            if top + style.leading > bottom + 0.01:
                self.report_dropped(element, lines[index:])
                break
            self.place_line(line, style_name, x, top, style.leading, width, element)
            top += style.leading
        return top

    def report_dropped(self, element: str, lines: Sequence[Line]) -> None:
        text = "".join(line.text for line in lines)
        message = (f"overset by {lines_text(len(lines))} ({len(text)} characters): "
                   f"{text[:24]}…")
        self.report(Finding("error", element, "overset", message, lines=len(lines),
                            chars=len(text), text=text))

    def grid_line(
        self, line: Line, style_name: str, frame: Rect, number: int, element: str
    ) -> None:
        """A line on grid line `number` of a frame: baselines shared across columns."""
        x, _, width, _ = self.rect_box(frame)
        self.place_line(line, style_name, x, self.line_top(number), self.grid.line_pitch, width,
                        element)

    def lines_block(
        self,
        spans: Sequence[Span],
        style_name: str,
        rect: Rect,
        top_line: int,
        element: str,
        *,
        columns: tuple[int, int] | None = None,
        tracking: float = 0.0,
    ) -> int:
        """Set text across `rect` (or `columns`) from grid line `top_line`, in its own leading;
        returns the first grid line below it. Lines past the rect's foot are overset."""
        first, end = columns or rect.columns
        x, width = self.grid.span(first, end)
        x += self.origin[0]
        paragraph = self.typesetter.set(spans, style_name, width, indent=0.0, tracking=tracking)
        self.composed(paragraph, element)
        top = self.line_top(top_line)
        top = self.stack_lines(paragraph.lines, style_name, x, top, width, element,
                               self.line_top(rect.lines[1]))
        used = top - self.line_top(top_line)
        return top_line + math.ceil(used / self.grid.line_pitch - 1e-6)

    # -- bars -------------------------------------------------------------------------------
    def banner(self, lines: Sequence[Line], bar: Bar, frame: Rect, line: int, height: int,
               element: str) -> None:
        """A ■ banner on grid line `line` of a frame, `height` lines tall."""
        x, _, width, _ = self.rect_box(frame)
        self.bar(lines, bar, x, self.line_top(line), width, height * self.grid.line_pitch,
                 element)

    def bar(
        self, lines: Sequence[Line], bar: Bar, x: float, top: float, width: float, height: float,
        element: str,
    ) -> None:
        """A bar (banner, box head): its tint, its rule, its marker in the emphasis colour, and
        its lines centred between equal margins above and below, `bar.padding` in from the
        left (the marker first) and never closer than that to the right."""
        style = self.typesetter.styles[bar.style]
        if bar.fill:
            self.items.append(Box(element, x, top, width, height, fill=bar.fill))
        if bar.rule:
            y = top + height
            self.items.append(Rule(element, x, y, x + width, y, bar.rule, bar.rule_width))
        text_top = top + (height - len(lines) * style.leading) / 2
        indent = bar.padding
        if bar.marker:
            marker = self.typesetter.set([Span(bar.marker, emphasis=True)], bar.style, width,
                                         indent=0.0)
            self.place_line(marker.lines[0], bar.style, x + indent, text_top, style.leading,
                            width, f"{element}.marker")
            indent += style.size * (len(bar.marker) + 0.25)
        for text_line in lines:
            self.place_line(text_line, bar.style, x + indent, text_top, style.leading,
                            width - indent - bar.padding, element)
            text_top += style.leading
