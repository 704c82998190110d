"""Stage: layout spec loading — the checks a JSON Schema cannot express.

Run on a `LayoutSpec` built from schema-valid data: the type area inside the trim, a page
plan whose smallest sizes fit the grid and that places the headline and the first story,
references to styles and swatches that exist, photo sizes on the grid, body text on the line
grid, sane copyfit and print limits, and files that exist. `refuse_rgb` runs before the
schema, so that an RGB colour gets its own message rather than a list of unknown keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from printer.errors import ErrorCollector, KeyPath, display_path
from printer.layout.model import LayoutSpec
from printer.layout.regions import Across, Block, Down, Region, StorySlot, walk

_RGB_TEXT = re.compile(r"\s*(#[0-9a-fA-F]{3,8}|rgba?\s*\(.*\))\s*")
_RGB_KEYS = {"r", "g", "b", "red", "green", "blue", "rgb", "hex"}
_RGB_MESSAGE = (
    "RGB colours are not allowed: the page is printed in CMYK; "
    "give c, m, y, k in percent, e.g. {c: 0, m: 100, y: 100, k: 0}"
)


def _looks_rgb(value: Any) -> bool:
    if isinstance(value, str):
        return bool(_RGB_TEXT.fullmatch(value))
    if isinstance(value, dict):
        return bool({str(k).lower() for k in value} & _RGB_KEYS)
    if isinstance(value, list):
        return len(value) == 3 or (len(value) == 4 and isinstance(value[0], str))
    return False


def refuse_rgb(swatches: dict[str, Any], errors: ErrorCollector) -> None:
    """Report (and drop, so the schema does not report them again) RGB-looking swatches."""
    for name in [n for n, v in swatches.items() if _looks_rgb(v)]:
        errors.add(("swatches", name), _RGB_MESSAGE)
        del swatches[name]


def check(spec: LayoutSpec, errors: ErrorCollector) -> None:
    """Add every semantic problem of `spec` to `errors`."""
    _check_page(spec, errors)
    _check_plan(spec, errors)
    _check_names(spec, errors)
    _check_photos(spec, errors)
    _check_limits(spec, errors)


def _check_page(spec: LayoutSpec, errors: ErrorCollector) -> None:
    page, grid = spec.page, spec.grid
    right = page.width - page.margin_left - grid.width
    bottom = page.height - page.margin_top - grid.height
    if page.margin_left < 0 or right < -1e-6:
        errors.add(
            ("page", "margin_left"),
            f"the type area ({grid.width:.1f}pt wide from {page.margin_left:.1f}pt) does not "
            f"fit across the trim ({page.width:.1f}pt)",
        )
    if page.margin_top < 0 or bottom < -1e-6:
        errors.add(
            ("page", "margin_top"),
            f"the type area ({grid.height:.1f}pt high from {page.margin_top:.1f}pt) does not "
            f"fit down the trim ({page.height:.1f}pt)",
        )


def _check_plan(spec: LayoutSpec, errors: ErrorCollector) -> None:
    """Regions whose smallest sizes fit the grid; the headline and the first story placed."""
    grid = spec.grid
    placed = {_name(r) for r in walk(spec.regions)}
    for needed, what in (("element headline", "the headline"), ("story 1", "the first story")):
        if needed not in placed:
            errors.add(("regions",), f"the plan has no region for {what}; add one")
    for region in walk(spec.regions):
        sizing = region.sizing
        if sizing.columns is not None and sizing.columns.low > grid.columns:
            errors.add((*region.path, "columns"),
                       f"asks for {sizing.columns.low} columns; the grid has {grid.columns}")
        if sizing.lines is not None and sizing.lines.low > grid.lines:
            errors.add((*region.path, "lines"),
                       f"asks for {sizing.lines.low} lines; the grid has {grid.lines}")
        if isinstance(region, Across):
            least = sum(c.sizing.columns.low for c in region.children if c.sizing.columns)
            if least > grid.columns:
                errors.add((*region.path, "across"), f"its regions need at least {least} "
                                                     f"columns; the grid has {grid.columns}")
        if isinstance(region, Down):
            least = sum((c.sizing.lines.low if c.sizing.lines else 0) + c.sizing.space_below.low
                        for c in region.children)
            if least > grid.lines:
                errors.add((*region.path, "down"), f"its regions need at least {least} lines; "
                                                   f"the grid has {grid.lines}")
    if spec.headline.deck_columns > grid.columns:
        errors.add(("headline", "deck_columns"),
                   f"the deck is {spec.headline.deck_columns} columns wide; the grid has "
                   f"{grid.columns}")


def _name(region: Region) -> str:
    if isinstance(region, Block):
        return f"element {region.element}"
    if isinstance(region, StorySlot):
        return f"story {region.number or 'rest'}"
    return type(region).__name__


def _style_refs(spec: LayoutSpec) -> Iterator[tuple[KeyPath, str]]:
    yield ("folio", "style"), spec.folio.style
    head = spec.headline
    yield ("headline", "kicker_style"), head.kicker_style
    yield ("headline", "title_style"), head.title_style
    yield ("headline", "subtitle_style"), head.subtitle_style
    yield ("headline", "deck_style"), head.deck_style
    yield ("highlights", "head", "style"), spec.highlights.head.style
    yield ("highlights", "item_style"), spec.highlights.item_style
    yield ("photos", "caption_style"), spec.photos.caption_style
    stories = spec.stories
    for key in ("kicker_style", "title_style", "body_style", "byline_style"):
        yield ("stories", key), getattr(stories, key)
    yield ("stories", "banner", "style"), stories.banner.style
    yield ("credit", "style"), spec.credit.style
    yield ("editors", "style"), spec.editors.style


def _swatch_refs(spec: LayoutSpec) -> Iterator[tuple[KeyPath, str | None]]:
    for name, style in spec.styles.items():
        yield ("styles", name, "color"), style.color
        yield ("styles", name, "emphasis_color"), style.emphasis_color
    yield ("folio", "rule"), spec.folio.rule
    box = spec.highlights
    yield ("highlights", "fill"), box.fill
    yield ("highlights", "rule"), box.rule
    for path, bar in (
        (("highlights", "head"), box.head),
        (("stories", "banner"), spec.stories.banner),
    ):
        yield (*path, "fill"), bar.fill
        yield (*path, "rule"), bar.rule


def _check_names(spec: LayoutSpec, errors: ErrorCollector) -> None:
    for path, name in _style_refs(spec):
        if name not in spec.styles:
            known = ", ".join(spec.styles)
            errors.add(path, f"unknown style '{name}' (styles defined: {known})")
    for path, swatch in _swatch_refs(spec):
        if swatch is not None and swatch not in spec.swatches:
            known = ", ".join(spec.swatches)
            errors.add(path, f"unknown swatch '{swatch}' (swatches defined: {known})")


def _check_photos(spec: LayoutSpec, errors: ErrorCollector) -> None:
    photos, grid = spec.photos, spec.grid
    for key, size in (("lead", photos.lead), ("others", photos.others)):
        if size.columns.low < 1 or size.columns.low > grid.columns:
            errors.add(("photos", key, "columns"), f"must start between 1 and the grid's "
                                                   f"{grid.columns} columns")
        if size.lines.low < 1:
            errors.add(("photos", key, "lines"), "a photo needs at least 1 line")
    if not 0 <= photos.max_crop < 1:
        errors.add(("photos", "max_crop"), f"must be from 0 to less than 100 %, got "
                                           f"{photos.max_crop:.0%}")


def _check_limits(spec: LayoutSpec, errors: ErrorCollector) -> None:
    body = spec.styles.get(spec.stories.body_style)
    if body is not None and abs(body.leading - spec.grid.line_pitch) > 1e-6:
        errors.add(
            ("styles", body.name, "leading"),
            f"the body leading ({body.leading:g}pt) must equal the grid's line pitch "
            f"({spec.grid.line_pitch:g}pt)",
        )
    limit = spec.print.total_ink_limit
    for name, swatch in spec.swatches.items():
        if swatch.ink > limit + 1e-6:
            errors.add(
                ("swatches", name), f"total ink {swatch.ink:g}% is over the {limit:g}% limit"
            )
    fit = spec.copyfit
    if not fit.tracking_min <= 0 <= fit.tracking_max:
        errors.add(("copyfit",), "tracking_min must be ≤ 0 ≤ tracking_max")
    if fit.tracking_step <= 0:
        errors.add(("copyfit", "tracking_step"), "must be more than 0")
    if spec.print.warn_ppi < spec.print.min_ppi:
        errors.add(("print", "warn_ppi"), "must be at least min_ppi")
    if not spec.fonts_dir.is_dir():
        errors.add(("fonts",), f"font directory not found: {display_path(spec.fonts_dir)}")
    if spec.print.profile is not None and not spec.print.profile.is_file():
        errors.add(("print", "profile"), f"profile not found: {display_path(spec.print.profile)}")
