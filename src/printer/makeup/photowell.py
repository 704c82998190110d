"""Stage: makeup — arranging photos in a region of the grid so they keep their pictures.

A photo well holds photos in rows: the lead alone across the top (when the well has one), the
others `per_row` to a row — or, where that stacks the photos too tall, all of them side by
side in one row, the lead the widest. Widths are whole grid columns, heights whole lines,
captions under each photo; a row's photos share one height, and its columns are split between
them so each frame is as near the photo's own shape as the grid allows. For every height the
well can take, `options` gives the arrangement that crops least (never more than `max_crop`
of a picture); the geometry search then picks the height that suits the page.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from printer.layout.model import Grid, PhotoSize, PhotosSpec
from printer.makeup.score import ZERO, Score, preference

CaptionLines = Callable[[int, int], int]  # (photo index, columns) → caption lines


@dataclass(frozen=True)
class PhotoInfo:
    """A photo of the edition as the search sees it: its index and its picture's aspect."""

    index: int
    aspect: float  # width / height of the picture


@dataclass(frozen=True)
class PhotoFrame:
    """A photo placed in a well: columns and lines relative to the well's top left."""

    photo: int
    column: int
    columns: int
    line: int
    lines: int
    caption_lines: int
    crop: float


@dataclass(frozen=True)
class Arrangement:
    frames: tuple[PhotoFrame, ...]
    lines: int
    score: Score


EMPTY = Arrangement((), 0, ZERO)


def crop_of(aspect: float, width: float, height: float) -> float:
    """Fraction of a picture of `aspect` cut away to fill a frame of width × height."""
    frame = width / height
    return 1.0 - min(aspect / frame, frame / aspect)


class WellMeasure:
    """The arrangements of a run of photos in a well of any width (cached by width)."""

    def __init__(self, photos: Sequence[PhotoInfo], lead: bool, spec: PhotosSpec, grid: Grid,
                 caption_lines: CaptionLines) -> None:
        self.photos = tuple(photos)
        self.lead = lead and bool(photos)
        self.spec = spec
        self.grid = grid
        self.caption_lines = caption_lines
        self._options: dict[int, dict[int, Arrangement]] = {}

    def options(self, width: int) -> dict[int, Arrangement]:
        """Height in lines → the least-cropping arrangement of that height."""
        if width not in self._options:
            self._options[width] = self._arrange(width)
        return self._options[width]

    def _variants(self, width: int) -> list[list[Row]]:
        """The ways of cutting the photos into rows: the lead alone, then the others one to
        `per_row` to a row; and, for a few photos, all of them in one row."""
        spec = self.spec
        most = max(1, min(spec.per_row, width // max(1, spec.others.columns.low)))
        if not self.lead:
            return [_chunks(self.photos, count, spec.others) for count in range(1, most + 1)]
        lead = (self.photos[0], spec.lead)
        rest = self.photos[1:]
        variants = [[(lead,), *_chunks(rest, count, spec.others)] for count in range(1, most + 1)]
        if rest and len(rest) <= most:
            variants.append([(lead, *((photo, spec.others) for photo in rest))])
        return variants

    def _arrange(self, width: int) -> dict[int, Arrangement]:
        if not self.photos:
            return {0: EMPTY}
        best: dict[int, Arrangement] = {}
        for rows in self._variants(width):
            for height, arrangement in self._stack(rows, width).items():
                if height not in best or arrangement.score < best[height].score:
                    best[height] = arrangement
        return dict(sorted(best.items()))

    def _stack(self, rows: list[Row], width: int) -> dict[int, Arrangement]:
        table: dict[int, tuple[Score, tuple[tuple[PhotoFrame, ...], ...]]] = {-self.spec.gap: (
            ZERO, ())}
        for row_photos in rows:
            row = self._row_options(row_photos, width)
            merged: dict[int, tuple[Score, tuple[tuple[PhotoFrame, ...], ...]]] = {}
            for before, (score, done) in table.items():
                for height, (row_score, frames) in row.items():
                    total = before + self.spec.gap + height
                    candidate = (score + row_score, (*done, frames))
                    if total not in merged or candidate[0] < merged[total][0]:
                        merged[total] = candidate
            table = merged
        return {height: self._placed(done, height, score)
                for height, (score, done) in sorted(table.items()) if height > 0}

    def _placed(self, rows: tuple[tuple[PhotoFrame, ...], ...], height: int,
                score: Score) -> Arrangement:
        frames: list[PhotoFrame] = []
        top = 0
        for row in rows:
            frames.extend(PhotoFrame(f.photo, f.column, f.columns, top, f.lines, f.caption_lines,
                                     f.crop) for f in row)
            top += max(f.lines + f.caption_lines for f in row) + self.spec.gap
        return Arrangement(tuple(frames), height, score)

    def _row_options(self, row: Row, width: int) -> dict[int, tuple[Score, tuple[PhotoFrame, ...]]]:
        """Row height (photo and captions) → best frames, over column splits and heights."""
        best: dict[int, tuple[Score, tuple[PhotoFrame, ...]]] = {}
        pitch = self.grid.line_pitch
        photos = tuple(photo for photo, _ in row)
        sizes = [size for _, size in row]
        lows = [size.lines.low for size in sizes]
        highs = [size.lines.high or self.grid.lines for size in sizes]
        for split in _splits(width, len(row), min(s.columns.low for s in sizes)):
            if any(w < s.columns.low for w, s in zip(split, sizes, strict=True)):
                continue
            if sizes[0] is self.spec.lead and split[0] < max(split):
                continue  # the lead is never narrower than a photo beside it
            over = sum(max(0, w - (s.columns.high or w)) for w, s in zip(split, sizes,
                                                                       strict=True))
            widths = [self.grid.span(0, w)[1] for w in split]
            captions = [self.caption_lines(p.index, w) for p, w in zip(photos, split, strict=True)]
            caption = max(captions)
            # A caption shorter than its row's leaves its photo's columns empty down to the gap
            # under the row: a hole a reader sees.
            short = Score(hole=sum((caption - own) * w for own, w in zip(captions, split,
                                                                         strict=True)))
            prefer = short
            for w, s in zip(split, sizes, strict=True):
                prefer = prefer + preference(w, s.prefer)
            keep = 1 - self.spec.max_crop  # heights at which every frame keeps enough picture
            low = max(max(lows), *(math.ceil(w * keep / p.aspect / pitch - 1e-9)
                                   for p, w in zip(photos, widths, strict=True)))
            high = min(min(highs), *(math.floor(w / (p.aspect * keep) / pitch + 1e-9)
                                     for p, w in zip(photos, widths, strict=True)))
            for lines in range(low, high + 1):
                crops = [crop_of(p.aspect, w, lines * pitch) for p, w in
                         zip(photos, widths, strict=True)]
                if max(crops) > self.spec.max_crop + 1e-9:
                    continue
                score = Score(shape=round(sum(crops), 6), style=float(over)) + prefer
                frames = tuple(
                    PhotoFrame(p.index, sum(split[:i]), w, 0, lines, caption, c)
                    for i, (p, w, c) in enumerate(zip(photos, split, crops, strict=True)))
                height = lines + caption
                if height not in best or score < best[height][0]:
                    best[height] = (score, frames)
        return best


Row = tuple[tuple[PhotoInfo, PhotoSize], ...]  # the photos of a row, each with its size range


def _chunks(photos: tuple[PhotoInfo, ...], per_row: int, size: PhotoSize) -> list[Row]:
    return [tuple((photo, size) for photo in photos[start : start + per_row])
            for start in range(0, len(photos), per_row)]


def _splits(width: int, parts: int, least: int) -> list[tuple[int, ...]]:
    """Ways to cut `width` columns into `parts` widths of at least `least`, left to right."""
    if parts == 1:
        return [(width,)] if width >= least else []
    found: list[tuple[int, ...]] = []
    for first in range(least, width - least * (parts - 1) + 1):
        found.extend((first, *rest) for rest in _splits(width - first, parts - 1, least))
    return found
