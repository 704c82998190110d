"""Stage: makeup — display lines broken at phrase boundaries, balanced (headlines, banners).

A Chinese headline, kicker or ■ banner is never broken by the body's line breaker: it wraps
only between phrases — at the space that separates them, or after a pause or stop mark
(，、：；。？！), a closing mark after one, or a dash —— — and never inside a quotation or a
bracket (typesetting reference §4: 主标题 wrap at a phrase boundary with lines of near-equal
length; clreq §3.1.7 keeps the marks themselves legal at the break). Among the settings in the
fewest lines that fit, the most even one is chosen.

Pure: widths come from a function the caller gives (the composer measuring a line of text).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from printer.text.classify import CLOSING, DASHES, OPENING, PAUSES, STOPS

_BREAK_AFTER = PAUSES | STOPS
_MOST_PHRASES = 16  # more phrases than this are joined pairwise before partitioning


@dataclass(frozen=True)
class Phrase:
    text: str
    space_before: bool  # a word space separated it from the phrase before


def split_phrases(text: str) -> list[Phrase]:
    """The phrases of a display text, in order; quotes and brackets are never split."""
    phrases: list[Phrase] = []
    current = ""
    depth = 0
    space = False
    for index, char in enumerate(text):
        if char.isspace() and depth == 0:
            if current:
                phrases.append(Phrase(current, space))
                current = ""
            space = bool(phrases)
            continue
        current += char
        if char in OPENING:
            depth += 1
        elif char in CLOSING and depth:
            depth -= 1
        if depth == 0 and _ends_phrase(text, index):
            phrases.append(Phrase(current, space))
            current, space = "", False
    if current:
        phrases.append(Phrase(current, space))
    return phrases


def _ends_phrase(text: str, index: int) -> bool:
    char = text[index]
    following = text[index + 1] if index + 1 < len(text) else ""
    if not following or following.isspace():
        return False  # a space (or the end) breaks anyway
    if following in CLOSING or following in _BREAK_AFTER or following in DASHES:
        return False  # marks stay with what they close or follow
    if char in _BREAK_AFTER:
        return True
    if char in CLOSING:
        return index > 0 and text[index - 1] in _BREAK_AFTER
    return char in DASHES and index > 0 and text[index - 1] in DASHES


def join(phrases: list[Phrase]) -> str:
    """The text of one line made of consecutive phrases."""
    out = ""
    for number, phrase in enumerate(phrases):
        out += (" " if phrase.space_before and number else "") + phrase.text
    return out


def phrase_lines(
    text: str, width: Callable[[str], float], measure: float, max_lines: int
) -> list[str] | None:
    """The text in at most `max_lines` lines no wider than `measure`, broken only between
    phrases: the fewest lines, then the most even. None when no such setting exists."""
    phrases = split_phrases(text)
    if not phrases:
        return [text]
    phrases = _coarsen(phrases)
    widths: dict[tuple[int, int], float] = {}

    def line_width(first: int, end: int) -> float:
        if (first, end) not in widths:
            widths[first, end] = width(join(phrases[first:end]))
        return widths[first, end]

    count = len(phrases)
    for lines in range(1, min(max_lines, count) + 1):
        best: tuple[float, float, tuple[int, ...]] | None = None
        for cuts in itertools.combinations(range(1, count), lines - 1):
            bounds = (0, *cuts, count)
            sizes = [line_width(a, b) for a, b in itertools.pairwise(bounds)]
            if max(sizes) > measure + 1e-6:
                continue
            key = (max(sizes) - min(sizes), max(sizes), cuts)
            if best is None or key < best:
                best = key
        if best is not None:
            bounds = (0, *best[2], count)
            return [join(phrases[a:b]) for a, b in itertools.pairwise(bounds)]
    return None


def _coarsen(phrases: list[Phrase]) -> list[Phrase]:
    """Join neighbouring phrases (shortest pairs first) until few enough to partition."""
    phrases = list(phrases)
    while len(phrases) > _MOST_PHRASES:
        pair = min(range(len(phrases) - 1),
                   key=lambda i: len(phrases[i].text) + len(phrases[i + 1].text))
        merged = Phrase(join(phrases[pair : pair + 2]), phrases[pair].space_before)
        phrases[pair : pair + 2] = [merged]
    return phrases
