"""Stage: workflow benchmarks — a batch of 20 editions across the machine's cores.

The three sample editions repeated to 20 outputs, built with `printer.workflow.batch` in
worker processes (`--force`, thumbnails and contact sheet included, as `printer batch` does).
Prints the wall time, the time per page, each edition's median build time and each worker's
peak resident memory (getrusage ru_maxrss). Usage: python bench/batch20.py [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from common import machine, median, ms, project_copy

from printer.workflow.batch import BatchOptions, run_batch
from printer.workflow.manifest import collect_jobs

EDITIONS = 20
YEARS = ("2022", "2023", "2024")


def write_manifest(project: Path) -> Path:
    lines = ["layout: ../layout/broadsheet.yaml", "editions:"]
    for index in range(EDITIONS):
        lines += [f"  - content: jiaozuo-{YEARS[index % 3]}.yaml",
                  f"    output: edition-{index:02d}.pdf"]
    path = project / "content" / "bench-20.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(jobs: int = 0) -> dict[str, float]:
    with project_copy() as project:
        batch = collect_jobs([write_manifest(project)], None, project / "out" / "bench")
        start = time.perf_counter()
        report = run_batch(list(batch.jobs), BatchOptions(batch.out_dir, jobs, force=True))
        wall = time.perf_counter() - start
    assert not report.failed, [r.error for r in report.failed]
    peaks: dict[int, int] = {}
    for result in report.results:
        peaks[result.pid] = max(peaks.get(result.pid, 0), result.peak_kib)
    return {
        "batch_s": wall,
        "per_page_s": wall / EDITIONS,
        "edition_median_s": median([r.seconds for r in report.results]),
        "workers": float(len(peaks)),
        "peak_worker_mib": max(peaks.values()) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=0, help="workers (default: one per core)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    result = run(args.jobs)
    print(f"batch of {EDITIONS} on {int(result['workers'])} workers "
          f"({os.cpu_count()} cores): {result['batch_s']:.2f} s (target < 1.0 s)")
    print(f"  per page {ms(result['per_page_s'])}; one edition in a worker: median "
          f"{ms(result['edition_median_s'])}")
    print(f"  peak memory per worker: {result['peak_worker_mib']:.0f} MiB (target < 200 MiB)")


if __name__ == "__main__":
    main()
