"""Stage: line composition — an independent checker of the line rules.

Given the lines of a paragraph as plain text (from the composer, or read back from a PDF), list
every broken rule: a prohibited mark at a line start or end (clreq §3.1.7, GB/T 15834 §5.1) and
a split unbreakable unit — two-em marks, numbers with their signs and magnitudes, Latin words
(GB/T 15835). It shares no code with the composer on purpose, so it can catch its mistakes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from printer.text.classify import NO_LINE_END, NO_LINE_START

_UNBREAKABLE = re.compile(
    r"——+|……+"
    r"|[+\-−±]?[0-9]+(?:[.,:+\-/×][0-9A-Za-z]+)*[%‰℃°]?[万亿兆]?"
    r"|[A-Za-z]+(?:[0-9+\-'’][0-9A-Za-z]+)*"
)


@dataclass(frozen=True)
class Violation:
    line: int  # 0-based line of the paragraph
    rule: str  # "line-start", "line-end", "split-unit"
    text: str

    def __str__(self) -> str:
        return f"line {self.line + 1}: {self.rule}: {self.text!r}"


def check_lines(lines: Sequence[str]) -> list[Violation]:
    """All rule violations in a paragraph given as its lines.

    The lines joined must give the paragraph text: a word space dropped at a break stays at the
    end of its line here.
    """
    found: list[Violation] = []
    for number, line in enumerate(lines):
        body = line.strip()
        if not body:
            continue
        signed_number = len(body) > 1 and body[0] in "+-−" and body[1].isdigit()
        if number > 0 and body[0] in NO_LINE_START and not signed_number:
            found.append(Violation(number, "line-start", body[:3]))
        if number < len(lines) - 1 and body[-1] in NO_LINE_END:
            found.append(Violation(number, "line-end", body[-3:]))
    found.extend(_split_units(lines))
    return found


# A URL or e-mail address may break after `/`, `.` or `-` (and nowhere else inside it).
_LINK = re.compile(r"(?:https?://|ftp://|www\.)[!-~]*[A-Za-z0-9/#=_~\-]"
                   r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


def _split_units(lines: Sequence[str]) -> list[Violation]:
    found: list[Violation] = []
    text = "".join(lines)
    breaks: list[int] = []
    position = 0
    for line in lines[:-1]:
        position += len(line)
        breaks.append(position)
    links = [m.span() for m in _LINK.finditer(text)]
    for start, end in links:
        for number, cut in enumerate(breaks):
            if start < cut < end and text[cut - 1] not in "/.-":
                found.append(Violation(number, "split-unit", text[start:end]))
    for match in _UNBREAKABLE.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in links):
            continue  # judged as a link above
        for number, cut in enumerate(breaks):
            if start < cut < end:
                found.append(Violation(number, "split-unit", match.group()))
    return found
