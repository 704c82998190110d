"""Workflow: `printer diff` boxes the edited paragraph and nothing else."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from printer import cli
from printer.page import PageLayout
from printer.workflow.pdfdiff import MM, diff_pdfs
from printer.workflow.sandbox import make_sandbox
from printer.workflow.summary import BBox, item_box
from printer.workflow.warm import WarmCache

ROOT = Path(__file__).resolve().parents[1]
BEFORE, AFTER = "巩固拓展主题教育成果", "巩固深化主题教育成果"  # same length: no reflow


def changed_area(old: PageLayout, new: PageLayout) -> BBox:
    """The union of the new page's text runs that the old page does not have."""
    seen = {(r.element, r.baseline, r.chars) for r in old.text_runs()}
    boxes = [item_box(r) for r in new.text_runs() if (r.element, r.baseline, r.chars) not in seen]
    assert boxes
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def intersects(a: BBox, b: BBox, margin: float) -> bool:
    return a[0] < b[2] + margin and b[0] < a[2] + margin and \
        a[1] < b[3] + margin and b[1] < a[3] + margin


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, BBox]:
    project = make_sandbox(ROOT, tmp_path_factory.mktemp("diff") / "project")
    page = project / "content" / "jiaozuo-2024.yaml"
    cache = WarmCache()
    old = cache.build(page, project / "out" / "old.pdf")
    text = page.read_text(encoding="utf-8")
    assert text.count(BEFORE) == 1
    page.write_text(text.replace(BEFORE, AFTER), encoding="utf-8")
    new = cache.build(page, project / "out" / "new.pdf")
    assert new.summary.stories["article1"].lines == old.summary.stories["article1"].lines
    return (project / "out" / "old.pdf", project / "out" / "new.pdf",
            changed_area(old.result.page, new.result.page))


def test_diff_marks_the_edited_paragraph_only(
        pages: tuple[Path, Path, BBox], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    old, new, edited = pages
    png = tmp_path / "changes.png"
    assert cli.main(["diff", str(old), str(new), "-o", str(png)]) == 1
    out = capsys.readouterr().out
    result = diff_pdfs(old, new)
    assert result.regions and not result.size_changed
    for region in result.regions:
        assert intersects(region.bbox_pt(), edited, margin=1 * MM), region
        assert "article1.col2" in region.elements
    assert "region 1: x " in out and "article1.col2" in out
    with Image.open(png) as image:
        assert image.format == "PNG" and image.width > 500


def test_diff_of_identical_pages_is_empty(pages: tuple[Path, Path, BBox],
                                          tmp_path: Path) -> None:
    old, _, _ = pages
    assert cli.main(["diff", str(old), str(old), "-o", str(tmp_path / "same.png")]) == 0
    assert diff_pdfs(old, old).regions == ()


def test_diff_of_content_files_builds_them_first(
        pages: tuple[Path, Path, BBox], capsys: pytest.CaptureFixture[str]) -> None:
    old_pdf, _, _ = pages
    content = old_pdf.parent.parent / "content"
    edited = content / "jiaozuo-2024.yaml"
    original = content / "original.yaml"
    original.write_text(edited.read_text(encoding="utf-8").replace(AFTER, BEFORE),
                        encoding="utf-8")
    png = old_pdf.parent / "content-diff.png"
    assert cli.main(["diff", str(original), str(edited), "-o", str(png)]) == 1
    out = capsys.readouterr().out
    assert "1 changed regions" in out and "article1.col2" in out
    with pikepdf.open(old_pdf) as pdf:  # the inputs are left alone
        assert len(pdf.pages) == 1
