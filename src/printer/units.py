"""Stage: layout spec loading — the one place where lengths written by people become points.

Accepted forms:

- absolute lengths: `12mm`, `1.2cm`, `3.5pt`, `1in` (a space before the unit is allowed);
- Chinese 号 sizes (GB/T 40070—2021): `小五` = 9 pt, `四号` = 14 pt; `小五号` also works;
- relative lengths: `2em` (needs the em size), `3col` / `3 columns` (the width of three basic
  columns with the gutters between them) and `4lines` (four line pitches), both against a grid;
- bare numbers, only where the field states its unit (`unit="pt"`).

Errors are `UnitError`s (a `ValueError`) whose message says what was expected; loaders add
the file, line and key.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

PT_PER_MM: Final = 72 / 25.4
PT_PER_IN: Final = 72.0

HAO_SIZES: Final[Mapping[str, float]] = MappingProxyType(
    {
        "初号": 42.0,
        "小初": 36.0,
        "一号": 26.0,
        "小一": 24.0,
        "二号": 22.0,
        "小二": 18.0,
        "三号": 16.0,
        "小三": 15.0,
        "四号": 14.0,
        "小四": 12.0,
        "五号": 10.5,
        "小五": 9.0,
        "六号": 7.5,
        "小六": 6.5,
        "七号": 5.5,
    }
)
"""号 sizes in points (GB/T 40070—2021 values)."""

LENGTH_EXAMPLE: Final = "a length such as 12mm, 9pt, 小五 or 2em"

_ABSOLUTE: Final = {"pt": 1.0, "mm": PT_PER_MM, "cm": 10 * PT_PER_MM, "in": PT_PER_IN}
_UNIT_ALIASES: Final = {
    "pt": "pt",
    "mm": "mm",
    "cm": "cm",
    "in": "in",
    "em": "em",
    "col": "col",
    "cols": "col",
    "column": "col",
    "columns": "col",
    "line": "line",
    "lines": "line",
    "%": "%",
}
_NUMBER: Final = re.compile(r"\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z%]*)\s*")


class UnitError(ValueError):
    """A value that is not a length (or not one allowed here); the message says why."""


@dataclass(frozen=True)
class GridMeasure:
    """What `col` and `lines` mean: a basic column's width, the gutter and the line pitch."""

    column: float
    gutter: float
    line: float

    def columns(self, count: float) -> float:
        """The width of `count` basic columns and the gutters between them."""
        return count * self.column + max(count - 1, 0) * self.gutter


def hao_size(text: str) -> float | None:
    """The point size of a 号 name (`小五`, `小五号`, `五号`), or None if it is not one."""
    name = text.strip()
    if name.endswith("号") and name[:-1] in HAO_SIZES:
        name = name[:-1]
    return HAO_SIZES.get(name)


def _show(value: object) -> str:
    return f"'{value}'" if isinstance(value, str) else repr(value)


def _split(value: object, unit: str | None, expected: str) -> tuple[float, str]:
    """A number and a canonical unit name from `9pt`, `小五`, or a bare number."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise UnitError(f"expected {expected}, got {_show(value)}")
    if isinstance(value, str):
        size = hao_size(value)
        if size is not None:
            return size, "pt"
        match = _NUMBER.fullmatch(value)
        if not match:
            raise UnitError(f"expected {expected}, got {_show(value)}")
        number, written = float(match.group(1)), match.group(2)
    else:
        number, written = float(value), ""
    if not math.isfinite(number):
        raise UnitError(f"expected {expected}, got {_show(value)}")
    if not written:
        if unit is None:
            raise UnitError(f"expected {expected} with a unit, got the bare number {_show(value)}")
        return number, unit
    canonical = _UNIT_ALIASES.get(written.lower())
    if canonical is None:
        raise UnitError(f"expected {expected}; '{written}' is not a unit")
    return number, canonical


def parse_length(
    value: object,
    *,
    em: float | None = None,
    grid: GridMeasure | None = None,
    unit: str | None = None,
    negative: bool = False,
    expected: str = LENGTH_EXAMPLE,
) -> float:
    """A length in points.

    `em` is the size `em` refers to; `grid` gives `col` and `lines` their meaning; `unit` is
    the unit of bare numbers (None: bare numbers are refused). Negative lengths are refused
    unless `negative` is set.
    """
    number, name = _split(value, unit, expected)
    if name in _ABSOLUTE:
        points = number * _ABSOLUTE[name]
    elif name == "em":
        if em is None:
            raise UnitError("'em' has no size to refer to here; give a length such as 12mm or 9pt")
        points = number * em
    elif name in ("col", "line"):
        if grid is None:
            raise UnitError(f"columns and lines have no grid to refer to here; give {expected}")
        points = grid.columns(number) if name == "col" else number * grid.line
    else:
        raise UnitError(f"expected {expected}; '%' is not a length")
    if points < 0 and not negative:
        raise UnitError(f"must not be negative, got {_show(value)}")
    return points


def parse_em(value: object, *, size: float | None = None) -> float:
    """A fraction of an em (tracking, indents): `0.02`, `0.02em`, `2%`, or `0.5pt` with `size`."""
    expected = "a fraction of an em such as 0.02, 0.02em or 2%"
    number, name = _split(value, "em", expected)
    if name == "em":
        return number
    if name == "%":
        return number / 100
    if name in _ABSOLUTE and size:
        return number * _ABSOLUTE[name] / size
    raise UnitError(f"expected {expected}, got {_show(value)}")
