"""Stage: layout spec loading — a layout YAML file becomes a `LayoutSpec`, lengths in points.

The file is checked against `schemas/layout.schema.json`, its lengths are parsed by
`printer.units`, its page plan by `layout.plan`, and then `layout.checks` verifies what a
schema cannot: a plan whose regions fit the grid, names of styles and swatches that exist, the
type area inside the trim.
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
    Bar,
    Copyfit,
    FolioSpec,
    Grid,
    HeadlineSpec,
    HighlightsSpec,
    LayoutSpec,
    LineSpec,
    Page,
    PhotoSize,
    PhotosSpec,
    Print,
    StorySpec,
    Style,
    Swatch,
)
from printer.layout.plan import read_extent, read_regions
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
    checks.check(spec, errors)
    errors.raise_if_any()
    return spec


class _Reader:
    """Turns schema-valid data into the model, parsing lengths and recording unit errors."""

    def __init__(self, path: Path, errors: ErrorCollector) -> None:
        self.path = path
        self.base = path.resolve().parent
        self.errors = errors
        self.em = 0.0
        self.grid: GridMeasure | None = None
        self._styles: dict[str, Style] = {}

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
        folio = data["folio"]
        return LayoutSpec(
            source=self.path,
            page=self.page(data["page"], grid),
            grid=grid,
            swatches=MappingProxyType(self.swatches(data["swatches"])),
            styles=MappingProxyType(self.styles(data["styles"])),
            regions=read_regions(data["regions"], self.errors),
            folio=FolioSpec(folio["style"], folio["rule"],
                            self.length(folio["rule_width"], ("folio", "rule_width"))),
            headline=self.headline(data["headline"]),
            highlights=self.highlights(data["highlights"]),
            stories=self.stories(data["stories"]),
            photos=self.photos(data["photos"]),
            credit=LineSpec(data["credit"]["style"]),
            editors=LineSpec(data["editors"]["style"]),
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
        self._styles = {name: self.style(name, value) for name, value in data.items()}
        return self._styles

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
        size = self.style_size(data["style"])
        return Bar(
            style=data["style"],
            fill=data["fill"],
            rule=data["rule"],
            rule_width=self.length(data["rule_width"], (*path, "rule_width")),
            marker=data["marker"],
            lines=data["lines"],
            padding=self.length(data["padding"], (*path, "padding"), em=size),
        )

    def style_size(self, name: str) -> float:
        """The size of a named style (0 if it is not defined: checks report that)."""
        style = self._styles.get(name)
        return style.size if style else 0.0

    def sizes(self, data: dict[str, Any], key: str, style: str, path: KeyPath) -> tuple[float, ...]:
        """A list of type sizes to try in order; default: the style's own size."""
        values = data.get(key)
        if values is None:
            return (self.style_size(style),)
        return tuple(self.length(v, (*path, key, i)) for i, v in enumerate(values))

    def headline(self, data: dict[str, Any]) -> HeadlineSpec:
        path: KeyPath = ("headline",)
        return HeadlineSpec(
            kicker_style=data["kicker_style"],
            title_style=data["title_style"],
            title_sizes=self.sizes(data, "title_sizes", data["title_style"], path),
            title_lines=data["title_lines"],
            subtitle_style=data.get("subtitle_style") or data["kicker_style"],
            deck_style=data["deck_style"],
            deck_columns=data["deck_columns"],
            deck_lines=data["deck_lines"],
        )

    def highlights(self, data: dict[str, Any]) -> HighlightsSpec:
        path: KeyPath = ("highlights",)
        return HighlightsSpec(
            groups_per_row=read_extent(data["groups_per_row"], (*path, "groups_per_row"),
                                       self.errors),
            head=self.bar(data["head"], (*path, "head")),
            item_style=data["item_style"],
            fill=data["fill"],
            rule=data["rule"],
            rule_width=self.length(data["rule_width"], (*path, "rule_width")),
            padding=self.length(data["padding"], (*path, "padding")),
            bullet=data["bullet"],
            spread=data["spread"],
        )

    def stories(self, data: dict[str, Any]) -> StorySpec:
        path: KeyPath = ("stories",)
        return StorySpec(
            kicker_style=data["kicker_style"],
            title_style=data["title_style"],
            title_sizes=self.sizes(data, "title_sizes", data["title_style"], path),
            title_lines=data["title_lines"],
            body_style=data["body_style"],
            banner=self.bar(data["banner"], (*path, "banner")),
            byline_style=data["byline_style"],
        )

    def photos(self, data: dict[str, Any]) -> PhotosSpec:
        path: KeyPath = ("photos",)

        def size(key: str) -> PhotoSize:
            part = data[key]
            return PhotoSize(read_extent(part["columns"], (*path, key, "columns"), self.errors),
                             read_extent(part["lines"], (*path, key, "lines"), self.errors),
                             part.get("prefer"))

        return PhotosSpec(
            caption_style=data["caption_style"],
            lead=size("lead"),
            others=size("others"),
            per_row=data["per_row"],
            gap=data["gap"],
            max_crop=self.em_value(data["max_crop"], (*path, "max_crop")),
        )

    def copyfit(self, data: dict[str, Any]) -> Copyfit:
        def value(key: str) -> float:
            return self.em_value(data[key], ("copyfit", key))

        return Copyfit(value("tracking_min"), value("tracking_max"), value("tracking_step"),
                       data["banner_space"], self.length(data["hole"], ("copyfit", "hole"), "mm"))

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
