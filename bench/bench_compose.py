"""Benchmark: compose the whole seed page's text at 9 pt in a 13-character column.

Reports characters per second and the time for the seed text (median of several runs, warm
font book), with the total-fit breaker and with the greedy first fit, in one run. Targets: the
seed's ~2,100 characters in under 30 ms; total fit at most 2× first fit.

    python bench/bench_compose.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from printer.content.normalize import normalize_text
from printer.content.richtext import parse_rich
from printer.fonts.book import FontBook
from printer.makeup.typeset import RoleGlyphs
from printer.text import ComposeStyle
from printer.text import compose as compose_module
from printer.text.compose import compose
from printer.text.totalfit import total_fit

ROOT = Path(__file__).resolve().parents[1]


def paragraphs() -> list[str]:
    text = (ROOT / "tests" / "fixtures" / "seed-page.txt").read_text(encoding="utf-8")
    lines = [line.strip().removeprefix("- ").removeprefix("■ ") for line in text.splitlines()]
    return [normalize_text(line)[0] for line in lines if line]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    spans = [parse_rich(p) for p in paragraphs()]
    chars = sum(len(span.text) for rich in spans for span in rich)
    style = ComposeStyle(size=9.0)
    book = FontBook.load(ROOT / "fonts")
    print(f"seed text: {chars} characters in {len(spans)} paragraphs")
    medians = {}
    for breaker in ("total fit", "first fit"):
        # First fit: the greedy breaker, the composer's own before total fit (and still its
        # way for ragged text), timed in the same run for the ratio.
        compose_module.total_fit = total_fit if breaker == "total fit" else no_total_fit
        times = []
        for _ in range(args.runs):
            source = RoleGlyphs(book, "song", "hei-bold")  # fresh glyph cache: no warm lookups
            start = time.perf_counter()
            for rich in spans:
                compose(rich, style, 13 * 9.0, source)
            times.append(time.perf_counter() - start)
        medians[breaker] = statistics.median(times)
        print(f"compose, {breaker}: median {medians[breaker] * 1000:.1f} ms over {args.runs} "
              f"runs (min {min(times) * 1000:.1f} ms) = {chars / medians[breaker]:,.0f} "
              "characters/s")
    compose_module.total_fit = total_fit
    print(f"total fit / first fit: {medians['total fit'] / medians['first fit']:.2f} "
          "(target at most 2)")


def no_total_fit(*_: object) -> None:
    return None

if __name__ == "__main__":
    main()
