"""Composer rules on fake metrics (Han and full marks 1 em, Latin and digits ½ em).

One test per rule, named after it; each fails if the rule is taken out of the composer.
Sizes are 10 pt so 1 em = 10 pt.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from printer.text import ComposeStyle, Paragraph, PunctStyle, Span
from printer.text.compose import compose
from printer.text.metrics import FakeMetrics
from printer.text.rules import check_lines

EM = 10.0


def setting(
    text: str | list[Span],
    chars: float,
    punct: PunctStyle = PunctStyle.KAIMING,
    indent: float = 0.0,
    **options: float,
) -> Paragraph:
    spans = [Span(text)] if isinstance(text, str) else text
    style = ComposeStyle(size=EM, punct=punct, indent_em=indent, **options)  # type: ignore[arg-type]
    return compose(spans, style, chars * EM, FakeMetrics())


def texts(paragraph: Paragraph) -> list[str]:
    return [line.text for line in paragraph.lines]


def x_of(paragraph: Paragraph, char: str, line: int = 0) -> float:
    for glyph in paragraph.lines[line].glyphs:
        if glyph.char == char:
            return glyph.x / EM
    raise AssertionError(f"{char} not on line {line}")


@pytest.mark.parametrize(
    ("text", "chars"),
    [
        ("一二三四五，六七八九", 5),
        ("一二三四五。六七八九", 5),
        ("一二三四五、六七八九", 5),
        ("一二三四五”六七八九", 5),
        ("一二三四五）六七八九", 5),
        ("一二三四五：六七八九", 5),
        ("一二三四五！六七八九", 5),
        ("一二三四五,六七八九", 5),
        ("一二三四五·六七八九", 5),
    ],
)
def test_closing_and_pause_marks_never_start_a_line(text: str, chars: int) -> None:
    paragraph = setting(text, chars)
    assert all(line[0] not in "，。、”）：！,·" for line in texts(paragraph)[1:])
    assert check_lines(texts(paragraph)) == []


@pytest.mark.parametrize("mark", ["“", "（", "《", "【", "‘", "("])
def test_opening_marks_never_end_a_line(mark: str) -> None:
    paragraph = setting(f"一二三四{mark}五六七八", 5)
    assert all(not line.endswith(mark) for line in texts(paragraph)[:-1])
    assert check_lines(texts(paragraph)) == []


def test_push_in_before_push_out() -> None:
    # 全角式: 一二，三四五， is 7 em but fits 6 em when its two commas lose their blanks.
    paragraph = setting("一二，三四五，六七八", 6, PunctStyle.QUANJIAO)
    assert texts(paragraph)[0] == "一二，三四五，"
    assert paragraph.lines[0].width == pytest.approx(6 * EM)


def test_push_out_when_push_in_cannot_fit() -> None:
    # 开明式 commas are already half width: 五，does not fit 5 em, so 五 goes down with it.
    paragraph = setting("一二三四五，六七八九", 5)
    assert texts(paragraph)[0] == "一二三四"
    assert texts(paragraph)[1].startswith("五，")
    assert paragraph.lines[0].width == pytest.approx(5 * EM)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("一二三资金108.7亿元", "108.7亿"),
        ("一二三四增长95.7%左右", "95.7%"),
        ("一二三四五“3+13+N”链群", "3+13+N"),
        ("一二三四五一期1.5万吨", "1.5万"),
        ("一二三四五六1,000人", "1,000"),
        ("一二三四五六-3.2%的", "-3.2%"),
    ],
)
def test_number_is_not_split(text: str, unit: str) -> None:
    for chars in (4, 5, 6, 7):
        lines = texts(setting(text, chars))
        assert any(unit in line for line in lines), (chars, lines)


def test_latin_word_is_not_split() -> None:
    for chars in (5, 6, 7):
        lines = texts(setting("一二三四Beijing五六七", chars))
        assert any("Beijing" in line for line in lines), lines


@pytest.mark.parametrize("pair", ["——", "……"])
def test_two_em_marks_are_not_split_nor_start_a_line(pair: str) -> None:
    for chars in (4, 5, 6):
        lines = texts(setting(f"一二三四{pair}五六七八", chars))
        assert any(pair in line for line in lines), lines
        assert all(not line.startswith(pair[0]) for line in lines[1:]), lines


@pytest.mark.parametrize(
    ("text", "punct", "second"),
    [
        ("一。”二", PunctStyle.QUANJIAO, 2.5),  # stop + closing quote: 1.5 em, not 2
        ("一”，二", PunctStyle.QUANJIAO, 2.5),  # closing quote + comma
        ("一，“二", PunctStyle.QUANJIAO, 2.5),  # comma + opening quote
        ("一（“二", PunctStyle.QUANJIAO, 2.5),  # two opening marks
    ],
)
def test_adjacent_marks_take_one_and_a_half_em(text: str, punct: PunctStyle, second: float) -> None:
    paragraph = setting(text, 20, punct)
    assert x_of(paragraph, "二") == pytest.approx(second)


@pytest.mark.parametrize(
    ("punct", "comma", "stop"),
    [
        (PunctStyle.QUANJIAO, 2.0, 2.0),
        (PunctStyle.KAIMING, 1.5, 2.0),
        (PunctStyle.HANGMO, 2.0, 2.0),
    ],
)
def test_punctuation_style_sets_mark_widths(punct: PunctStyle, comma: float, stop: float) -> None:
    assert x_of(setting("一，二", 20, punct), "二") == pytest.approx(comma)
    assert x_of(setting("一。二", 20, punct), "二") == pytest.approx(stop)


@pytest.mark.parametrize("punct", [PunctStyle.KAIMING, PunctStyle.HANGMO])
def test_line_end_mark_takes_half_width(punct: PunctStyle) -> None:
    # 四个字加句号 in 4.5 em: the full stop loses its blank at the line end.
    paragraph = setting("一二三四。五六七八", 4.5, punct)
    assert texts(paragraph)[0] == "一二三四。"
    assert x_of(paragraph, "。") == pytest.approx(4.0)
    assert paragraph.lines[0].width == pytest.approx(4.5 * EM)


def test_opening_mark_at_line_start_drops_its_blank() -> None:
    paragraph = setting("一二三四“五六”七八九十", 4, PunctStyle.QUANJIAO)
    second = paragraph.lines[1]
    assert second.text.startswith("“")
    # The quote's ink (right half of its em box) starts at the line's left edge.
    assert second.glyphs[0].x / EM == pytest.approx(-0.5)


def test_han_latin_space_is_a_quarter_em() -> None:
    paragraph = setting("一A二", 20)
    assert x_of(paragraph, "A") == pytest.approx(1.25)
    assert x_of(paragraph, "二") == pytest.approx(2.0)


def test_no_han_latin_space_at_line_edges() -> None:
    paragraph = setting("一二三四5G五六", 4)
    lines = texts(paragraph)
    assert lines[1].startswith("5G")
    assert paragraph.lines[1].glyphs[0].x == pytest.approx(0.0)


def test_every_line_but_the_last_is_justified() -> None:
    paragraph = setting("一二三，四五A六七八九十甲乙丙丁。戊己庚辛", 6)
    for line in paragraph.lines[:-1]:
        assert line.width == pytest.approx(line.measure, abs=0.01)
        assert line.glyphs[-1].x + line.glyphs[-1].width <= line.measure + 0.01


def test_justification_never_spaces_inside_a_number() -> None:
    paragraph = setting("一二三四五六七八九十108.7亿元", 9)
    for line in paragraph.lines:
        xs = [g.x for g in line.glyphs if g.char in "108.7"]
        steps = {round(b - a, 6) for a, b in pairwise(xs)}
        assert steps <= {0.5 * EM}, steps


def test_loose_line_over_the_bound_is_reported() -> None:
    paragraph = setting("一二三ABCDEFGHIJKL", 8)
    assert [p.kind for p in paragraph.problems] == ["loose-line"]


def test_first_line_indent_is_two_em() -> None:
    paragraph = setting("一二三四五六七八九十", 5, indent=2.0)
    assert paragraph.lines[0].glyphs[0].x == pytest.approx(2 * EM)
    assert paragraph.lines[0].text == "一二三"
    assert paragraph.lines[1].glyphs[0].x == pytest.approx(0.0)


def test_no_lone_character_on_the_last_line() -> None:
    paragraph = setting("一二三四五六七八九", 4)  # 4 + 4 + 1 would leave 九 alone
    assert sorted(len(line) for line in texts(paragraph)) == [2, 3, 4]
    assert len(texts(paragraph)[-1]) == 2


def test_emphasis_keeps_its_face_and_the_rules() -> None:
    spans = [Span("一二三四增长"), Span("5.3%", emphasis=True), Span("，左右。")]
    paragraph = setting(spans, 7)
    faces = {g.char: g.face for line in paragraph.lines for g in line.glyphs}
    assert faces["5"] == "fake-bold" and faces["增"] == "fake"
    assert check_lines(texts(paragraph)) == []
    assert "".join(texts(paragraph)) == "一二三四增长5.3%，左右。"


def test_missing_glyph_is_reported_not_dropped() -> None:
    style = ComposeStyle(size=EM)
    metrics = FakeMetrics(missing="\U000f0000")
    paragraph = compose([Span("一二\U000f0000三")], style, 10 * EM, metrics)
    assert paragraph.text == "一二\U000f0000三"
    assert [p.kind for p in paragraph.problems] == ["missing-glyph"]


def test_tracking_widens_every_character() -> None:
    paragraph = setting("一二三", 20, tracking_em=0.02)
    assert x_of(paragraph, "三") == pytest.approx(2.04)


def test_no_han_latin_space_after_a_magnitude() -> None:
    # 65亿元: the number ends in 亿, a Han character, so 元 follows it solid.
    paragraph = setting("成交额65亿元", 20)
    assert x_of(paragraph, "元") - x_of(paragraph, "亿") == pytest.approx(1.0)
    assert x_of(paragraph, "6") - x_of(paragraph, "额") == pytest.approx(1.25)


def test_opening_mark_after_the_paragraph_indent_keeps_its_width() -> None:
    paragraph = setting("“一二”三四五六七八", 8, PunctStyle.QUANJIAO, indent=2.0)
    assert paragraph.lines[0].glyphs[0].x / EM == pytest.approx(2.0)
    assert x_of(paragraph, "一") == pytest.approx(3.0)


@pytest.mark.parametrize("punct", [PunctStyle.KAIMING, PunctStyle.HANGMO])
def test_line_end_mark_ink_is_flush_with_the_measure(punct: PunctStyle) -> None:
    # The mark's blank half is dropped even when the line has room: its ink ends at the edge.
    paragraph = setting("一二三四。五六七八", 5, punct)
    assert texts(paragraph)[0] == "一二三四。"
    assert x_of(paragraph, "。") == pytest.approx(4.5)


def test_quanjiao_keeps_the_line_end_blank_when_it_fits() -> None:
    paragraph = setting("一二三四。五六七八", 5, PunctStyle.QUANJIAO)
    assert x_of(paragraph, "。") == pytest.approx(4.0)


def test_word_wider_than_the_line_is_broken_and_reported() -> None:
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    paragraph = setting(f"见{word}文", 8)
    assert "".join(texts(paragraph)) == f"见{word}文"
    for line in paragraph.lines:
        assert line.width <= line.measure + 0.01
    assert any(p.kind == "overfull-line" for p in paragraph.problems)


@pytest.mark.parametrize("link", ["https://example.com/a/very/long/path/to/the/page",
                                  "szjj-service@jiaozuo.gov.cn"])
def test_a_link_breaks_after_slash_dot_or_dash_without_a_hyphen(link: str) -> None:
    text = f"市民可登录{link}查询项目进展情况并反映意见建议"
    paragraph = setting(text, 13)
    lines = texts(paragraph)
    assert "".join(lines) == text
    assert [line[-1] for line in lines[:-1] if line[-1].isascii()] and all(
        line[-1] in "/.-" for line in lines[:-1] if line[-1].isascii())
    assert not [p for p in paragraph.problems if p.kind == "overfull-line"]  # a legal break
    assert check_lines(lines) == []


def test_a_link_is_not_spaced_out_between_its_pieces() -> None:
    paragraph = setting("一二三四www.a.cn/b五六七八九十一二三四五", 10)
    first = paragraph.lines[0]
    xs = [g for g in first.glyphs if g.char.isascii()]
    steps = {round(b.x - a.x - a.width, 6) for a, b in pairwise(xs)}
    assert steps <= {0.0}, steps
