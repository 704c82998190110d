"""Stage: preflight — checking a PDF, or building a content file and checking both.

Given a PDF, every check reads the file alone; story fit needs the content and says so,
unless the PDF is printer's and recorded its build's errors and warnings (an overset story…):
those are reported as the content check would report them.
Given a content file, the page is laid out and built into a temporary folder as
`printer build` would, and the layout's own findings (overset, underset, missing glyphs) join
the PDF's; limits and the type area then come from the layout instead of the defaults of the
typesetting reference §5.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from printer.page import Finding, PageLayout, Picture
from printer.preflight import colour, document
from printer.preflight.fonts import font_reports
from printer.preflight.report import ERROR, INFO, WARNING, Report
from printer.preflight.scan import ImagePlacement, scan_page
from printer.preflight.text import blocks, page_chars
from printer.prepress.pdfx import recorded_findings
from printer.prepress.settings import Press

# Makeup findings that are adjustments within the layout's bounds, not problems.
ADJUSTMENTS = frozenset({"copyfit", "keep"})


@dataclass
class LayoutFacts:
    """What the content and layout say about the page the PDF should be."""

    page: PageLayout
    press: Press
    not_embeddable: list[str] = field(default_factory=list)


def check_pdf(path: Path, facts: LayoutFacts | None = None, source: str | None = None) -> Report:
    report = Report(source or str(path), str(path))
    press = facts.press if facts else Press()
    with pikepdf.open(path) as pdf:
        document.check_pdfx(report, pdf)
        for index, page in enumerate(pdf.pages):
            if len(pdf.pages) > 1:
                report.add(INFO, "boxes", f"page {index + 1} of {len(pdf.pages)}")
            _check_page(report, path, index, page, facts, press)
        recorded = recorded_findings(pdf) if facts is None else None
    if recorded is not None:  # with the content, its build's findings are the ones reported
        report.add(INFO, "story-fit", "story fit as recorded in the PDF by printer's build: "
                                      "give the content YAML to check it anew")
        story_findings(report, recorded)
    elif facts is None:
        report.add(INFO, "story-fit", "story fit needs the content: give the content YAML to "
                                      "check overset and underset stories")
    return report


def _check_page(report: Report, path: Path, index: int, page: pikepdf.Page,
                facts: LayoutFacts | None, press: Press) -> None:
    trim_size = (facts.page.width, facts.page.height) if facts else None
    document.check_boxes(report, page, trim_size, facts.page.bleed if facts else None)
    scan = scan_page(page)
    fonts = font_reports(scan.texts, scan.fonts)
    chars = page_chars(path, index)
    document.check_fonts(report, fonts, facts.not_embeddable if facts else ())
    document.check_glyphs(report, fonts, len(chars))
    document.check_prohibitions(report, blocks(chars))
    colour.check_colour(report, scan)
    colour.check_ink(report, scan, press.total_ink_limit)
    colour.check_overprint(report, scan)
    trim = document.box(page, "/TrimBox")
    names = _picture_names(scan.images, facts.page, trim) if facts and trim else {}
    colour.check_images(report, scan, press.min_ppi, press.warn_ppi, names)
    if trim is None:
        media = document.box(page, "/MediaBox")
        if media is not None:
            document.check_placement(report, chars, media, "the MediaBox")
        return
    if facts is None:
        document.check_placement(report, chars, trim, "the TrimBox")
        return
    x, y, width, height = facts.page.type_area
    area = (trim[0] + x, trim[3] - y - height, trim[0] + x + width, trim[3] - y)
    document.check_placement(report, chars, area, "the type area")


def _picture_names(images: list[ImagePlacement], page: PageLayout,
                   trim: document.Rect) -> dict[str, str]:
    """Image resource name → the layout element it shows, matched by position."""
    names = {}
    pictures = [item for item in page.items if isinstance(item, Picture)]
    for placement in images:
        for picture in pictures:
            x0 = trim[0] + picture.x
            y0 = trim[3] - picture.y - picture.height
            if abs(placement.box[0] - x0) < 1 and abs(placement.box[1] - y0) < 1:
                names[placement.name] = picture.element
    return names


def story_findings(report: Report, findings: list[Finding]) -> None:
    """The makeup's findings in preflight's terms: overset fails, balanced underset informs.
    Used for a content file's build and for the findings a PDF recorded, so both agree."""
    for finding in findings:
        check = "glyphs" if finding.kind == "missing-glyph" else "story-fit"
        report.add(story_level(finding), check, finding.message, finding.element)
    report.ok("story-fit", "every story fits its frames")


def story_level(finding: Finding) -> str:
    """The preflight level of a makeup finding."""
    if finding.kind in ("missing-glyph", "overset") or finding.severity == "error":
        return ERROR
    if finding.severity == "info":
        return INFO
    if finding.kind == "underset":
        return INFO if "balanced" in finding.message else WARNING
    return INFO if finding.kind in ADJUSTMENTS else WARNING


def check_content(content: Path, layout: Path | None = None) -> Report:
    """Build `content` into a temporary PDF and check the layout and the PDF together."""
    from printer.build import build, font_book, press_settings, resolve_layout
    from printer.layout import load as load_layout

    with tempfile.TemporaryDirectory(prefix="printer-check-") as folder:
        pdf = Path(folder) / f"{content.stem}.pdf"
        result = build(content, pdf, layout)
        layout_spec = load_layout(resolve_layout(result.edition, layout))
        book = font_book(layout_spec.fonts_dir)
        facts = LayoutFacts(
            page=result.page,
            press=press_settings(result.edition, layout),
            not_embeddable=[f for f in result.page.faces if not book.faces[f].embeddable],
        )
        if result.output is None:
            report = Report(str(content), None)
            report.add(ERROR, "story-fit", "nothing built: the layout has fatal findings")
        else:
            report = check_pdf(pdf, facts, str(content))
            report.pdf = None  # the temporary file is gone when the report is read
    story_findings(report, result.findings)
    return report
