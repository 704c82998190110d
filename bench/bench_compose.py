"""Benchmark: compose the whole seed page's text at 9 pt in a 13-character column.

Reports characters per second and the time for the seed text (median of several runs, warm
font book). Target: the seed's ~2,100 characters in under 30 ms.

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
from printer.text.compose import compose

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
    times = []
    for _ in range(args.runs):
        source = RoleGlyphs(book, "song", "hei-bold")  # fresh glyph cache: no warm lookups
        start = time.perf_counter()
        for rich in spans:
            compose(rich, style, 13 * 9.0, source)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"seed text: {chars} characters in {len(spans)} paragraphs")
    print(
        f"compose: median {median * 1000:.1f} ms over {args.runs} runs "
        f"(min {min(times) * 1000:.1f} ms) = {chars / median:,.0f} characters/s"
    )


if __name__ == "__main__":
    main()
