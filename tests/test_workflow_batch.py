"""Workflow: `printer batch` builds the sample editions, isolates a broken one, skips reruns."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from printer import cli
from printer.build import lay_out
from printer.errors import InputError
from printer.workflow.batch import STATE_FILE, BatchOptions, load_state, run_batch
from printer.workflow.files import stale_temp_files
from printer.workflow.manifest import collect_jobs
from printer.workflow.sandbox import make_sandbox
from printer.workflow.summary import summary_path

ROOT = Path(__file__).resolve().parents[1]
YEARS = ("jiaozuo-2022.pdf", "jiaozuo-2023.pdf", "jiaozuo-2024.pdf")


def loose_lines(content: Path) -> int:
    """Warnings a build of the edition gives, all of them loose lines the composer names."""
    findings = lay_out(content)[1].findings
    warnings = [f for f in findings if f.severity != "info"]
    assert all(f.kind == "loose-line" for f in warnings), warnings
    return len(warnings)


def break_yaml(good: Path, bad: Path) -> int:
    """Copy `good` to `bad` with a YAML syntax error; return the line of the error."""
    lines = good.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("  section:"))
    lines[number] = "  section: 特别报道: 第二个冒号"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str, str, int]:
    project = make_sandbox(ROOT, tmp_path_factory.mktemp("batch") / "project")
    content = project / "content"
    line = break_yaml(content / "jiaozuo-2024.yaml", content / "broken.yaml")
    out = project / "out" / "editions"
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli.main(["batch", str(content / "editions.yaml"), str(content / "broken.yaml"),
                         "--out-dir", str(out), "--jobs", "2"])
    return project, code, stdout.getvalue(), stderr.getvalue(), line


def test_good_editions_build_and_the_broken_one_is_reported(
        first_run: tuple[Path, int, str, str, int]) -> None:
    project, code, out, err, line = first_run
    folder = project / "out" / "editions"
    assert code == 2
    assert re.search(rf"broken\.yaml:{line}:\d+: invalid YAML", err), err
    for name in YEARS:
        with pikepdf.open(folder / name) as pdf:
            assert len(pdf.pages) == 1
        assert summary_path(folder / name).exists()
        # The sample editions fit: no error, no overset (copyfit steps are information); the
        # only warnings are the lines no setting of their paragraph keeps within the bound.
        expected = loose_lines(ROOT / "content" / name.replace(".pdf", ".yaml"))
        assert re.search(rf"^{re.escape(name)}\s+built\s+{expected}\s+0\s+0\s", out,
                         re.MULTILINE), out
    assert re.search(r"^broken\.pdf\s+failed", out, re.MULTILINE)
    assert not (folder / "broken.pdf").exists()
    assert "3 built, 0 skipped, 1 failed" in out
    assert stale_temp_files(folder) == []
    with Image.open(folder / "contact-sheet.png") as sheet:
        assert sheet.width > 4 * 240  # four tiles in a row: three pages and the failure
    assert set(load_state(folder)) == set(YEARS)


def test_rerun_skips_unchanged_editions_and_rebuilds_an_edited_one(
        first_run: tuple[Path, int, str, str, int],
        capsys: pytest.CaptureFixture[str]) -> None:
    project, _, _, _, _ = first_run
    folder = project / "out" / "editions"
    content = project / "content"
    before = {name: (folder / name).stat().st_mtime_ns for name in YEARS}
    page = content / "jiaozuo-2023.yaml"
    page.write_text(page.read_text(encoding="utf-8").replace("4,560万人次", "4,580万人次"),
                    encoding="utf-8")
    code = cli.main(["batch", str(content / "editions.yaml"), "--out-dir", str(folder),
                     "--no-contact-sheet"])
    out = capsys.readouterr().out
    assert code == 0
    assert re.search(r"^jiaozuo-2022\.pdf\s+skipped", out, re.MULTILINE)
    assert re.search(r"^jiaozuo-2023\.pdf\s+built", out, re.MULTILINE)
    assert "1 built, 2 skipped, 0 failed" in out
    after = {name: (folder / name).stat().st_mtime_ns for name in YEARS}
    assert after["jiaozuo-2022.pdf"] == before["jiaozuo-2022.pdf"]
    assert after["jiaozuo-2024.pdf"] == before["jiaozuo-2024.pdf"]
    assert after["jiaozuo-2023.pdf"] != before["jiaozuo-2023.pdf"]


def test_force_rebuilds_and_a_photo_change_counts(
        first_run: tuple[Path, int, str, str, int]) -> None:
    project, _, _, _, _ = first_run
    folder = project / "out" / "editions"
    batch = collect_jobs([project / "content" / "editions.yaml"], None, folder)
    job = next(job for job in batch.jobs if job.output == "jiaozuo-2022.pdf")
    report = run_batch([job], BatchOptions(folder, thumbnails=False))
    assert [r.status for r in report.results] == ["skipped"]
    report = run_batch([job], BatchOptions(folder, force=True, thumbnails=False))
    assert [r.status for r in report.results] == ["built"]
    assert (folder / STATE_FILE).exists()
    photo = project / "images" / "glass-factory.jpg"
    photo.write_bytes(photo.read_bytes() + b"\0")  # a re-saved photo: other bytes
    report = run_batch([job], BatchOptions(folder, thumbnails=False))
    assert [r.status for r in report.results] == ["built"]


def test_a_bad_manifest_is_refused_with_file_and_line(tmp_path: Path) -> None:
    manifest = tmp_path / "editions.yaml"
    manifest.write_text("editions:\n  - content: a.yaml\n  - output: b.pdf\n"
                        "  - content: c.yaml\n    colour: red\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        collect_jobs([manifest], None, None)
    text = str(raised.value)
    assert "editions.yaml:3: editions[1]: an edition needs 'content'" in text
    assert "editions.yaml:5: editions[2].colour: unknown key 'colour'" in text


def test_two_editions_may_not_write_one_file(tmp_path: Path) -> None:
    manifest = tmp_path / "editions.yaml"
    manifest.write_text("editions:\n  - content: a.yaml\n  - content: b.yaml\n"
                        "    output: a.pdf\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.pdf would be written by both"):
        collect_jobs([manifest], None, None)
