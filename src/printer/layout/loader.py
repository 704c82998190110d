"""Stage: layout spec loading — a layout YAML file becomes a `LayoutSpec`, lengths in points.

The file is checked against `schemas/layout.schema.json`, its lengths are parsed by
`printer.units`, and then `spec.checks` verifies what a schema cannot: blocks inside the grid
and not overlapping, names of styles and swatches that exist, the type area inside the trim.
Every problem is reported with file, line and dotted key, all at once.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

from printer import yamlsource
from printer.errors import ErrorCollector, KeyPath
from printer.layout import checks
from printer.layout.model import (
    ArticleSpec,
    Bar,
    Copyfit,
    FolioSpec,
    Grid,
    HeadlineSpec,
    HighlightsSpec,
    LayoutSpec,
    LineSpec,
    Page,
    PhotoSlot,
    Print,
    Rect,
    Style,
    Swatch,
)
from printer.text.model import PunctStyle
from printer.units import GridMeasure, UnitError, parse_em, parse_length

SCHEMA = "layout.schema.json"
CENTER = "center"


def load(path: Path) -> LayoutSpec:
    """Load and check a layout file. Raises `InputError`/`InputErrors` on any problem."""
    path = Path(path)
    data, source = yamlsource.load(path)
    errors = ErrorCollector(path, source)
    if isinstance(data, dict) and isinstance(data.get("swatches"), dict):
        checks.refuse_rgb(data["swatches"], errors)
    data = yamlsource.check_schema(data, source, SCHEMA, errors)
    errors.raise_if_any()
    spec = _Reader(path, errors).layout(data)
    errors.raise_if_any()
    checks.check(spec, errors, _block_paths(data))
    errors.raise_if_any()
    return spec


def _block_paths(data: dict[str, Any]) -> dict[str, KeyPath]:
    """The key path of every grid block, by the name `checks` uses for it."""
    paths: dict[str, KeyPath] = {
        name: (name,) for name in ("folio", "headline", "highlights", "credit", "editors")
    }
    paths["article.head"] = ("article", "head")
    for index, _ in enumerate(data["article"]["frames"]):
        paths[f"article.frames[{index}]"] = ("article", "frames", index)
    for index, slot in enumerate(data["photos"]):
        paths[f"photo {slot['name']}"] = ("photos", index)
    return paths


class _Reader:
    """Turns schema-valid data into the model, parsing lengths and recording unit errors."""

    def __init__(self, path: Path, errors: ErrorCollector) -> None:
        self.path = path
        self.base = path.resolve().parent
        self.errors = errors
        self.em = 0.0
        self.grid: GridMeasure | None = None

    def length(self, value: Any, path: KeyPath, unit: str = "pt", em: float | None = None) -> float:
        try:
            return parse_length(value, em=self.em if em is None else em, grid=self.grid, unit=unit)
        except UnitError as exc:
            self.errors.add(path, str(exc))
            return 0.0

    def em_value(self, value: Any, path: KeyPath, size: float | None = None) -> float:
        try:
            return parse_em(value, size=size)
        except UnitError as exc:
            self.errors.add(path, str(exc))
            return 0.0

    def layout(self, data: dict[str, Any]) -> LayoutSpec:
        grid = self.grid_spec(data["grid"])
        article = data["article"]
        return LayoutSpec(
            source=self.path,
            page=self.page(data["page"], grid),
            grid=grid,
            swatches=MappingProxyType(self.swatches(data["swatches"])),
            styles=MappingProxyType(self.styles(data["styles"])),
            folio=FolioSpec(
                rect(data["folio"]),
                data["folio"]["style"],
                data["folio"]["rule"],
                self.length(data["folio"]["rule_width"], ("folio", "rule_width")),
            ),
            headline=self.headline(data["headline"]),
            highlights=self.highlights(data["highlights"]),
            photos=tuple(self.photo(slot) for slot in data["photos"]),
            article=ArticleSpec(
                head=rect(article["head"]),
                kicker_style=article["kicker_style"],
                title_style=article["title_style"],
                frames=tuple(rect(frame) for frame in article["frames"]),
                grows_into=tuple(frame.get("grows_into") for frame in article["frames"]),
                body_style=article["body_style"],
                banner=self.bar(article["banner"], ("article", "banner")),
                byline_style=article["byline_style"],
            ),
            credit=LineSpec(rect(data["credit"]), data["credit"]["style"]),
            editors=LineSpec(rect(data["editors"]), data["editors"]["style"]),
            copyfit=self.copyfit(data["copyfit"]),
            print=self.print_spec(data["print"]),
            fonts_dir=(self.base / data["fonts"]).resolve(),
        )

    def grid_spec(self, data: dict[str, Any]) -> Grid:
        char = self.length(data["char"], ("grid", "char"))
        self.em = char
        grid = Grid(
            columns=data["columns"],
            column_chars=data["column_chars"],
            gutter_chars=data["gutter_chars"],
            char=char,
            line_pitch=self.length(data["line_pitch"], ("grid", "line_pitch")),
            lines=data["lines"],
        )
        self.grid = GridMeasure(
            grid.column_chars * grid.char, grid.gutter_chars * grid.char, grid.line_pitch
        )
        return grid

    def page(self, data: dict[str, Any], grid: Grid) -> Page:
        width = self.length(data["width"], ("page", "width"), "mm")
        height = self.length(data["height"], ("page", "height"), "mm")

        def margin(key: str, room: float) -> float:
            value = data[key]
            if isinstance(value, str) and value.strip().lower() == CENTER:
                return (room) / 2
            return self.length(value, ("page", key), "mm")

        return Page(
            width=width,
            height=height,
            bleed=self.length(data["bleed"], ("page", "bleed"), "mm"),
            margin_top=margin("margin_top", height - grid.height),
            margin_left=margin("margin_left", width - grid.width),
        )

    def swatches(self, data: dict[str, Any]) -> dict[str, Swatch]:
        return {
            name: Swatch(name, v["c"] / 100, v["m"] / 100, v["y"] / 100, v["k"] / 100)
            for name, v in data.items()
        }

    def styles(self, data: dict[str, Any]) -> dict[str, Style]:
        return {name: self.style(name, value) for name, value in data.items()}

    def style(self, name: str, data: dict[str, Any]) -> Style:
        path: KeyPath = ("styles", name)
        size = self.length(data["size"], (*path, "size"))
        leading = data.get("leading")
        emphasis_size = data.get("emphasis_size")
        return Style(
            name=name,
            font=data["font"],
            size=size,
            leading=1.5 * size
            if leading is None
            else self.length(leading, (*path, "leading"), em=size),
            color=data["color"],
            tracking=self.em_value(data["tracking"], (*path, "tracking"), size),
            punctuation=PunctStyle(data["punctuation"]),
            indent=self.em_value(data["indent"], (*path, "indent"), size),
            align=data["align"],
            emphasis_font=data.get("emphasis_font"),
            emphasis_color=data.get("emphasis_color"),
            emphasis_size=None
            if emphasis_size is None
            else self.length(emphasis_size, (*path, "emphasis_size"), em=size),
        )

    def bar(self, data: dict[str, Any], path: KeyPath) -> Bar:
        return Bar(
            style=data["style"],
            fill=data["fill"],
            rule=data["rule"],
            rule_width=self.length(data["rule_width"], (*path, "rule_width")),
            marker=data["marker"],
            lines=data["lines"],
        )

    def headline(self, data: dict[str, Any]) -> HeadlineSpec:
        block = rect(data)
        deck = data.get("deck_columns")
        return HeadlineSpec(
            rect=block,
            kicker_style=data["kicker_style"],
            title_style=data["title_style"],
            deck_style=data["deck_style"],
            deck_columns=block.columns if deck is None else columns(deck),
            deck_max_lines=data["deck_max_lines"],
        )

    def highlights(self, data: dict[str, Any]) -> HighlightsSpec:
        path: KeyPath = ("highlights",)
        return HighlightsSpec(
            rect=rect(data),
            group_columns=data["group_columns"],
            head=self.bar(data["head"], (*path, "head")),
            item_style=data["item_style"],
            fill=data["fill"],
            rule=data["rule"],
            rule_width=self.length(data["rule_width"], (*path, "rule_width")),
            padding=self.length(data["padding"], (*path, "padding")),
            bullet=data["bullet"],
        )

    def photo(self, data: dict[str, Any]) -> PhotoSlot:
        return PhotoSlot(
            name=data["name"],
            rect=rect(data),
            caption_lines=data["caption_lines"],
            caption_style=data["caption_style"],
            min_lines=data["min_lines"],
            max_lines=data["max_lines"],
        )

    def copyfit(self, data: dict[str, Any]) -> Copyfit:
        def value(key: str) -> float:
            return self.em_value(data[key], ("copyfit", key))

        return Copyfit(value("tracking_min"), value("tracking_max"), value("tracking_step"),
                       data["banner_space"])

    def print_spec(self, data: dict[str, Any]) -> Print:
        profile = data["profile"]
        return Print(
            profile=None if profile is None else (self.base / profile).resolve(),
            output_condition=data["output_condition"],
            total_ink_limit=float(data["total_ink_limit"]),
            min_ppi=float(data["min_ppi"]),
            warn_ppi=float(data["warn_ppi"]),
            marks=data["marks"],
            standard=data["standard"],
        )


def columns(value: int | list[int]) -> tuple[int, int]:
    """`[first, end)` from `[first, end]` as written, or a single column number."""
    if isinstance(value, int):
        return value, value + 1
    return value[0], value[1]


def rect(data: dict[str, Any]) -> Rect:
    lines = data["lines"]
    return Rect(columns(data["columns"]), (lines[0], lines[1]))
