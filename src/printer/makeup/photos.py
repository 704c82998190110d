"""Stage: makeup — photos in their frames, cropped around a focal point, with captions.

A photo fills its frame without distortion: scaled to cover, then cropped around the content's
focal point (`focus`). The frame's shape was chosen by the geometry search to follow the
photo's own aspect as far as the grid allows (`photowell`); what is still cropped is
reported. The caption is set under the photo on the grid, in the lines the search gave it.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PIL import Image

from printer.content.model import Photo
from printer.layout.model import LayoutSpec, Rect
from printer.makeup.photowell import Arrangement, PhotoInfo
from printer.makeup.placement import Placer
from printer.makeup.typeset import Typesetter
from printer.page import Finding, Picture

_SIZES: dict[tuple[str, int, int], tuple[int, int]] = {}
REPORTED_CROP = 0.05  # crops above this are reported


def image_size(photo: Photo) -> tuple[int, int]:
    """Pixel size of a photo, read from its header once per process and file version."""
    info = photo.file.stat()
    key = (str(photo.file), info.st_mtime_ns, info.st_size)
    if key not in _SIZES:
        with Image.open(photo.file) as image:
            _SIZES[key] = image.size
    return _SIZES[key]


def photo_infos(photos: tuple[Photo, ...]) -> list[PhotoInfo]:
    infos = []
    for index, photo in enumerate(photos):
        width, height = image_size(photo)
        infos.append(PhotoInfo(index, width / height))
    return infos


def caption_counter(photos: tuple[Photo, ...], spec: LayoutSpec,
                    typesetter: Typesetter) -> Callable[[int, int], int]:
    """Grid lines the caption of photo i takes under a frame `columns` wide."""
    style = spec.photos.caption_style
    leading = typesetter.styles[style].leading
    cache: dict[tuple[int, int], int] = {}

    def caption_lines(index: int, columns: int) -> int:
        key = (index, columns)
        if key not in cache:
            width = spec.grid.span(0, columns)[1]
            caption = typesetter.set(photos[index].caption, style, width, indent=0.0)
            cache[key] = math.ceil(len(caption.lines) * leading / spec.grid.line_pitch - 1e-6)
        return cache[key]

    return caption_lines


def crop_box(size: tuple[int, int], frame: tuple[float, float],
             focus: tuple[float, float]) -> tuple[int, int, int, int]:
    """The source pixels that fill a frame of the given aspect, centred on the focus."""
    width, height = size
    aspect = frame[0] / frame[1]
    crop_w, crop_h = (width, width / aspect) if width / height < aspect else (height * aspect,
                                                                               height)
    left = min(max(0.0, focus[0] * width - crop_w / 2), width - crop_w)
    top = min(max(0.0, focus[1] * height - crop_h / 2), height - crop_h)
    return round(left), round(top), round(left + crop_w), round(top + crop_h)


def make_photos(arrangement: Arrangement, rect: Rect, photos: tuple[Photo, ...],
                spec: LayoutSpec, placer: Placer) -> None:
    """The photos of an arrangement in the region `rect` (its top left corner)."""
    for frame in arrangement.frames:
        photo = photos[frame.photo]
        first = rect.columns[0] + frame.column
        top = rect.lines[0] + frame.line
        picture = Rect((first, first + frame.columns), (top, top + frame.lines))
        caption = Rect(picture.columns, (top + frame.lines,
                                         top + frame.lines + frame.caption_lines))
        place_photo(photo, picture, caption, frame.crop, spec, placer)


def place_photo(photo: Photo, picture: Rect, caption: Rect, crop: float, spec: LayoutSpec,
                placer: Placer) -> None:
    element = f"photo.{photo.id}"
    x, top, width, height = placer.rect_box(picture)
    box = crop_box(image_size(photo), (width, height), photo.focus)
    ppi = (box[2] - box[0]) / (width / 72)
    placer.items.append(Picture(element, photo.file, x, top, width, height, box, ppi))
    if crop > REPORTED_CROP:
        size = image_size(photo)
        side = "top and bottom" if (box[3] - box[1]) < size[1] else "left and right"
        placer.report(Finding("info", element, "crop",
                              f"photo {photo.id!r} cropped {crop:.0%} ({side}) to "
                              f"{picture.column_count} columns × {picture.line_count} lines"))
    if caption.line_count:
        placer.lines_block(photo.caption, spec.photos.caption_style, caption, caption.lines[0],
                           f"{element}.caption")
