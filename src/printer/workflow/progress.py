"""Stage: workflow — a batch's progress: a rich progress bar on a terminal, plain lines else.

Both show done/total, the rate in pages per second and the time left; the plain form prints
one line per finished edition so logs of unattended runs stay readable.
"""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class Reporter(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self, line: str) -> None: ...

    def stop(self) -> None: ...


class PlainProgress:
    """`[ 3/20] 2.4 pages/s, 7 s left — built jiaozuo-2022.pdf in 0.52 s`"""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.total = 0
        self.done = 0
        self.started = time.monotonic()

    def start(self, total: int) -> None:
        self.total, self.done, self.started = total, 0, time.monotonic()

    def advance(self, line: str) -> None:
        self.done += 1
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        width = len(str(self.total))
        print(f"[{self.done:{width}d}/{self.total}] {rate:.1f} pages/s, {left:.0f} s left — "
              f"{line}", file=self.stream, flush=True)

    def stop(self) -> None:
        pass


class RichProgress:
    """A live bar: description, bar, done/total, pages per second, elapsed, time left."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress = Progress(
            TextColumn("[bold]batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self.task: TaskID | None = None
        self.started = time.monotonic()

    def start(self, total: int) -> None:
        self.started = time.monotonic()
        self.task = self.progress.add_task("batch", total=total, rate="")
        self.progress.start()

    def advance(self, line: str) -> None:
        assert self.task is not None
        self.progress.console.print(line, markup=False, highlight=False)
        done = self.progress.tasks[0].completed + 1
        rate = done / max(time.monotonic() - self.started, 1e-6)
        self.progress.update(self.task, advance=1, rate=f"{rate:.1f} pages/s")

    def stop(self) -> None:
        self.progress.stop()


def reporter_for(stream: TextIO | None = None) -> Reporter:
    """A rich bar when `stream` (default stdout) is a terminal, else plain lines."""
    stream = stream or sys.stdout
    console = Console(file=stream)
    if console.is_terminal:
        return RichProgress(console)
    return PlainProgress(stream)
