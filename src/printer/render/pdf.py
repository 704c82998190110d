"""Stage: rendering — writes a PageLayout as PDF with ReportLab.

The only module that imports ReportLab. It draws what it is given and knows no typographic rule:
every glyph arrives with its position. Colours are CMYK; black (100 % K) text and rules are set
to overprint (with overprint mode 1, so their zero C, M and Y leave the inks below alone).
Photos arrive separated to CMYK by prepress and are embedded as DeviceCMYK JPEG data; crop
marks, when asked for, are drawn in the registration colour (/Separation /All) on a sheet
enlarged beyond the bleed. Output is byte-identical for the same input (ReportLab's invariant
mode), and written to a temporary file that replaces the target only when complete.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.colors import CMYKColorSep
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from printer.atomic import write_atomically
from printer.page import Box, Cmyk, PageLayout, Picture, Rule, TextRun
from printer.prepress.marks import MARK_WIDTH, crop_marks
from printer.prepress.photos import separated_jpeg
from printer.prepress.settings import Press

rl_config.useA85 = 0  # image data as it is: ASCII85 would only make the file a quarter larger
_REGISTERED: dict[str, str] = {}


def _font_name(face: str, path: Path) -> str:
    """Register a face with ReportLab once per process (fonts are cached for warm rebuilds)."""
    key = f"{face}:{path}"
    name = _REGISTERED.get(key)
    if name is None:
        name = f"printer-{face}"
        pdfmetrics.registerFont(TTFont(name, str(path)))
        _REGISTERED[key] = name
    return name


def _is_black(color: Cmyk) -> bool:
    return color.c == 0 and color.m == 0 and color.y == 0 and color.k >= 1.0


class _JpegReader(ImageReader):  # type: ignore[misc]  # ReportLab ships no type hints
    """JPEG data that ReportLab embeds as it is (DCTDecode passthrough).

    ReportLab names an image by a digest of its decoded pixels, which costs a full decode of
    every photo; a digest of the JPEG bytes names it as uniquely, without decoding.
    """

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self._digest = hashlib.sha256(data).hexdigest().encode()
        self._dataA = None  # no alpha channel: JPEG has none

    def getRGBData(self) -> bytes:
        return self._digest


class _Painter:
    def __init__(self, canvas: Canvas, page: PageLayout, press: Press) -> None:
        self.canvas = canvas
        self.page = page
        self.press = press
        self.offset_x = page.bleed + press.slug
        self.top = page.bleed + press.slug + page.height
        self.fill_overprint = False

    def y(self, y: float) -> float:
        return self.top - y

    def set_fill(self, name: str) -> None:
        color = self.page.swatches[name]
        self.canvas.setFillColorCMYK(color.c, color.m, color.y, color.k)
        self.fill_overprint = _is_black(color)
        self.canvas.setFillOverprint(self.fill_overprint)

    def set_stroke(self, name: str) -> None:
        color = self.page.swatches[name]
        self.canvas.setStrokeColorCMYK(color.c, color.m, color.y, color.k)
        overprint = _is_black(color)
        self.canvas.setStrokeOverprint(overprint)
        # An ExtGState with /OP but no /op sets both (ISO 32000-1 table 58), which ReportLab's
        # cache does not know: say /op again so fills keep their own overprint.
        self.canvas.setFillOverprint(overprint)
        self.canvas.setFillOverprint(self.fill_overprint)

    def box(self, item: Box) -> None:
        if item.fill:
            self.set_fill(item.fill)
        if item.stroke:
            self.set_stroke(item.stroke)
            self.canvas.setLineWidth(item.stroke_width)
        self.canvas.rect(
            self.offset_x + item.x,
            self.y(item.y + item.height),
            item.width,
            item.height,
            stroke=1 if item.stroke else 0,
            fill=1 if item.fill else 0,
        )

    def rule(self, item: Rule) -> None:
        self.set_stroke(item.color)
        self.canvas.setLineWidth(item.width)
        x = self.offset_x
        self.canvas.line(x + item.x1, self.y(item.y1), x + item.x2, self.y(item.y2))

    def text(self, item: TextRun) -> None:
        """The run as one text object: per font subset a TJ array whose numbers move each glyph
        from the font's advance to its composed position (ISO 32000-1 §9.4.3)."""
        font = pdfmetrics.getFont(_font_name(item.face, self.page.faces[item.face]))
        self.set_fill(item.color)
        glyphs = [(c, x) for c, x in zip(item.chars, item.xs, strict=True) if not c.isspace()]
        if not glyphs:
            return
        doc, size, escape = self.canvas._doc, item.size, self.canvas._escape
        ops = ["BT"]
        index = 0
        for subset, codes in font.splitString("".join(c for c, _ in glyphs), doc):
            start_x = glyphs[index][1]
            ops.append(f"{font.getSubsetInternalName(subset, doc)} {fp_str(size)} Tf "
                       f"1 0 0 1 {fp_str(self.offset_x + start_x)} "
                       f"{fp_str(self.y(item.baseline))} Tm")
            parts = []
            pen = start_x
            for offset in range(len(codes)):
                char, x = glyphs[index + offset]
                if offset:
                    shift = (pen - x) * 1000 / size
                    if abs(shift) > 0.0005:
                        parts.append(fp_str(shift))
                parts.append(f"({escape(codes[offset : offset + 1])})")
                pen = x + font.stringWidth(char, size)
            ops.append(f"[{' '.join(parts)}] TJ")
            index += len(codes)
        ops.append("ET")
        self.canvas._code.append(" ".join(ops))

    def picture(self, item: Picture) -> None:
        jpeg = separated_jpeg(item.path, item.crop, self.press)
        self.canvas.drawImage(
            _JpegReader(jpeg),
            self.offset_x + item.x,
            self.y(item.y + item.height),
            item.width,
            item.height,
        )

    def marks(self) -> None:
        """Crop marks in the registration colour: every ink at 100 % (/Separation /All)."""
        self.canvas.setStrokeColor(CMYKColorSep(1, 1, 1, 1, spotName="All"))
        self.canvas.setStrokeOverprint(False)
        self.canvas.setLineWidth(MARK_WIDTH)
        x = self.offset_x
        for x1, y1, x2, y2 in crop_marks(self.page.width, self.page.height, self.page.bleed):
            self.canvas.line(x + x1, self.y(y1), x + x2, self.y(y2))


def write_pdf(page: PageLayout, target: Path, press: Press | None = None,
              finish: Callable[[Path], None] | None = None) -> None:
    """Draw the page and atomically replace `target` with the finished PDF.

    `finish(path)` may rework the drawn file in place (the PDF/X post-processing) before it
    replaces the target, so a failure there leaves the old target untouched.
    """

    def write(temp: Path) -> None:
        _draw(page, temp, press or Press())
        if finish is not None:
            finish(temp)

    write_atomically(target, write)


def _draw(page: PageLayout, path: Path, press: Press) -> None:
    margin = page.bleed + press.slug
    size = (page.width + 2 * margin, page.height + 2 * margin)
    # Register the page's faces first: the canvas's initial font is one of them, so no
    # unembedded standard font (Helvetica) ends up in the PDF.
    names = [_font_name(face, file) for face, file in sorted(page.faces.items())]
    canvas = Canvas(
        str(path),
        pagesize=size,
        invariant=1,
        pageCompression=1,
        initialFontName=names[0] if names else "Helvetica",
    )
    canvas.setTitle(page.title)
    canvas.setCreator("printer")
    canvas.setProducer("printer (ReportLab)")
    canvas.setOverprintMask(True)  # OPM 1: overprinting black leaves C, M, Y below alone
    painter = _Painter(canvas, page, press)
    for item in page.items:
        if isinstance(item, Box):
            painter.box(item)
        elif isinstance(item, Rule):
            painter.rule(item)
        elif isinstance(item, TextRun):
            painter.text(item)
        else:
            painter.picture(item)
    if press.marks:
        painter.marks()
    _set_boxes(canvas, page, press.slug)
    canvas.showPage()
    canvas.save()


def _set_boxes(canvas: Canvas, page: PageLayout, slug: float) -> None:
    b, s = page.bleed, slug
    canvas.setTrimBox((s + b, s + b, s + b + page.width, s + b + page.height))
    canvas.setBleedBox((s, s, s + page.width + 2 * b, s + page.height + 2 * b))
