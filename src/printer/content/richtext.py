"""Stage: content loading — rich text markup: `**…**` marks an emphasised run.

The markup is deliberately tiny: a pair of `**` around a run sets it in the emphasis style
(the bold figures of the highlights box: `增长**5.3%**左右`). A single `*` is an ordinary
character. Everything else about the look of the text belongs to the layout spec.
"""

from __future__ import annotations

from printer.content.model import RichText
from printer.text.model import Span

MARK = "**"


class MarkupError(ValueError):
    """Rich text whose `**` do not pair up; the message says where."""


def parse_rich(text: str) -> RichText:
    """Spans of `text`, emphasis toggled by each `**`. Empty runs are dropped."""
    parts = text.split(MARK)
    if len(parts) % 2 == 0:
        opened = len(text) - len(parts[-1]) - len(MARK) + 1
        raise MarkupError(
            f"unbalanced ** (the emphasis opened at character {opened} is never closed)"
        )
    spans: list[Span] = []
    for index, part in enumerate(parts):
        emphasis = index % 2 == 1
        if emphasis and not part:
            raise MarkupError("empty emphasis (**** has nothing between the marks)")
        if part:
            spans.append(Span(part, emphasis))
    return tuple(spans)


def to_markup(text: RichText) -> str:
    """The rich text written back in content-file markup (`**…**` around emphasis)."""
    return "".join(f"{MARK}{s.text}{MARK}" if s.emphasis else s.text for s in text)
