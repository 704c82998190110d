"""Units: every way a length may be written, and the messages for the ways it may not."""

from __future__ import annotations

import pytest

from printer.units import (
    HAO_SIZES,
    PT_PER_MM,
    GridMeasure,
    UnitError,
    hao_size,
    parse_em,
    parse_length,
)

GRID = GridMeasure(column=13 * 9.0, gutter=9.0, line=14.0)


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("12mm", 12 * PT_PER_MM),
        ("12 mm", 12 * PT_PER_MM),
        ("1.2cm", 12 * PT_PER_MM),
        ("3.5pt", 3.5),
        (".5pt", 0.5),
        ("1in", 72.0),
        ("390mm", 1105.511811),
        ("2em", 18.0),  # em = 9 pt below
        ("小五", 9.0),
        ("小五号", 9.0),
        ("五号", 10.5),
        ("初号", 42.0),
        ("七号", 5.5),
        ("3col", 3 * 117 + 2 * 9),
        ("3 columns", 378.0 - 9.0),
        ("1 column", 117.0),
        ("4lines", 56.0),
        ("1 line", 14.0),
        ("0", 0.0),  # bare: the field's unit, pt here
        (14, 14.0),
        (10.5, 10.5),
    ],
)
def test_lengths(text: str | float, points: float) -> None:
    assert parse_length(text, em=9.0, grid=GRID, unit="pt") == pytest.approx(points)


def test_bare_numbers_take_the_stated_unit() -> None:
    assert parse_length(3, unit="mm") == pytest.approx(3 * PT_PER_MM)
    assert parse_length("2", unit="em", em=10.5) == pytest.approx(21.0)


@pytest.mark.parametrize(
    ("value", "kwargs", "message"),
    [
        ("12 furlongs", {}, "expected a length such as 12mm, 9pt, 小五 or 2em; 'furlongs'"),
        ("twelve", {}, "expected a length such as 12mm, 9pt, 小五 or 2em, got 'twelve'"),
        (12, {}, "with a unit, got the bare number 12"),
        ("12", {}, "with a unit, got the bare number '12'"),
        ("2em", {}, "'em' has no size to refer to here"),
        ("3col", {}, "columns and lines have no grid to refer to here"),
        ("-3mm", {}, "must not be negative"),
        ([12], {}, "got [12]"),
        (True, {"unit": "pt"}, "got True"),
        ("5%", {}, "'%' is not a length"),
        ("nan pt", {}, "expected a length"),
    ],
)
def test_length_errors_say_what_was_expected(
    value: object, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(UnitError) as info:
        parse_length(value, **kwargs)  # type: ignore[arg-type]
    assert message in str(info.value)


def test_negative_lengths_when_allowed() -> None:
    assert parse_length("-1pt", negative=True) == -1.0


def test_hao_sizes_are_gb_t_40070() -> None:
    assert list(HAO_SIZES.values()) == [
        42,
        36,
        26,
        24,
        22,
        18,
        16,
        15,
        14,
        12,
        10.5,
        9,
        7.5,
        6.5,
        5.5,
    ]
    assert hao_size("小四") == 12.0
    assert hao_size("八号") is None


@pytest.mark.parametrize(
    ("value", "em"),
    [(-0.02, -0.02), ("0.02em", 0.02), ("-2%", -0.02), (0, 0.0), ("2", 2.0), ("0.9pt", 0.1)],
)
def test_em_fractions(value: object, em: float) -> None:
    assert parse_em(value, size=9.0) == pytest.approx(em)


def test_em_fraction_errors() -> None:
    with pytest.raises(UnitError, match=r"a fraction of an em such as 0\.02"):
        parse_em("0.5pt")  # no size to relate points to
    with pytest.raises(UnitError, match="a fraction of an em"):
        parse_em("wide")
