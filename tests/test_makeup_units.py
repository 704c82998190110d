"""Makeup's parts on fake measures, table-driven: phrase breaking of display lines, white a
reader sees as a hole, photo arrangements that keep the picture, the score's order, and the
plan's ranges read from a layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from printer.errors import ErrorCollector
from printer.layout import Extent
from printer.layout.model import Grid, PhotoSize, PhotosSpec
from printer.layout.plan import read_extent
from printer.makeup.photowell import PhotoInfo, WellMeasure, crop_of
from printer.makeup.phrases import phrase_lines, split_phrases
from printer.makeup.score import Score, foot_score
from printer.makeup.white import Band, blank, holes, line_spans


def width(text: str) -> float:
    """A fake measure: every character (space included) 10 points."""
    return 10.0 * len(text)


@pytest.mark.parametrize(("text", "phrases"), [
    ("2024 总体平稳 稳中有进", ["2024", "总体平稳", "稳中有进"]),
    ("稳中求进，奋力谱写新篇章", ["稳中求进，", "奋力谱写新篇章"]),
    ("实施“三十工程” 培育产业链群", ["实施“三十工程”", "培育产业链群"]),
    ("全市“稳，进”并举", ["全市“稳，进”并举"]),  # never inside a quotation
    ("这一年——", ["这一年——"]),
    ("县域巡礼——山药飘香", ["县域巡礼——", "山药飘香"]),
])
def test_phrases_split_at_spaces_and_after_marks_outside_quotes(
        text: str, phrases: list[str]) -> None:
    assert [p.text for p in split_phrases(text)] == phrases


@pytest.mark.parametrize(("text", "measure", "lines", "expected"), [
    ("2024 总体平稳 稳中有进", 200, 2, ["2024 总体平稳 稳中有进"]),  # one line when it fits
    ("用好改革开放关键一招 动力活力加速释放", 110, 2, ["用好改革开放关键一招", "动力活力加速释放"]),
    ("甲乙 丙丁 戊己 庚辛", 100, 2, ["甲乙 丙丁", "戊己 庚辛"]),  # balanced, not greedy
    ("奋力谱写中国式现代化建设河南实践焦作篇章", 100, 3, None),  # one phrase too wide
    ("一二 三四 五六 七八 九十", 50, 2, None),  # more lines than allowed
])
def test_display_lines_break_only_between_phrases_and_balance(
        text: str, measure: float, lines: int, expected: list[str] | None) -> None:
    assert phrase_lines(text, width, measure, lines) == expected


@pytest.mark.parametrize(("bands", "found"), [
    ([Band.ink(14, 0, 100), blank(14), Band.ink(14, 0, 100)], False),  # a line of space: no
    ([Band.ink(14, 0, 100), blank(20), blank(20), Band.ink(14, 0, 100)], True),  # 40 pt of it
    ([Band.ink(20, 0, 30), Band.ink(20, 0, 40)], True),  # short lines leave white beside them
    ([Band.ink(20, 0, 80), Band.ink(20, 0, 40)], False),  # …unless one of them is long
    ([Band(40, ((0, 40), (80, 100)))], True),  # a gap between two runs of ink
    ([Band(40, ((0, 40), (70, 100)))], False),  # …narrower than the hole
])
def test_white_is_a_hole_when_it_reaches_the_holes_size_both_ways(
        bands: list[Band], found: bool) -> None:
    assert bool(holes(bands, 100.0, 34.0)) is found


def test_a_titles_phrase_space_is_white_between_two_runs_of_ink() -> None:
    glyphs = [(i * 30.0, 30.0) for i in range(4)] + [(150.0 + i * 30.0, 30.0) for i in range(4)]
    spans = line_spans(glyphs, 0.0, 30.0)
    assert len(spans) == 2
    assert spans[1][0] - spans[0][1] == pytest.approx(30.0 + 2 * 0.1 * 30.0)


@pytest.mark.parametrize(("aspect", "width", "height", "crop"), [
    (1.5, 150, 100, 0.0),
    (1.5, 100, 100, 1 / 3),  # a 3:2 picture in a square frame loses a third
    (1.0, 200, 100, 0.5),
])
def test_crop_is_the_share_of_the_picture_cut_away(
        aspect: float, width: float, height: float, crop: float) -> None:
    assert crop_of(aspect, width, height) == pytest.approx(crop)


def well(photos: list[float], lead: bool = True, max_crop: float = 0.3) -> WellMeasure:
    grid = Grid(columns=6, column_chars=10, gutter_chars=1, char=10.0, line_pitch=15.0,
                lines=80)
    spec = PhotosSpec("caption", PhotoSize(Extent(1, 6), Extent(3, 60)),
                      PhotoSize(Extent(1, 6), Extent(3, 60)), per_row=2, gap=1,
                      max_crop=max_crop)
    infos = [PhotoInfo(i, aspect) for i, aspect in enumerate(photos)]
    return WellMeasure(infos, lead, spec, grid, lambda index, columns: 1)


def test_every_arrangement_keeps_each_picture_within_the_crop_limit() -> None:
    measure = well([1.5, 1.5, 0.67])  # the third photo is a portrait
    options = measure.options(6)
    assert options
    for arrangement in options.values():
        assert len(arrangement.frames) == 3
        assert all(frame.crop <= 0.3 + 1e-9 for frame in arrangement.frames)


def test_the_lead_spans_the_well_and_is_never_narrower_than_another() -> None:
    for arrangement in well([1.5, 1.5, 1.5]).options(6).values():
        lead = next(f for f in arrangement.frames if f.photo == 0)
        assert all(lead.columns >= f.columns for f in arrangement.frames)


def test_the_least_cropping_height_is_the_pictures_own_shape() -> None:
    options = well([1.5]).options(6)  # 6 columns: 65 characters of 10 pt, 650 pt wide
    best = min(options.values(), key=lambda a: a.score)
    frame = best.frames[0]
    assert frame.lines * 15.0 == pytest.approx(650 / 1.5, abs=15.0)


def test_a_portrait_photo_is_not_forced_into_a_landscape_frame() -> None:
    for arrangement in well([0.67], lead=False).options(2).values():
        assert arrangement.frames[0].lines * 15.0 > arrangement.frames[0].columns * 100


@pytest.mark.parametrize(("better", "worse"), [
    (Score(hole=5), Score(overset=1)),  # any overset is worse than any hole
    (Score(short=8), Score(hole=1)),
    (Score(shape=3.0), Score(short=1)),
    (Score(style=9.0), Score(shape=0.1)),
])
def test_the_score_compares_in_the_typesetters_order(better: Score, worse: Score) -> None:
    assert better < worse


def test_scores_add_field_by_field() -> None:
    assert Score(1, 2, 3, 0.5, 1.0) + Score(1, 0, 1, 0.25, 0.0) == Score(2, 2, 4, 0.75, 1.0)


@pytest.mark.parametrize(("whites", "score"), [
    ((0, 0), Score()), ((1, 0), Score(short=1)), ((3, 1), Score(hole=2, short=1)),
])
def test_feet_a_line_short_are_short_more_is_a_hole(whites: tuple[int, ...],
                                                    score: Score) -> None:
    assert foot_score(whites) == score


@pytest.mark.parametrize(("value", "extent"), [
    (3, Extent(3, 3)), ("2..4", Extent(2, 4)), ("2..", Extent(2, None)), ([1, 5], Extent(1, 5)),
    (" 2 .. 4 ", Extent(2, 4)),
])
def test_ranges_are_read_from_the_layout(value: object, extent: Extent) -> None:
    errors = ErrorCollector(Path(__file__), lambda path: None)
    assert read_extent(value, ("x",), errors) == extent
    assert not errors


def test_an_empty_range_is_refused() -> None:
    errors = ErrorCollector(Path(__file__), lambda path: None)
    read_extent("4..2", ("x",), errors)
    assert "write the smaller number first" in str(errors.errors[0])
