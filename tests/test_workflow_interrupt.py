"""Workflow: a batch killed mid-way leaves only whole PDFs, and a rerun skips them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

from printer.workflow import batch
from printer.workflow.batch import BatchOptions, EditionResult, load_state, run_batch
from printer.workflow.files import stale_temp_files
from printer.workflow.manifest import EditionJob
from printer.workflow.sandbox import make_sandbox

ROOT = Path(__file__).resolve().parents[1]
EDITIONS = 4


def manifest(project: Path) -> Path:
    """The sample editions repeated to `EDITIONS` outputs."""
    years = ("2022", "2023", "2024")
    lines = ["layout: ../layout/broadsheet.yaml", "editions:"]
    for index in range(EDITIONS):
        year = years[index % 3]
        lines += [f"  - content: jiaozuo-{year}.yaml", f"    output: page-{index:02d}.pdf"]
    path = project / "content" / "many.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start_batch(project: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "printer.cli", "batch", str(manifest(project)),
               "--out-dir", str(out), "--jobs", "2", "--no-contact-sheet", *extra]
    return subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for_first_pdf(out: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while not any(out.glob("page-*.pdf")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)


def pdfs(out: Path) -> list[Path]:
    return sorted(path for path in out.glob("*.pdf") if not path.name.startswith("."))


def assert_whole(out: Path, pdf_temps_only: bool = False) -> None:
    """Every PDF opens and no temporary file is left; after a SIGKILL the batch process itself
    may leave the temporary file of its state (the next run sweeps it), but no worker may
    leave part of a PDF."""
    def left() -> list[Path]:
        return [p for p in stale_temp_files(out) if p.suffix == ".pdf" or not pdf_temps_only]

    deadline = time.monotonic() + 10  # workers clean up after their parent is gone
    while left() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert left() == []
    for path in pdfs(out):
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) == 1


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("interrupt") / "project"
    return make_sandbox(ROOT, folder, synthetic_photos=True)  # quick to embed


@pytest.mark.parametrize("kill", [signal.SIGTERM, signal.SIGKILL], ids=["term", "kill"])
def test_killed_batch_leaves_whole_pdfs_and_rerun_skips_them(project: Path,
                                                              kill: signal.Signals) -> None:
    out = project / "out" / kill.name.lower()
    process = start_batch(project, out)
    wait_for_first_pdf(out, process)
    os.kill(process.pid, kill)
    _, err = process.communicate(timeout=30)
    assert process.returncode == (130 if kill == signal.SIGTERM else -signal.SIGKILL), err
    assert_whole(out, pdf_temps_only=kill == signal.SIGKILL)
    built = {path.name for path in pdfs(out)}
    assert len(built) >= 1
    recorded = set(load_state(out))
    assert recorded <= built
    rerun = start_batch(project, out)
    stdout, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, err
    assert f"{EDITIONS - len(recorded)} built, {len(recorded)} skipped, 0 failed" in stdout
    assert_whole(out)
    assert len(pdfs(out)) == EDITIONS


def crash_on_killer(job: EditionJob, out_dir: Path, thumbnails: bool = True) -> EditionResult:
    """Stands in for `batch.build_edition` in the workers: one edition kills its worker."""
    if job.output == "killer.pdf":
        os._exit(1)
    time.sleep(0.05)
    return EditionResult(job.output, "built", pid=os.getpid())


def test_a_dead_worker_fails_only_its_own_edition(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "build_edition", crash_on_killer)  # inherited by forked workers
    jobs = [EditionJob(tmp_path / f"{name}.yaml", f"{name}.pdf")
            for name in ("first", "killer", "second", "third")]
    report = run_batch(jobs, BatchOptions(tmp_path / "out", jobs=2, thumbnails=False))
    status = {result.output: result.status for result in report.results}
    assert status == {"first.pdf": "built", "killer.pdf": "failed", "second.pdf": "built",
                      "third.pdf": "built"}
    killer = next(result for result in report.results if result.output == "killer.pdf")
    assert killer.error is not None and "worker building it died" in killer.error
