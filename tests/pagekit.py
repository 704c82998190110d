"""Test tools: a throwaway copy of the project, and reading lines back from a built PDF.

The PDF is read with pdfplumber, independently of the layout tree, so tests check what the
PDF really holds: characters with their positions, grouped into lines by baseline and column.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
PHOTOS = {
    "bridge-construction.jpg": (2600, 1800),
    "lotus-lake.jpg": (1800, 1200),
    "glass-factory.jpg": (1800, 1200),
}
MM = 72 / 25.4


def make_project(target: Path) -> Path:
    """Copy content/ and layout/ (and images/, made up if missing) into `target`; fonts linked."""
    target.mkdir(parents=True, exist_ok=True)
    (target / "pyproject.toml").write_text("", encoding="utf-8")
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copytree(ROOT / "layout", target / "layout")
    (target / "fonts").symlink_to(ROOT / "fonts", target_is_directory=True)
    images = target / "images"
    images.mkdir()
    for name, size in PHOTOS.items():
        source = ROOT / "images" / name
        if source.is_file():
            shutil.copy(source, images / name)
        else:
            Image.new("RGB", size, (120, 140, 160)).save(images / name, quality=80)
    return target


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float  # from the page top, points
    baseline: float
    size: float
    font: str


@dataclass
class PdfLine:
    chars: list[Char]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def baseline(self) -> float:
        return self.chars[0].baseline

    @property
    def size(self) -> float:
        return self.chars[0].size

    def ink_right(self) -> float:
        """Right edge of the line's last character cell, a line-end mark counted half wide."""
        last = self.chars[-1]
        if last.text in "，。、：；！？”’）》」』":
            return last.x0 + last.size / 2
        return last.x1


def read_chars(pdf: Path) -> tuple[list[Char], dict[str, tuple[float, ...]]]:
    """All characters of page 1 (spaces left out) and the page's boxes, in points."""
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        chars = [
            Char(
                c["text"],
                c["x0"],
                c["x1"],
                c["top"],
                c["top"] + c["size"] * 0.88,
                round(c["size"], 2),
                c["fontname"],
            )
            for c in page.chars
            if not c["text"].isspace()
        ]
        boxes = {
            "media": tuple(page.mediabox),
            "trim": tuple(page.trimbox) if page.trimbox else (),
            "bleed": tuple(page.bbox),
        }
        images = [(i["x0"], i["top"], i["x1"], i["bottom"], i["srcsize"]) for i in page.images]
    boxes["images"] = tuple(v for image in images for v in image[:4])
    return chars, boxes


def images_of(pdf: Path) -> list[tuple[float, float, float, float, tuple[int, int]]]:
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        return [(i["x0"], i["top"], i["x1"], i["bottom"], tuple(i["srcsize"])) for i in page.images]


def lines_in(
    chars: list[Char], x0: float, x1: float, top: float, bottom: float, size: float | None = None
) -> list[PdfLine]:
    """Characters inside a region grouped into lines by baseline, top to bottom, left to right."""
    inside = [
        c
        for c in chars
        if x0 - 1 <= (c.x0 + c.x1) / 2 <= x1 + 1
        and top - 1 <= c.top <= bottom + 1
        and (size is None or abs(c.size - size) < 0.05)
    ]
    rows: dict[float, list[Char]] = {}
    for char in inside:
        rows.setdefault(round(char.baseline, 1), []).append(char)
    return [PdfLine(sorted(row, key=lambda c: c.x0)) for _, row in sorted(rows.items())]


Box = tuple[float, float, float, float]


def _line_boxes(chars: list[Char]) -> list[Box]:
    """Em-box rectangles of runs of characters sharing a baseline and size."""
    rows: dict[tuple[float, float], list[Char]] = {}
    for c in chars:
        rows.setdefault((round(c.baseline, 1), c.size), []).append(c)
    boxes: list[Box] = []
    for (base, size), row in rows.items():
        row.sort(key=lambda c: c.x0)
        start = row[0]
        for prev, char in pairwise(row):
            if char.x0 - prev.x1 > size * 1.5:  # a separate run on the same baseline
                boxes.append((start.x0, base - 0.88 * size, prev.x1, base + 0.12 * size))
                start = char
        boxes.append((start.x0, base - 0.88 * size, row[-1].x1, base + 0.12 * size))
    return boxes


def _overlap(a: Box, b: Box, shrink: float = 0.3) -> bool:
    return (a[0] + shrink < b[2] - shrink and b[0] + shrink < a[2] - shrink
            and a[1] + shrink < b[3] - shrink and b[1] + shrink < a[3] - shrink)


def overlaps(pdf: Path) -> list[tuple[Box, Box]]:
    """Pairs of text runs that overlap each other or a photo."""
    boxes = _line_boxes(read_chars(pdf)[0])
    photos: list[Box] = [image[:4] for image in images_of(pdf)]
    found = []
    for i, a in enumerate(boxes):
        found.extend((a, b) for b in boxes[i + 1 :] if _overlap(a, b))
        found.extend((a, p) for p in photos if _overlap(a, p))
    return found


def column_feet(pdf: Path, type_area: tuple[float, float, float, float], columns: list[float],
                column_width: float, pitch: float) -> list[float]:
    """For each grid column (its left edge, x from the trim), how many lines of white lie
    between the lowest thing printed in it and the foot of the type area, read from the PDF.

    A photo counts across its width; a line of text counts across its own ink, except a line
    set directly under a photo or under such a line (a caption, the photo credit under the
    captions), which counts across the photo's width: a short last caption line does not make
    the columns beside it end short, as on the page it is the photo's caption block."""
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        trim = page.trimbox or page.mediabox
        dx, dy = trim[0] - page.mediabox[0], trim[1] - page.mediabox[1]
        chars = [c for c in page.chars if not c["text"].isspace()]
        blocks = [(i["x0"], i["x1"], i["top"], i["bottom"]) for i in page.images]
        blocks += [(r["x0"], r["x1"], r["top"], r["bottom"]) for r in page.rects]
    rows: dict[float, list[dict[str, Any]]] = {}
    for char in chars:
        rows.setdefault(round(char["top"] + char["size"], 0), []).append(char)
    lines = sorted(((min(c["x0"] for c in row), max(c["x1"] for c in row),
                     min(c["top"] for c in row), bottom) for bottom, row in rows.items()),
                   key=lambda line: line[2])
    spans = list(blocks[: len(page.images)])  # photos, and the lines that extend them
    for x0, x1, top, bottom in lines:
        under = [b for b in spans if b[0] - 1 <= x0 and x1 <= b[1] + 1
                 and 0 <= top - b[3] <= 1.5 * pitch]
        if under:
            wide = max(under, key=lambda b: b[3])
            spans.append((wide[0], wide[1], top, bottom))
        blocks.append((x0, x1, top, bottom))
    blocks += spans
    left0, top0 = type_area[0] + dx, type_area[1] + dy
    foot = top0 + type_area[3]
    whites = []
    for column in columns:
        x0, x1 = left0 + column + 1, left0 + column + column_width - 1
        lowest = max((b[3] for b in blocks if b[0] < x1 and b[1] > x0 and b[3] <= foot + 1),
                     default=top0)
        whites.append(max(0.0, foot - lowest) / pitch)
    return whites
