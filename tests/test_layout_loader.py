"""Layout spec loading: the broadsheet's grid in points, and bad layouts located."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from printer.errors import InputError, InputErrors
from printer.layout import Copyfit, Grid, LayoutSpec, Rect
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


def test_broadsheet_styles_and_blocks(layout: LayoutSpec) -> None:
    body = layout.styles["body"]
    assert (body.font, body.size, body.leading, body.indent) == ("song", 9.0, 14.0, 2.0)
    assert body.punctuation is PunctStyle.KAIMING and body.align == "justify"
    item = layout.styles["box_item"]
    assert (item.size, item.emphasis_font, item.emphasis_color) == (10.5, "hei-bold", "accent")
    assert layout.styles["byline"].align == "right"
    assert layout.swatches["accent"].m == 1.0
    assert [slot.name for slot in layout.photos] == ["lead", "second", "third"]
    assert layout.photo_slot("lead").rect == Rect((2, 8), (40, 71))
    assert layout.article.frames == tuple(Rect((c, c + 1), (45, 99)) for c in range(2))
    assert layout.article.banner.marker == "■" and layout.article.banner.lines == 2
    assert layout.highlights.group_columns == 3
    assert layout.headline.deck_columns == (1, 7)
    assert layout.copyfit == Copyfit(-0.02, 0.02, 0.005, banner_space=1)
    assert layout.print.output_condition == "ISO newspaper 26 (IFRA26)"
    assert layout.print.profile is None and layout.print.marks is False
    assert layout.fonts_dir == (ROOT / "fonts").resolve()


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

LEAD = "  - {name: lead, columns: [2, 8], lines: [40, 71]"
BAD = [
    # (replace this, with this, expected key, message part): the error is on the changed line
    (
        "  body_style: body",
        "  body_style: bodytext",
        "article.body_style",
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
    (LEAD, LEAD.replace("[40, 71]", "[40, 101]"), "photos[0]", "is not inside the grid"),
    ("    - {columns: 1,", "    - {columns: 2,", "article.frames[1]", "overlaps photo lead"),
    (
        "     min_lines: 22, max_lines: 29}",
        "     min_lines: 22, max_lines: 31}",
        "photos[0].max_lines",
        "must be at most 29",
    ),
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


def _keys(schema: dict[str, Any], root: dict[str, Any], prefix: str) -> list[str]:
    schema = resolve(schema, root)
    keys = []
    properties = schema.get("properties", {})
    assert isinstance(properties, dict)
    for name, sub in properties.items():
        sub = resolve(sub, root)
        assert sub.get("description"), f"{prefix}{name} has no description"
        keys.append(f"{prefix}{name}")
        keys += _keys(sub, root, f"{prefix}{name}.")
        items = sub.get("items")
        if isinstance(items, dict):
            keys += _keys(items, root, f"{prefix}{name}[].")
        extra = sub.get("additionalProperties")
        if isinstance(extra, dict):
            keys += _keys(extra, root, f"{prefix}{name}.<name>.")
    return keys


@pytest.mark.parametrize(("schema", "doc"), [("layout", "layout.md"), ("content", "content.md")])
def test_every_key_is_described_and_documented(schema: str, doc: str) -> None:
    root = load_schema(f"{schema}.schema.json")
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    for key in _keys(root, root, ""):
        assert f"`{key}`" in text, f"{key} is not in docs/{doc}"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("grows_into: second}", "grows_into: nowhere}", "unknown photo slot 'nowhere'"),
        ("lines: [16, 28], grows_into", "lines: [16, 27], grows_into", "is not right below"),
        ("    - {columns: 0, lines: [16, 40]}", "    - {columns: [0, 2], lines: [0, 1]}",
         "all frames must be as wide"),
    ],
)
def test_frames_growing_into_photos_are_checked(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    source = ROOT / "tests" / "fixtures" / "layout" / "small-inset.yaml"
    text = source.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "layout.yaml"
    path.write_text(text.replace(old, new).replace("../../../fonts", str(ROOT / "fonts")),
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_layout(path)
    assert message in str(caught.value)
    assert "article.frames" in str(caught.value)
