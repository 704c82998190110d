"""Stage: layout loading — reading the page plan (`regions:`) into a tree of regions.

A region is a mapping with exactly one of `across`, `down`, `choose` (a list of regions),
`element`, `story` or `photos`, plus its sizing (`columns`, `lines` as a number or a range `2..4`,
`space_below`). What a schema cannot say is checked here, each problem with its key path:
one kind per region, sizes where they mean something, each element and story placed once.
"""

from __future__ import annotations

import re
from typing import Any

from printer.errors import ErrorCollector, KeyPath, dotted
from printer.layout.regions import (
    ANY,
    Across,
    Block,
    Choose,
    Down,
    Extent,
    PhotoWell,
    Region,
    Sizing,
    StorySlot,
)

KINDS = ("across", "down", "choose", "element", "story", "photos")
REST = "rest"
_RANGE = re.compile(r"\s*(\d+)\s*(?:\.\.\s*(\d*)\s*)?")


def read_extent(value: Any, path: KeyPath, errors: ErrorCollector) -> Extent:
    """`3`, `"2..4"`, `"2.."` (open) or `[2, 4]` as an `Extent`."""
    high: int | None
    if isinstance(value, bool):
        value = None
    if isinstance(value, int):
        return Extent(value, value)
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
        low, high = value[0], value[1]
    elif isinstance(value, str) and (match := _RANGE.fullmatch(value)):
        low = int(match[1])
        high = low
        if ".." in value:
            high = int(match[2]) if match[2] else None
    else:
        errors.add(path, f"expected a number or a range such as 2..4, got {value!r}")
        return ANY
    if high is not None and high < low:
        errors.add(path, f"the range {low}..{high} is empty: write the smaller number first")
        return Extent(high, low)
    return Extent(low, high)


def read_regions(data: list[dict[str, Any]], errors: ErrorCollector) -> Down:
    """The page plan: the top-level list is a `down` region spanning the type area."""
    reader = _PlanReader(errors)
    children = tuple(reader.region(item, ("regions", i), "down") for i, item in enumerate(data))
    plan = Down(children, Sizing(), ("regions",))
    reader.check_unique(plan)
    return plan


class _PlanReader:
    def __init__(self, errors: ErrorCollector) -> None:
        self.errors = errors

    def region(self, data: dict[str, Any], path: KeyPath, parent: str) -> Region:
        kinds = [k for k in KINDS if k in data]
        if len(kinds) != 1:
            found = ", ".join(kinds) if kinds else "none"
            self.errors.add(path, f"a region needs exactly one of {', '.join(KINDS[:-1])} or "
                                  f"{KINDS[-1]}; found {found}")
            return Block("editors", Sizing(), path)
        kind = kinds[0]
        sizing = self.sizing(data, path, parent)
        if kind != "story":
            for key in ("foot_photos", "foot_columns"):
                if key in data:
                    self.errors.add((*path, key), f"only a story region takes {key}")
        if kind in ("across", "down", "choose"):
            items = data[kind]
            inner = parent if kind == "choose" else kind  # an alternative sits where choose is
            children = tuple(self.region(item, (*path, kind, i), inner)
                             for i, item in enumerate(items))
            if not children:
                self.errors.add((*path, kind), "a region list must not be empty")
            if kind == "across":
                return Across(children, sizing, path)
            if kind == "down":
                return Down(children, sizing, path)
            return Choose(children, sizing, path)
        if kind == "element":
            return Block(data["element"], sizing, path)
        if kind == "photos":
            if data["photos"] != REST:
                self.errors.add((*path, "photos"), f"expected '{REST}' (the photos no story "
                                                   f"takes), got {data['photos']!r}")
            return PhotoWell(sizing, path)
        return self.story(data, path, sizing)

    def story(self, data: dict[str, Any], path: KeyPath, sizing: Sizing) -> StorySlot:
        value = data["story"]
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            number = value
        elif value != REST:
            self.errors.add((*path, "story"), f"expected a story number from 1, or '{REST}'; "
                                              f"got {value!r}")
        feet = read_extent(data.get("foot_photos", 0), (*path, "foot_photos"), self.errors)
        columns = data.get("foot_columns")
        foot_columns = (Extent(1, None) if columns is None
                        else read_extent(columns, (*path, "foot_columns"), self.errors))
        return StorySlot(number, sizing, feet, foot_columns, path)

    def sizing(self, data: dict[str, Any], path: KeyPath, parent: str) -> Sizing:
        columns = lines = None
        if "columns" in data:
            columns = read_extent(data["columns"], (*path, "columns"), self.errors)
            if parent == "down":
                self.errors.add((*path, "columns"), "a region in a 'down' list is as wide as "
                                                    "its parent; give columns to the parent")
        if "lines" in data:
            lines = read_extent(data["lines"], (*path, "lines"), self.errors)
            if parent == "across":
                self.errors.add((*path, "lines"), "a region in an 'across' list is as tall as "
                                                  "its parent; give lines to the parent")
        space = read_extent(data.get("space_below", 0), (*path, "space_below"), self.errors)
        return Sizing(columns, lines, space, data.get("prefer"), int(data.get("space_above", 0)))

    def check_unique(self, region: Region) -> dict[str, KeyPath]:
        """Each element, each story number, the rest of the stories and the photo well: once
        on the page (once in each alternative of a `choose`). Returns what the region places."""
        name = _place_name(region)
        if name is not None:
            return {name: region.path}
        placed: dict[str, KeyPath] = {}
        if isinstance(region, Choose):
            for child in region.children:
                for key, where in self.check_unique(child).items():
                    placed.setdefault(key, where)
            return placed
        if isinstance(region, Across | Down):
            for child in region.children:
                for key, where in self.check_unique(child).items():
                    if key in placed:
                        self.errors.add(where, f"{key} is already placed at "
                                               f"{dotted(placed[key])}")
                    else:
                        placed[key] = where
        return placed


def _place_name(region: Region) -> str | None:
    if isinstance(region, Block):
        return f"element {region.element}"
    if isinstance(region, StorySlot):
        return f"story {region.number or REST}"
    if isinstance(region, PhotoWell):
        return "the photo well"
    return None

