"""Stage: pipeline — content + layout + fonts → page layout → PDF, with a build report.

Loads and checks every input before anything is written; a build with errors of input (bad
YAML, a character no font has) writes nothing, so a good PDF is never replaced by a bad one.
Fonts and loaded specs are cached per process, so a warm process rebuilds quickly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from printer import content, spec
from printer.content.model import Edition
from printer.content.normalize import NormalizationChange, normalize_edition
from printer.errors import InputError
from printer.fonts.book import FontBook
from printer.makeup.overlay import SWATCHES as OVERLAY_SWATCHES
from printer.makeup.overlay import overlay_items
from printer.makeup.page import make_page
from printer.page import Finding, PageLayout
from printer.prepress import Press, press_for
from printer.prepress.settings import profile_problem

# Findings that mean the input cannot be set at all: nothing is written.
FATAL_KINDS = frozenset({"missing-glyph"})

_BOOKS: dict[Path, FontBook] = {}


@dataclass
class BuildResult:
    edition: Edition
    page: PageLayout
    output: Path | None
    changes: list[NormalizationChange] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return self.page.findings

    @property
    def fatal(self) -> list[Finding]:
        return [f for f in self.findings if f.kind in FATAL_KINDS]


def font_book(fonts_dir: Path) -> FontBook:
    """The font book of a folder, loaded once per process."""
    key = fonts_dir.resolve()
    if key not in _BOOKS:
        _BOOKS[key] = FontBook.load(key)
    return _BOOKS[key]


def resolve_layout(edition: Edition, layout: Path | None) -> Path:
    if layout is not None:
        return layout
    if edition.layout is not None:
        return edition.layout
    raise InputError(edition.source, None, "layout",
                     "no layout given: name one with --layout or a 'layout' key in the content")


def lay_out(
    content_path: Path,
    layout: Path | None = None,
    normalize: bool | None = None,
    overlay: bool = False,
) -> tuple[Edition, PageLayout, list[NormalizationChange]]:
    """Load the inputs and make the page layout (no file written)."""
    edition = content.load(content_path)
    layout_spec = spec.load(resolve_layout(edition, layout))
    changes: list[NormalizationChange] = []
    if edition.normalize if normalize is None else normalize:
        edition, changes = normalize_edition(edition)
    book = font_book(layout_spec.fonts_dir)
    page = make_page(edition, layout_spec, book)
    if overlay:
        page.items.extend(overlay_items(layout_spec, book))
        page.swatches.update(OVERLAY_SWATCHES)
        page.faces.setdefault("hei", book.faces["hei"].path)
    return edition, page, changes


def build(
    content_path: Path,
    output: Path,
    layout: Path | None = None,
    normalize: bool | None = None,
    overlay: bool = False,
    marks: bool | None = None,
) -> BuildResult:
    """Build the PDF; when the layout has fatal findings, write nothing.

    The PDF is made PDF/X-4 for the layout's `print:` settings before it replaces `output`;
    `marks` overrides the layout's crop marks setting.
    """
    from printer.prepress.pdfx import finish  # pikepdf, and the renderer's ReportLab: late
    from printer.render.pdf import write_pdf

    edition, page, changes = lay_out(content_path, layout, normalize, overlay)
    result = BuildResult(edition, page, None, changes)
    if result.fatal:
        return result
    press = press_settings(edition, layout).with_marks(marks)
    write_pdf(page, output, press, lambda path: finish(path, press, page.title))
    result.output = output
    return result


def press_settings(edition: Edition, layout: Path | None = None) -> Press:
    """The print settings of the layout an edition is built with; its profile must be CMYK."""
    layout_path = resolve_layout(edition, layout)
    press = press_for(spec.load(layout_path).print)
    problem = profile_problem(press.profile)
    if problem:
        raise InputError(layout_path, None, "print.profile", problem)
    return press


def default_output(content_path: Path) -> Path:
    return Path("out") / f"{content_path.stem}.pdf"
