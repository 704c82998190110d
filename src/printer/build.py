"""Stage: pipeline — content + layout + fonts → page layout → PDF, with a build report.

Loads and checks every input before anything is written; a build with errors of input (bad
YAML, a character no font has) writes nothing, so a good PDF is never replaced by a bad one.
Fonts and loaded specs are cached per process, so a warm process rebuilds quickly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from printer import content
from printer.cache import Stamp, stamp
from printer.content.model import Edition
from printer.content.normalize import NormalizationChange, normalize_edition
from printer.errors import InputError
from printer.fonts.book import FontBook
from printer.layout import load as load_layout
from printer.layout.model import LayoutSpec
from printer.makeup.overlay import SWATCHES as OVERLAY_SWATCHES
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
    spec: LayoutSpec | None = None

    @property
    def findings(self) -> list[Finding]:
        return self.page.findings

    @property
    def warnings(self) -> list[Finding]:
        """Findings that `--strict` treats as errors: everything but information."""
        return [f for f in self.findings if f.severity != "info"]

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


@dataclass
class SpecCache:
    """Loaded layout specs of one process, each loaded again only when its file changes."""

    specs: dict[Path, tuple[Stamp, LayoutSpec]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    def load(self, path: Path) -> LayoutSpec:
        key = path.resolve()
        now = stamp(key)  # None for a missing file: load_layout reports it
        cached = self.specs.get(key)
        if cached is not None and cached[0] == now:
            self.hits += 1
            return cached[1]
        self.misses += 1
        loaded = load_layout(path)
        if now is not None:
            self.specs[key] = (now, loaded)
        return loaded


SPECS = SpecCache()


@dataclass
class Laid:
    """A page laid out, with what it was made from."""

    edition: Edition
    page: PageLayout
    changes: list[NormalizationChange]
    spec: LayoutSpec
    layout_path: Path


def lay_out_page(
    content_path: Path,
    layout: Path | None = None,
    normalize: bool | None = None,
    overlay: bool = False,
    specs: SpecCache = SPECS,
) -> Laid:
    """Load the inputs and make the page layout (no file written)."""
    edition = content.load(content_path)
    layout_path = resolve_layout(edition, layout)
    layout_spec = specs.load(layout_path)
    changes: list[NormalizationChange] = []
    if edition.normalize if normalize is None else normalize:
        edition, changes = normalize_edition(edition)
    book = font_book(layout_spec.fonts_dir)
    page = make_page(edition, layout_spec, book, overlay)
    _refuse_unembeddable(page, book, layout_spec)
    if overlay:
        page.swatches.update(OVERLAY_SWATCHES)
        page.faces.setdefault("hei", book.faces["hei"].path)
    return Laid(edition, page, changes, layout_spec, layout_path)


def _refuse_unembeddable(page: PageLayout, book: FontBook, layout_spec: LayoutSpec) -> None:
    """A font whose licence bits (OS/2 fsType) forbid embedding cannot go to press."""
    for face in sorted(page.faces):
        if not book.faces[face].embeddable:
            raise InputError(layout_spec.fonts_dir / "fonts.yaml", None, f"faces.{face}",
                             f"{book.faces[face].path.name} does not permit embedding "
                             "(OS/2 fsType); a print PDF must embed every font")


def lay_out(
    content_path: Path,
    layout: Path | None = None,
    normalize: bool | None = None,
    overlay: bool = False,
) -> tuple[Edition, PageLayout, list[NormalizationChange]]:
    """Load the inputs and make the page layout (no file written)."""
    laid = lay_out_page(content_path, layout, normalize, overlay)
    return laid.edition, laid.page, laid.changes


def press_of(layout_spec: LayoutSpec, layout_path: Path) -> Press:
    """The print settings of a layout; its profile must be a CMYK output profile."""
    press = press_for(layout_spec.print)
    problem = profile_problem(press.profile)
    if problem:
        raise InputError(layout_path, None, "print.profile", problem)
    return press


def write_page(page: PageLayout, output: Path, press: Press) -> None:
    """Render the page and finish it as PDF/X for `press`, atomically replacing `output`.

    The page's error and warning findings (an overset story…) go into the PDF with it, where
    `printer check` reads them back."""
    from printer.prepress.pdfx import finish  # pikepdf, and the renderer's ReportLab: late
    from printer.render.pdf import write_pdf

    write_pdf(page, output, press,
              lambda path: finish(path, press, page.title, page.findings))


def build(
    content_path: Path,
    output: Path,
    layout: Path | None = None,
    normalize: bool | None = None,
    overlay: bool = False,
    marks: bool | None = None,
    specs: SpecCache = SPECS,
) -> BuildResult:
    """Build the PDF; when the layout has fatal findings, write nothing.

    The PDF is made PDF/X-4 for the layout's `print:` settings before it replaces `output`;
    `marks` overrides the layout's crop marks setting.
    """
    laid = lay_out_page(content_path, layout, normalize, overlay, specs)
    result = BuildResult(laid.edition, laid.page, None, laid.changes)
    if result.fatal:
        return result
    press = press_of(laid.spec, laid.layout_path).with_marks(marks)
    write_page(laid.page, output, press)
    result.output = output
    result.spec = laid.spec
    return result


def press_settings(edition: Edition, layout: Path | None = None) -> Press:
    """The print settings of the layout an edition is built with."""
    layout_path = resolve_layout(edition, layout)
    return press_of(SPECS.load(layout_path), layout_path)


def default_output(content_path: Path) -> Path:
    return Path("out") / f"{content_path.stem}.pdf"
