"""Stage: workflow benchmarks — what the scripts share: the machine, medians, a project copy.

The benchmarks build in a throwaway copy of the project (`printer.workflow.sandbox`), never in
the work tree: content/ and layout/ are copied, fonts/ and profiles/ linked, photos copied
(synthetic stand-ins only for photos that do not exist yet).
"""

from __future__ import annotations

import os
import platform
import pstats
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from printer.workflow.sandbox import make_sandbox

ROOT = Path(__file__).resolve().parents[1]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine() -> str:
    return f"{os.cpu_count()} × {cpu_model()}, Python {platform.python_version()}, " \
           f"{platform.system()} {platform.release()}"


def median(values: list[float]) -> float:
    return statistics.median(values)


@contextmanager
def project_copy() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="printer-bench-") as folder:
        yield make_sandbox(ROOT, Path(folder) / "project")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


STAGES = {  # (file name ending, function): a stage of a build, cumulative time
    "import printer.cli": ("<frozen importlib._bootstrap>", "_find_and_load"),
    "load the font book": ("printer/build.py", "font_book"),
    "load the layout spec": ("spec/loader.py", "load"),
    "read content (YAML, schema)": ("content/loader.py", "load"),
    "make up the page": ("makeup/page.py", "make_page"),
    "  of which line composing": ("text/compose.py", "compose"),
    "register fonts (ReportLab TTFont)": ("render/pdf.py", "_font_name"),
    "render: draw (ReportLab)": ("render/pdf.py", "_draw"),
    "  of which photos (separate, embed)": ("render/pdf.py", "picture"),
    "  of which text": ("render/pdf.py", "text"),
    "  of which saving the PDF": ("reportlab/pdfgen/canvas.py", "save"),
    "PDF/X finish (pikepdf)": ("prepress/pdfx.py", "finish"),
    "page summary": ("workflow/summary.py", "summarize"),
    "write summary JSON": ("workflow/summary.py", "write_summary"),
}


def print_stages(what: str, stats: pstats.Stats, top: int = 12) -> None:
    """Where the time of a profiled build went, by stage, then the top functions."""
    table = stats.stats  # type: ignore[attr-defined]
    total = max(entry[3] for entry in table.values())
    print(f"profile of {what}: {ms(total)} under cProfile")
    for label, (suffix, function) in STAGES.items():
        spent = max([entry[3] for (file, _, name), entry in table.items()
                     if file.endswith(suffix) and name == function], default=0.0)
        print(f"  {label:34} {ms(spent):>7}  {spent / total:5.0%}")
    stats.sort_stats("tottime").print_stats(top)
