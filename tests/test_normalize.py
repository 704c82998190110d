"""Normalisation of copy: ASCII punctuation between Chinese set full width, numbers untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from printer import content
from printer.content import Change, normalize_edition, normalize_rich, normalize_text
from printer.text.model import Span

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # separators next to Han or CJK punctuation
        ("2024年,全市经济", "2024年，全市经济"),
        ("增长5.3%,对全市", "增长5.3%，对全市"),
        ("居全省第4,第5位", "居全省第4，第5位"),
        ("比分:3", "比分：3"),
        ("为什么?因为", "为什么？因为"),
        ("好!", "好！"),
        ("什么?!", "什么？！"),  # a converted mark is CJK punctuation for its neighbour
        ("甲;乙", "甲；乙"),
        ("“两个确保”,持续", "“两个确保”，持续"),
        ("专班”,", "专班”，"),  # Han beyond the closing quote
        ("GDP,增长", "GDP，增长"),
        # brackets
        ("院(校)地", "院（校）地"),
        ("(本报记者郭剑整理)", "（本报记者郭剑整理）"),
        ("生产总值(GDP)", "生产总值（GDP）"),
        ("(GDP)增长", "（GDP）增长"),
        ("甲(乙(丙)丁)", "甲（乙（丙）丁）"),
        ("院(校地", "院(校地"),  # unpaired: left alone
    ],
)
def test_converted(text: str, expected: str) -> None:
    result, changes = normalize_text(text)
    assert result == expected
    assert [c.index for c in changes] == [
        i for i, (a, b) in enumerate(zip(text, result, strict=True)) if a != b
    ]


@pytest.mark.parametrize(
    "text",
    [
        "1,000",
        "108.7亿元",
        "12:30",
        "第1,000名",  # a separator between digits stays, whatever surrounds the number
        "比分3:2领先",
        "Hello, world",
        "see (below).",
        "a(b)c",
        "f(x) = 1, 2; 3: 4? 5!",
        "“3+13+N”重点产业链群",
        "“He said “no”, then",
        "",
    ],
)
def test_untouched(text: str) -> None:
    assert normalize_text(text) == (text, [])


def test_changes_name_index_and_characters() -> None:
    assert normalize_text("院(校)地,好")[1] == [
        Change(1, "(", "（"),
        Change(3, ")", "）"),
        Change(5, ",", "，"),
    ]


def test_rich_text_keeps_emphasis_and_counts_in_joined_text() -> None:
    spans = (Span("增长"), Span("5.3%", True), Span(",对全市"))
    result, changes = normalize_rich(spans)
    assert result == (Span("增长"), Span("5.3%", True), Span("，对全市"))
    assert changes == [Change(6, ",", "，")]


def test_edition_changes_are_located() -> None:
    edition = content.load(FIXTURES / "content" / "minimal.yaml")
    normalized, changes = normalize_edition(edition)
    assert normalized.articles[0].byline == "（本报记者郭剑整理）"
    assert normalized.credit == "（本版照片均由本报记者刘金元摄）"
    assert normalized.headline.deck is not None
    assert [s.emphasis for s in normalized.headline.deck] == [False, True, False]
    first = normalized.articles[0].sections[0].paragraphs[0][0]
    assert first.text.startswith("常态化开展院（校）地")
    deck = [c for c in changes if c.key == "headline.deck"]
    assert [(c.index, c.old, c.new) for c in deck] == [(5, ",", "，"), (16, ",", "，")]
    assert deck[0].line == edition.locations["headline.deck"]
    byline = [c for c in changes if c.key == "article.byline"]
    assert len(byline) == 2 and byline[0].line == edition.locations["article.byline"]
    assert normalized.normalize and normalized.source == edition.source


# --- property: marks widened, figures narrowed, spaces dropped; nothing else changes ----------

HAN = "全市经济运行总体平稳中国式现代化"
alphabet = st.sampled_from(
    list(HAN) + list("0123456789") + list("abcXYZ") + list(",;:?!()") + list(".%+ ，。、“”（）—")
    + list("０１９．％ＧＤ–~")
)


@given(st.text(alphabet=alphabet, max_size=40), st.booleans())
def test_normalisation_only_widens_marks_narrows_figures_and_drops_spaces(
        text: str, prose: bool) -> None:
    result, changes = normalize_text(text, prose)
    for change in changes:
        old, new = change.old, change.new
        assert text[change.index] == old
        widened = old in ",;:?!()" and new == content.normalize.FULL_WIDTH[old]
        narrowed = 0xFF00 < ord(old) < 0xFF5F and new == chr(ord(old) - 0xFEE0)
        assert widened or narrowed or (old == " " and new == ""), change
    kept = [c for i, c in enumerate(text) if i not in {c.index for c in changes}]
    assert len(result) == len(kept) + sum(1 for c in changes if c.new)
    assert normalize_text(result, prose)[0] == result  # idempotent


@given(st.from_regex(r"[0-9]{1,3}([,.:][0-9]{1,3}){0,3}", fullmatch=True), st.sampled_from(HAN))
def test_numbers_are_never_touched(number: str, han: str) -> None:
    result, _ = normalize_text(han + number + han)
    assert result[1:-1] == number


@pytest.mark.parametrize(("text", "expected"), [
    # a separator after a figure or % and before Han or Latin text (GB/T 15834 §4)
    ("同比上涨0.2%,PPI同比下降", "同比上涨0.2%，PPI同比下降"),
    ("增长4.6%;CPI上涨", "增长4.6%；CPI上涨"),
    ("共3,其中", "共3，其中"),
    # full-width figures and letters set half width (GB/T 15835 §5.1)
    ("２０２３年全市ＧＤＰ达到２１３０．６亿元", "2023年全市GDP达到2130.6亿元"),
    ("增长５．５％左右", "增长5.5%左右"),
    # a range between figures set tight, with the copy's own dash
    ("1 – 11 月", "1–11月"),
    ("3 ~ 5 年", "3~5年"),
    ("2022-2023年", "2022-2023年"),
    # spaces typed next to Han, marks, or a relation sign before a figure
    ("增速 ≤ 5.5% 的行业", "增速≤5.5%的行业"),
    ("带 * 的为新增行业 。", "带*的为新增行业。"),
    ("行业有 7 个", "行业有7个"),
])
def test_web_copy_is_cleaned(text: str, expected: str) -> None:
    assert normalize_text(text, prose=True)[0] == expected


@pytest.mark.parametrize("text", [
    "1,000", "12:30", "3:2", "108.7亿元",
    "Made in China", "500 PFLOPS", "iPhone 16 Pro",  # spaces between Latin words and figures
    "https://www.jiaozuo.gov.cn/a,b;c:d", "szjj-service@jiaozuo.gov.cn",  # links
    "`x , y`",  # quoted code
])
def test_web_clean_up_leaves_alone(text: str) -> None:
    assert normalize_text(text, prose=True) == (text, [])


def test_titles_keep_their_phrase_spaces() -> None:
    assert normalize_text("2024 总体平稳 稳中有进")[0] == "2024 总体平稳 稳中有进"
    assert normalize_text("2024 总体平稳 稳中有进", prose=True)[0] == "2024总体平稳稳中有进"


def test_a_dropped_space_is_reported_at_its_place() -> None:
    assert normalize_text("有 7 个", prose=True)[1] == [Change(1, " ", ""), Change(3, " ", "")]
