"""Stage: makeup — display text: titles, kickers and banners set at a size that fits.

A title is tried at each size the layout allows, largest first, and set at the first size at
which it wraps at phrase boundaries (`phrases`) into the lines allowed. It is never cut: when
no allowed size fits, it is set anyway — in more lines, or, if one phrase alone is wider than
the measure, broken inside that phrase by the composer's rules — and the setting carries an
error naming the element and what would fit (typesetting reference §4).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from printer.makeup.phrases import phrase_lines
from printer.makeup.typeset import Typesetter
from printer.page import Finding
from printer.text import Line, Span


@dataclass(frozen=True)
class DisplayText:
    """Lines of display text in one style (possibly a stepped-down size of the layout's)."""

    style: str
    lines: tuple[Line, ...]
    leading: float
    findings: tuple[Finding, ...] = field(default=())

    @property
    def height(self) -> float:
        return len(self.lines) * self.leading


def set_display(
    typesetter: Typesetter, text: str, style: str, measure: float, sizes: tuple[float, ...],
    max_lines: int, element: str,
) -> DisplayText:
    """`text` at the largest of `sizes` at which it wraps at phrases into `max_lines`."""
    for size in sizes:
        name = typesetter.sized(style, size)
        texts = _lines(typesetter, text, name, measure, max_lines)
        if texts is not None:
            return _display(typesetter, texts, name, measure)
    name = typesetter.sized(style, sizes[-1])
    size = typesetter.styles[name].size
    fits = int(measure // size) * max_lines
    texts = _lines(typesetter, text, name, measure, len(text))
    if texts is not None:
        message = (f"needs {len(texts)} lines even at {size:g}pt; the layout allows "
                   f"{max_lines} (about {fits} characters fit)")
        setting = _display(typesetter, texts, name, measure)
    else:
        message = (f"has a phrase wider than a line even at {size:g}pt, so it breaks "
                   f"inside a phrase; put a space between its phrases or shorten it")
        paragraph = typesetter.set([Span(text)], name, measure, indent=0.0, space_em=1.0)
        setting = DisplayText(name, tuple(paragraph.lines), typesetter.styles[name].leading)
    finding = Finding("error", element, "overset", message, lines=len(setting.lines) - max_lines,
                      chars=len(text), text=text)
    return DisplayText(setting.style, setting.lines, setting.leading, (finding,))


def _lines(
    typesetter: Typesetter, text: str, style: str, measure: float, max_lines: int
) -> list[str] | None:
    return phrase_lines(text, lambda part: typesetter.display_width(part, style), measure,
                        max_lines)


def _display(typesetter: Typesetter, texts: list[str], style: str, measure: float) -> DisplayText:
    lines = []
    for text in texts:
        paragraph = typesetter.set([Span(text)], style, measure, indent=0.0, space_em=1.0)
        lines.extend(paragraph.lines)
    return DisplayText(style, tuple(lines), typesetter.styles[style].leading)
