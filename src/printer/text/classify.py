"""Stage: line composition — character classes and the prohibition rules (避头尾).

Sources: W3C clreq §3.1 (punctuation), §3.1.7 (line-start / line-end prohibition rules),
GB/T 15834—2011 §5.1 (placement of marks), GB/T 15835—2011 (numbers).
"""

from __future__ import annotations

from enum import Enum


class Kind(Enum):
    """What a character is, for composition."""

    HAN = "han"  # ideographs, kana, full-width symbols: one em, break before and after
    LATIN = "latin"  # letters of Latin, Greek, Cyrillic scripts
    DIGIT = "digit"
    SPACE = "space"
    OPEN = "open"  # opening brackets and quotes: blank half on the left
    CLOSE = "close"  # closing brackets and quotes: blank half on the right
    PAUSE = "pause"  # ，、：； — ink left, blank half on the right (clreq §3.1.4)
    STOP = "stop"  # 。？！ — full width even in 开明式 (clreq §3.1.4)
    MIDDLE = "middle"  # interpuncts ·・‧: blank quarter each side
    DASH = "dash"  # ——, ……, ～: two-em marks and connectors, set solid
    SYMBOL = "symbol"  # %‰℃ and other signs set with numbers
    OTHER = "other"  # ASCII marks inside Latin text


# clreq §3.1.7 / GB/T 15834 §5.1: these never start a line.
NO_LINE_START = frozenset(
    "。．，、：；！？‼⁇⁈⁉"
    "”’」』）》〉】〗〕］｝〙〛"
    "～–—-‐‒―〜"
    "·・‧•"
    "/／"
    "%‰℃°′″％"
    "…‥"
    ",.;:?!)]}"
    "々〻ーゝゞヽヾ"
)
# clreq §3.1.7: these never end a line. Currency signs stay with the number after them.
NO_LINE_END = frozenset("“‘「『（《〈【〖〔［｛〘〚([{¥$£€￥＄￡")

OPENING = frozenset("“‘「『（《〈【〖〔［｛〘〚")
CLOSING = frozenset("”’」』）》〉】〗〕］｝〙〛")
PAUSES = frozenset("，、：；")
STOPS = frozenset("。？！．‼⁇⁈⁉")
MIDDLES = frozenset("·・‧")
DASHES = frozenset("—…～―‥〜")
NUMBER_SIGNS = frozenset("%‰℃°′″％")
CURRENCY = frozenset("¥$£€￥＄￡")
# Connectors that may sit inside a number or code such as 3+13+N, 1,000, 12:30, 2024-12-31.
NUMBER_JOINERS = frozenset(".,:+-−/×_'’·")
# Magnitude characters that belong to the number before them: 1.5万, 108.7亿 (GB/T 15835 §4).
MAGNITUDES = frozenset("万亿兆")


def kind_of(ch: str) -> Kind:
    """Classify one character (clreq §3.1 punctuation classes)."""
    if ch in PAUSES:
        return Kind.PAUSE
    if ch in STOPS:
        return Kind.STOP
    if ch in OPENING:
        return Kind.OPEN
    if ch in CLOSING:
        return Kind.CLOSE
    if ch in MIDDLES:
        return Kind.MIDDLE
    if ch in DASHES:
        return Kind.DASH
    if ch.isspace():
        return Kind.SPACE
    if "0" <= ch <= "9" or "０" <= ch <= "９":
        return Kind.DIGIT
    if ch in NUMBER_SIGNS:
        return Kind.SYMBOL
    return _kind_by_block(ch)


def _kind_by_block(ch: str) -> Kind:
    cp = ord(ch)
    if cp < 0x80:
        return Kind.LATIN if ch.isalpha() else Kind.OTHER
    if cp < 0x2E80:
        if ch.isalpha():
            return Kind.LATIN
        return Kind.SYMBOL if cp < 0x2000 else Kind.HAN
    return Kind.HAN


def is_wide(kind: Kind) -> bool:
    """Characters of the ideographic world, between which Han–Latin spacing applies."""
    return kind in (Kind.HAN, Kind.OPEN, Kind.CLOSE, Kind.PAUSE, Kind.STOP, Kind.MIDDLE, Kind.DASH)


def is_narrow(kind: Kind) -> bool:
    """Latin letters and digits: ¼ em from Han characters (clreq §3.2.2)."""
    return kind in (Kind.LATIN, Kind.DIGIT)
