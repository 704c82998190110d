"""Stage: prepress — where the crop marks go.

Crop marks show the trim at each corner: two short lines on the trim's edges, extended
outward, starting beyond the bleed so that no mark shows on a trimmed page (typesetting
reference §5: "crop marks in registration colour outside the bleed"). The renderer draws them
on a sheet enlarged by the slug (`settings.SLUG`) in the registration colour, so they print on
every plate. Coordinates are points from the trim's top-left corner, y downward, like the rest
of the page layout; marks lie at negative coordinates or beyond the trim size.
"""

from __future__ import annotations

from printer.units import PT_PER_MM

MARK_LENGTH = 5 * PT_PER_MM
MARK_GAP = 2 * PT_PER_MM  # between the bleed's edge and a mark's start
MARK_WIDTH = 0.25  # points: a hairline that every RIP still images

Segment = tuple[float, float, float, float]


def crop_marks(width: float, height: float, bleed: float) -> list[Segment]:
    """The eight crop-mark segments (x1, y1, x2, y2) of a trim of `width` × `height`."""
    start = bleed + MARK_GAP
    end = start + MARK_LENGTH
    segments: list[Segment] = []
    for x, out_x in ((0.0, -1.0), (width, 1.0)):
        for y, out_y in ((0.0, -1.0), (height, 1.0)):
            segments.append((x + out_x * start, y, x + out_x * end, y))  # along the trim's edge y
            segments.append((x, y + out_y * start, x, y + out_y * end))  # along its edge x
    return segments
