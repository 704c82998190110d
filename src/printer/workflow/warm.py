"""Stage: workflow — warm builds: the pipeline of `printer.build`, with its slow inputs cached.

It runs the steps of `printer.build` (lay out, press settings, write) — the same functions, so
a warm build writes the same bytes as `printer build` — and adds what a process that builds
many times needs (`printer watch`, a batch worker): the files a build read, and the page
summary beside the PDF. The content file is read anew on every build: it is what changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from printer.build import BuildResult, SpecCache, lay_out_page, press_of, write_page
from printer.content.model import Edition
from printer.layout.model import LayoutSpec
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
    """Caches of one process (`CACHE` is the process's own): loaded layout specs by file stamp.
    Font books, photo headers and separated photos are cached by `printer.build` and
    `printer.prepress` themselves, keyed so that a changed file is read again."""

    specs: SpecCache = field(default_factory=SpecCache)

    @property
    def hits(self) -> int:
        return self.specs.hits

    @property
    def misses(self) -> int:
        return self.specs.misses

    def build(self, content_path: Path, output: Path | None, layout: Path | None = None,
              normalize: bool | None = None) -> WarmBuild:
        """Lay out the page and, unless it has fatal findings or `output` is None, write the
        PDF and its summary beside it. Raises `InputError`/`FontError` as `build.build` does."""
        laid = lay_out_page(content_path, layout, normalize, specs=self.specs)
        inputs = inputs_of(laid.edition, laid.layout_path, laid.spec)
        result = BuildResult(laid.edition, laid.page, None, laid.changes, laid.spec)
        summary = summarize(laid.page)
        if output is not None and not result.fatal:
            write_page(laid.page, output, press_of(laid.spec, laid.layout_path))
            write_summary(summary, summary_path(output))
            result.output = output
        return WarmBuild(result, inputs, summary)


def inputs_of(edition: Edition, layout_path: Path, layout_spec: LayoutSpec) -> Inputs:
    fonts_config = layout_spec.fonts_dir / "fonts.yaml"
    return Inputs(
        content=edition.source.resolve(),
        layout=layout_path.resolve(),
        photos=tuple(photo.file.resolve() for photo in edition.photos),
        fonts_config=fonts_config.resolve() if fonts_config.exists() else None,
        profile=layout_spec.print.profile,
    )


CACHE = WarmCache()
