"""Stage: makeup benchmarks — what the adaptive geometry search costs a build.

Times the search (`printer.makeup.search.solve`, wrapped to record each call) and the whole
makeup (`make_page`: measuring, search, drawing) of the sample page:
- cold: in a fresh interpreter for each of 5 runs (fonts loaded, nothing else warm);
- warm: in one process, the median of 10 rebuilds, each after a one-paragraph edit: a new
  sentence added to the last paragraph (a different one each time, so its line count grows),
  or a word changed in one paragraph (a typo fixed: the line counts stay).
Usage: python bench/adaptive_search.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from common import machine, median, ms

from printer.content.model import Edition
from printer.content.richtext import parse_rich

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5
EDITS = 10
TARGET_COLD, TARGET_WARM = 0.150, 0.030
SENTENCES = ["全市上下正以昂扬的姿态奋进新征程。", "各项工作取得新的进展。", "城乡面貌焕然一新。",
             "群众获得感持续增强。", "发展后劲更加充足。"]


def sentence_added(edition: Edition, number: int) -> Edition:
    article = edition.articles[0]
    last = article.sections[-1]
    text = last.paragraphs[-1] + parse_rich(SENTENCES[number % len(SENTENCES)] * number)
    article = replace(article, sections=(*article.sections[:-1],
                                         replace(last, paragraphs=(*last.paragraphs[:-1], text))))
    return replace(edition, articles=(article,))


def word_changed(edition: Edition, number: int) -> Edition:
    """Every 市 of one paragraph (a different one each time) made 县, and 县 市; its
    emphasis kept."""
    article = edition.articles[0]
    sections = list(article.sections)
    index = number % len(sections)
    section = sections[index]
    swap = {ord("市"): "县", ord("县"): "市"}
    text = tuple(replace(span, text=span.text.translate(swap)) for span in section.paragraphs[0])
    sections[index] = replace(section, paragraphs=(text, *section.paragraphs[1:]))
    return replace(edition, articles=(replace(article, sections=tuple(sections)),))


def measured_build(edits: int, edit: Callable[[Edition, int], Edition] = sentence_added
                   ) -> dict[str, list[float]]:
    """Lay out the sample (and `edits` one-paragraph edits of it) in this process."""
    import printer.makeup.page as page_module
    from printer.build import font_book
    from printer.content import load as load_content
    from printer.content.normalize import normalize_edition
    from printer.layout import load as load_layout

    searches: list[float] = []
    solve = page_module.solve

    def timed_solve(*args: object) -> object:
        start = time.perf_counter()
        result = solve(*args)  # type: ignore[arg-type]
        searches.append(time.perf_counter() - start)
        return result

    page_module.solve = timed_solve  # type: ignore[assignment]
    spec = load_layout(ROOT / "layout" / "broadsheet.yaml")
    edition, _ = normalize_edition(load_content(ROOT / "content" / "jiaozuo-2024.yaml"))
    book = font_book(spec.fonts_dir)
    pages: list[float] = []
    for number in range(edits + 1):
        if number:
            edition = edit(edition, number)
        searches_before = len(searches)
        start = time.perf_counter()
        page_module.make_page(edition, spec, book)
        pages.append(time.perf_counter() - start)
        # a page set again at tighter tracking searches twice: both count to its build
        searches[searches_before:] = [sum(searches[searches_before:])]
    return {"search": searches, "makeup": pages}


def cold() -> tuple[float, float]:
    searches, pages = [], []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, __file__, "--child"], check=True,
                             capture_output=True, text=True, cwd=ROOT).stdout
        result = json.loads(out)
        searches.append(result["search"][0])
        pages.append(result["makeup"][0])
    return median(searches), median(pages)


EDITS_TIMED = [("a sentence added", "added", sentence_added),
               ("a word changed", "word", word_changed)]


def run() -> dict[str, float]:
    """Medians in seconds: cold search and makeup, warm search after each kind of edit."""
    search, page = cold()
    results = {"search_cold_s": search, "makeup_cold_s": page}
    for _, key, edit in EDITS_TIMED:
        warm = measured_build(EDITS, edit)
        results[f"search_warm_{key}_s"] = median(warm["search"][1:])
        results[f"makeup_warm_{key}_s"] = median(warm["makeup"][1:])
    return results


def main() -> None:
    if "--child" in sys.argv:
        print(json.dumps(measured_build(0)))
        return
    print(f"machine: {machine()}")
    results = run()
    print(f"cold process, median of {RUNS}: search {ms(results['search_cold_s'])} "
          f"(target < {ms(TARGET_COLD)}), whole makeup {ms(results['makeup_cold_s'])}")
    for name, key, _ in EDITS_TIMED:
        print(f"warm, one-paragraph edit ({name}), median of {EDITS}: "
              f"search {ms(results[f'search_warm_{key}_s'])} (target < {ms(TARGET_WARM)}), "
              f"whole makeup {ms(results[f'makeup_warm_{key}_s'])}")


if __name__ == "__main__":
    main()
