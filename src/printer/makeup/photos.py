"""Stage: makeup — photos in their slots, cropped to fill around a focal point, with captions.

A photo fills its frame without distortion: scaled to cover, then cropped around the content's
focal point. Its caption is set under it on the grid; a caption longer than the slot allows
takes lines from the photo's height within the slot's bounds (copyfit), and is reported.
"""

from __future__ import annotations

from PIL import Image

from printer.content.model import Photo
from printer.layout.model import LayoutSpec, PhotoSlot
from printer.makeup.placement import Placer
from printer.page import Finding, Picture

_SIZES: dict[tuple[str, int, int], tuple[int, int]] = {}


def image_size(photo: Photo) -> tuple[int, int]:
    """Pixel size of a photo, read from its header once per process and file version."""
    info = photo.file.stat()
    key = (str(photo.file), info.st_mtime_ns, info.st_size)
    if key not in _SIZES:
        with Image.open(photo.file) as image:
            _SIZES[key] = image.size
    return _SIZES[key]


def assign_slots(photos: tuple[Photo, ...], slots: tuple[PhotoSlot, ...]) -> list[
    tuple[Photo, PhotoSlot | None]
]:
    """Photos naming a slot take it; the others take the free slots in order."""
    named = {p.slot for p in photos if p.slot}
    free = [s for s in slots if s.name not in named]
    by_name = {s.name: s for s in slots}
    pairs: list[tuple[Photo, PhotoSlot | None]] = []
    for photo in photos:
        if photo.slot:
            pairs.append((photo, by_name.get(photo.slot)))
        else:
            pairs.append((photo, free.pop(0) if free else None))
    return pairs


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


def make_photos(photos: tuple[Photo, ...], spec: LayoutSpec, placer: Placer) -> None:
    pairs = assign_slots(photos, spec.photos)
    filled = {taken.name for _, taken in pairs if taken is not None}
    for empty in spec.photos:
        if empty.name not in filled:
            placer.report(Finding("warning", f"photo.{empty.name}", "underset",
                                  f"photo slot {empty.name!r} has no photo: a hole of "
                                  f"{empty.rect.line_count} lines", lines=empty.rect.line_count))
    for photo, slot in pairs:
        if slot is None:
            placer.report(Finding("error", f"photo.{photo.id}", "overset",
                                  f"photo {photo.id!r} has no free slot in the layout"))
            continue
        _place(photo, slot, spec, placer)


def _place(photo: Photo, slot: PhotoSlot, spec: LayoutSpec, placer: Placer) -> None:
    element = f"photo.{slot.name}"
    x, _, width, _ = placer.rect_box(slot.rect)
    caption = placer.typesetter.set(photo.caption, slot.caption_style, width, indent=0.0)
    placer.composed(caption, f"photos.{photo.id}.caption")
    style = spec.styles[slot.caption_style]
    caption_lines = max(slot.caption_lines, round(len(caption.lines) * style.leading
                                                 / spec.grid.line_pitch + 0.49))
    trim = placer.photo_trim.get(slot.name, 0)  # lines given to the article above
    photo_lines = min(slot.max_lines, slot.rect.line_count - caption_lines) - trim
    if photo_lines < slot.min_lines:
        placer.report(Finding("error", element, "overset",
                              f"caption of {photo.id!r} needs {caption_lines} lines; the photo "
                              f"would fall below its {slot.min_lines}-line minimum"))
        photo_lines = slot.min_lines
    elif caption_lines > slot.caption_lines:
        placer.report(Finding("info", element, "copyfit",
                              f"photo {photo.id!r} shortened to {photo_lines} lines for a "
                              f"{caption_lines}-line caption"))
    height = photo_lines * spec.grid.line_pitch  # the photo's foot on a grid line
    top = placer.line_top(slot.rect.lines[0] + trim)
    crop = crop_box(image_size(photo), (width, height), photo.focus)
    ppi = (crop[2] - crop[0]) / (width / 72)
    placer.items.append(Picture(element, photo.file, x, top, width, height, crop, ppi))
    top_y = placer.line_top(slot.rect.lines[0] + trim + photo_lines)
    placer.stack_lines(caption.lines, slot.caption_style, x, top_y, width, f"{element}.caption",
                       placer.line_top(slot.rect.lines[1]))
