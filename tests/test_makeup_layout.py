"""Layout-tree assertions on a small page: columns, shared baselines, banners on the line grid,
banners never at a column foot, balanced columns, photos and captions on the grid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from printer.build import lay_out
from printer.layout import load as load_layout
from printer.page import Box, PageLayout, Picture, TextRun

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LAYOUT = FIXTURES / "layout" / "small.yaml"
CONTENT = FIXTURES / "content" / "minimal.yaml"
SMALL = load_layout(LAYOUT)
PITCH = SMALL.grid.line_pitch
TOP = SMALL.page.margin_top
LEFT = SMALL.page.margin_left
PARAGRAPH = "深入实施国企改革深化提升行动，完善投融资体系，市属国有企业资产总额突破千亿元大关。"


def page_with(tmp_path: Path, lead: list[str] | None = None) -> PageLayout:
    text = CONTENT.read_text(encoding="utf-8")
    if lead is not None:
        old = "    - 今年以来,面对外部压力加大、内部困难增多的复杂严峻形势。\n"
        assert old in text
        text = text.replace(old, "".join(f"    - {p}\n" for p in lead))
    (tmp_path / "content").mkdir(exist_ok=True)
    (tmp_path / "printer.toml").touch()  # marks the project root
    if not (tmp_path / "images").exists():
        shutil.copytree(FIXTURES / "images", tmp_path / "images")
    path = tmp_path / "content" / "page.yaml"
    path.write_text(text, encoding="utf-8")
    return lay_out(path, LAYOUT)[1]


def runs(page: PageLayout, prefix: str) -> list[TextRun]:
    return [r for r in page.text_runs() if r.element.startswith(prefix)]


def on_grid(y: float) -> bool:
    return abs((y - TOP) / PITCH - round((y - TOP) / PITCH)) < 1e-6


@pytest.fixture
def page(tmp_path: Path) -> PageLayout:
    return page_with(tmp_path, [PARAGRAPH * 3, PARAGRAPH])


def test_article_columns_start_at_their_grid_x(page: PageLayout) -> None:
    step = (8 + 1) * 10.0
    for column in (1, 2):
        lefts = {round(r.xs[0], 3) for r in runs(page, f"article1.col{column}")
                 if r.element == f"article1.col{column}" and r.chars[0] not in "（“《"}
        assert min(lefts) == pytest.approx(LEFT + (column - 1) * step, abs=0.001)


def test_neighbouring_columns_share_baselines(page: PageLayout) -> None:
    first = {round((r.baseline - TOP) % PITCH, 6) for r in runs(page, "article1.col1")
             if r.element == "article1.col1"}
    second = {round((r.baseline - TOP) % PITCH, 6) for r in runs(page, "article1.col2")
              if r.element == "article1.col2"}
    assert first == second and len(first) == 1


def test_banners_take_whole_lines_on_the_grid(page: PageLayout) -> None:
    bars = [i for i in page.items if isinstance(i, Box) and i.element.endswith(".banner")]
    assert bars
    for bar in bars:
        assert on_grid(bar.y) and on_grid(bar.y + bar.height)
        assert bar.height / PITCH == pytest.approx(round(bar.height / PITCH))


@pytest.mark.parametrize("extra", range(0, 24, 3))
def test_banner_never_at_a_column_foot(tmp_path: Path, extra: int) -> None:
    # Lengthen the lead a few characters at a time so the banner sweeps past the column foot.
    lead = PARAGRAPH * 3 + "稳" * extra * 3
    page = page_with(tmp_path, [lead])
    frame_bottom = TOP + SMALL.grid.line_y(40)
    for bar in (i for i in page.items if isinstance(i, Box) and i.element.endswith(".banner")):
        below = [r for r in page.text_runs() if r.element.startswith("article1.col")
                 and r.baseline > bar.y + bar.height and abs(r.xs[0] - bar.x) < 30]
        assert len({r.baseline for r in below}) >= 2 or bar.y + bar.height < frame_bottom - PITCH
        assert bar.y + bar.height <= frame_bottom - 2 * PITCH + 1e-6


def test_short_article_balances_within_a_line(tmp_path: Path) -> None:
    # (Keep rules come first: where avoiding an orphan costs balance, columns may differ by 2.)
    page = page_with(tmp_path, [PARAGRAPH * 3])

    def depth(column: int) -> float:
        column_runs = runs(page, f"article1.col{column}")
        return max(r.baseline for r in column_runs)
    assert abs(depth(1) - depth(2)) <= PITCH + 1e-6
    assert any(f.kind == "underset" for f in page.findings)


def test_photo_and_caption_sit_on_the_grid(page: PageLayout) -> None:
    pictures = [i for i in page.items if isinstance(i, Picture)]
    assert len(pictures) == 2
    for picture in pictures:
        assert on_grid(picture.y) and on_grid(picture.y + picture.height)
        x, width = SMALL.grid.span(2, 4)
        assert picture.x == pytest.approx(LEFT + x) and picture.width == pytest.approx(width)
        caption = runs(page, f"{picture.element}.caption")
        assert caption
        first_baseline = min(r.baseline for r in caption)
        assert picture.y + picture.height < first_baseline < picture.y + picture.height + PITCH


def test_highlight_group_heads_share_a_line(page: PageLayout) -> None:
    heads = [r for r in page.text_runs() if r.element.endswith(".head")]
    assert heads
    assert len({round(r.baseline, 6) for r in heads}) == 1


def test_everything_inside_the_type_area(page: PageLayout) -> None:
    x0, y0, width, height = page.type_area
    for item in page.items:
        if isinstance(item, TextRun):
            assert x0 - 0.01 <= min(item.xs) and max(item.xs) + item.size <= x0 + width + item.size
            assert y0 <= item.baseline <= y0 + height
        elif isinstance(item, (Box, Picture)):
            assert x0 - 0.01 <= item.x and item.x + item.width <= x0 + width + 0.01
            assert y0 - 0.01 <= item.y and item.y + item.height <= y0 + height + 0.01
