"""Stage: workflow — `printer diff`: the areas that differ between two PDFs of a page.

Both first pages are rendered with PDFium (pypdfium2) at a low resolution and compared with
Pillow: pixels differing by more than a threshold in any channel are changed; the changed
pixels are gathered on a coarse grid, dilated a little, and split into connected regions, each
reported as a box in millimetres from the trim's top-left corner. The new page is written as a
PNG with a translucent red box over every region. With a page summary beside the new (or old)
PDF, each region names the elements it overlaps.
"""

from __future__ import annotations

import io
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from printer.workflow.files import atomic_write
from printer.workflow.summary import BBox, PageSummary, read_summary, summary_path

MM = 72 / 25.4  # points per millimetre
PxBox = tuple[int, int, int, int]


@dataclass(frozen=True)
class Rendered:
    image: Image.Image
    scale: float  # pixels per point
    trim: tuple[float, float]  # the trim's top-left corner on the page, points from top-left


@dataclass(frozen=True)
class Region:
    """A changed area: position and size in mm from the trim's top-left corner."""

    x: float
    y: float
    width: float
    height: float
    elements: tuple[str, ...] = ()

    def bbox_pt(self) -> BBox:
        return (self.x * MM, self.y * MM, (self.x + self.width) * MM,
                (self.y + self.height) * MM)

    def describe(self) -> str:
        where = f"x {self.x:.1f} y {self.y:.1f} mm, {self.width:.1f} × {self.height:.1f} mm"
        if self.elements:
            shown = ", ".join(self.elements[:4]) + (" …" if len(self.elements) > 4 else "")
            return f"{where}: {shown}"
        return where


@dataclass(frozen=True)
class PdfDiff:
    regions: tuple[Region, ...]
    size_changed: bool = False


def render(pdf: Path, dpi: float) -> Rendered:
    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        height = page.get_height()
        left, _, _, top = page.get_trimbox()
        scale = dpi / 72.0
        image = page.render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()
    return Rendered(image, scale, (left, height - top))


def changed_mask(old: Image.Image, new: Image.Image, threshold: int) -> Image.Image:
    """A mode-L image, 255 where any channel differs by more than `threshold`."""
    bands = ImageChops.difference(old, new).split()
    biggest = bands[0]
    for band in bands[1:]:
        biggest = ImageChops.lighter(biggest, band)
    return biggest.point(lambda value: 255 if value > threshold else 0)


def find_regions(mask: Image.Image, cell: int = 4, dilate: int = 1) -> list[PxBox]:
    """Bounding boxes (pixels) of connected changed areas, after `dilate` cells of growth."""
    if mask.getbbox() is None:
        return []
    grid = mask.reduce(cell).point(lambda value: 255 if value else 0)
    if dilate:
        grid = grid.filter(ImageFilter.MaxFilter(2 * dilate + 1))
    width, height = grid.size
    cells = bytearray(1 if value else 0 for value in grid.tobytes())
    boxes = []
    for start in range(len(cells)):
        if cells[start]:
            x0, y0, x1, y1 = _flood(cells, start, width, height)
            box = (x0 * cell, y0 * cell, min((x1 + 1) * cell, mask.width),
                   min((y1 + 1) * cell, mask.height))
            tight = mask.crop(box).getbbox()
            if tight is not None:
                boxes.append((box[0] + tight[0], box[1] + tight[1],
                              box[0] + tight[2], box[1] + tight[3]))
    return sorted(boxes, key=lambda b: (b[1], b[0]))


def _flood(cells: bytearray, start: int, width: int, height: int) -> PxBox:
    """Clear the 4-connected area containing `start`; return its box in cells (inclusive)."""
    x0, y0, x1, y1 = width, height, -1, -1
    queue = deque([start])
    cells[start] = 0
    while queue:
        index = queue.popleft()
        y, x = divmod(index, width)
        x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
        for neighbour, inside in ((index - 1, x > 0), (index + 1, x < width - 1),
                                  (index - width, y > 0), (index + width, y < height - 1)):
            if inside and cells[neighbour]:
                cells[neighbour] = 0
                queue.append(neighbour)
    return x0, y0, x1, y1


def overlapping(box: BBox, summary: PageSummary | None) -> tuple[str, ...]:
    if summary is None:
        return ()
    return tuple(name for name, other in summary.elements.items()
                 if other[0] < box[2] and box[0] < other[2]
                 and other[1] < box[3] and box[1] < other[3])


def _to_region(box: PxBox, page: Rendered, summary: PageSummary | None) -> Region:
    left, top = page.trim
    x0, y0 = box[0] / page.scale - left, box[1] / page.scale - top
    x1, y1 = box[2] / page.scale - left, box[3] / page.scale - top
    names = overlapping((x0, y0, x1, y1), summary)
    return Region(x0 / MM, y0 / MM, (x1 - x0) / MM, (y1 - y0) / MM, names)


def diff_pdfs(old: Path, new: Path, png: Path | None = None, dpi: float = 60.0,
              threshold: int = 24) -> PdfDiff:
    """Compare the first pages of two PDFs; write the marked-up new page to `png` if given."""
    before, after = render(old, dpi), render(new, dpi)
    summary = read_summary(summary_path(new)) or read_summary(summary_path(old))
    if before.image.size != after.image.size:
        width, height = after.image.size
        result = PdfDiff((_to_region((0, 0, width, height), after, None),), size_changed=True)
        boxes: list[PxBox] = [(0, 0, width, height)]
    else:
        boxes = find_regions(changed_mask(before.image, after.image, threshold))
        result = PdfDiff(tuple(_to_region(box, after, summary) for box in boxes))
    if png is not None:
        atomic_write(png, highlight(after.image, boxes))
    return result


def highlight(page: Image.Image, boxes: list[PxBox], pad: int = 2) -> bytes:
    """The page as PNG bytes, with a translucent red box over each of `boxes`."""
    overlay = Image.new("RGBA", page.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for x0, y0, x1, y1 in boxes:
        draw.rectangle((x0 - pad, y0 - pad, x1 + pad, y1 + pad), fill=(255, 0, 0, 64),
                       outline=(220, 0, 0, 255), width=2)
    marked = Image.alpha_composite(page.convert("RGBA"), overlay).convert("RGB")
    buffer = io.BytesIO()
    marked.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()
