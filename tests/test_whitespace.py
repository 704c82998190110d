"""The hole finder of `whitespace.py` on pages drawn here with ReportLab, where the holes are
known: text set on a grid of cells fills a box, and gaps, tints, blocks and photos are put in
it at known places; then on the real sample page."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pdfplumber
import pikepdf
import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from pagekit import make_project
from whitespace import MM, empty_rectangles, image_boxes, type_area_region

PAGE = 190.0  # mm, square
BOX = (15.0, 15.0, 175.0, 175.0)  # x0, top, x1, bottom in mm from the top-left: text fills it
CELL_W, CELL_H = 2.5, 10 / 3  # mm: one character of 8-pt Helvetica per cell
LETTERS = "mwnoeauhdbkg"

MmBox = tuple[float, float, float, float]


def region_pt(box: MmBox = BOX) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = box
    return (x0 * MM, top * MM, x1 * MM, bottom * MM)


def in_mm(box: tuple[float, float, float, float]) -> MmBox:
    x0, top, x1, bottom = box
    return (round(x0 / MM, 2), round(top / MM, 2), round(x1 / MM, 2), round(bottom / MM, 2))


def noise_jpeg(path: Path) -> Path:
    """A mostly white JPEG: white, with grey specks sprinkled over its top eighth only."""
    rng = np.random.default_rng(7)
    pixels = np.full((80, 80, 3), 255, dtype=np.uint8)
    specks = rng.random((80, 80)) < 0.3
    specks[10:] = False
    pixels[specks] = rng.integers(90, 230, size=(int(specks.sum()), 1), dtype=np.uint8)
    Image.fromarray(pixels).save(path, quality=90)
    return path


def draw_page(
    path: Path,
    gaps: tuple[MmBox, ...] = (),
    tints: tuple[tuple[MmBox, tuple[float, float, float]], ...] = (),
    images: tuple[tuple[MmBox, Path, bool], ...] = (),
    marks: tuple[MmBox, ...] = (),
) -> Path:
    """Text on the cell grid of BOX except in `gaps`; `tints` (RGB 0..1) under the text;
    `images` as (box, JPEG, nested in a form XObject); `marks`: small black rectangles."""
    side = PAGE * MM
    pdf = canvas.Canvas(str(path), pagesize=(side, side))
    for (x0, top, x1, bottom), colour in tints:
        pdf.setFillColorRGB(*colour)
        pdf.rect(x0 * MM, side - bottom * MM, (x1 - x0) * MM, (bottom - top) * MM, 0, 1)
    pdf.setFillColorRGB(0, 0, 0)
    for x0, top, x1, bottom in marks:
        pdf.rect(x0 * MM, side - bottom * MM, (x1 - x0) * MM, (bottom - top) * MM, 0, 1)
    pdf.setFont("Helvetica", 8)
    columns = round((BOX[2] - BOX[0]) / CELL_W)
    rows = round((BOX[3] - BOX[1]) / CELL_H)
    for row in range(rows):
        top = BOX[1] + row * CELL_H
        for column in range(columns):
            left = BOX[0] + column * CELL_W
            cell = (left, top, left + CELL_W, top + CELL_H)
            if any(
                cell[0] < g[2] - 1e-6 and g[0] < cell[2] - 1e-6
                and cell[1] < g[3] - 1e-6 and g[1] < cell[3] - 1e-6
                for g in gaps
            ):
                continue
            letter = LETTERS[(row * 7 + column * 3) % len(LETTERS)]
            pdf.drawString(left * MM + 0.2, side - top * MM - 7.0, letter)
    for number, ((x0, top, x1, bottom), jpeg, nested) in enumerate(images):
        place = (x0 * MM, side - bottom * MM, (x1 - x0) * MM, (bottom - top) * MM)
        if nested:
            name = f"photo{number}"
            pdf.beginForm(name)
            pdf.drawImage(str(jpeg), *place)
            pdf.endForm()
            pdf.doForm(name)
        else:
            pdf.drawImage(str(jpeg), *place)
    pdf.showPage()
    pdf.save()
    return path


def assert_near(found: MmBox, expected: MmBox, tolerance: float = 2.0) -> None:
    """A box found, in points, is `expected` (mm) to within `tolerance` mm on every side."""
    got = in_mm(found)
    assert all(abs(g - e) <= tolerance for g, e in zip(got, expected, strict=True)), (got, expected)


def test_full_text_has_no_hole(tmp_path: Path) -> None:
    pdf = draw_page(tmp_path / "full.pdf")
    assert empty_rectangles(pdf, region_pt(), min_mm=5) == []
    # Around the box the paper is blank: the page margins are holes (to within a pixel).
    holes = empty_rectangles(pdf, (0, 0, PAGE * MM, PAGE * MM))
    x0, top, x1, bottom = region_pt()
    assert holes and all(
        box[2] <= x0 + MM or box[0] >= x1 - MM or box[3] <= top + MM or box[1] >= bottom - MM
        for box in holes
    )


@pytest.mark.parametrize("dpi", [36.0, 50.0, 100.0])
def test_a_white_gap_in_text_is_one_hole_in_its_place(tmp_path: Path, dpi: float) -> None:
    gap = (90.0, 65.0, 120.0, 95.0)
    pdf = draw_page(tmp_path / "gap.pdf", gaps=(gap,))
    holes = empty_rectangles(pdf, region_pt(), dpi=dpi)
    assert len(holes) == 1, [in_mm(h) for h in holes]
    assert_near(holes[0], gap)


def test_two_gaps_are_two_holes_largest_first(tmp_path: Path) -> None:
    small, large = (25.0, 25.0, 45.0, 45.0), (100.0, 115.0, 150.0, 155.0)
    pdf = draw_page(tmp_path / "two.pdf", gaps=(small, large))
    holes = empty_rectangles(pdf, region_pt())
    assert len(holes) == 2
    assert_near(holes[0], large)
    assert_near(holes[1], small)


def test_a_speck_does_not_split_a_hole_but_a_hairline_rule_does(tmp_path: Path) -> None:
    gap = (90.0, 65.0, 120.0, 95.0)
    speck = draw_page(tmp_path / "speck.pdf", gaps=(gap,), marks=((104.9, 79.9, 105.2, 80.2),))
    holes = empty_rectangles(speck, region_pt())
    assert len(holes) == 1, [in_mm(h) for h in holes]
    assert_near(holes[0], gap)
    ruled = draw_page(tmp_path / "rule.pdf", gaps=(gap,), marks=((104.95, 65.0, 105.05, 95.0),))
    holes = sorted(empty_rectangles(ruled, region_pt()))
    assert len(holes) == 2, [in_mm(h) for h in holes]
    assert_near(holes[0], (90.0, 65.0, 105.0, 95.0))
    assert_near(holes[1], (105.0, 65.0, 120.0, 95.0))


def test_a_gap_smaller_than_min_mm_is_not_reported(tmp_path: Path) -> None:
    gap = (90.0, 65.0, 100.0, 75.0)
    pdf = draw_page(tmp_path / "small.pdf", gaps=(gap,))
    assert empty_rectangles(pdf, region_pt(), min_mm=12) == []
    holes = empty_rectangles(pdf, region_pt(), min_mm=8)
    assert len(holes) == 1
    assert_near(holes[0], gap)


def test_a_blank_pale_tint_is_a_hole_but_a_tint_full_of_text_is_not(tmp_path: Path) -> None:
    blank = (30.0, 25.0, 70.0, 55.0)
    pdf = draw_page(
        tmp_path / "tints.pdf",
        gaps=(blank,),
        tints=((blank, (1.0, 0.94, 0.82)), ((100.0, 110.0, 160.0, 160.0), (0.85, 0.92, 1.0))),
    )
    holes = empty_rectangles(pdf, region_pt())
    assert len(holes) == 1, [in_mm(h) for h in holes]
    assert_near(holes[0], blank)


def test_a_dark_block_is_ink_not_a_hole(tmp_path: Path) -> None:
    block = (60.0, 65.0, 100.0, 105.0)
    pdf = draw_page(tmp_path / "block.pdf", gaps=(block,), tints=((block, (0.2, 0.3, 0.6)),))
    assert empty_rectangles(pdf, region_pt()) == []


def test_a_tint_edge_separates_two_holes(tmp_path: Path) -> None:
    # One gap, its right half tinted; the tint's edge falls inside a pixel at 50 dpi.
    gap, tint = (57.5, 65.0, 117.5, 95.0), (87.3, 65.0, 117.5, 95.0)
    pdf = draw_page(tmp_path / "edge.pdf", gaps=(gap,), tints=((tint, (0.9, 0.95, 0.9)),))
    holes = sorted(empty_rectangles(pdf, region_pt()))
    assert len(holes) == 2, [in_mm(h) for h in holes]
    assert_near(holes[0], (57.5, 65.0, 87.3, 95.0))
    assert_near(holes[1], tint)


@pytest.mark.parametrize("nested", [False, True], ids=["on-page", "in-form"])
def test_a_photo_is_never_a_hole_even_when_mostly_white(tmp_path: Path, nested: bool) -> None:
    frame = (60.0, 65.0, 100.0, 105.0)
    without = draw_page(tmp_path / "empty-frame.pdf", gaps=(frame,))
    holes = empty_rectangles(without, region_pt())
    assert len(holes) == 1
    assert_near(holes[0], frame)
    jpeg = noise_jpeg(tmp_path / "noise.jpg")
    assert (np.asarray(Image.open(jpeg)) > 240).mean() > 0.9
    pdf = draw_page(tmp_path / "photo.pdf", gaps=(frame,), images=((frame, jpeg, nested),))
    assert empty_rectangles(pdf, region_pt()) == []


def test_image_boxes_are_pdfplumbers(tmp_path: Path) -> None:
    """Photos rotated, scaled and nested two forms deep, forms with their own /Matrix, on a
    MediaBox not at the origin: the boxes read from pdfium are pdfplumber's `page.images`."""
    jpeg = str(noise_jpeg(tmp_path / "noise.jpg"))
    path = tmp_path / "forms.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(500, 500))
    pdf.beginForm("inner")
    pdf.drawImage(jpeg, 10, 20, 50, 40)
    pdf.endForm()
    pdf.beginForm("outer")
    pdf.saveState()
    pdf.translate(30, 40)
    pdf.rotate(20)
    pdf.doForm("inner")
    pdf.restoreState()
    pdf.drawImage(jpeg, 200, 10, 30, 30)
    pdf.endForm()
    pdf.saveState()
    pdf.translate(100, 150)
    pdf.scale(1.5, 0.8)
    pdf.rotate(15)
    pdf.doForm("outer")
    pdf.restoreState()
    pdf.saveState()
    pdf.translate(300, 300)
    pdf.rotate(45)
    pdf.drawImage(jpeg, 0, 0, 60, 30)
    pdf.restoreState()
    pdf.showPage()
    pdf.save()
    shifted = tmp_path / "forms-shifted.pdf"
    with pikepdf.open(path) as document:
        page = document.pages[0]
        page.obj.MediaBox = pikepdf.Array([-25, -35, 480, 510])
        forms = list(page.Resources.XObject.values())
        while forms:
            form = forms.pop()
            if form.get("/Subtype") == "/Form":
                form.Matrix = pikepdf.Array([0.9, 0.1, -0.1, 0.8, 7, -4])
                forms.extend(form.get("/Resources", {}).get("/XObject", {}).values())
        document.save(shifted)
    with pdfplumber.open(shifted) as document:
        page = document.pages[0]
        mx, my = page.mediabox[0], page.mediabox[1]
        expected = sorted(
            (i["x0"] - mx, i["top"] - my, i["x1"] - mx, i["bottom"] - my) for i in page.images
        )
    got = sorted(image_boxes(shifted))
    assert len(got) == len(expected) == 3
    for box, want in zip(got, expected, strict=True):
        assert box == pytest.approx(want, abs=0.01)


def test_coordinates_are_measured_from_the_media_box(tmp_path: Path) -> None:
    """A MediaBox not at the origin, a CropBox inside it and a TrimBox: the hole is reported
    from the MediaBox's top-left, the nested photo still masks its frame."""
    gap, frame = (90.0, 65.0, 120.0, 95.0), (30.0, 115.0, 70.0, 155.0)
    pdf = draw_page(
        tmp_path / "plain.pdf",
        gaps=(gap, frame),
        images=((frame, noise_jpeg(tmp_path / "noise.jpg"), True),),
    )
    side = PAGE * MM
    left, below, right, above = 20.0, 30.0, 10.0, 15.0  # points added around the page
    with pikepdf.open(pdf) as document:
        page = document.pages[0]
        page.obj.MediaBox = pikepdf.Array([-left, -below, side + right, side + above])
        page.obj.CropBox = pikepdf.Array([-left + 5, -below + 5, side + right, side + above])
        page.obj.TrimBox = pikepdf.Array([0, 0, side, side])
        shifted = tmp_path / "shifted.pdf"
        document.save(shifted)
    region = type_area_region(shifted, region_pt((*BOX[:2], BOX[2] - BOX[0], BOX[3] - BOX[1])))
    assert region == pytest.approx(
        (left + BOX[0] * MM, above + BOX[1] * MM, left + BOX[2] * MM, above + BOX[3] * MM)
    )
    holes = empty_rectangles(shifted, region)
    assert len(holes) == 1, [in_mm(h) for h in holes]
    x, y = left / MM, above / MM
    assert_near(holes[0], (gap[0] + x, gap[1] + y, gap[2] + x, gap[3] + y))


def test_type_area_region_starts_below(tmp_path: Path) -> None:
    pdf = draw_page(tmp_path / "page.pdf")
    assert type_area_region(pdf, (10, 20, 300, 400), below=50) == (10, 70, 310, 420)


def test_region_smaller_than_min_mm_has_no_hole(tmp_path: Path) -> None:
    pdf = draw_page(tmp_path / "page.pdf")
    assert empty_rectangles(pdf, (0, 0, 11 * MM, 11 * MM)) == []


def test_the_sample_page(tmp_path: Path) -> None:
    # Imported here so the tests above do not depend on the typesetter itself.
    from printer.build import build
    from printer.page import Box, TextRun

    project = make_project(tmp_path / "project")
    output = tmp_path / "page.pdf"
    result = build(project / "content" / "jiaozuo-2024.yaml", output)
    assert result.output == output
    # The headline's foot: the lowest descender or box of its items (trim coordinates).
    feet = [
        item.baseline + 0.12 * item.size if isinstance(item, TextRun) else item.y + item.height
        for item in result.page.by_element("headline")
        if isinstance(item, TextRun | Box)
    ]
    assert feet
    type_area = result.page.type_area
    region = type_area_region(output, type_area, below=max(feet) - type_area[1])
    start = time.perf_counter()
    holes = empty_rectangles(output, region)
    elapsed = time.perf_counter() - start
    print(f"\nregion {in_mm(region)} mm; {elapsed * 1000:.0f} ms")
    for hole in holes:
        x0, top, x1, bottom = in_mm(hole)
        print(f"hole {x0}..{x1} × {top}..{bottom} mm ({x1 - x0:.1f} × {bottom - top:.1f} mm)")
    assert isinstance(holes, list)
    for hole in holes:
        assert isinstance(hole, tuple) and len(hole) == 4
        x0, top, x1, bottom = hole
        assert region[0] - 0.01 <= x0 < x1 <= region[2] + 0.01
        assert region[1] - 0.01 <= top < bottom <= region[3] + 0.01
        assert min(x1 - x0, bottom - top) >= 12 * MM
    assert elapsed < 1.0
