"""Copyfit on the real page: an article 40 % longer is overset — reported with story and amount,
exit 1 under --strict, and the PDF plus the report account for every character; 40 % shorter
balances and reports the hole; each copyfit step shows in the report."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from pagekit import lines_in, make_project, overlaps, read_chars
from printer.build import build, lay_out
from printer.cli import main
from printer.content.richtext import parse_rich
from printer.layout import load as load_layout
from printer.page import Finding, Picture


def article_text(article: dict[str, Any]) -> str:
    parts = [*article["lead"]]
    for section in article["sections"]:
        parts.extend(section["paragraphs"])
    return "".join("".join(s.text for s in parse_rich(p)) for p in parts)


def variant(tmp_path: Path, change: Any) -> Path:
    project = make_project(tmp_path / "project")
    path = project / "content" / "jiaozuo-2024.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def longer(data: dict[str, Any]) -> None:
    article = data["article"]
    target = len(article_text(article)) * 1.4
    sections = article["sections"]
    i = 0
    while len(article_text(article)) < target:
        section = sections[i % len(sections)]
        section["paragraphs"].append(section["paragraphs"][0])
        i += 1


def shorter(data: dict[str, Any]) -> None:
    article = data["article"]
    target = len(article_text(article)) * 0.6
    while len(article_text(article)) > target and len(article["sections"]) > 1:
        article["sections"].pop()


def findings(path: Path) -> list[Finding]:
    return lay_out(path)[1].findings


def test_longer_article_is_overset_and_every_character_is_accounted_for(tmp_path: Path) -> None:
    path = variant(tmp_path, longer)
    output = path.parents[1] / "out" / "page.pdf"
    result = build(path, output)
    overset = [f for f in result.findings if f.kind == "overset" and f.element == "article"]
    assert len(overset) == 1
    report = overset[0]
    assert report.lines > 0 and report.chars == len(report.text) > 0
    assert "article overset by" in report.message and str(report.lines) in report.message
    copyfit = [f for f in result.findings if f.kind == "copyfit"]
    assert copyfit and "-2.0 %" in copyfit[0].message  # tracking tried to its bound first
    # The PDF's article columns plus the overset text hold the article exactly.
    layout = load_layout(path.parents[1] / "layout" / "broadsheet.yaml")
    chars, _ = read_chars(output)
    bleed, grid, page = layout.page.bleed, layout.grid, layout.page
    printed = ""
    for frame in layout.article.frames:
        x, y, width, height = grid.box(frame)
        left, top = bleed + page.margin_left + x, bleed + page.margin_top + y
        body = [c for c in chars if abs(c.size - 9.0) < 0.05 and "Serif" in c.font]
        printed += "".join(line.text for line in lines_in(body, left, left + width, top,
                                                           top + height))
    expected = result.edition.article
    paragraphs = [p for p in expected.lead]
    for section in expected.sections:
        paragraphs.extend(section.paragraphs)
    full = "".join(s.text for p in paragraphs for s in p)
    overset_body = "".join(ch for ch in report.text if ch in Counter(full))
    assert Counter(printed) + Counter(report.text) >= Counter(full)
    assert full.startswith(printed[:200])
    assert len(printed) + len(overset_body) >= len(full)


def test_longer_article_exits_1_with_strict(tmp_path: Path) -> None:
    path = variant(tmp_path, longer)
    output = path.parents[1] / "out" / "page.pdf"
    assert main(["build", str(path), "-o", str(output), "--strict", "-q"]) == 1
    assert output.is_file()
    assert main(["build", str(path), "-o", str(output), "-q"]) == 0


def test_shorter_article_balances_and_reports_the_hole(tmp_path: Path) -> None:
    path = variant(tmp_path, shorter)
    page = lay_out(path)[1]
    underset = [f for f in page.findings if f.kind == "underset"]
    assert len(underset) == 1 and underset[0].lines > 0
    depths = []
    for column in (1, 2):
        runs = [r for r in page.text_runs() if r.element.startswith(f"article.col{column}")]
        depths.append(max(r.baseline for r in runs))
    assert abs(depths[0] - depths[1]) <= 14.0 * 2 + 1e-6
    assert not [f for f in page.findings if f.kind == "overset"]


def test_tracking_is_the_first_copyfit_step(tmp_path: Path) -> None:
    # Figures and Latin set half width, so tightening by 1 % gains characters on these lines.
    def slightly_longer(data: dict[str, Any]) -> None:
        data["article"]["sections"][0]["paragraphs"].append("PMI为50.1，CPI上涨0.2%，" * 13)
    path = variant(tmp_path, slightly_longer)
    page = lay_out(path)[1]
    steps = [f for f in page.findings if f.kind == "copyfit" and f.element == "article"]
    assert steps and "tracked -1.0 %" in steps[0].message
    assert not [f for f in page.findings if f.kind == "overset"]


def test_long_caption_takes_lines_from_its_photo(tmp_path: Path) -> None:
    def long_caption(data: dict[str, Any]) -> None:
        data["photos"][1]["caption"] = "沁泉湖公园荷花绽放，游人驻足观赏。" * 8
    path = variant(tmp_path, long_caption)
    page = lay_out(path)[1]
    steps = [f for f in page.findings if f.kind == "copyfit" and f.element == "photo.second"]
    assert steps and "shortened" in steps[0].message


def test_long_deck_is_reported(tmp_path: Path) -> None:
    def long_deck(data: dict[str, Any]) -> None:
        data["headline"]["deck"] = data["headline"]["deck"] * 3
    path = variant(tmp_path, long_deck)
    page = lay_out(path)[1]
    assert [f for f in page.findings if f.element.startswith("headline") and f.kind == "overset"]


@pytest.mark.parametrize("change", [longer, shorter])
def test_variants_have_no_overlapping_text(tmp_path: Path, change: Any) -> None:
    path = variant(tmp_path, change)
    output = path.parents[1] / "out" / "page.pdf"
    build(path, output)
    assert overlaps(output) == []


def test_photo_below_a_frame_gives_lines_when_tracking_is_not_enough(tmp_path: Path) -> None:
    fixtures = Path(__file__).resolve().parent / "fixtures"
    shutil.copytree(fixtures / "images", tmp_path / "images")
    (tmp_path / "content").mkdir()
    (tmp_path / "printer.toml").touch()
    text = (fixtures / "content" / "minimal.yaml").read_text(encoding="utf-8")
    lead = "    - 今年以来,面对外部压力加大、内部困难增多的复杂严峻形势。\n"
    extra = "深入实施国企改革深化提升行动，完善投融资体系。" * 8
    text = text.replace(lead, f"{lead}    - {extra}\n")
    path = tmp_path / "content" / "page.yaml"
    path.write_text(text, encoding="utf-8")
    page = lay_out(path, fixtures / "layout" / "small-inset.yaml")[1]
    steps = [f for f in page.findings if f.kind == "copyfit"]
    assert [f.element for f in steps][-1] == "photo.second"
    assert "gave" in steps[-1].message
    assert not [f for f in page.findings if f.kind == "overset"]
    photo = next(i for i in page.items if isinstance(i, Picture) and i.element == "photo.second")
    small = load_layout(fixtures / "layout" / "small-inset.yaml")
    slot_top = small.page.margin_top + small.grid.line_y(28)
    assert photo.y > slot_top  # the photo's top moved down ...
    deepest = max(r.baseline for r in page.text_runs() if r.element.startswith("article.col2"))
    assert slot_top < deepest < photo.y  # ... and the article's second column grew into it


def test_deck_a_little_long_is_tracked_to_fit(tmp_path: Path) -> None:
    # 160 characters at 四号 over 53-character lines need 4 lines; 1.5 % tighter, 54 fit a line.
    def deck_of_160(data: dict[str, Any]) -> None:
        data["headline"]["deck"] = "全市经济运行总体平稳" * 16
    page = lay_out(variant(tmp_path, deck_of_160))[1]
    steps = [f for f in page.findings if f.element == "headline.deck"]
    assert [f.kind for f in steps] == ["copyfit"]
    assert "deck tracked -1.5 %" in steps[0].message


def test_what_does_not_fit_its_slot_is_reported_never_drawn_over_its_neighbours(
    tmp_path: Path,
) -> None:
    def too_much(data: dict[str, Any]) -> None:
        data["highlights"] = data["highlights"] * 2  # 12 groups for a box made for 6
        data["headline"]["title"] = "2024 总体平稳 稳中有进 高质量发展迈出坚实步伐"
        data["credit"] = "（本版照片均由本报记者刘金元摄）" * 6
    path = variant(tmp_path, too_much)
    output = path.parents[1] / "out" / "page.pdf"
    result = build(path, output)
    overset = {f.element: f for f in result.findings if f.kind == "overset"}
    assert {"highlights", "headline.deck", "credit"} <= set(overset)
    assert all(f.chars == len(f.text) > 0 for f in overset.values())
    assert overlaps(output) == []
    # The dropped highlight groups are in the report, not on the page.
    printed = "".join(c.text for c in read_chars(output)[0])
    dropped = "".join(f.text for f in result.findings if f.element == "highlights")
    assert Counter(printed) + Counter(dropped) >= Counter(
        "".join(s.text for g in result.edition.highlights for i in g.items for s in i)
    )


def test_an_empty_photo_slot_is_reported_as_a_hole(tmp_path: Path) -> None:
    def two_photos(data: dict[str, Any]) -> None:
        data["photos"] = data["photos"][:2]
    page = lay_out(variant(tmp_path, two_photos))[1]
    holes = [f for f in page.findings if f.element == "photo.third"]
    assert [(f.severity, f.kind) for f in holes] == [("warning", "underset")]
    assert holes[0].lines > 0
