"""Stage: content loading — cleaning copy pasted from the web, before it is set.

Each function (but the predicate `separates_figure`) works on the text as a list of
characters and changes it in place, one character for one (a character dropped becomes ""),
so every change keeps its place in the copy and can be reported; each returns whether it
changed anything.

- `half_width`: full-width figures and Latin letters (`２０２３`, `ＧＤＰ`) become half width,
  with a full-width point or per-cent sign between or after figures (`５．５％`): Chinese
  copy sets figures and Latin text half width (GB/T 15835—2011 §5.1).
- `separates_figure`: an ASCII `, ; : ? !` after a figure or `%` and before Han or Latin
  text (`0.2%,PPI`, `4.6%;CPI`) is a Chinese separator (GB/T 15834—2011 §4), which the
  normaliser sets full width; between two figures it belongs to the number (`1,000`,
  `12:30`) and stays.
- `tight_ranges`: a range between figures (`1 – 11`, `3 ~ 5`) set tight, with the dash the
  copy used (GB/T 15834—2011 §4.13 连接号).
- `stray_spaces`: spaces typed next to a Han character or a Chinese mark (`有 7 个`,
  `行业 。`, `带 * 的`) or around a relation sign before a figure (`≤ 5.5%`) are dropped: the
  composer puts the space Han and figures need (clreq §3.2.2). Spaces between Latin words
  stay. Only for prose: titles and banners use spaces as phrase breaks.

None touches a URL or an e-mail address, or text in `backquotes` (a quoted code).
"""

from __future__ import annotations

import re

_FULL_DIGITS_AND_LETTERS = {chr(c): chr(c - 0xFEE0) for c in (
    *range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
# Sets, not strings: a dropped character is "", and "" is in every string.
_RANGE_DASHES = frozenset("–—-~～〜")
_RELATIONS = frozenset("≤≥<>=≠≈±×÷")
_SPACES = frozenset(" \t\u00a0")
_PER = frozenset("%‰")
_WESTERN_TOO = frozenset("“”‘’—…·")
_SIGNS = frozenset("+-−")
_PROTECTED = re.compile(
    r"`[^`]*`"  # quoted code
    r"|(?:https?://|ftp://|www\.)[!-~]+"  # URLs (ASCII after the scheme)
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"  # e-mail addresses
)


def protected(text: str) -> set[int]:
    """Indices of characters inside URLs, e-mail addresses and quoted code (a URL's trailing
    `.,;:!?)` is the sentence's, not the URL's)."""
    found: set[int] = set()
    for match in _PROTECTED.finditer(text):
        start, end = match.span()
        if not match.group().startswith("`"):
            end = start + len(match.group().rstrip(".,;:!?)'\""))
        found.update(range(start, end))
    return found


def is_han(char: str) -> bool:
    """A Han character (CJK unified ideographs and their extensions, compatibility ones, 〇);
    False for "" (a dropped character)."""
    if len(char) != 1:
        return False
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x3FFFF
        or 0xF900 <= code <= 0xFAFF
        or code == 0x3007  # 〇
    )


def is_cjk_punct(char: str) -> bool:
    """Full-width CJK punctuation (and the ideographic space)."""
    if len(char) != 1:
        return False
    code = ord(char)
    return (
        (0x3000 <= code <= 0x303F and code != 0x3007)
        or 0xFF01 <= code <= 0xFF0F
        or 0xFF1A <= code <= 0xFF20
        or 0xFF3B <= code <= 0xFF40
        or 0xFF5B <= code <= 0xFF65
        or 0xFE10 <= code <= 0xFE1F
        or 0xFE30 <= code <= 0xFE4F
    )


def is_chinese_mark(char: str) -> bool:
    """A Chinese punctuation mark: full width, or one of the marks Chinese and Western text
    share (`“ ” — …`)."""
    return len(char) == 1 and (is_cjk_punct(char) or char in _WESTERN_TOO)


def _neighbour(chars: list[str], index: int, step: int) -> str:
    """The nearest character that is still there, in direction `step` ("" at an end)."""
    index += step
    while 0 <= index < len(chars):
        if chars[index]:
            return chars[index]
        index += step
    return ""


def _figure(char: str) -> bool:
    return char.isascii() and char.isdigit()


def half_width(chars: list[str], keep: set[int]) -> bool:
    changed = False
    for index, char in enumerate(chars):
        if char in _FULL_DIGITS_AND_LETTERS and index not in keep:
            chars[index] = _FULL_DIGITS_AND_LETTERS[char]
            changed = True
    for index, char in enumerate(chars):
        if index in keep:
            continue
        before, after = _neighbour(chars, index, -1), _neighbour(chars, index, 1)
        if char == "．" and _figure(before) and _figure(after):
            chars[index] = "."
            changed = True
        elif char == "％" and _figure(before):
            chars[index] = "%"
            changed = True
    return changed


def separates_figure(chars: list[str], index: int) -> bool:
    """Whether the ASCII separator at `index` follows a figure or `%` and comes before Han
    or Latin text (`0.2%,PPI`): a Chinese separator, to be set full width."""
    before, after = _neighbour(chars, index, -1), _neighbour(chars, index, 1)
    text_after = is_han(after) or (after.isascii() and after.isalpha())
    return (_figure(before) or before in _PER) and text_after


def tight_ranges(chars: list[str], keep: set[int]) -> bool:
    """Spaces around a dash between two figures (`1 – 11`) dropped."""
    changed = False
    for index, char in enumerate(chars):
        if char not in _RANGE_DASHES or index in keep:
            continue
        left = _spaces_beside(chars, index, -1)
        right = _spaces_beside(chars, index, 1)
        if not (left or right):
            continue
        before = _neighbour_past(chars, index, -1, left)
        after = _neighbour_past(chars, index, 1, right)
        if _figure(before) and _figure(after):
            for space in left + right:
                chars[space] = ""
            changed = True
    return changed


def _spaces_beside(chars: list[str], index: int, step: int) -> list[int]:
    found = []
    index += step
    while 0 <= index < len(chars) and chars[index] in _SPACES:
        found.append(index)
        index += step
    return found


def _neighbour_past(chars: list[str], index: int, step: int, spaces: list[int]) -> str:
    beyond = (spaces[-1] if spaces else index) + step
    return chars[beyond] if 0 <= beyond < len(chars) else ""


def stray_spaces(chars: list[str], keep: set[int]) -> bool:
    """Runs of spaces next to Han or a Chinese mark, or between a relation sign and a
    figure, dropped."""
    changed = False
    index = 0
    while index < len(chars):
        if chars[index] not in _SPACES or index in keep:
            index += 1
            continue
        end = index
        while end < len(chars) and chars[end] in _SPACES:
            end += 1
        before = chars[index - 1] if index > 0 else ""
        after = chars[end] if end < len(chars) else ""
        chinese = any(is_han(c) or is_chinese_mark(c) for c in (before, after) if c)
        relation = (before in _RELATIONS and (_figure(after) or after in _SIGNS)) or (
            after in _RELATIONS and (_figure(before) or before in _PER))
        if (chinese or relation) and before and after:
            for space in range(index, end):
                chars[space] = ""
            changed = True
        index = end
    return changed
