"""Workflow: `printer watch` rebuilds a project copy on every save and reports what changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from printer import cli
from printer.workflow.sandbox import make_sandbox, synthetic_photo
from printer.workflow.summary import read_summary, summary_path
from printer.workflow.warm import WarmCache
from printer.workflow.watch import WatchEvent, WatchOptions, watch

ROOT = Path(__file__).resolve().parents[1]
NEEDLE = "干事创业氛围更加浓厚。"  # the end of the article's last paragraph


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_sandbox(ROOT, tmp_path_factory.mktemp("watch") / "project")


def test_watch_rebuild_picks_up_a_paragraph_edit(project: Path) -> None:
    page = project / "content" / "jiaozuo-2024.yaml"
    original = page.read_text(encoding="utf-8")
    assert NEEDLE in original
    output = project / "out" / "edit.pdf"

    def edit(event: WatchEvent) -> None:
        if event.number == 1:  # the copy desk saves an edit after the first build
            page.write_text(original.replace(NEEDLE, NEEDLE + "新增的一句话在这里。" * 4),
                            encoding="utf-8")

    cache = WarmCache()
    try:
        events = watch(page, output, WatchOptions(interval=0.02, stop_after=2, timeout=20),
                       on_build=edit, cache=cache)
    finally:
        page.write_text(original, encoding="utf-8")
    assert [event.ok for event in events] == [True, True]
    first, second = events
    assert first.report is None  # nothing to compare with yet
    assert second.changed == (page.resolve(),)
    assert second.report is not None
    # The edited story's text changed; the page is solved again for the longer copy, so
    # other elements may move (the box's spacing, the photos), but their text stays.
    change = second.report.story("article1")
    assert change is not None and change.text_changed and change.delta >= 2
    others = [c for c in second.report.stories if c.name != "article1"]
    assert not [c.name for c in others if c.text_changed]
    assert {column.name for column in second.report.columns} <= {"article1.col1", "article1.col2"}
    assert any(line.startswith("changed article1: text changed") for line in
               second.report.lines())
    assert cache.hits == 1 and cache.misses == 1  # the layout was loaded once
    saved = read_summary(summary_path(output))
    assert saved is not None and saved == second.summary


def test_watch_rebuilds_on_a_photo_save_and_stops_at_timeout(project: Path) -> None:
    page = project / "content" / "jiaozuo-2024.yaml"
    photo = project / "images" / "lotus-lake.jpg"
    original = photo.read_bytes()

    def replace_photo(event: WatchEvent) -> None:
        if event.number == 1:
            synthetic_photo(photo, (1500, 1000), seed="replacement")

    try:
        events = watch(page, project / "out" / "photo.pdf",
                       WatchOptions(interval=0.02, timeout=1.0), on_build=replace_photo,
                       cache=WarmCache())
    finally:
        photo.write_bytes(original)
    assert len(events) == 2  # then no change until the timeout
    assert events[1].changed == (photo.resolve(),)
    assert events[1].report is not None and events[1].report.unchanged  # same text, same places


def test_watch_command_once_reports_against_the_saved_summary(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = project / "content" / "jiaozuo-2024.yaml"
    output = project / "out" / "once.pdf"
    assert cli.main(["watch", str(page), "-o", str(output), "--once"]) == 0
    assert cli.main(["watch", str(page), "-o", str(output), "--once"]) == 0
    out = capsys.readouterr().out
    assert out.count("wrote") == 2
    assert "no change on the page" in out  # the second run compared with the first's summary


def test_watch_survives_bad_input(project: Path, tmp_path: Path) -> None:
    bad = project / "content" / "bad.yaml"
    bad.write_text("edition: [unclosed\n", encoding="utf-8")
    try:
        events = watch(bad, tmp_path / "bad.pdf", WatchOptions(stop_after=1))
    finally:
        bad.unlink()
    error = events[0].error
    assert not events[0].ok and error is not None and "bad.yaml:2:1: invalid YAML" in error
