"""Stage: workflow benchmarks — `printer watch`: a one-paragraph edit to a new PDF, warm.

Runs the watch loop on a project copy; after each build the benchmark saves an edit of one
paragraph (adding a sentence, then taking it out again), 10 times. Prints the median rebuild
(read the content, make up, write PDF and summary) and the median time from the save to the
new PDF (the rebuild plus the polling interval and settle time). With `--profile`, profiles one
warm rebuild with cProfile and prints where the time goes.
Usage: python bench/watch_rebuild.py [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

from common import machine, median, ms, print_stages, project_copy

from printer.workflow.warm import WarmCache
from printer.workflow.watch import WatchEvent, WatchOptions, watch

REBUILDS = 10
TARGET = 0.1
NEEDLE = "干事创业氛围更加浓厚。"
ADDED = "全市上下正以昂扬的姿态奋进新征程。"


def run() -> dict[str, float]:
    with project_copy() as project:
        page = project / "content" / "jiaozuo-2024.yaml"
        original = page.read_text(encoding="utf-8")
        saved_at: list[float] = []
        latencies: list[float] = []

        def edit(event: WatchEvent) -> None:
            if saved_at:
                latencies.append(time.perf_counter() - saved_at[-1])
            text = original.replace(NEEDLE, NEEDLE + ADDED) if event.number % 2 else original
            page.write_text(text, encoding="utf-8")
            saved_at.append(time.perf_counter())

        events = watch(page, project / "out" / "watch.pdf",
                       WatchOptions(interval=0.01, stop_after=REBUILDS + 1, timeout=120),
                       on_build=edit, cache=WarmCache())
    rebuilds = [event.seconds for event in events[1:]]
    assert all(event.ok for event in events) and len(rebuilds) == REBUILDS
    return {"watch_rebuild_s": median(rebuilds), "watch_save_to_pdf_s": median(latencies),
            "watch_first_build_s": events[0].seconds}


def profile() -> None:
    with project_copy() as project:
        page = project / "content" / "jiaozuo-2024.yaml"
        output = project / "out" / "profile.pdf"
        cache = WarmCache()
        cache.build(page, output)
        cache.build(page, output)
        original = page.read_text(encoding="utf-8")
        page.write_text(original.replace(NEEDLE, NEEDLE + ADDED), encoding="utf-8")
        profiler = cProfile.Profile()
        profiler.enable()
        cache.build(page, output)
        profiler.disable()
    print_stages("one warm rebuild", pstats.Stats(profiler))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", action="store_true", help="profile one warm rebuild")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    result = run()
    print(f"watch rebuild after a one-paragraph edit (median of {REBUILDS}): "
          f"{ms(result['watch_rebuild_s'])} (target < {ms(TARGET)})")
    print(f"  save to new PDF, with 10 ms polling: {ms(result['watch_save_to_pdf_s'])}; "
          f"first (cold) build: {ms(result['watch_first_build_s'])}")
    if args.profile:
        profile()


if __name__ == "__main__":
    main()
