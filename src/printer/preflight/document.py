"""Stage: preflight — document checks: page boxes, PDF/X keys, fonts and glyphs, text placement.

Sources: typesetting reference §5 (PDF/X-4 with an output intent; TrimBox always set;
MediaBox ⊇ BleedBox ⊇ TrimBox; fonts embedded and subset); ISO 15930-7 (PDF/X-4: §6.2.3
output intent with an embedded destination profile, §6.7 GTS_PDFXVersion and Trapped in the
document information and XMP, a trailer /ID, PDF 1.6 at most features and header 1.6 or
later for X-4; §6.3.5 fonts embedded; §6.5 TrimBox or ArtBox, BleedBox within MediaBox).
"""

from __future__ import annotations

from collections.abc import Sequence

import pikepdf

from printer.preflight.fonts import FontReport
from printer.preflight.report import ERROR, WARNING, Report
from printer.preflight.text import Block, Char, prohibitions
from printer.units import PT_PER_MM

TOLERANCE = 0.01  # points, for box comparisons (ReportLab writes 3-4 decimals)
Rect = tuple[float, float, float, float]


def box(page: pikepdf.Page, name: str) -> Rect | None:
    value = page.obj.get(name)
    if value is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in value)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _contains(outer: Rect, inner: Rect) -> bool:
    return (outer[0] <= inner[0] + TOLERANCE and outer[1] <= inner[1] + TOLERANCE
            and outer[2] >= inner[2] - TOLERANCE and outer[3] >= inner[3] - TOLERANCE)


def _mm(rect: Rect) -> str:
    return f"{(rect[2] - rect[0]) / PT_PER_MM:.1f} × {(rect[3] - rect[1]) / PT_PER_MM:.1f} mm"


def check_boxes(report: Report, page: pikepdf.Page, trim_size: tuple[float, float] | None,
                bleed: float | None) -> None:
    media = box(page, "/MediaBox")
    trim = box(page, "/TrimBox")
    bleed_box = box(page, "/BleedBox")
    if media is None:
        report.add(ERROR, "boxes", "no MediaBox")
        return
    if trim is None:
        report.add(ERROR, "boxes", "no TrimBox: the plant cannot tell where the page is cut")
        return
    if bleed_box is None and bleed:
        report.add(WARNING, "boxes", "no BleedBox although the page bleeds")
    outer = bleed_box or media
    if not _contains(media, outer):
        report.add(ERROR, "boxes", "BleedBox reaches outside the MediaBox")
    if not _contains(outer, trim):
        report.add(ERROR, "boxes", "TrimBox reaches outside the BleedBox")
    if trim_size is not None:
        width, height = trim[2] - trim[0], trim[3] - trim[1]
        if abs(width - trim_size[0]) > 0.1 or abs(height - trim_size[1]) > 0.1:
            report.add(ERROR, "boxes", f"TrimBox is {_mm(trim)}, the layout's page "
                                       f"{_mm((0, 0, *trim_size))}")
    margin = (trim[0] - outer[0]) / PT_PER_MM
    report.ok("boxes", f"TrimBox {_mm(trim)}, bleed {margin:.1f} mm, MediaBox {_mm(media)}")


def _check_x1a(report: Report, pdf: pikepdf.Pdf, info: pikepdf.Object) -> None:
    """PDF/X-1a:2001 (ISO 15930-1): its conformance key, and PDF 1.3."""
    if str(info.get("/GTS_PDFXConformance", "")) != "PDF/X-1a:2001":
        report.add(ERROR, "pdfx", "PDF/X-1:2001 without /GTS_PDFXConformance (PDF/X-1a:2001)")
    if pdf.pdf_version != "1.3":
        report.add(ERROR, "pdfx", f"PDF/X-1a:2001 is PDF 1.3, the header says {pdf.pdf_version}")


def check_pdfx(report: Report, pdf: pikepdf.Pdf) -> None:
    info = pdf.trailer.get("/Info", pikepdf.Dictionary())
    version = str(info.get("/GTS_PDFXVersion", ""))
    if not version:
        report.add(ERROR, "pdfx", "no /GTS_PDFXVersion: not a PDF/X file")
    elif version.startswith("PDF/X-4") and pdf.pdf_version < "1.6":
        report.add(ERROR, "pdfx", f"PDF/X-4 needs PDF 1.6 or later, the header says "
                                  f"{pdf.pdf_version}")
    elif version.startswith("PDF/X-1"):
        _check_x1a(report, pdf, info)
    trapped = str(info.get("/Trapped", ""))
    if trapped not in ("/True", "/False"):
        report.add(ERROR, "pdfx", "/Trapped must be /True or /False")
    if "/ID" not in pdf.trailer:
        report.add(ERROR, "pdfx", "no trailer /ID")
    if pdf.is_encrypted:
        report.add(ERROR, "pdfx", "encrypted")
    _check_intent(report, pdf)
    metadata = pdf.Root.get("/Metadata")
    xmp = metadata.read_bytes() if isinstance(metadata, pikepdf.Stream) else b""
    if version.startswith("PDF/X-4") and b"GTS_PDFXVersion" not in xmp:
        report.add(ERROR, "pdfx", "no XMP metadata with pdfxid:GTS_PDFXVersion")
    report.ok("pdfx", f"{version or 'no PDF/X version'}, PDF {pdf.pdf_version}, "
                      f"Trapped {trapped.lstrip('/') or 'unset'}")


def _check_intent(report: Report, pdf: pikepdf.Pdf) -> None:
    intents = [i for i in pdf.Root.get("/OutputIntents", pikepdf.Array())
               if i.get("/S") == pikepdf.Name.GTS_PDFX]
    if not intents:
        report.add(ERROR, "pdfx", "no PDF/X output intent (/OutputIntents with /S /GTS_PDFX)")
        return
    intent = intents[0]
    if not str(intent.get("/OutputConditionIdentifier", "")):
        report.add(ERROR, "pdfx", "the output intent has no /OutputConditionIdentifier")
    profile = intent.get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        report.add(ERROR, "pdfx", "the output intent embeds no destination profile")
    elif int(profile.get("/N", 0)) != 4:
        report.add(ERROR, "pdfx", f"the output profile has {profile.get('/N')} channels, not "
                                  f"4 (CMYK)")


def check_fonts(report: Report, fonts: Sequence[FontReport],
                not_embeddable: Sequence[str] = ()) -> None:
    for font in fonts:
        if not font.embedded:
            report.add(ERROR, "fonts", f"{font.name} is not embedded")
        elif not font.subset:
            report.add(WARNING, "fonts", f"{font.name} is embedded whole, not as a subset")
        if font.embeddable is False:
            report.add(ERROR, "fonts", f"{font.name}: its OS/2 fsType forbids embedding")
    for face in not_embeddable:
        report.add(ERROR, "fonts", f"face {face}: its OS/2 fsType forbids embedding")
    report.ok("fonts", f"{len(fonts)} fonts, all embedded and subset, embedding permitted")


def check_glyphs(report: Report, fonts: Sequence[FontReport], chars: int) -> None:
    for font in fonts:
        if font.missing:
            shown = " ".join(font.missing[:12])
            report.add(ERROR, "glyphs", f"{font.name} has no glyph for {shown} (drawn as "
                                        f".notdef)")
    report.ok("glyphs", f"{chars} characters in {len(fonts)} fonts, every glyph present")


def check_prohibitions(report: Report, found: list[Block]) -> None:
    lines = 0
    for block in found:
        lines += len(block.pieces)
    for violation, text in prohibitions(found):
        report.add(WARNING, "prohibitions", f"{violation.rule}: {violation.text!r} in "
                                            f"{text[:30]!r}")
    report.ok("prohibitions", f"{lines} lines in {len(found)} column blocks keep the rules")


def check_placement(report: Report, chars: Sequence[Char], area: Rect, name: str) -> None:
    """Characters whose ink leaves `area` (page space, points) across, or whose baseline and
    body do down it (a compressed full-width mark's advance may pass the edge; its ink not)."""
    outside = [c for c in chars if c.ink_left < area[0] - 0.5 or c.ink_right > area[2] + 0.5
               or c.baseline < area[1] - 0.5 or c.baseline + 0.7 * c.size > area[3] + 0.5]
    if outside:
        sample = "".join(c.text for c in outside[:20])
        level = WARNING if name == "the type area" else ERROR
        report.add(level, "type-area", f"{len(outside)} characters outside {name}: {sample}")
    report.ok("type-area", f"{len(chars)} characters inside {name}")
