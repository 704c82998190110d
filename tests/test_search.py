"""The geometry search on a small page, at the layout tree: a short, a normal and a long
article each get the geometry a typesetter would give them — the story wider as its copy
grows, at the design's preferred width when it fits there, nothing overset, columns ending
on their foot where the copy allows — one line reports the choice, and the same input always
gives the same page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from printer.build import lay_out
from printer.layout import load as load_layout
from printer.page import PageLayout

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LAYOUT = FIXTURES / "layout" / "small.yaml"
SMALL = load_layout(LAYOUT)
PARAGRAPH = "深入实施国企改革深化提升行动，完善投融资体系，市属国有企业资产总额突破千亿元大关。" * 2
LENGTHS = {"short": 1, "normal": 3, "long": 6}


def page_for(root: Path, paragraphs: int) -> PageLayout:
    if not (root / "images").exists():
        root.mkdir(parents=True, exist_ok=True)
        (root / "printer.toml").touch()
        shutil.copytree(FIXTURES / "images", root / "images")
        (root / "content").mkdir()
    data = yaml.safe_load((FIXTURES / "content" / "minimal.yaml").read_text(encoding="utf-8"))
    data["article"]["lead"] = [PARAGRAPH] * paragraphs
    path = root / "content" / f"lead-{paragraphs}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return lay_out(path, LAYOUT)[1]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, PageLayout]:
    root = tmp_path_factory.mktemp("search")
    return {name: page_for(root, count) for name, count in LENGTHS.items()}


def story_columns(page: PageLayout) -> list[str]:
    return sorted({r.element.split(".")[1] for r in page.text_runs()
                   if r.element.startswith("article1.col")})


def test_the_story_widens_as_its_copy_grows(pages: dict[str, PageLayout]) -> None:
    widths = [len(story_columns(pages[name])) for name in LENGTHS]
    assert widths == sorted(widths) and widths[-1] > widths[0]
    assert widths[-1] == 3  # the long story takes the widest the plan allows


def test_normal_copy_sits_at_the_preferred_width(pages: dict[str, PageLayout]) -> None:
    assert len(story_columns(pages["normal"])) == 2  # `prefer: 2` in the fixture's plan


def test_nothing_is_overset(pages: dict[str, PageLayout]) -> None:
    for name, page in pages.items():
        assert not [f for f in page.findings if f.kind == "overset"], name


def test_the_long_story_ends_on_the_foot(pages: dict[str, PageLayout]) -> None:
    page = pages["long"]
    foot = page.type_area[1] + page.type_area[3]
    pitch = SMALL.grid.line_pitch
    for column in story_columns(page):
        runs = [r for r in page.text_runs() if r.element.startswith(f"article1.{column}")]
        lowest = max(r.baseline for r in runs)
        assert foot - lowest < 1.5 * pitch, column  # on the last line, or one above


def test_one_line_reports_the_geometry(pages: dict[str, PageLayout]) -> None:
    for page in pages.values():
        lines = [f for f in page.findings if f.kind == "geometry"]
        assert len(lines) == 1
        width = len(story_columns(page))
        assert f"story 1 in {width} columns" in lines[0].message
        assert "best of" in lines[0].message and "overset 0 lines" in lines[0].message


def test_the_same_input_gives_the_same_layout_tree(tmp_path: Path) -> None:
    first = page_for(tmp_path / "a", LENGTHS["long"])
    second = page_for(tmp_path / "b", LENGTHS["long"])
    assert [repr(i).replace(str(tmp_path / "a"), "") for i in first.items] == \
        [repr(i).replace(str(tmp_path / "b"), "") for i in second.items]
    assert first.findings == second.findings
