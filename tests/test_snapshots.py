"""Snapshots of a small page: its layout tree as text (one line per item, rounded coordinates)
and a small PNG of the real PDF. A diff of the text says why output moved.

Update both with `PRINTER_UPDATE_SNAPSHOTS=1 python3 -m pytest tests/test_snapshots.py`, then
read the diff before committing; CI refuses to run with the flag on.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops

from printer.build import build, lay_out
from printer.page import Box, PageLayout, Picture, Rule, TextRun

HERE = Path(__file__).resolve().parent
SNAPSHOTS = HERE / "snapshots"
FIXTURES = HERE / "fixtures"
UPDATE = os.environ.get("PRINTER_UPDATE_SNAPSHOTS") == "1"


def test_the_update_flag_is_not_left_on_in_ci() -> None:
    assert not (UPDATE and os.environ.get("CI")), "PRINTER_UPDATE_SNAPSHOTS is on in CI"


@pytest.fixture(scope="module")
def small_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("small")
    (root / "printer.toml").touch()
    shutil.copytree(FIXTURES / "images", root / "images")
    (root / "content").mkdir()
    shutil.copy(FIXTURES / "content" / "minimal.yaml", root / "content" / "page.yaml")
    return root


def dump(page: PageLayout) -> str:
    """The layout tree, one line per item, coordinates rounded to 0.01 pt."""
    lines = []
    for item in page.items:
        if isinstance(item, TextRun):
            xs = " ".join(f"{x:.2f}" for x in item.xs)
            lines.append(f"text {item.element} {item.face} {item.size:g} {item.color} "
                         f"y={item.baseline:.2f} {item.chars!r} x=[{xs}]")
        elif isinstance(item, Box):
            lines.append(f"box {item.element} {item.x:.2f} {item.y:.2f} {item.width:.2f} "
                         f"{item.height:.2f} fill={item.fill} stroke={item.stroke}")
        elif isinstance(item, Rule):
            lines.append(f"rule {item.element} {item.x1:.2f} {item.y1:.2f} {item.x2:.2f} "
                         f"{item.y2:.2f} {item.color} {item.width:g}")
        elif isinstance(item, Picture):
            lines.append(f"picture {item.element} {item.path.name} {item.x:.2f} {item.y:.2f} "
                         f"{item.width:.2f} {item.height:.2f} crop={list(item.crop)}")
    for finding in page.findings:
        lines.append(f"finding {finding.severity} {finding.element} {finding.kind}: "
                     f"{finding.message}")
    return "\n".join(lines) + "\n"


def check_text(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{name} changed: diff it, then update"


def test_layout_tree_snapshot(small_project: Path) -> None:
    page = lay_out(small_project / "content" / "page.yaml",
                   FIXTURES / "layout" / "small.yaml")[1]
    check_text("small-page.txt", dump(page))


def test_png_snapshot(small_project: Path) -> None:
    pdf = small_project / "out" / "page.pdf"
    build(small_project / "content" / "page.yaml", pdf, FIXTURES / "layout" / "small.yaml")
    document = pdfium.PdfDocument(str(pdf))
    try:
        image = document[0].render(scale=40 / 72).to_pil().convert("L")
    finally:
        document.close()
    path = SNAPSHOTS / "small-page.png"
    if UPDATE:
        image.save(path, optimize=True)
    reference = Image.open(path).convert("L")
    assert reference.size == image.size
    difference = ImageChops.difference(reference, image)
    histogram = difference.histogram()
    changed = sum(histogram[48:]) / (image.size[0] * image.size[1])
    assert changed < 0.002, f"{changed:.2%} of the pixels changed: look at the page, then update"
