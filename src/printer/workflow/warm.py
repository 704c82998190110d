"""Stage: workflow — warm builds: the pipeline of `printer.build`, with its slow inputs cached.

It mirrors `printer.build.lay_out` and `printer.build.build` (without the designer's
overlay), so a warm build writes the same bytes as `printer build`. A process that builds many
times (`printer watch`, a batch worker) keeps, besides the font books that `printer.build`
already caches per process, every loaded `LayoutSpec` keyed by its file's stamp (mtime, size,
inode), and drops a photo's cached header when the photo changes. The content file is read
anew on every build: it is what changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from printer import content, spec
from printer.build import BuildResult, font_book, resolve_layout
from printer.content.model import Edition
from printer.content.normalize import NormalizationChange, normalize_edition
from printer.makeup import photos as photo_makeup
from printer.makeup.page import make_page
from printer.page import PageLayout
from printer.prepress import Press, press_for
from printer.workflow.files import Stamp, stamp
from printer.workflow.summary import PageSummary, summarize, summary_path, write_summary


@dataclass(frozen=True)
class Inputs:
    """The files one build read: what a watcher watches and a batch fingerprints."""

    content: Path
    layout: Path | None
    photos: tuple[Path, ...] = ()
    fonts_config: Path | None = None
    profile: Path | None = None

    def files(self) -> list[Path]:
        listed = [self.content, self.layout, *self.photos, self.fonts_config, self.profile]
        return [path for path in listed if path is not None]


@dataclass
class WarmBuild:
    """A build's result, the files it read, and its page summary."""

    result: BuildResult
    inputs: Inputs
    summary: PageSummary


@dataclass
class WarmCache:
    """Caches of one process; `CACHE` is the process's own."""

    specs: dict[Path, tuple[Stamp, spec.LayoutSpec]] = field(default_factory=dict)
    photo_stamps: dict[Path, Stamp | None] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    def layout_spec(self, path: Path) -> spec.LayoutSpec:
        """The layout spec of `path`, loaded again only when the file has changed."""
        key = path.resolve()
        now = stamp(key)
        cached = self.specs.get(key)
        if cached is not None and now is not None and cached[0] == now:
            self.hits += 1
            return cached[1]
        self.misses += 1
        loaded = spec.load(path)
        if now is not None:
            self.specs[key] = (now, loaded)
        return loaded

    def forget_changed_photos(self, edition: Edition) -> None:
        """Drop the cached pixel size of every photo whose file changed since the last build."""
        sizes = getattr(photo_makeup, "_SIZES", None)
        for photo in edition.photos:
            now = stamp(photo.file)
            before = self.photo_stamps.get(photo.file)
            if photo.file in self.photo_stamps and before != now and isinstance(sizes, dict):
                sizes.pop(str(photo.file), None)
            self.photo_stamps[photo.file] = now

    def build(self, content_path: Path, output: Path | None, layout: Path | None = None,
              normalize: bool | None = None) -> WarmBuild:
        """Lay out the page and, unless it has fatal findings or `output` is None, write the
        PDF and its summary beside it. Raises `InputError`/`FontError` as `build.build` does."""
        edition = content.load(content_path)
        layout_path = resolve_layout(edition, layout)
        layout_spec = self.layout_spec(layout_path)
        inputs = inputs_of(edition, layout_path, layout_spec)
        self.forget_changed_photos(edition)
        changes: list[NormalizationChange] = []
        if edition.normalize if normalize is None else normalize:
            edition, changes = normalize_edition(edition)
        page = make_page(edition, layout_spec, font_book(layout_spec.fonts_dir))
        result = BuildResult(edition, page, None, changes)
        summary = summarize(page)
        if output is not None and not result.fatal:
            _write(page, output, press_for(layout_spec.print))
            write_summary(summary, summary_path(output))
            result.output = output
        return WarmBuild(result, inputs, summary)


def _write(page: PageLayout, output: Path, press: Press) -> None:
    """Render and finish the PDF as `printer.build.build` does (PDF/X for the press)."""
    from printer.prepress.pdfx import finish  # pikepdf, and the renderer's ReportLab: late
    from printer.render.pdf import write_pdf

    write_pdf(page, output, press, lambda path: finish(path, press, page.title))


def inputs_of(edition: Edition, layout_path: Path, layout_spec: spec.LayoutSpec) -> Inputs:
    fonts_config = layout_spec.fonts_dir / "fonts.yaml"
    return Inputs(
        content=edition.source.resolve(),
        layout=layout_path.resolve(),
        photos=tuple(photo.file.resolve() for photo in edition.photos),
        fonts_config=fonts_config.resolve() if fonts_config.exists() else None,
        profile=layout_spec.print.profile,
    )


CACHE = WarmCache()
