"""An overset page is an error the PDF remembers: written, exit 1, its findings recorded in the
page's /PieceInfo on both PDF/X paths, and `printer check PDF` failing it from that record.

The overset page is the sample with each section's paragraphs twelve times over (the article
about eight times as long), in a copy of the project: more than the page takes in any geometry.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any, cast

import pikepdf
import pytest
import yaml
from reportlab.pdfgen.canvas import Canvas

from pagekit import make_project
from printer.build import BuildResult
from printer.cli import main
from printer.commands.build import exit_code
from printer.page import Finding, PageLayout
from printer.preflight import Report, check_content, check_pdf
from printer.prepress import Press
from printer.prepress.pdfx import RECORD_TEXT, finish, recorded_findings

CONTENT = Path("content") / "jiaozuo-2024.yaml"
LAYOUT = Path("layout") / "broadsheet.yaml"


def far_longer(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for section in data["article"]["sections"]:
        section["paragraphs"] = section["paragraphs"] * 12
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("record") / "sample")


@pytest.fixture(scope="module")
def overset(sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project whose article is overset."""
    project = tmp_path_factory.mktemp("record") / "overset"
    shutil.copytree(sample, project, symlinks=True)
    far_longer(project / CONTENT)
    return project


@pytest.fixture(scope="module")
def overset_pdf(overset: Path) -> tuple[Path, int, str]:
    """The overset page built with `printer build` (no --strict): PDF, exit code, stderr."""
    output = overset / "out" / "page.pdf"
    err = io.StringIO()  # a module fixture: no capsys, so stderr is captured here
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["build", str(overset / CONTENT), "-o", str(output)])
    return output, code, err.getvalue()


def recorded(pdf_path: Path) -> list[Finding]:
    with pikepdf.open(pdf_path) as pdf:
        found = recorded_findings(pdf)
    assert found is not None, "no /PieceInfo /Printer record"
    return found


def story_fit(report: Report, level: str) -> list[str]:
    return [f.line() for f in report.findings if f.check == "story-fit" and f.level == level]


# --- the build ---------------------------------------------------------------------------


def test_overset_build_writes_the_pdf_and_exits_1_without_strict(
        overset_pdf: tuple[Path, int, str]) -> None:
    output, code, err = overset_pdf
    assert code == 1, err
    assert output.is_file()
    assert "error: article1: overset by" in err


def test_the_pdf_records_the_overset_in_its_page_piece_dictionary(
        overset_pdf: tuple[Path, int, str]) -> None:
    output, _, _ = overset_pdf
    with pikepdf.open(output) as pdf:
        page = pdf.pages[0].obj
        piece = page.PieceInfo.Printer
        assert str(piece.LastModified) == "D:20000101000000+00'00'"  # the finisher's date
        assert str(page.LastModified) == str(piece.LastModified)
        entries = list(piece.Private.Findings)
    assert entries and all(str(e.Severity) in ("error", "warning") for e in entries)
    findings = recorded(output)
    overset = [f for f in findings if f.kind == "overset"]
    assert [(f.severity, f.element) for f in overset] == [("error", "article1")]
    assert overset[0].lines > 0 and overset[0].chars > RECORD_TEXT
    assert len(overset[0].text) == RECORD_TEXT  # only the start of the text is kept
    assert overset[0].message.startswith("overset by")


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf not installed")
def test_the_recorded_pdf_passes_qpdf_check(overset_pdf: tuple[Path, int, str]) -> None:
    result = subprocess.run(["qpdf", "--check", str(overset_pdf[0])], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_two_builds_of_the_overset_page_are_byte_identical(
        overset: Path, overset_pdf: tuple[Path, int, str], tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    assert main(["build", str(overset / CONTENT), "-o", str(again), "-q"]) == 1
    assert again.read_bytes() == overset_pdf[0].read_bytes()


def test_the_sample_page_builds_with_exit_0_and_no_error_line(
        sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "sample.pdf"
    assert main(["build", str(sample / CONTENT), "-o", str(output)]) == 0
    captured = capsys.readouterr()
    lines = (captured.out + captured.err).splitlines()
    assert [line for line in lines if line.startswith("error:")] == []
    with pikepdf.open(output) as pdf:  # nothing to report: no record, as any producer's PDF
        assert recorded_findings(pdf) is None and "/PieceInfo" not in pdf.pages[0].obj


def test_pdf_x1a_carries_the_record(overset: Path, tmp_path: Path) -> None:
    project = tmp_path / "x1a"
    shutil.copytree(overset, project, symlinks=True, ignore=shutil.ignore_patterns("out"))
    layout = project / LAYOUT
    text = layout.read_text(encoding="utf-8")
    assert "  marks: false" in text
    layout.write_text(text.replace("  marks: false", "  marks: false\n  standard: PDF/X-1a"),
                      encoding="utf-8")
    output = project / "out" / "x1a.pdf"
    assert main(["build", str(project / CONTENT), "-o", str(output), "-q"]) == 1
    with pikepdf.open(output) as pdf:
        assert pdf.pdf_version == "1.3"
        assert str(pdf.docinfo.GTS_PDFXConformance) == "PDF/X-1a:2001"
    assert [f.element for f in recorded(output) if f.kind == "overset"] == ["article1"]
    assert main(["check", str(output)]) == 2


# --- printer check -----------------------------------------------------------------------


def test_check_pdf_fails_the_overset_page_from_its_record(
        overset_pdf: tuple[Path, int, str], capsys: pytest.CaptureFixture[str]) -> None:
    output, _, _ = overset_pdf
    assert main(["check", str(output)]) == 2
    out = capsys.readouterr().out
    assert "error: story-fit: article1: overset by" in out
    assert "needs the content" not in out
    assert out.splitlines()[-1].startswith("fail: 1 error")


def test_check_content_reports_the_overset_once(overset: Path) -> None:
    report = check_content(overset / CONTENT)
    errors = story_fit(report, "error")
    assert len(errors) == 1 and "article1: overset by" in errors[0], errors
    assert report.exit_code() == 2


def tiny_pdf(path: Path) -> Path:
    canvas = Canvas(str(path), pagesize=(200, 200), invariant=1)
    canvas.setTrimBox((10, 10, 190, 190))
    canvas.showPage()
    canvas.save()
    return path


def test_recorded_warnings_are_warnings_and_information_is_not_recorded(
        tmp_path: Path) -> None:
    path = tiny_pdf(tmp_path / "tiny.pdf")
    finish(path, Press(), "tiny", [
        Finding("warning", "photo.side", "underset", "photo.side: slot left empty", 2),
        Finding("info", "article", "copyfit", "article body tracked -1.0 % to fit"),
    ])
    assert [(f.severity, f.element, f.lines) for f in recorded(path)] == \
        [("warning", "photo.side", 2)]
    report = check_pdf(path)
    assert story_fit(report, "warning") == \
        ["warning: story-fit: photo.side: photo.side: slot left empty"]
    assert not story_fit(report, "error")
    assert not any("tracked" in line for line in story_fit(report, "info"))


def test_a_pdf_without_the_record_still_asks_for_the_content(tmp_path: Path) -> None:
    path = tiny_pdf(tmp_path / "other.pdf")
    finish(path, Press(), "other")  # no findings given: no record
    report = check_pdf(path)
    assert not story_fit(report, "error") and not story_fit(report, "warning")
    assert "needs the content" in story_fit(report, "info")[0]


# --- exit codes --------------------------------------------------------------------------


def result_with(*severities: str) -> BuildResult:
    page = PageLayout(100, 100, 0, (0, 0, 100, 100), {}, {})
    page.findings = [Finding(s, "article", "loose-line", s) for s in severities]
    return BuildResult(cast(Any, None), page, Path("page.pdf"))


def test_exit_codes_follow_the_worst_severity() -> None:
    assert exit_code(result_with("info"), strict=True) == 0
    assert exit_code(result_with("warning", "info"), strict=False) == 0
    assert exit_code(result_with("warning"), strict=True) == 1
    assert exit_code(result_with("error"), strict=False) == 1


# --- printer batch -----------------------------------------------------------------------


def test_batch_counts_an_overset_edition_as_with_errors(
        overset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "editions"
    args = ["batch", str(overset / CONTENT), "--out-dir", str(out_dir), "--jobs", "1",
            "--no-contact-sheet"]
    assert main(args) == 1
    captured = capsys.readouterr()
    assert "0 failed, 1 with errors" in captured.out
    assert "error: jiaozuo-2024.pdf: article1: overset by" in captured.err
    assert (out_dir / "jiaozuo-2024.pdf").is_file()
    assert main(args) == 1  # skipped on the rerun, and still with its errors
    assert "0 built, 1 skipped, 0 failed, 1 with errors" in capsys.readouterr().out
