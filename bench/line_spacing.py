"""Stage: line composition benchmarks — how even the body lines are, measured in the PDFs.

Builds the three sample editions and the 2024 edition with hard copy (figures, Latin words,
URLs, punctuation runs: `tests/fixtures/copy/hard-copy.yaml`) on the broadsheet, reads every
body line back with pdfplumber and prints the distribution of the space between two Han
characters (justification) and between Han and a Latin letter or figure (clreq §3.2.2): median,
95th percentile, worst. Targets: Han–Han at most 0.15 em; Han–Latin 0 to ⅓ em, the style's ¼ em.
Usage: python bench/line_spacing.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from common import ROOT, machine, project_copy

sys.path.insert(0, str(ROOT / "tests"))
import editions
import spacing
from printer.build import build

BODY_SIZE = 9.0  # 小五, the broadsheet's body


def measured(project: Path) -> dict[str, tuple[list[float], list[float]]]:
    found = {}
    sources = {name: project / "content" / f"{name}.yaml"
               for name in ("jiaozuo-2022", "jiaozuo-2023", "jiaozuo-2024")}
    sources["2024 hard copy"] = editions.write(project, editions.with_hard_copy(
        editions.sample()), "hard-copy")
    columns = spacing.column_spans(project / "layout" / "broadsheet.yaml")
    for name, source in sources.items():
        pdf = project / "out" / f"{source.stem}.pdf"
        build(source, pdf, project / "layout" / "broadsheet.yaml")
        han, mixed = spacing.gaps(pdf, BODY_SIZE, columns)
        found[name] = ([g.em for g in han], [g.em for g in mixed])
    return found


def main() -> None:
    print(f"machine: {machine()}")
    with project_copy() as project:
        results = measured(project)
    every_han: list[float] = []
    every_mixed: list[float] = []
    for name, (han, mixed) in results.items():
        every_han += han
        every_mixed += mixed
        print(f"{name}: Han–Han {spacing.distribution(han)}; "
              f"Han–Latin {spacing.distribution(mixed)}")
    print(f"all: Han–Han {spacing.distribution(every_han)} (target worst ≤ 0.150 em); "
          f"Han–Latin {spacing.distribution(every_mixed)} (target 0 to 0.333 em)")


if __name__ == "__main__":
    main()
