"""Property tests: over random copy of Han, every punctuation class, numbers and Latin words, in
every punctuation style and several measures, no rule is broken and no character is lost."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from printer.text import ComposeStyle, PunctStyle, Span
from printer.text.compose import compose
from printer.text.metrics import FakeMetrics
from printer.text.rules import check_lines

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"
han_run = st.text(alphabet=HAN, min_size=1, max_size=6)
number = st.one_of(
    st.integers(0, 99999).map(str),
    st.tuples(st.integers(0, 999), st.integers(0, 99)).map(lambda t: f"{t[0]}.{t[1]}"),
    st.tuples(st.integers(0, 99), st.integers(0, 9)).map(lambda t: f"{t[0]}.{t[1]}%"),
    st.sampled_from(["3+13+N", "1+7", "1,000", "1.5万", "108.7亿", "-3.2%", "12:30", "95.7%"]),
)
latin_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1,
                     max_size=7)
pause = st.sampled_from(list("，、：；。？！"))
closing = st.sampled_from(list("”’）》」"))
opening = st.sampled_from(list("“‘（《「"))
piece = st.one_of(
    han_run,
    han_run,
    st.tuples(han_run, pause).map("".join),
    st.tuples(han_run, number).map("".join),
    st.tuples(han_run, latin_word).map("".join),
    st.tuples(opening, han_run, closing).map("".join),
    st.tuples(opening, han_run, closing, pause).map("".join),
    st.tuples(han_run, st.sampled_from(["——", "……"])).map("".join),
    st.tuples(han_run, st.sampled_from(["·"]), han_run).map("".join),
    st.tuples(han_run, pause, opening, number, closing).map("".join),
    st.tuples(han_run, st.sampled_from(["¥", "$", "€"]), number).map("".join),
    st.tuples(han_run, number, st.sampled_from(["℃", "‰", "°"])).map("".join),
    st.tuples(han_run, st.sampled_from(list(",;:?!")), han_run).map("".join),  # raw copy
    st.tuples(han_run, st.just("("), han_run, st.just(")")).map("".join),
    st.tuples(han_run, number, st.just("～"), number, han_run).map("".join),
    st.tuples(st.just("《"), han_run, st.just("》"), st.just("（"), han_run, st.just("）")).map(
        "".join
    ),
)
paragraph_text = st.lists(piece, min_size=1, max_size=25).map("".join)
styles = st.sampled_from(list(PunctStyle))
measures = st.sampled_from([8, 11, 13, 20, 27])
EM = 9.0


def _set(text: str, punct: PunctStyle, chars: int, emphasis_at: int = -1):  # type: ignore[no-untyped-def]
    spans = [Span(text)]
    if 0 < emphasis_at < len(text):
        spans = [Span(text[:emphasis_at]), Span(text[emphasis_at:], emphasis=True)]
    style = ComposeStyle(size=EM, punct=punct)
    return compose(spans, style, chars * EM, FakeMetrics())


def _line_texts(paragraph) -> list[str]:  # type: ignore[no-untyped-def]
    return [line.text + (" " if line.space_after else "") for line in paragraph.lines]


@settings(max_examples=300, deadline=None)
@given(paragraph_text, styles, measures, st.integers(-1, 40))
def test_no_rule_broken_and_no_character_lost(
    text: str, punct: PunctStyle, chars: int, emphasis_at: int
) -> None:
    paragraph = _set(text, punct, chars, emphasis_at)
    lines = _line_texts(paragraph)
    assert "".join(lines) == text
    assert check_lines(lines) == []
    assert not [p for p in paragraph.problems if p.kind in ("overfull-line", "missing-glyph")]


@settings(max_examples=300, deadline=None)
@given(paragraph_text, styles, measures)
def test_every_non_final_line_fills_the_measure(text: str, punct: PunctStyle, chars: int) -> None:
    paragraph = _set(text, punct, chars)
    for line in paragraph.lines[:-1]:
        assert abs(line.width - line.measure) < 0.01, (line.text, line.width, line.measure)
    for line in paragraph.lines:
        assert line.width <= line.measure + 0.01


@settings(max_examples=200, deadline=None)
@given(paragraph_text, styles, measures)
def test_glyphs_advance_left_to_right(text: str, punct: PunctStyle, chars: int) -> None:
    paragraph = _set(text, punct, chars)
    for line in paragraph.lines:
        xs = [g.x for g in line.glyphs]
        assert all(b > a - 0.5 * EM - 1e-6 for a, b in pairwise(xs))
