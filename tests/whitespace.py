"""Holes on a built page: empty rectangles as a typesetter sees them on a proof.

What is measured: page 1 of a PDF is rendered with pypdfium2 (RGB, no annotations, no form
fields) at a low resolution (50 dpi by default) and every pixel is sorted into *empty* or
*filled*:

* empty is paper white, or a *background colour*: a pale colour (luminance at least
  `PALE_LUMINANCE`) that is rendered perfectly flat over at least one min_mm × min_mm square
  somewhere in the region — the tint of a box or bar with nothing on it. A pixel is empty when
  every channel is within `TOLERANCE` of one of these colours, so the faint antialiased fringe
  of a glyph or rule counts with the paper around it, while the glyph itself (at 50 dpi a
  9-pt glyph is a 6-pixel grey blob) is filled;
* a pixel where two different background colours meet (the edge of a tint box on white) is
  filled, so a hole is always all one colour and a box edge always separates two holes, whether
  or not the edge falls on a pixel boundary;
* pixels inside any image placement are filled, however white the photo is. The placements are
  the boxes pdfplumber gives as `page.images` (the image's unit square under all the matrices
  above it, form XObjects included), rounded outwards to whole pixels; they are read from
  pdfium's object tree (`image_boxes`), as parsing the page with pdfminer would take longer
  than all the rest. Top-level images are taken out of the page before it is rendered: their
  area is filled anyway, and decoding large photos would take most of the time;
* everything else (text, rules, dark or saturated fills, vector art) is filled.

A hole is then found with a 2-D summed-area table: every position where a k × k window
(k = min_mm in pixels, rounded up) is empty is a hit. The window may hold `stray_pixels(k)`
filled pixels (2 at 50 dpi and 12 mm): the tip of a comma or the fringe of a glyph poking one
pixel into a hole must neither split nor hide it, while a rule, a tint's edge or a line of text
fills a whole row or column of the window and still bounds the hole. The union of the hit
windows is split into 4-connected components, and each component is reported once, as the
largest rectangle inside it (empty but for such strays; an L-shaped hole is reported by its
biggest rectangular part). Results are sorted largest first.

Coordinates, in and out: PDF points measured from the TOP-LEFT corner of the page's MediaBox,
x to the right and y (`top`, `bottom`) downwards — pdfplumber's convention (for pdfplumber
objects on a page whose MediaBox does not start at 0, subtract `page.mediabox[:2]`). With a
bleed the MediaBox is bigger than the TrimBox, so the trim's top-left is not (0, 0): use
`type_area_region` to turn trim-based layout boxes (`printer.page.PageLayout.type_area`) into
a region. Resolution: holes are measured in whole pixels, 0.51 mm at 50 dpi, and lose at most
one pixel on each side to antialiasing of what bounds them. Rotated pages (/Rotate) are not
supported.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium

MM = 72 / 25.4
TOLERANCE = 24  # largest channel difference (0..255) from a background colour still empty
DISTINCT = 4  # flat colours further apart than this (any channel) are different backgrounds
PALE_LUMINANCE = 150  # a flat colour at least this light (0..255) is a tint, not ink
MAX_BACKGROUNDS = 16  # most frequent flat pale colours considered besides white

Rect = tuple[float, float, float, float]


def _media_boxes(pdf: Path) -> tuple[Rect, Rect]:
    """MediaBox and effective TrimBox of page 1, (x0, y0, x1, y1) in PDF user space."""
    with pikepdf.open(pdf) as document:
        page = document.pages[0]
        media = tuple(float(v) for v in page.mediabox)
        trim = tuple(float(v) for v in page.trimbox)
    return _normal(media), _normal(trim)


def _normal(box: tuple[float, ...]) -> Rect:
    x0, y0, x1, y1 = box
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def type_area_region(
    pdf: Path, type_area: tuple[float, float, float, float], below: float = 0.0
) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) in MediaBox points of a type area given as (x, y, width, height)
    from the TRIM's top-left (how `printer.page.PageLayout.type_area` is given), starting
    `below` points further down.

    The trim's offset inside the MediaBox comes from the PDF's /TrimBox (the CropBox, then the
    MediaBox, when there is none)."""
    media, trim = _media_boxes(pdf)
    left = trim[0] - media[0]
    top = media[3] - trim[3]
    x, y, width, height = type_area
    return (left + x, top + y + below, left + x + width, top + y + height)


Matrix = tuple[float, float, float, float, float, float]


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _placements(page: pdfium.PdfPage) -> list[tuple[pdfium.PdfObject, Rect]]:
    """Every image object on the page, also inside (nested) form XObjects, with the bounding box
    (x0, y0, x1, y1) in user space of its unit square under all the matrices above it — the
    box pdfplumber reports for it in `page.images`."""
    kinds = [pdfium.raw.FPDF_PAGEOBJ_IMAGE, pdfium.raw.FPDF_PAGEOBJ_FORM]
    forms: dict[int, Matrix] = {}
    found = []
    for obj in page.get_objects(filter=kinds):
        a, b, c, d, e, f = obj.get_matrix().get()
        matrix = (a, b, c, d, e, f)
        if obj.type == pdfium.raw.FPDF_PAGEOBJ_FORM:
            forms[obj.level] = matrix  # children, at level + 1, are in this form's space
            continue
        corners = [_apply(matrix, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
        for level in range(obj.level - 1, -1, -1):
            corners = [_apply(forms[level], x, y) for x, y in corners]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        found.append((obj, (min(xs), min(ys), max(xs), max(ys))))
    return found


def image_boxes(pdf: Path) -> list[Rect]:
    """The image placements of page 1, (x0, top, x1, bottom) in MediaBox points: pdfplumber's
    `page.images` boxes (less `page.mediabox[:2]`), read with pdfium, which is much faster."""
    media, _ = _media_boxes(pdf)
    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        boxes = [_from_user(box, media) for _, box in _placements(page)]
        page.close()
    finally:
        document.close()
    return boxes


def _from_user(box: Rect, media: Rect) -> Rect:
    x0, y0, x1, y1 = box
    return (x0 - media[0], media[3] - y1, x1 - media[0], media[3] - y0)


def _render(pdf: Path, dpi: float) -> tuple[np.ndarray, float, float, list[Rect]]:
    """Page 1 as an RGB array, the MediaBox coordinates of its top-left pixel corner, and the
    MediaBox boxes (x0, top, x1, bottom) of the image placements."""
    media, _ = _media_boxes(pdf)
    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        if page.get_rotation() % 360:
            raise ValueError(f"{pdf}: rotated pages are not supported")
        images = []
        for obj, box in _placements(page):
            images.append(_from_user(box, media))
            if obj.level == 0:  # masked anyway; decoding big photos is most of the time
                page.remove_obj(obj)
                obj.close()
        # The bitmap shows the page's bounding box: CropBox ∩ MediaBox, in user space.
        view = _normal(tuple(page.get_bbox()))
        bitmap = page.render(
            scale=dpi / 72,
            draw_annots=False,
            may_draw_forms=False,
            rev_byteorder=True,
            fill_color=(255, 255, 255, 255),
        )
        rgb = np.array(bitmap.to_numpy()[:, :, :3], dtype=np.int16)
        page.close()
    finally:
        document.close()
    return rgb, view[0] - media[0], media[3] - view[3], images


def _window_sums(mask: np.ndarray, k: int) -> np.ndarray:
    """Number of true pixels in every k × k window, indexed by its top-left pixel."""
    table = np.zeros((mask.shape[0] + 1, mask.shape[1] + 1), dtype=np.int32)
    np.cumsum(np.cumsum(mask, axis=0, dtype=np.int32), axis=1, out=table[1:, 1:])
    return table[k:, k:] - table[:-k, k:] - table[k:, :-k] + table[:-k, :-k]


def _backgrounds(rgb: np.ndarray, filled: np.ndarray, k: int,
                 tints: bool = True) -> list[np.ndarray]:
    """White, and (with `tints`) the pale colours rendered perfectly flat over some k × k
    square."""
    colours = [np.array([255, 255, 255], dtype=np.int16)]
    if not tints or k < 2 or min(rgb.shape[:2]) < k:
        return colours
    wide = rgb.astype(np.int32)
    packed = (wide[:, :, 0] << 16) | (wide[:, :, 1] << 8) | wide[:, :, 2]
    flat = (packed[:-1, :-1] == packed[:-1, 1:]) & (packed[:-1, :-1] == packed[1:, :-1])
    flat &= ~filled[:-1, :-1]
    # A (k-1)-square of pixels each equal to its right and lower neighbour: a flat k-square.
    corners = np.argwhere(_window_sums(flat, k - 1) == (k - 1) ** 2)
    if not len(corners):
        return colours
    values, counts = np.unique(packed[corners[:, 0], corners[:, 1]], return_counts=True)
    for value in values[np.argsort(-counts, kind="stable")]:
        colour = np.array([(value >> 16) & 255, (value >> 8) & 255, value & 255], dtype=np.int16)
        luminance = 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]
        if luminance < PALE_LUMINANCE:
            continue
        if any(np.abs(colour - c).max() <= DISTINCT for c in colours):
            continue
        colours.append(colour)
        if len(colours) > MAX_BACKGROUNDS:
            break
    return colours


def _empty_mask(rgb: np.ndarray, filled: np.ndarray, k: int, tints: bool = True) -> np.ndarray:
    colours = _backgrounds(rgb, filled, k, tints)
    best = np.full(rgb.shape[:2], TOLERANCE + 1, dtype=np.int16)
    label = np.full(rgb.shape[:2], -1, dtype=np.int8)
    planes = [np.ascontiguousarray(rgb[:, :, channel]) for channel in range(3)]
    for index, colour in enumerate(colours):
        distance = np.abs(planes[0] - colour[0])
        for plane, level in zip(planes[1:], colour[1:], strict=True):
            np.maximum(distance, np.abs(plane - level), out=distance)
        closer = distance < best
        best[closer] = distance[closer]
        label[closer] = index
    label[filled] = -1
    if len(colours) > 1:  # where two background colours meet, the edge is drawn
        edge = np.zeros(label.shape, dtype=bool)
        edge[:, :-1] |= (label[:, :-1] != label[:, 1:]) & (label[:, 1:] >= 0)
        edge[:-1, :] |= (label[:-1, :] != label[1:, :]) & (label[1:, :] >= 0)
        label[edge] = -1
    return label >= 0


def _components(mask: np.ndarray) -> list[list[tuple[int, int, int]]]:
    """4-connected components of a boolean array, each a list of (row, start, end) runs."""
    runs: list[tuple[int, int, int]] = []
    parent: list[int] = []

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    previous: list[int] = []
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    steps = np.diff(padded, axis=1)
    for row in range(mask.shape[0]):
        starts = np.flatnonzero(steps[row] == 1).tolist()
        if not starts:
            previous = []
            continue
        ends = np.flatnonzero(steps[row] == -1).tolist()
        current: list[int] = []
        j = 0
        for start, end in zip(starts, ends, strict=True):
            index = len(runs)
            runs.append((row, start, end))
            parent.append(index)
            current.append(index)
            while j < len(previous) and runs[previous[j]][2] <= start:
                j += 1
            above = j
            while above < len(previous) and runs[previous[above]][1] < end:
                a, b = root(index), root(previous[above])
                if a != b:
                    parent[max(a, b)] = min(a, b)
                above += 1
        previous = current
    groups: dict[int, list[tuple[int, int, int]]] = {}
    for index, run in enumerate(runs):
        groups.setdefault(root(index), []).append(run)
    return list(groups.values())


def _largest_rectangle(mask: np.ndarray) -> tuple[int, int, int, int]:
    """Largest all-true rectangle (col0, row0, col1, row1), ends exclusive, of a boolean array.

    Row by row histogram method; the histogram is walked in runs of equal height, which are few
    because the mask is a union of squares."""
    heights = np.zeros(mask.shape[1], dtype=np.int32)
    best = (0, (0, 0, 0, 0))
    for row in range(mask.shape[0]):
        heights = np.where(mask[row], heights + 1, 0)
        changes = np.flatnonzero(np.diff(heights)) + 1
        starts = [0, *changes.tolist()]
        values = heights[starts].tolist()
        stack: list[tuple[int, int]] = []  # (start column, height), heights increasing
        for start, height in [*zip(starts, values, strict=True), (mask.shape[1], 0)]:
            left = start
            while stack and stack[-1][1] >= height:
                left, top_height = stack.pop()
                area = top_height * (start - left)
                if area > best[0]:
                    best = (area, (left, row + 1 - top_height, start, row + 1))
            stack.append((left, height))
    return best[1]


def stray_pixels(k: int) -> int:
    """Filled pixels a k × k window may hold and still count as empty."""
    return 1 + k // 16


def empty_rectangles(
    pdf: Path,
    region: tuple[float, float, float, float],
    min_mm: float = 12.0,
    dpi: float = 50.0,
    tints: bool = True,
    filled_boxes: list[tuple[float, float, float, float]] | None = None,
) -> list[tuple[float, float, float, float]]:
    """Empty rectangles of at least min_mm × min_mm inside `region` of page 1; with
    `tints=False` only paper white is empty (a tinted box counts as filled: its own holes
    are checked by what they are, e.g. rows and cells of the highlights box). Boxes
    (`filled_boxes`, in the same units as `region`) count as filled whatever they hold:
    display white the caller has judged by other means, such as a story's head block.

    `region` is (x0, top, x1, bottom) in PDF points measured from the TOP-LEFT of the page's
    MediaBox (pdfplumber's convention: x right, top down). Returns maximal empty boxes in the same
    units (x0, top, x1, bottom), merged so one hole is reported once, largest first.

    Only pixels wholly inside the region are looked at. Each hole (a connected union of empty
    k × k windows) is reported as the largest rectangle inside it; see the module docstring."""
    if min_mm <= 0 or dpi <= 0:
        raise ValueError("min_mm and dpi must be positive")
    rgb, origin_x, origin_y, images = _render(pdf, dpi)
    scale = dpi / 72
    height, width = rgb.shape[:2]
    x0, top, x1, bottom = region
    c0 = max(0, math.ceil((x0 - origin_x) * scale - 1e-6))
    c1 = min(width, math.floor((x1 - origin_x) * scale + 1e-6))
    r0 = max(0, math.ceil((top - origin_y) * scale - 1e-6))
    r1 = min(height, math.floor((bottom - origin_y) * scale + 1e-6))
    k = math.ceil(min_mm * MM * scale - 1e-9)
    if c1 - c0 < k or r1 - r0 < k:
        return []
    rgb = rgb[r0:r1, c0:c1]
    filled = np.zeros(rgb.shape[:2], dtype=bool)
    for ix0, itop, ix1, ibottom in [*images, *(filled_boxes or [])]:
        a = max(0, math.floor((ix0 - origin_x) * scale) - c0)
        b = max(0, math.ceil((ix1 - origin_x) * scale) - c0)
        c = max(0, math.floor((itop - origin_y) * scale) - r0)
        d = max(0, math.ceil((ibottom - origin_y) * scale) - r0)
        filled[c:d, a:b] = True
    empty = _empty_mask(rgb, filled, k, tints)
    hits = _window_sums(empty, k) >= k * k - stray_pixels(k)
    if not hits.any():
        return []
    # Mark each hit window by its bottom-right pixel; a pixel is covered by some hit window when
    # such a corner lies at most k - 1 pixels right of and below it.
    corners = np.zeros(empty.shape, dtype=bool)
    corners[k - 1 :, k - 1 :] = hits
    covered = _window_sums(np.pad(corners, ((0, k - 1), (0, k - 1))), k) > 0
    found: list[tuple[int, Rect]] = []
    for runs in _components(covered):
        rows = [r for r, _, _ in runs]
        lo_row, hi_row = min(rows), max(rows) + 1
        lo_col = min(s for _, s, _ in runs)
        hi_col = max(e for _, _, e in runs)
        part = np.zeros((hi_row - lo_row, hi_col - lo_col), dtype=bool)
        for r, s, e in runs:
            part[r - lo_row, s - lo_col : e - lo_col] = True
        a, b, c, d = _largest_rectangle(part)
        box = (
            origin_x + (c0 + lo_col + a) / scale,
            origin_y + (r0 + lo_row + b) / scale,
            origin_x + (c0 + lo_col + c) / scale,
            origin_y + (r0 + lo_row + d) / scale,
        )
        found.append(((c - a) * (d - b), box))
    found.sort(key=lambda item: (-item[0], item[1][1], item[1][0]))
    return [box for _, box in found]
