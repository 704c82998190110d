"""Workflow: the same inputs give byte-identical PDFs, whatever the working directory, and a
warm process (watch, batch worker) writes the same bytes as a cold `printer build`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from printer.workflow.sandbox import make_sandbox
from printer.workflow.warm import WarmCache

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_sandbox(ROOT, tmp_path_factory.mktemp("determinism") / "project")


def build(cwd: Path, content: str, output: Path) -> bytes:
    command = [sys.executable, "-m", "printer.cli", "build", content, "-o", str(output), "-q"]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return output.read_bytes()


def test_build_does_not_depend_on_the_working_directory(project: Path, tmp_path: Path) -> None:
    from_root = build(project, "content/jiaozuo-2022.yaml", tmp_path / "a.pdf")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    from_elsewhere = build(elsewhere, str(project / "content" / "jiaozuo-2022.yaml"),
                           tmp_path / "b.pdf")
    assert from_root == from_elsewhere

    cache = WarmCache()  # warm: another page first, then the same page twice
    cache.build(project / "content" / "jiaozuo-2023.yaml", tmp_path / "other.pdf")
    for name in ("c.pdf", "d.pdf"):
        cache.build(project / "content" / "jiaozuo-2022.yaml", tmp_path / name)
        assert (tmp_path / name).read_bytes() == from_root
