"""Stage: workflow — a page's summary: its stories, article columns, element boxes, findings.

`summarize(page)` derives a `PageSummary` from a `PageLayout`; it is small enough to be saved
as JSON beside the PDF (`out/x.pdf` → `out/x.summary.json`) so that builds made by different
processes can be compared, and `printer diff` can name the element under a changed area.

Stories group the text runs by their element name: `article1`, `article2`… (all a story's
columns, head and byline), `highlights.groupN`, `headline.title`, `headline.deck`,
`photo.ID.caption`, `folio`, `credit`… Story columns (`article1.colN`) are also kept line by
line.
Lengths are points from the trim's top-left corner, y downward, as in the page layout.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from printer.page import Box, Item, PageLayout, Picture, Rule, TextRun
from printer.workflow.files import atomic_write

FORMAT = "printer-page-summary/1"
BBox = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class StorySummary:
    lines: int
    chars: int
    digest: str  # of the story's text, line by line
    box: BBox


@dataclass(frozen=True)
class FindingSummary:
    severity: str
    element: str
    kind: str
    message: str
    lines: int = 0

    def describe(self) -> str:
        return f"{self.severity}: {self.element}: {self.message}"


@dataclass(frozen=True)
class PageSummary:
    title: str
    width: float
    height: float
    bleed: float
    stories: dict[str, StorySummary] = field(default_factory=dict)
    columns: dict[str, tuple[tuple[float, str], ...]] = field(default_factory=dict)
    elements: dict[str, BBox] = field(default_factory=dict)
    findings: tuple[FindingSummary, ...] = ()


def story_of(element: str) -> str:
    """The story an element belongs to: `article1.col2.banner` → `article1`,
    `highlights.group3.item` → `highlights.group3`, `photo.lead.caption` → itself."""
    parts = element.split(".")
    if parts[0] == "photo":
        return ".".join(parts[:3])
    if parts[0] in ("highlights", "headline"):
        return ".".join(parts[:2])
    return parts[0]


def column_of(element: str) -> str | None:
    """`article1.col2` for every element of the first story's second column, else None."""
    parts = element.split(".")
    if len(parts) >= 2 and parts[0].startswith("article") and parts[1].startswith("col"):
        return ".".join(parts[:2])
    return None


def _line_owner(element: str) -> str:
    """What a line belongs to: its article column, else its story (so that bullets and ■
    markers share the line of the text they mark)."""
    return column_of(element) or story_of(element)


def item_box(item: Item) -> BBox:
    if isinstance(item, TextRun):
        right = item.xs[-1] + item.size if item.xs else 0.0
        left = item.xs[0] if item.xs else 0.0
        return (left, item.baseline - 0.88 * item.size, right, item.baseline + 0.12 * item.size)
    if isinstance(item, Rule):
        half = item.width / 2
        return (min(item.x1, item.x2) - half, min(item.y1, item.y2) - half,
                max(item.x1, item.x2) + half, max(item.y1, item.y2) + half)
    assert isinstance(item, Box | Picture)
    return (item.x, item.y, item.x + item.width, item.y + item.height)


def union(a: BBox, b: BBox) -> BBox:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _lines(runs: list[TextRun]) -> list[tuple[float, str]]:
    """The text of each line: runs grouped by line element and baseline, read left to right."""
    grouped: dict[tuple[str, float], list[TextRun]] = defaultdict(list)
    for run in runs:
        grouped[(_line_owner(run.element), round(run.baseline, 2))].append(run)
    lines = []
    for (_, baseline), members in grouped.items():
        members.sort(key=lambda run: run.xs[0] if run.xs else 0.0)
        lines.append((baseline, "".join(run.chars for run in members)))
    lines.sort(key=lambda line: line[0])
    return lines


def summarize(page: PageLayout) -> PageSummary:
    elements: dict[str, BBox] = {}
    stories: dict[str, list[TextRun]] = defaultdict(list)
    columns: dict[str, list[TextRun]] = defaultdict(list)
    for item in page.items:
        box = item_box(item)
        elements[item.element] = union(elements[item.element], box) \
            if item.element in elements else box
        if isinstance(item, TextRun):
            stories[story_of(item.element)].append(item)
            column = column_of(item.element)
            if column is not None:
                columns[column].append(item)
    return PageSummary(
        title=page.title, width=page.width, height=page.height, bleed=page.bleed,
        stories={name: _story(runs) for name, runs in sorted(stories.items())},
        columns={name: tuple(_lines(runs)) for name, runs in sorted(columns.items())},
        elements=dict(sorted(elements.items())),
        findings=tuple(FindingSummary(f.severity, f.element, f.kind, f.message, f.lines)
                       for f in page.findings),
    )


def _story(runs: list[TextRun]) -> StorySummary:
    lines = _lines(runs)
    text = "\n".join(line for _, line in lines)
    box = item_box(runs[0])
    for run in runs[1:]:
        box = union(box, item_box(run))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    chars = sum(len(line.replace(" ", "")) for _, line in lines)
    return StorySummary(len(lines), chars, digest, box)


def summary_path(pdf: Path) -> Path:
    """`out/x.pdf` → `out/x.summary.json`."""
    return pdf.with_name(pdf.stem + ".summary.json")


def to_json(summary: PageSummary) -> str:
    data: dict[str, Any] = {"format": FORMAT, **asdict(summary)}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def from_json(text: str) -> PageSummary:
    data = json.loads(text)
    if data.get("format") != FORMAT:
        raise ValueError(f"not a page summary of format {FORMAT}")
    return PageSummary(
        title=data["title"], width=data["width"], height=data["height"], bleed=data["bleed"],
        stories={name: StorySummary(s["lines"], s["chars"], s["digest"], _bbox(s["box"]))
                 for name, s in data["stories"].items()},
        columns={name: tuple((float(b), str(t)) for b, t in lines)
                 for name, lines in data["columns"].items()},
        elements={name: _bbox(box) for name, box in data["elements"].items()},
        findings=tuple(FindingSummary(**f) for f in data["findings"]),
    )


def _bbox(values: list[float]) -> BBox:
    x0, y0, x1, y1 = (float(v) for v in values)
    return (x0, y0, x1, y1)


def write_summary(summary: PageSummary, path: Path) -> None:
    atomic_write(path, to_json(summary).encode("utf-8"))


def read_summary(path: Path) -> PageSummary | None:
    """The summary saved at `path`, or None when there is none (or it cannot be read)."""
    try:
        return from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
