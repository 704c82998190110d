"""Stage: workflow — the contact sheet: one PNG with a labelled thumbnail of every edition.

A batch worker draws its edition's thumbnail right after building it, from the page layout it
has in hand, and keeps it in `OUT_DIR/.thumbs/`: tints, rules and photos as they are placed
(photos decoded at a reduced JPEG scale), display type in its own face, body text as grey
lines. That takes some 20 ms, where rendering the PDF with PDFium takes ten times as long
(PDFium decodes every photo at full size); an edition skipped by a rerun whose thumbnail is
missing is rendered from its PDF. The sheet lays the thumbnails out in rows, each labelled
with the output name and the edition's status.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

from printer.page import Box, Cmyk, PageLayout, Picture, Rule, TextRun
from printer.workflow.files import atomic_write

THUMB_WIDTH = 240
MIN_GLYPH_PX = 8  # type drawn smaller than this becomes a grey line
LABEL_HEIGHT = 40
GAP = 16
_STATUS_COLOURS = {"built": (20, 110, 40), "skipped": (60, 60, 60), "failed": (200, 0, 0)}


@dataclass(frozen=True)
class Tile:
    name: str
    status: str  # built, skipped, failed
    note: str  # e.g. "2 warnings", "content/x.yaml:7: invalid YAML…"
    thumbnail: Path | None


def render_thumbnail(pdf: Path, target: Path, width: int = THUMB_WIDTH) -> Path:
    """Render the first page of `pdf`, `width` pixels wide, to the PNG `target` (atomically)."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        image = page.render(scale=width / page.get_width()).to_pil().convert("RGB")
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    atomic_write(target, buffer.getvalue())
    return target


def _rgb(color: Cmyk, lighten: float = 0.0) -> tuple[int, int, int]:
    channels = ((1 - color.c) * (1 - color.k), (1 - color.m) * (1 - color.k),
                (1 - color.y) * (1 - color.k))
    return tuple(round(255 * (v + (1 - v) * lighten)) for v in channels)  # type: ignore[return-value]


_FONTS: dict[tuple[Path, int], ImageFont.FreeTypeFont] = {}


def _font(path: Path, pixels: int) -> ImageFont.FreeTypeFont:
    key = (path, pixels)
    if key not in _FONTS:
        _FONTS[key] = ImageFont.truetype(str(path), pixels)
    return _FONTS[key]


def _photo(item: Picture, size: tuple[int, int]) -> Image.Image:
    with Image.open(item.path) as source:
        full = source.size
        source.draft("RGB", (max(1, full[0] * size[0] // max(1, item.crop[2] - item.crop[0])),
                             max(1, full[1] * size[1] // max(1, item.crop[3] - item.crop[1]))))
        sx, sy = source.size[0] / full[0], source.size[1] / full[1]
        left, top, right, bottom = item.crop
        box = (round(left * sx), round(top * sy), round(right * sx), round(bottom * sy))
        return source.convert("RGB").crop(box).resize(size, Image.Resampling.BILINEAR)


def _draw_text(draw: ImageDraw.ImageDraw, page: PageLayout, run: TextRun, scale: float) -> None:
    if not run.xs:
        return
    pixels = round(run.size * scale)
    color = page.swatches[run.color]
    if pixels >= MIN_GLYPH_PX:
        font = _font(page.faces[run.face], pixels)
        for char, x in zip(run.chars, run.xs, strict=True):
            draw.text((x * scale, run.baseline * scale), char, font=font, fill=_rgb(color),
                      anchor="ls")
        return
    top = (run.baseline - 0.7 * run.size) * scale
    draw.rectangle((run.xs[0] * scale, top, (run.xs[-1] + run.size) * scale,
                    top + max(1.0, 0.45 * run.size * scale)), fill=_rgb(color, 0.6))


def draw_thumbnail(page: PageLayout, target: Path, width: int = THUMB_WIDTH) -> Path:
    """Draw the trim of `page`, `width` pixels wide, to the PNG `target` (atomically)."""
    scale = width / page.width
    image = Image.new("RGB", (width, round(page.height * scale)), "white")
    draw = ImageDraw.Draw(image)
    for item in page.items:
        if isinstance(item, Box):
            box = (item.x * scale, item.y * scale, (item.x + item.width) * scale,
                   (item.y + item.height) * scale)
            fill = _rgb(page.swatches[item.fill]) if item.fill else None
            outline = _rgb(page.swatches[item.stroke]) if item.stroke else None
            draw.rectangle(box, fill=fill, outline=outline)
        elif isinstance(item, Rule):
            draw.line((item.x1 * scale, item.y1 * scale, item.x2 * scale, item.y2 * scale),
                      fill=_rgb(page.swatches[item.color]), width=1)
        elif isinstance(item, Picture):
            size = (max(1, round(item.width * scale)), max(1, round(item.height * scale)))
            image.paste(_photo(item, size), (round(item.x * scale), round(item.y * scale)))
        else:
            _draw_text(draw, page, item, scale)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    atomic_write(target, buffer.getvalue())
    return target


def _thumbnail(tile: Tile, size: tuple[int, int]) -> Image.Image:
    if tile.thumbnail is not None and tile.thumbnail.exists():
        with Image.open(tile.thumbnail) as image:
            thumb = image.convert("RGB")
        thumb.thumbnail(size)
        return thumb
    blank = Image.new("RGB", size, (235, 235, 235))
    ImageDraw.Draw(blank).line((0, 0, *size), fill=(200, 0, 0), width=3)
    return blank


def contact_sheet(tiles: list[Tile], target: Path, columns: int = 5) -> Path:
    """Write the sheet of `tiles` to the PNG `target` (atomically)."""
    columns = max(1, min(columns, len(tiles)))
    rows = (len(tiles) + columns - 1) // columns
    thumb_size = (THUMB_WIDTH, round(THUMB_WIDTH * 1.42))
    cell = (thumb_size[0] + GAP, thumb_size[1] + LABEL_HEIGHT + GAP)
    sheet = Image.new("RGB", (GAP + columns * cell[0], GAP + rows * cell[1]), "white")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=13)
    for index, tile in enumerate(tiles):
        left = GAP + (index % columns) * cell[0]
        top = GAP + (index // columns) * cell[1]
        thumb = _thumbnail(tile, thumb_size)
        sheet.paste(thumb, (left, top))
        draw.rectangle((left - 1, top - 1, left + thumb.width, top + thumb.height),
                       outline=(160, 160, 160))
        label_top = top + thumb.height + 4
        draw.text((left, label_top), tile.name, fill="black", font=font)
        colour = _STATUS_COLOURS.get(tile.status, (0, 0, 0))
        note = f"{tile.status}" + (f" - {tile.note}" if tile.note else "")
        draw.text((left, label_top + 16), _fit(note, 34), fill=colour, font=font)
    buffer = io.BytesIO()
    sheet.save(buffer, "PNG")
    atomic_write(target, buffer.getvalue())
    return target


def _fit(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[:chars - 3] + "..."
