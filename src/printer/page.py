"""Stage: page layout tree — what makeup produces and the renderers walk.

Plain positioned items in points, origin at the trim's top-left corner, y growing downward.
Every item names the element it belongs to (`article1.col2`, `photo.bridge.caption`), so reports
and tests can point at it. Nothing here knows a typographic rule or a PDF operator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Cmyk:
    """A CMYK colour, each channel 0..1."""

    c: float
    m: float
    y: float
    k: float


@dataclass(frozen=True, slots=True)
class TextRun:
    """Glyphs of one face, size and colour on one baseline; x positions are absolute."""

    element: str
    face: str
    size: float
    color: str  # swatch name
    baseline: float
    chars: str
    xs: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Box:
    """A filled and/or stroked rectangle (tints, bars, box frames)."""

    element: str
    x: float
    y: float
    width: float
    height: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0


@dataclass(frozen=True, slots=True)
class Rule:
    element: str
    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width: float


@dataclass(frozen=True, slots=True)
class Picture:
    """A photo placed in a frame; `crop` is the source pixel box (left, top, right, bottom)."""

    element: str
    path: Path
    x: float
    y: float
    width: float
    height: float
    crop: tuple[int, int, int, int]
    ppi: float


Item = TextRun | Box | Rule | Picture


@dataclass(frozen=True, slots=True)
class Finding:
    """A warning or error of makeup, with the element and story it concerns."""

    severity: str  # "error", "warning", or "info" (a copyfit step taken, a balanced hole)
    element: str
    kind: str  # "overset", "underset", "missing-glyph", "loose-line", "copyfit", ...
    message: str
    lines: int = 0
    chars: int = 0
    text: str = ""


@dataclass
class PageLayout:
    width: float  # trim
    height: float
    bleed: float
    type_area: tuple[float, float, float, float]  # x, y, width, height
    swatches: dict[str, Cmyk]
    faces: dict[str, Path]
    items: list[Item] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    title: str = ""

    def text_runs(self) -> list[TextRun]:
        return [item for item in self.items if isinstance(item, TextRun)]

    def by_element(self, prefix: str) -> list[Item]:
        return [item for item in self.items if item.element.startswith(prefix)]
