"""Stage: workflow benchmarks — one page from a cold process: `printer build`, median of 5.

Also times a bare `import printer.cli` in a fresh interpreter (the floor of any cold build).
With `--profile`, profiles one cold build (`python -m cProfile`) and prints where the time goes.
Usage: python bench/cold_page.py [--profile]
"""

from __future__ import annotations

import argparse
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import machine, median, ms, print_stages, project_copy

RUNS = 5
TARGET = 0.3


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def run() -> dict[str, float]:
    with project_copy() as project:
        build = [sys.executable, "-m", "printer.cli", "build", "content/jiaozuo-2024.yaml",
                 "-o", "out/cold.pdf", "-q"]
        timed(build, project)  # the OS file cache warm, the process cold
        builds = [timed(build, project) for _ in range(RUNS)]
        imports = [timed([sys.executable, "-c", "import printer.cli"], project)
                   for _ in range(RUNS)]
    return {"cold_page_s": median(builds), "import_s": median(imports)}


def profile() -> None:
    with project_copy() as project, tempfile.TemporaryDirectory() as folder:
        stats_file = Path(folder) / "cold.prof"
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m",
                        "printer.cli", "build", "content/jiaozuo-2024.yaml", "-o",
                        "out/cold.pdf", "-q"], cwd=project, check=True, capture_output=True)
        print_stages("one cold build (printer build)", pstats.Stats(str(stats_file)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", action="store_true", help="profile one cold build")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    result = run()
    print(f"cold page (printer build, median of {RUNS}): {ms(result['cold_page_s'])} "
          f"(target < {ms(TARGET)})")
    print(f"  of which starting Python and importing printer.cli: {ms(result['import_s'])}")
    if args.profile:
        profile()


if __name__ == "__main__":
    main()
