"""Stage: layout spec loading — the checks a JSON Schema cannot express.

Run on a `LayoutSpec` built from schema-valid data: the type area inside the trim, every
block inside the grid and none overlapping another, references to styles and swatches that
exist, photo slots whose heights add up, body text on the line grid, sane copyfit and print
limits, and files that exist. `refuse_rgb` runs before the schema, so that an RGB colour gets
its own message rather than a list of unknown keys.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from printer.errors import ErrorCollector, KeyPath, display_path
from printer.layout.model import LayoutSpec, Rect

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


def check(spec: LayoutSpec, errors: ErrorCollector, blocks: Mapping[str, KeyPath]) -> None:
    """Add every semantic problem of `spec` to `errors`; `blocks` locates each grid block."""
    _check_page(spec, errors)
    _check_blocks(spec, errors, blocks)
    _check_names(spec, errors)
    _check_photos(spec, errors)
    _check_frames(spec, errors)
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


def _rects(spec: LayoutSpec) -> Iterator[tuple[str, Rect]]:
    yield "folio", spec.folio.rect
    yield "headline", spec.headline.rect
    yield "highlights", spec.highlights.rect
    for slot in spec.photos:
        yield f"photo {slot.name}", slot.rect
    yield "article.head", spec.article.head
    for index, frame in enumerate(spec.article.frames):
        yield f"article.frames[{index}]", frame
    yield "credit", spec.credit.rect
    yield "editors", spec.editors.rect


def _show(rect: Rect) -> str:
    return f"columns {list(rect.columns)}, lines {list(rect.lines)}"


def _check_blocks(spec: LayoutSpec, errors: ErrorCollector, blocks: Mapping[str, KeyPath]) -> None:
    grid = spec.grid
    inside = []
    for name, rect in _rects(spec):
        if grid.contains(rect):
            inside.append((name, rect))
        else:
            errors.add(
                blocks[name],
                f"{_show(rect)} is not inside the grid "
                f"({grid.columns} columns, {grid.lines} lines; ends are exclusive)",
            )
    for (name_a, a), (name_b, b) in itertools.combinations(inside, 2):
        if a.overlaps(b):
            errors.add(blocks[name_b], f"overlaps {name_a} ({_show(a)})")
    head = spec.headline
    first, end = head.deck_columns
    if not (head.rect.columns[0] <= first < end <= head.rect.columns[1]):
        errors.add(("headline", "deck_columns"), "must lie within the headline's columns")
    if spec.highlights.group_columns > spec.highlights.rect.column_count:
        errors.add(("highlights", "group_columns"), "more group columns than grid columns")


def _style_refs(spec: LayoutSpec) -> Iterator[tuple[KeyPath, str]]:
    yield ("folio", "style"), spec.folio.style
    head = spec.headline
    yield ("headline", "kicker_style"), head.kicker_style
    yield ("headline", "title_style"), head.title_style
    yield ("headline", "deck_style"), head.deck_style
    yield ("highlights", "head", "style"), spec.highlights.head.style
    yield ("highlights", "item_style"), spec.highlights.item_style
    for index, slot in enumerate(spec.photos):
        yield ("photos", index, "caption_style"), slot.caption_style
    article = spec.article
    for key in ("kicker_style", "title_style", "body_style", "byline_style"):
        yield ("article", key), getattr(article, key)
    yield ("article", "banner", "style"), article.banner.style
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
        (("article", "banner"), spec.article.banner),
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


def _check_frames(spec: LayoutSpec, errors: ErrorCollector) -> None:
    """Frames share one width (lines are composed once); a frame grows only into the photo
    slot right below it, spanning its columns."""
    article = spec.article
    widths = {frame.column_count for frame in article.frames}
    if len(widths) > 1:
        errors.add(("article", "frames"), "all frames must be as wide as each other, "
                   f"got widths of {sorted(widths)} columns")
    slots = {slot.name: slot for slot in spec.photos}
    for index, (frame, name) in enumerate(zip(article.frames, article.grows_into, strict=False)):
        if name is None:
            continue
        path: KeyPath = ("article", "frames", index, "grows_into")
        slot = slots.get(name)
        if slot is None:
            errors.add(path, f"unknown photo slot '{name}' (slots: {', '.join(slots)})")
        elif slot.rect.lines[0] != frame.lines[1] or not (
            slot.rect.columns[0] <= frame.columns[0] and frame.columns[1] <= slot.rect.columns[1]
        ):
            errors.add(path, f"photo slot '{name}' is not right below this frame")


def _check_photos(spec: LayoutSpec, errors: ErrorCollector) -> None:
    seen: set[str] = set()
    for index, slot in enumerate(spec.photos):
        path: KeyPath = ("photos", index)
        if slot.name in seen:
            errors.add((*path, "name"), f"photo slot '{slot.name}' is defined twice")
        seen.add(slot.name)
        room = slot.rect.line_count - slot.caption_lines
        if room < 1:
            errors.add((*path, "caption_lines"), "leaves no lines for the photo")
        elif slot.max_lines > room:
            errors.add(
                (*path, "max_lines"),
                f"must be at most {room} (the slot's {slot.rect.line_count} lines "
                f"less {slot.caption_lines} caption lines), got {slot.max_lines}",
            )
        if slot.min_lines > slot.max_lines:
            errors.add((*path, "min_lines"), f"must not exceed max_lines ({slot.max_lines})")


def _check_limits(spec: LayoutSpec, errors: ErrorCollector) -> None:
    body = spec.styles.get(spec.article.body_style)
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
