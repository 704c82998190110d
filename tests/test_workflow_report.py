"""Workflow: page summaries and the change report are pure functions of page layouts."""

from __future__ import annotations

from pathlib import Path

from printer.page import Box, Cmyk, Finding, PageLayout, Picture, TextRun
from printer.workflow.report import compare
from printer.workflow.summary import (
    column_of,
    from_json,
    story_of,
    summarize,
    summary_path,
    to_json,
)


def run(element: str, baseline: float, chars: str, x: float = 50.0) -> TextRun:
    return TextRun(element, "song", 9.0, "black", baseline, chars,
                   tuple(x + 9.0 * i for i in range(len(chars))))


def page(column_lines: dict[str, list[str]], findings: list[Finding] | None = None,
         caption: str = "图片说明") -> PageLayout:
    layout = PageLayout(1000.0, 1400.0, 8.5, (50.0, 80.0, 900.0, 1300.0),
                        {"black": Cmyk(0, 0, 0, 1)}, {}, title="test")
    for index, (column, lines) in enumerate(sorted(column_lines.items())):
        x = 50.0 + index * 130.0
        for number, text in enumerate(lines):
            layout.items.append(run(column, 600.0 + 14.0 * number, text, x))
    layout.items.append(run("article1.col1.banner.marker", 586.0, "■"))
    layout.items.append(run("article1.col1.banner", 586.0, "横幅", 62.0))
    layout.items.append(Box("highlights.group1.head", 50, 200, 280, 20, fill="black"))
    layout.items.append(run("highlights.group1.item", 240.0, "增长5.3%"))
    layout.items.append(run("highlights.group1.bullet", 240.0, "●", 40.0))
    layout.items.append(Picture("photo.bridge", Path("x.jpg"),
                                300, 560, 600, 400, (0, 0, 10, 10), 300.0))
    layout.items.append(run("photo.lead.caption", 975.0, caption, 300.0))
    layout.findings.extend(findings or [])
    return layout


BASE = {"article1.col1": ["第一行文字", "第二行文字", "第三行"],
        "article1.col2": ["第四行文字", "第五行"]}


def test_stories_group_elements_by_name() -> None:
    assert story_of("article1.col2.banner.marker") == "article1"
    assert story_of("highlights.group3.item") == "highlights.group3"
    assert story_of("photo.lead.caption") == "photo.lead.caption"
    assert story_of("headline.deck") == "headline.deck"
    assert story_of("folio.date") == "folio"
    assert column_of("article1.col2.byline") == "article1.col2"
    assert column_of("article.kicker") is None


def test_summary_counts_lines_and_merges_markers() -> None:
    summary = summarize(page(BASE))
    # 5 body lines + 1 banner line (its ■ marker shares the banner's line)
    assert summary.stories["article1"].lines == 6
    assert summary.stories["highlights.group1"].lines == 1
    assert summary.columns["article1.col1"][0] == (586.0, "■横幅")
    assert set(summary.elements) >= {"photo.bridge", "highlights.group1.head", "article1.col2"}
    x0, y0, x1, y1 = summary.elements["photo.bridge"]
    assert (x0, y0, x1, y1) == (300, 560, 900, 960)


def test_summary_json_round_trip() -> None:
    summary = summarize(page(BASE, [Finding("warning", "article1", "underset", "short", 3)]))
    assert from_json(to_json(summary)) == summary
    assert summary_path(Path("out/x.pdf")) == Path("out/x.summary.json")


def test_same_page_reports_no_change() -> None:
    report = compare(summarize(page(BASE)), summarize(page(BASE)))
    assert report.unchanged
    assert report.lines() == ["no change on the page"]


def test_edited_paragraph_names_story_delta_and_moved_columns() -> None:
    edited = {"article1.col1": ["第一行文字", "第二行改了", "新的一行", "第三行"],
              "article1.col2": ["第四行文字", "第五行"]}
    report = compare(summarize(page(BASE)), summarize(page(edited)))
    change = report.story("article1")
    assert change is not None and change.text_changed
    assert (change.lines_before, change.lines_after, change.delta) == (6, 7, 1)
    assert [c.name for c in report.columns] == ["article1.col1"]
    column = report.columns[0]
    assert column.first_line == 3  # line 1 is the banner, line 2 the first body line
    assert report.story("highlights.group1") is None
    assert any("article1: text changed, 6 → 7 lines (+1)" in line for line in report.lines())


def test_fit_and_warning_changes() -> None:
    before = [Finding("warning", "article1", "underset", "underset by 14", 14),
              Finding("warning", "photo.lead.caption", "loose-line", "loose", 1)]
    after = [Finding("warning", "article1", "underset", "underset by 12", 12),
             Finding("error", "photo.second.caption", "overset", "overset by 1", 1)]
    report = compare(summarize(page(BASE, before)), summarize(page(BASE, after)))
    assert "article1: underset 14 → 12 lines" in report.fit
    assert "photo.second.caption: now overset by 1 lines" in report.fit
    assert report.appeared == ()  # the overset is reported under fit, not twice
    assert [f.kind for f in report.went_away] == ["loose-line"]


def test_caption_change_is_its_own_story() -> None:
    report = compare(summarize(page(BASE)), summarize(page(BASE, caption="另一条说明")))
    assert [c.name for c in report.stories] == ["photo.lead.caption"]
    assert report.columns == ()
