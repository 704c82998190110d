"""Layout loading: the broadsheet's grid in points, its plan of regions, and bad layouts
located by file, line and key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from printer.errors import InputError, InputErrors
from printer.layout import (
    Across,
    Block,
    Choose,
    Copyfit,
    Down,
    Extent,
    Grid,
    LayoutSpec,
    PhotoWell,
    Rect,
    StorySlot,
)
from printer.layout import load as load_layout
from printer.text.model import PunctStyle
from printer.units import PT_PER_MM
from printer.yamlsource import load_schema, resolve

ROOT = Path(__file__).resolve().parents[1]
BROADSHEET = ROOT / "layout" / "broadsheet.yaml"
TEXT = BROADSHEET.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def layout() -> LayoutSpec:
    return load_layout(BROADSHEET)


def test_broadsheet_grid(layout: LayoutSpec) -> None:
    grid = layout.grid
    assert (grid.columns, grid.column_chars, grid.gutter_chars) == (8, 13, 1)
    assert (grid.char, grid.line_pitch, grid.lines) == (9.0, 14.0, 99)
    assert grid.width == 999.0  # 111 characters of 9 pt
    assert grid.height == 99 * 14.0
    assert grid.column_x(0) == 0.0
    assert grid.column_x(3) == 3 * 14 * 9 == 378.0
    assert grid.column_x(7) == 7 * 14 * 9
    assert grid.span(0, 3) == (0.0, 41 * 9.0)
    assert grid.span(3, 8) == (378.0, 69 * 9.0)
    assert grid.line_y(46) == 46 * 14.0
    assert grid.line_y(99) == grid.height


def test_broadsheet_page(layout: LayoutSpec) -> None:
    page = layout.page
    assert page.width == pytest.approx(390 * PT_PER_MM)
    assert page.height == pytest.approx(550 * PT_PER_MM)
    assert page.bleed == pytest.approx(3 * PT_PER_MM)
    assert page.margin_left == pytest.approx((390 * PT_PER_MM - 999) / 2)
    assert page.margin_top == pytest.approx(30.5 * PT_PER_MM)
    assert page.margin_top + layout.grid.height < page.height


def test_broadsheet_styles_and_dress(layout: LayoutSpec) -> None:
    body = layout.styles["body"]
    assert (body.font, body.size, body.leading, body.indent) == ("song", 9.0, 14.0, 2.0)
    assert body.punctuation is PunctStyle.KAIMING and body.align == "justify"
    item = layout.styles["box_item"]
    assert (item.size, item.emphasis_font, item.emphasis_color) == (10.5, "hei-bold", "accent")
    assert layout.styles["byline"].align == "right"
    assert layout.swatches["accent"].m == 1.0
    assert layout.stories.banner.marker == "■" and layout.stories.banner.lines == 2
    assert layout.stories.title_sizes == (30.0, 28.0, 26.0, 24.0, 22.0, 18.0)  # … 一号 … 小二
    assert layout.highlights.groups_per_row == Extent(2, 3)
    assert layout.headline.title_sizes[0] == 60.0 and layout.headline.title_lines == 2
    assert layout.headline.deck_columns == 6
    assert layout.photos.lead.columns == Extent(3, 8) and layout.photos.lead.prefer == 6
    assert layout.photos.max_crop == pytest.approx(0.3)
    assert layout.copyfit == Copyfit(-0.02, 0.02, 0.005, banner_space=1)
    assert layout.print.output_condition == "ISO newspaper 26 (IFRA26)"
    assert layout.print.profile is None and layout.print.marks is False
    assert layout.fonts_dir == (ROOT / "fonts").resolve()


def test_broadsheet_plan(layout: LayoutSpec) -> None:
    plan = layout.regions
    assert isinstance(plan, Down)
    folio, headline, box, body = plan.children
    assert isinstance(folio, Block) and folio.element == "folio"
    assert folio.sizing.lines == Extent(2, 2)
    assert isinstance(headline, Block) and headline.sizing.lines is None  # what it needs
    assert isinstance(box, Block) and box.sizing.space_below == Extent(1, 1)
    assert isinstance(body, Choose)
    beside, under = body.children  # the article beside the photos, or under them
    assert isinstance(beside, Across) and isinstance(under, Down)
    story, side = beside.children
    assert isinstance(story, StorySlot) and story.number == 1
    assert story.sizing.columns == Extent(1, 4) and story.sizing.prefer == 2
    assert story.foot_photos == Extent(0, 2)
    assert isinstance(side, Down)
    assert isinstance(side.children[0], PhotoWell)
    rest = side.children[1]
    assert isinstance(rest, StorySlot) and rest.number is None and rest.sizing.space_above == 1


def test_grid_spans() -> None:
    grid = Grid(columns=8, column_chars=13, gutter_chars=1, char=9.0, line_pitch=14.0, lines=99)
    assert [grid.chars(0, n) for n in (1, 2, 3, 8)] == [13, 27, 41, 111]
    assert grid.box(Rect((1, 3), (2, 5))) == (126.0, 28.0, 27 * 9.0, 42.0)
    with pytest.raises(ValueError):
        grid.column_x(8)
    with pytest.raises(ValueError):
        grid.span(3, 3)
    assert Rect((0, 2), (0, 5)).overlaps(Rect((1, 3), (4, 6)))
    assert not Rect((0, 2), (0, 5)).overlaps(Rect((2, 3), (0, 5)))


# --- bad layouts -----------------------------------------------------------------------------

STORY_COLUMNS = "regions[3].choose[0].across[0].columns"
BAD = [
    # (replace this, with this, expected key, message part): the error is on the changed line
    (
        "  body_style: body",
        "  body_style: bodytext",
        "stories.body_style",
        "unknown style 'bodytext'",
    ),
    ("  deck_style: deck", "  deck_style: dek", "headline.deck_style", "unknown style 'dek'"),
    (
        "  accent: {c: 0, m: 100, y: 100, k: 0}",
        "  accent: '#cc0000'",
        "swatches.accent",
        "RGB colours are not allowed",
    ),
    (
        "  bar: {c: 0, m: 15, y: 35, k: 0}",
        "  bar: {r: 250, g: 220, b: 160}",
        "swatches.bar",
        "RGB colours are not allowed",
    ),
    ("  bleed: 3mm", "  bleeed: 3mm", "page.bleeed", "unknown key 'bleeed' (expected one of: "),
    ("  columns: 8", "  columns: eight", "grid.columns", "expected a whole number, got a string"),
    ("  char: 小五", "  char: 9 furlongs", "grid.char", "expected a length such as 12mm"),
    ("  fill: tint", "  fill: tnt", "highlights.fill", "unknown swatch 'tnt'"),
    ("story: 1, columns: 1..4", "story: 1, columns: 4..1", STORY_COLUMNS,
     "the range 4..1 is empty"),
    ("story: 1, columns: 1..4", "story: 1, columns: 9..10", STORY_COLUMNS,
     "asks for 9 columns; the grid has 8"),
    ("story: 1, columns: 1..4", "story: 1, columns: two", STORY_COLUMNS,
     "is not a number or a range such as 2..4"),
    ("  - {element: folio, lines: 2}", "  - {element: folio, story: 1, lines: 2}", "regions[0]",
     "exactly one of across, down, choose, element, story or photos; found element, story"),
    ("  - {element: headline, space_below: 1}", "  - {element: folio, space_below: 1}",
     "regions[1]", "element folio is already placed at regions[0]"),
    ("  - {element: folio, lines: 2}", "  - {element: folio, columns: 2}", "regions[0].columns",
     "is as wide as its parent"),
    ("              - {photos: rest}", "              - {photos: all}",
     "regions[3].choose[0].across[1].down[0].photos", "expected 'rest'"),
    ("              - {element: credit}", "              - {element: credit, foot_photos: 1}",
     "regions[3].choose[0].across[1].down[2].foot_photos", "only a story region takes"),
    ("          - {story: 1}", "          - {photos: rest}",
     "regions[3].choose[1].down[2]",
     "the photo well is already placed at regions[3].choose[1].down[0]"),
    ("  - {element: folio, lines: 2}", "  - {element: masthead, lines: 2}",
     "regions[0].element", "expected one of: folio, headline"),
    ("  max_crop: 30%", "  max_crop: 120%", "photos.max_crop", "must be from 0 to less than 100 %"),
    ("  width: 390mm", "  width: 300mm", "page.margin_left", "does not fit across the trim"),
    (
        "  body: {font: song, size: 小五, leading: 14pt",
        "  body: {font: song, size: 小五, leading: 15pt",
        "styles.body.leading",
        "must equal the grid's line pitch",
    ),
    (
        "  folio: {font: hei,",
        "  folio: {font: helvetica,",
        "styles.folio.font",
        "expected one of: song",
    ),
    ("  tracking_min: -0.02", "  tracking_min: 0.01", "copyfit", "tracking_min must be ≤ 0"),
]


def test_a_plan_without_the_first_story_is_refused(tmp_path: Path) -> None:
    old = "          - {story: 1, columns: 1..4,"
    text = TEXT.replace(old, old.replace("story: 1", "story: 2"))
    text = text.replace("          - {story: 1}", "          - {story: 3}")
    with pytest.raises(InputError) as info:
        load_layout(make_layout(tmp_path, text))
    assert info.value.key == "regions"
    assert "the plan has no region for the first story; add one" in str(info.value)


def make_layout(tmp_path: Path, text: str) -> Path:
    (tmp_path / "fonts").mkdir()
    (tmp_path / "layout").mkdir()
    file = tmp_path / "layout" / "page.yaml"
    file.write_text(text, encoding="utf-8")
    return file


@pytest.mark.parametrize(("old", "new", "key", "message"), BAD, ids=[b[2] for b in BAD])
def test_bad_layout_is_located(tmp_path: Path, old: str, new: str, key: str, message: str) -> None:
    at = TEXT.index(old)
    text = TEXT.replace(old, new, 1)
    file = make_layout(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_layout(file)
    errors = info.value.errors if isinstance(info.value, InputErrors) else (info.value,)
    error = next((e for e in errors if e.key == key), None)
    assert error is not None, str(info.value)
    assert error.file == file
    assert message in error.message
    if key == "copyfit":
        assert error.line == text[: text.index("copyfit:")].count("\n") + 1
    elif key == "page.margin_left":
        assert error.line == text[: text.index("  margin_left:")].count("\n") + 1
    else:
        assert error.line == text[:at].count("\n") + 1
    assert f":{error.line}: {key}: " in str(error)


def test_missing_key_is_reported_on_its_parent(tmp_path: Path) -> None:
    text = TEXT.replace("  line_pitch: 14pt\n", "")
    with pytest.raises(InputError) as info:
        load_layout(make_layout(tmp_path, text))
    assert (info.value.key, info.value.message) == ("grid", "missing required key 'line_pitch'")
    assert info.value.line == text[: text.index("grid:")].count("\n") + 1


def test_malformed_layout_reports_its_line(tmp_path: Path) -> None:
    text = TEXT.replace("  columns: 8", "  columns: 8: 9", 1)
    file = make_layout(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_layout(file)
    assert info.value.file == file
    assert info.value.line == text[: text.index("columns: 8: 9")].count("\n") + 1
    assert "invalid YAML" in info.value.message


def test_missing_fonts_directory(tmp_path: Path) -> None:
    file = tmp_path / "page.yaml"
    file.write_text(TEXT, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_layout(file)
    assert (info.value.key, info.value.line) == (
        "fonts",
        TEXT.count("\n", 0, TEXT.index("fonts:")) + 1,
    )


# --- documentation -----------------------------------------------------------------------------


def _keys(schema: dict[str, Any], root: dict[str, Any], prefix: str,
          seen: frozenset[str] = frozenset()) -> list[str]:
    ref = schema.get("$ref")
    if isinstance(ref, str):
        if ref in seen:  # a recursive definition (a region holds regions): documented once
            return []
        seen = seen | {ref}
    schema = resolve(schema, root)
    keys = []
    properties = schema.get("properties", {})
    assert isinstance(properties, dict)
    for name, sub in properties.items():
        sub = resolve(sub, root)
        assert sub.get("description"), f"{prefix}{name} has no description"
        keys.append(f"{prefix}{name}")
        keys += _keys(properties[name], root, f"{prefix}{name}.", seen)
        items = sub.get("items")
        if isinstance(items, dict):
            keys += _keys(items, root, f"{prefix}{name}[].", seen)
        extra = sub.get("additionalProperties")
        if isinstance(extra, dict):
            keys += _keys(extra, root, f"{prefix}{name}.<name>.", seen)
    return keys


@pytest.mark.parametrize(("schema", "doc"), [("layout", "layout.md"), ("content", "content.md")])
def test_every_key_is_described_and_documented(schema: str, doc: str) -> None:
    root = load_schema(f"{schema}.schema.json")
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    for key in _keys(root, root, ""):
        assert f"`{key}`" in text, f"{key} is not in docs/{doc}"
