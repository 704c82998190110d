"""Stage: workflow — `printer watch`: rebuild the page on every save of its inputs.

Polls the stamps (mtime, size, inode) of the content file, the layout file and the photos
(and the fonts' `fonts.yaml`) every `interval` seconds; no file-system notification library is
needed. Builds run in this process with `workflow.warm`'s caches, so a rebuild after a copy edit
only reads the content again and sets and writes the page. After each build the page summary is
compared with the previous one (on the first build: with the summary saved beside the PDF by an
earlier run, if any) and the change report is handed to `on_build`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from printer.build import BuildResult
from printer.cache import Stamp
from printer.errors import InputError
from printer.fonts.book import FontError
from printer.workflow.files import stamps
from printer.workflow.report import ChangeReport, compare
from printer.workflow.summary import PageSummary, read_summary, summary_path
from printer.workflow.warm import CACHE, Inputs, WarmCache

SETTLE = 0.02  # seconds to wait after a change is seen, so a save in several writes is whole


@dataclass
class WatchEvent:
    """One build of the watch loop."""

    number: int  # from 1
    changed: tuple[Path, ...]  # the files whose save triggered it (none for the first build)
    seconds: float  # the build alone: load, make up, write PDF and summary
    result: BuildResult | None = None
    inputs: Inputs | None = None
    summary: PageSummary | None = None
    report: ChangeReport | None = None  # None when there was nothing to compare with
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class WatchOptions:
    layout: Path | None = None
    normalize: bool | None = None
    interval: float = 0.2
    stop_after: int | None = None  # builds, the first included
    timeout: float | None = None  # seconds; stop waiting for a change after this long


def watch(content: Path, output: Path, options: WatchOptions | None = None,
          on_build: Callable[[WatchEvent], None] | None = None,
          cache: WarmCache = CACHE) -> list[WatchEvent]:
    """Build now and again on every change until `stop_after` builds or `timeout` seconds."""
    options = options or WatchOptions()
    deadline = None if options.timeout is None else time.monotonic() + options.timeout
    previous = read_summary(summary_path(output))
    files = _initial_files(content, options.layout)
    events: list[WatchEvent] = []
    changed: tuple[Path, ...] = ()
    while True:
        before = stamps(files)
        event = _rebuild(len(events) + 1, changed, content, output, options, cache, previous)
        previous = event.summary or previous
        if event.inputs is not None:
            files = sorted(set(event.inputs.files()) | set(files))
            before.update({path: stamp for path, stamp in stamps(files).items()
                           if path not in before})
        events.append(event)
        if on_build is not None:
            on_build(event)
        if options.stop_after is not None and len(events) >= options.stop_after:
            return events
        found = _wait_for_change(files, before, options.interval, deadline)
        if found is None:
            return events
        changed = found


def _initial_files(content: Path, layout: Path | None) -> list[Path]:
    return [path.resolve() for path in (content, layout) if path is not None]


def _rebuild(number: int, changed: tuple[Path, ...], content: Path, output: Path,
             options: WatchOptions, cache: WarmCache,
             previous: PageSummary | None) -> WatchEvent:
    start = time.perf_counter()
    try:
        built = cache.build(content, output, options.layout, options.normalize)
    except (InputError, FontError) as error:
        return WatchEvent(number, changed, time.perf_counter() - start, error=str(error))
    seconds = time.perf_counter() - start
    event = WatchEvent(number, changed, seconds, built.result, built.inputs, built.summary)
    if built.result.fatal:
        fatal = "; ".join(f"{f.element}: {f.message}" for f in built.result.fatal)
        event.error = f"nothing written: {fatal}"
        event.summary = None
        return event
    if previous is not None:
        event.report = compare(previous, built.summary)
    return event


def _wait_for_change(files: list[Path], before: dict[Path, Stamp | None], interval: float,
                     deadline: float | None) -> tuple[Path, ...] | None:
    """Sleep until a file's stamp differs from `before`; None when the deadline passes."""
    while deadline is None or time.monotonic() < deadline:
        time.sleep(interval if deadline is None else
                   max(0.0, min(interval, deadline - time.monotonic())))
        now = stamps(files)
        changed = tuple(path for path in files if now[path] != before.get(path))
        if changed:
            time.sleep(SETTLE)
            return changed
    return None
