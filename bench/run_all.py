"""Stage: workflow benchmarks — run every benchmark and record the medians in bench/README.md.

Replaces the block between `<!-- results -->` and `<!-- /results -->` in the README with a
table of this run's numbers, the date and the machine (cores and CPU model).
Usage: python bench/run_all.py [--no-write]
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
from pathlib import Path

import adaptive_search
import batch20
import cold_page
import watch_rebuild
from common import cpu_model, machine, ms

README = Path(__file__).resolve().parent / "README.md"
BLOCK = re.compile(r"<!-- results -->.*?<!-- /results -->", re.DOTALL)


def table(results: dict[str, float]) -> str:
    rows = [
        ("one page, cold process (`printer build`, median of 5)",
         ms(results["cold_page_s"]), "< 300 ms"),
        ("— of which Python start-up and `import printer.cli`", ms(results["import_s"]), ""),
        (f"batch of 20 editions on {int(results['workers'])} workers",
         f"{results['batch_s']:.2f} s", "< 1.0 s"),
        ("— per page (wall time / 20)", ms(results["per_page_s"]), ""),
        ("— one edition in a warm worker (median)", ms(results["edition_median_s"]), ""),
        ("— peak memory per worker (ru_maxrss)", f"{results['peak_worker_mib']:.0f} MiB",
         "< 200 MiB"),
        ("watch: one-paragraph edit to new PDF (median of 10)",
         ms(results["watch_rebuild_s"]), "< 100 ms"),
        ("— save to new PDF, 10 ms polling (median of 10)",
         ms(results["watch_save_to_pdf_s"]), ""),
        ("adaptive geometry search, cold process (median of 5)",
         ms(results["search_cold_s"]), "< 150 ms"),
        ("— warm, after a sentence added to a paragraph (median of 10)",
         ms(results["search_warm_added_s"]), "< 30 ms"),
        ("— warm, after a word changed (line counts kept; median of 10)",
         ms(results["search_warm_word_s"]), "< 30 ms"),
    ]
    lines = ["| measurement | result | target |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {target} |" for name, value, target in rows]
    return "\n".join(lines)


def record(results: dict[str, float], load: float) -> None:
    today = datetime.date.today().isoformat()
    block = (f"<!-- results -->\nMeasured {today} on {machine()} "
             f"(`nproc` {os.cpu_count()}, CPU model \"{cpu_model()}\"; load average "
             f"{load:.1f} when the run started: other work on the machine slows it):\n\n"
             f"{table(results)}\n<!-- /results -->")
    text = README.read_text(encoding="utf-8")
    README.write_text(BLOCK.sub(lambda _: block, text), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    load = os.getloadavg()[0]
    results: dict[str, float] = {}
    for name, bench in (("cold page", cold_page), ("batch of 20", batch20),
                        ("watch rebuild", watch_rebuild), ("adaptive search", adaptive_search)):
        print(f"running {name}…", flush=True)
        results.update(bench.run())
    print(table(results))
    if not args.no_write:
        record(results, load)
        print(f"recorded in {README.name}")


if __name__ == "__main__":
    main()
