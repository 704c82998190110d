"""The total-fit breaker on small paragraphs with fake metrics (Han and full marks 1 em, Latin
letters and figures ½ em; 10 pt, so 1 em = 10 pt): the breaks it picks, that the greedy
first fit is never better by the cost it states, and — against an oracle that tries every
legal setting — that it sets no line looser than the bound where a setting without one exists.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from printer.text import ComposeStyle, Problem, PunctStyle, Span
from printer.text.breaker import LOOSE_TOLERANCE, LineRange, LineWidths, break_lines, content_chars
from printer.text.compose import compose
from printer.text.measure import measure_units
from printer.text.metrics import FakeMetrics
from printer.text.segment import cluster_ends, segment
from printer.text.totalfit import demerits_of, total_fit

EM = 10.0


def prepared(text: str, indent: float = 0.0, **options: float) -> tuple[LineWidths, list[int]]:
    style = ComposeStyle(size=EM, indent_em=indent, **options)  # type: ignore[arg-type]
    units = segment(text)
    measured = measure_units(units, [False] * len(text), style, FakeMetrics(), [])
    return LineWidths(measured, style), cluster_ends([m.unit for m in measured])


def line_texts(widths: LineWidths, ranges: list[LineRange]) -> list[str]:
    return ["".join(m.unit.text for m in widths.units[r.start : r.end]) for r in ranges]


def spread_em(widths: LineWidths, rng: LineRange) -> float:
    return widths.spread_per_gap(rng.start, rng.end, rng.measure) / EM


@pytest.mark.parametrize(("text", "chars", "indent", "lines"), [
    # Greedy takes 一…八 (8 of 9 em) and leaves 九十 alone; total fit evens the two.
    ("一二三四五六七八九十甲乙丙丁戊己", 9, 0.0, ["一二三四五六七八九", "十甲乙丙丁戊己"]),
    # 孤字: the last line never holds one character.
    ("一二三四五六七八九十甲乙", 11, 0.0, ["一二三四五六七八九十", "甲乙"]),
    # Push in: the commas lose their blank rather than a character going down (全角式 below).
    ("一二，三四五，六七八九十甲乙", 6, 0.0, ["一二，三四五，", "六七八九十", "甲乙"]),
    # A figure stays with its measure word where the line allows: 12│月 is avoided (a line
    # spread by 1 em over 10 gaps is preferred to the split).
    ("五七六一丁戊甲癸庚乙十12月11个136家戊、", 12, 0.0,
     ["五七六一丁戊甲癸庚乙十", "12月11个136家戊、"]),
])
def test_the_breaks_it_picks(text: str, chars: int, indent: float, lines: list[str]) -> None:
    punct = PunctStyle.QUANJIAO if "，" in text else PunctStyle.KAIMING
    widths, ends = prepared(text, indent, punct=punct)  # type: ignore[arg-type]
    ranges = total_fit(widths, ends, chars * EM, indent * EM)
    assert ranges is not None
    assert line_texts(widths, ranges) == lines


@pytest.mark.parametrize(("text", "chars"), [
    ("今年以来，面对外部压力加大、内部困难增多的复杂严峻形势，市委团结带领全市广大干部群众", 13),
    ("全年规模以上工业增加值增长6.8%，其中高技术制造业增加值增长21.3%，占规上工业比重12.6%", 13),
    ("“民生无小事，枝叶总关情。”全年民生支出占一般公共预算支出的比重达到76.2%——比上年", 11),
    ("新建改造城市道路136条（段）、雨污分流管网82.4公里……一项项“关键小事”正在变成", 9),
])
def test_greedy_is_never_better_by_the_stated_cost(text: str, chars: int) -> None:
    widths, ends = prepared(text, 2.0)
    measure, indent = chars * EM, 2 * EM
    best = total_fit(widths, ends, measure, indent)
    greedy = break_lines(widths, ends, measure, indent, [])
    assert best is not None
    assert demerits_of(widths, best, measure, indent) <= demerits_of(
        widths, greedy, measure, indent) + 1e-6


def test_a_paragraph_with_no_setting_within_the_bound_names_its_loose_line() -> None:
    # A 4 em word cannot join 一二 after the 2 em indent of an 8 em column: line 1 is spread.
    paragraph = compose([Span("一二ABCDEFGH三四五六七八九十甲乙丙丁")],
                        ComposeStyle(size=EM, indent_em=2.0), 8 * EM, FakeMetrics())
    loose = [p for p in paragraph.problems if p.kind == "loose-line"]
    assert loose and all(isinstance(p, Problem) and p.line is not None for p in loose)
    assert "line 1 needs" in loose[0].message


# -- against an oracle ---------------------------------------------------------------------

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工"
piece = st.one_of(
    st.text(alphabet=HAN, min_size=1, max_size=5),
    st.sampled_from(["，", "。", "、", "“", "”", "（", "）", "——"]),
    st.sampled_from(["5.3%", "108.7亿", "2024", "GDP", "AI", "12月", "136家"]),
)
paragraphs = st.lists(piece, min_size=3, max_size=12).map("".join)


def settings_within_bound(widths: LineWidths, ends: list[int], measure: float,
                          indent: float) -> bool:
    """Whether any legal setting has every non-final line within the bound and no 孤字:
    every break set tried (depth first, a line at a time)."""
    style = widths.style
    limit = style.max_gap_em * style.size * LOOSE_TOLERANCE
    count = len(widths.units)

    def fits_from(start: int, first: bool) -> bool:
        available = measure - (indent if first else 0.0)
        for end in ends:
            if end <= start:
                continue
            if widths.minimum(start, end) > available + 1e-6:
                return False
            if end == count:
                lone = not first and content_chars(widths.units[start:end]) < 2
                return not lone
            natural = widths.natural(start, end)
            if natural < available and widths.spread_per_gap(start, end, available) > limit:
                continue
            if fits_from(end, False):
                return True
        return False

    return fits_from(0, True)


@settings(max_examples=150, deadline=None)
@given(paragraphs, st.sampled_from([6, 8, 11, 13]), st.sampled_from([0.0, 2.0]))
def test_no_loose_line_where_a_setting_without_one_exists(
        text: str, chars: int, indent: float) -> None:
    widths, ends = prepared(text, indent)
    measure = chars * EM
    if not settings_within_bound(widths, ends, measure, indent * EM):
        return
    ranges = total_fit(widths, ends, measure, indent * EM)
    assert ranges is not None
    limit = widths.style.max_gap_em * LOOSE_TOLERANCE
    for rng in ranges[:-1]:
        if widths.natural(rng.start, rng.end) < rng.measure:
            assert spread_em(widths, rng) <= limit + 1e-9, line_texts(widths, ranges)
    assert "".join(line_texts(widths, ranges)) == text.replace(" ", "")
