"""Stage: preflight — one pass over a page's content streams, recording what a plant checks.

A small interpreter of the PDF graphics state (ISO 32000-1 §8.4): the transformation matrix,
fill and stroke colour spaces and values, and the overprint parameters an ExtGState sets
(/OP, /op — which /OP also sets when /op is absent, table 58 — and /OPM). Form XObjects are
entered with their matrix and resources. It records:
- every colour set (space and values), for the RGB, spot colour and ink checks;
- every text shown (font, colour, overprint), for the font, glyph and overprint checks;
- every image drawn with its placed size, for the resolution and image colour checks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import pikepdf

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_DEVICE = {"/DeviceGray": ("DeviceGray", 1), "/DeviceRGB": ("DeviceRGB", 3),
           "/DeviceCMYK": ("DeviceCMYK", 4), "/G": ("DeviceGray", 1), "/RGB": ("DeviceRGB", 3),
           "/CMYK": ("DeviceCMYK", 4)}  # inline images may abbreviate
_TEXT_SHOW = {"Tj", "TJ", "'", '"'}
_FILL_SET = {"g": "/DeviceGray", "rg": "/DeviceRGB", "k": "/DeviceCMYK"}
_STROKE_SET = {"G": "/DeviceGray", "RG": "/DeviceRGB", "K": "/DeviceCMYK"}


@dataclass(frozen=True)
class Space:
    """A colour space as far as print cares: its family, channels and colorant names."""

    family: str  # DeviceCMYK, DeviceRGB, DeviceGray, ICCBased, Separation, DeviceN, Indexed, …
    channels: int
    colorants: tuple[str, ...] = ()  # Separation / DeviceN names
    base: Space | None = None  # Indexed: the base space

    def describe(self) -> str:
        if self.family == "ICCBased":
            return f"ICCBased ({self.channels} channels)"
        if self.colorants:
            return f"{self.family} {' '.join(self.colorants)}"
        if self.base is not None:
            return f"Indexed on {self.base.describe()}"
        return self.family


CMYK = Space("DeviceCMYK", 4)


@dataclass(frozen=True)
class State:
    ctm: Matrix = IDENTITY
    fill: Space = Space("DeviceGray", 1)
    fill_values: tuple[float, ...] = (0.0,)
    stroke: Space = Space("DeviceGray", 1)
    stroke_values: tuple[float, ...] = (0.0,)
    overprint_stroke: bool = False
    overprint_fill: bool = False
    opm: int = 0
    font: str = ""


@dataclass(frozen=True)
class ColourUse:
    space: Space
    values: tuple[float, ...]
    where: str  # "fill", "stroke", "image", "shading"


@dataclass(frozen=True)
class TextShow:
    font: str  # the font resource's name
    font_dict: pikepdf.Object
    codes: bytes
    space: Space
    values: tuple[float, ...]
    overprint: bool
    opm: int


@dataclass(frozen=True)
class ImagePlacement:
    name: str
    image: pikepdf.Object
    width: float  # placed size in points
    height: float
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in page space


@dataclass
class PageScan:
    colours: list[ColourUse] = field(default_factory=list)
    texts: list[TextShow] = field(default_factory=list)
    images: list[ImagePlacement] = field(default_factory=list)
    fonts: dict[str, pikepdf.Object] = field(default_factory=dict)  # every font met, by name


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m × n in PDF's row-vector convention (`cm` makes CTM' = M × CTM)."""
    return (m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5])


def space_of(obj: pikepdf.Object, resources: pikepdf.Object | None) -> Space:
    """The colour space a name or array in a content stream or image dictionary means."""
    if isinstance(obj, pikepdf.Name):
        name = str(obj)
        if name in _DEVICE:
            return Space(*_DEVICE[name])
        if name == "/Pattern":
            return Space("Pattern", 0)
        named = _lookup(resources, "/ColorSpace", name)
        return space_of(named, None) if named is not None else Space(f"unknown {name}", 0)
    if isinstance(obj, pikepdf.Array) and len(obj) > 0:
        return _array_space(obj)
    return Space("unknown", 0)


def _array_space(obj: pikepdf.Array) -> Space:
    family = str(obj[0]).removeprefix("/")
    if family == "ICCBased":
        return Space("ICCBased", int(obj[1].get("/N", 0)))
    if family == "Separation":
        return Space("Separation", 1, (str(obj[1]).removeprefix("/"),))
    if family == "DeviceN":
        names = tuple(str(n).removeprefix("/") for n in obj[1])
        return Space("DeviceN", len(names), names)
    if family in ("Indexed", "I"):
        return Space("Indexed", 1, base=space_of(obj[1], None))
    if family in ("CalRGB", "CalGray", "Lab"):
        return Space(family, {"CalRGB": 3, "CalGray": 1, "Lab": 3}[family])
    if family == "Pattern":
        return Space("Pattern", 0)
    return space_of(obj[0], None)


def _lookup(resources: pikepdf.Object | None, category: str, name: str) -> pikepdf.Object | None:
    if resources is None or category not in resources:
        return None
    found: pikepdf.Object | None = resources[category].get(name)
    return found


def scan_page(page: pikepdf.Page) -> PageScan:
    scan = PageScan()
    _Interpreter(scan).run(page.obj, page.obj.get("/Resources"), State(), 0)
    return scan


class _Interpreter:
    def __init__(self, scan: PageScan) -> None:
        self.scan = scan

    def run(self, stream: pikepdf.Object, resources: pikepdf.Object | None, state: State,
            depth: int) -> None:
        stack: list[State] = []
        for instruction in pikepdf.parse_content_stream(stream):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                self._inline_image(instruction.iimage, resources)
                continue
            operands, name = list(instruction.operands), str(instruction.operator)
            if name == "q":
                stack.append(state)
            elif name == "Q":
                state = stack.pop() if stack else state
            else:
                state = self.step(name, operands, resources, state, depth)

    def step(self, op: str, args: list[pikepdf.Object], resources: pikepdf.Object | None,
             state: State, depth: int) -> State:
        if op == "cm":
            matrix = tuple(float(a) for a in args[:6])
            return replace(state, ctm=multiply(matrix, state.ctm))  # type: ignore[arg-type]
        if op in _FILL_SET or op in _STROKE_SET:
            return self._device_colour(op, args, state)
        if op in ("cs", "CS"):
            space = space_of(args[0], resources)
            values = (0.0,) * space.channels
            if op == "cs":
                return replace(state, fill=space, fill_values=values)
            return replace(state, stroke=space, stroke_values=values)
        if op in ("sc", "scn", "SC", "SCN"):
            return self._set_values(op, args, state)
        if op == "gs":
            return self._ext_gstate(_lookup(resources, "/ExtGState", str(args[0])), state)
        if op == "Tf":
            font = str(args[0])
            found = _lookup(resources, "/Font", font)
            if found is not None:
                self.scan.fonts.setdefault(font, found)
            return replace(state, font=font)
        if op in _TEXT_SHOW:
            self._text(op, args, resources, state)
        elif op == "Do":
            self._xobject(str(args[0]), resources, state, depth)
        elif op == "sh":
            shading = _lookup(resources, "/Shading", str(args[0]))
            if shading is not None:
                space = space_of(shading.get("/ColorSpace", pikepdf.Name.DeviceGray), resources)
                self.scan.colours.append(ColourUse(space, (), "shading"))
        return state

    def _device_colour(self, op: str, args: list[pikepdf.Object], state: State) -> State:
        values = tuple(float(a) for a in args)
        if op in _FILL_SET:
            space = space_of(pikepdf.Name(_FILL_SET[op]), None)
            self.scan.colours.append(ColourUse(space, values, "fill"))
            return replace(state, fill=space, fill_values=values)
        space = space_of(pikepdf.Name(_STROKE_SET[op]), None)
        self.scan.colours.append(ColourUse(space, values, "stroke"))
        return replace(state, stroke=space, stroke_values=values)

    def _set_values(self, op: str, args: list[pikepdf.Object], state: State) -> State:
        values = tuple(float(a) for a in args if not isinstance(a, pikepdf.Name))
        if op in ("sc", "scn"):
            self.scan.colours.append(ColourUse(state.fill, values, "fill"))
            return replace(state, fill_values=values)
        self.scan.colours.append(ColourUse(state.stroke, values, "stroke"))
        return replace(state, stroke_values=values)

    def _ext_gstate(self, params: pikepdf.Object | None, state: State) -> State:
        if params is None:
            return state
        if "/OP" in params:
            stroke = bool(params.OP)
            state = replace(state, overprint_stroke=stroke)
            if "/op" not in params:
                state = replace(state, overprint_fill=stroke)
        if "/op" in params:
            state = replace(state, overprint_fill=bool(params.op))
        if "/OPM" in params:
            state = replace(state, opm=int(params.OPM))
        return state

    def _text(self, op: str, args: list[pikepdf.Object], resources: pikepdf.Object | None,
              state: State) -> None:
        strings = args[0] if op == "TJ" else args[-1:]
        codes = b"".join(bytes(s) for s in strings if isinstance(s, pikepdf.String))
        font = _lookup(resources, "/Font", state.font)
        self.scan.texts.append(TextShow(state.font, font if font is not None else
                                        pikepdf.Dictionary(), codes, state.fill,
                                        state.fill_values, state.overprint_fill, state.opm))

    def _xobject(self, name: str, resources: pikepdf.Object | None, state: State,
                 depth: int) -> None:
        xobject = _lookup(resources, "/XObject", name)
        if xobject is None:
            return
        subtype = str(xobject.get("/Subtype", ""))
        if subtype == "/Image":
            self._image(name, xobject, resources, state)
        elif subtype == "/Form" and depth < 8:
            matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
            inner = replace(state, ctm=multiply(matrix, state.ctm))  # type: ignore[arg-type]
            self.run(xobject, xobject.get("/Resources", resources), inner, depth + 1)

    def _image(self, name: str, image: pikepdf.Object, resources: pikepdf.Object | None,
               state: State) -> None:
        a, b, c, d, e, f = state.ctm
        corners = [(e, f), (a + e, b + f), (c + e, d + f), (a + c + e, b + d + f)]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        self.scan.images.append(ImagePlacement(name, image, math.hypot(a, b), math.hypot(c, d),
                                               (min(xs), min(ys), max(xs), max(ys))))
        if not bool(image.get("/ImageMask", False)):
            space = space_of(image.get("/ColorSpace", pikepdf.Name.DeviceGray), resources)
            self.scan.colours.append(ColourUse(space, (), "image"))

    def _inline_image(self, inline: pikepdf.PdfInlineImage,
                      resources: pikepdf.Object | None) -> None:
        space = inline.obj.get("/ColorSpace", inline.obj.get("/CS"))
        if space is not None:
            self.scan.colours.append(ColourUse(space_of(space, resources), (), "image"))
