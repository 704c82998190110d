"""Stage: workflow — `printer batch`: many editions across worker processes.

Each edition is built in a worker of a `ProcessPoolExecutor`; a worker keeps its warm caches
(fonts, layout specs, ReportLab's registered faces) from one edition to the next. A failure is
the edition's own: its error is reported with file and line and the others still build; a
worker that dies is replaced and its edition tried once more. Every file is written atomically
(temporary file, then rename), workers clean up their temporary file when terminated, and the
batch holds a lock on its out dir, so a killed batch leaves only whole PDFs and the next run
sweeps any leftover temporary file. A rerun skips an edition whose inputs have the same
fingerprint as when its PDF was made: the bytes of its content, layout, photos and fonts.yaml,
its options and the printer version, kept in `OUT_DIR/.batch-state.json`.
"""

from __future__ import annotations

import ctypes
import fcntl
import json
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import printer
from printer.errors import InputError
from printer.fonts.book import FontError
from printer.workflow.contact import Tile, contact_sheet, draw_thumbnail, render_thumbnail
from printer.workflow.files import atomic_write, digest_files, stale_temp_files
from printer.workflow.manifest import EditionJob
from printer.workflow.warm import CACHE

STATE_FILE = ".batch-state.json"
LOCK_FILE = ".batch.lock"
THUMBS = ".thumbs"
CONTACT_SHEET = "contact-sheet.png"
STATE_FORMAT = "printer-batch-state/1"
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class EditionResult:
    output: str
    status: str  # built, skipped, failed
    seconds: float = 0.0
    warnings: tuple[str, ...] = ()
    overset: tuple[str, ...] = ()
    error: str | None = None
    digest: str | None = None
    inputs: tuple[str, ...] = ()
    pid: int = 0
    peak_kib: int = 0  # the worker's peak resident memory so far

    @property
    def errors(self) -> tuple[str, ...]:
        """Findings of severity error (an overset story): written, but not fit for press."""
        return tuple(line for line in self.warnings if line.startswith("error: "))

    @property
    def ok(self) -> bool:
        return self.status != "failed" and not self.errors


@dataclass
class BatchOptions:
    out_dir: Path
    jobs: int = 0  # worker processes; 0: one per core
    force: bool = False
    thumbnails: bool = True


@dataclass
class BatchReport:
    results: list[EditionResult] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    contact_sheet: Path | None = None

    @property
    def failed(self) -> list[EditionResult]:
        return [result for result in self.results if result.status == "failed"]

    @property
    def with_errors(self) -> list[EditionResult]:
        """Editions written with error findings (overset…), skipped ones included."""
        return [result for result in self.results if result.errors]

    @property
    def with_warnings(self) -> list[EditionResult]:
        return [result for result in self.results if result.warnings]


def fingerprint(inputs: list[Path] | tuple[str, ...], normalize: bool | None) -> str:
    version = f"printer {printer.__version__}"
    return digest_files([Path(path) for path in inputs], (version, f"normalize={normalize}"))


# ------------------------------------------------------------------------- in the workers
def _worker_init() -> None:
    """Ignore Ctrl-C (the batch handles it); on SIGTERM, also sent when the batch process
    dies, stop: unwinding first when an edition is being built, so that an atomic write in
    progress removes its temporary file."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _terminate)
    with suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


_BUILDING = False  # in a worker: an edition is being built
_STOPPING = False  # in a worker: told to stop while building, unwinding


def _terminate(signum: int, frame: Any) -> None:
    global _STOPPING
    if not _BUILDING:
        os._exit(128 + signum)  # idle, or between editions: nothing to clean up
    if _STOPPING:
        return  # told again (the pool terminates its workers too): let the clean-up finish
    _STOPPING = True
    raise SystemExit(128 + signum)  # caught in build_edition, after the clean-up


def build_edition(job: EditionJob, out_dir: Path, thumbnails: bool = True) -> EditionResult:
    """Build one edition (in a worker); never raises for a problem of the edition itself."""
    global _BUILDING
    start = time.perf_counter()
    output = out_dir / job.output
    try:
        _BUILDING = True
        built = CACHE.build(job.content, output, job.layout, job.normalize)
        result = built.result
        if result.output is None:
            fatal = "; ".join(f"{f.element}: {f.message}" for f in result.fatal)
            return _failed(job, start, f"{job.content}: nothing written: {fatal}")
        inputs = tuple(str(path) for path in built.inputs.files())
        if thumbnails:
            draw_thumbnail(result.page, out_dir / THUMBS / f"{output.stem}.png")
    except (InputError, FontError) as error:
        return _failed(job, start, str(error))
    except SystemExit:
        os._exit(143)  # terminated: the atomic writes have removed their temporary files
    except Exception as error:  # isolate the edition: report, and let the others build
        return _failed(job, start, f"{job.content}: {type(error).__name__}: {error}")
    finally:
        _BUILDING = False
        if _STOPPING:  # a library swallowed the SystemExit: stop now all the same
            os._exit(143)
    return EditionResult(
        job.output, "built", time.perf_counter() - start,
        warnings=tuple(f"{f.severity}: {f.element}: {f.message}" for f in result.warnings),
        overset=tuple(f"{f.element}: {f.lines} lines" for f in result.findings
                      if f.kind == "overset"),
        digest=fingerprint(inputs, job.normalize), inputs=inputs, pid=os.getpid(),
        peak_kib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    )


def _failed(job: EditionJob, start: float, message: str) -> EditionResult:
    return EditionResult(job.output, "failed", time.perf_counter() - start, error=message,
                         pid=os.getpid(),
                         peak_kib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


# ------------------------------------------------------------------------- state of the out dir
def load_state(out_dir: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((out_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        return {}
    editions = data.get("editions")
    return editions if isinstance(editions, dict) else {}


def save_state(out_dir: Path, state: dict[str, dict[str, Any]]) -> None:
    data = {"format": STATE_FORMAT, "editions": dict(sorted(state.items()))}
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    atomic_write(out_dir / STATE_FILE, text.encode("utf-8"))


def unchanged(job: EditionJob, out_dir: Path, state: dict[str, dict[str, Any]]) -> bool:
    """Whether the edition's PDF exists and was made from inputs with today's fingerprint."""
    entry = state.get(job.output)
    if not entry or entry.get("status") != "built" or not (out_dir / job.output).exists():
        return False
    if entry.get("content") != str(job.content.resolve()) or \
            entry.get("layout") != (str(job.layout.resolve()) if job.layout else None):
        return False
    inputs = tuple(entry.get("inputs", ()))
    return bool(inputs) and fingerprint(inputs, job.normalize) == entry.get("digest")


def _state_entry(job: EditionJob, result: EditionResult) -> dict[str, Any]:
    entry = asdict(result)
    entry.update(content=str(job.content.resolve()),
                 layout=str(job.layout.resolve()) if job.layout else None)
    return entry


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold the out dir's lock; raise `BlockingIOError` if another batch holds it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK_FILE, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def sweep(out_dir: Path) -> list[Path]:
    """Remove temporary files left by a killed run (call with the lock held)."""
    stale = stale_temp_files(out_dir) + stale_temp_files(out_dir / THUMBS)
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


# ------------------------------------------------------------------------- running a batch
def run_batch(jobs: list[EditionJob], options: BatchOptions, reporter: Any = None,
              on_result: Callable[[EditionResult], None] | None = None) -> BatchReport:
    """Build `jobs` into `options.out_dir`; `reporter` is a `progress.Reporter` (or None).
    An interrupt (Ctrl-C, SIGTERM) stops the workers and returns the report so far."""
    started = time.perf_counter()
    out_dir = options.out_dir
    report = BatchReport()
    with locked(out_dir):
        sweep(out_dir)
        state = load_state(out_dir)
        done: dict[str, EditionResult] = {}
        todo = [job for job in jobs if options.force or not unchanged(job, out_dir, state)]
        if reporter is not None:
            reporter.start(len(jobs))

        def record(job: EditionJob, result: EditionResult) -> None:
            done[job.output] = result
            if result.status == "built":
                state[job.output] = _state_entry(job, result)
            elif result.status == "failed":
                state.pop(job.output, None)
            save_state(out_dir, state)
            if reporter is not None:
                reporter.advance(describe(result))
            if on_result is not None:
                on_result(result)

        for job in jobs:
            if job not in todo:
                record(job, _skipped(job, state[job.output]))
        try:
            for job, result in _execute(todo, options):
                record(job, result)
        except KeyboardInterrupt:
            report.interrupted = True
        finally:
            if reporter is not None:
                reporter.stop()
        report.results = [done[job.output] for job in jobs if job.output in done]
        if options.thumbnails and not report.interrupted:
            report.contact_sheet = _contact_sheet(jobs, done, out_dir)
    report.seconds = time.perf_counter() - started
    return report


def _skipped(job: EditionJob, entry: dict[str, Any]) -> EditionResult:
    return EditionResult(job.output, "skipped", warnings=tuple(entry.get("warnings", ())),
                         overset=tuple(entry.get("overset", ())),
                         digest=entry.get("digest"), inputs=tuple(entry.get("inputs", ())))


def describe(result: EditionResult) -> str:
    if result.status == "failed":
        first = (result.error or "").splitlines()[0] if result.error else "failed"
        return f"failed {result.output}: {first}"
    if result.status == "skipped":
        return f"skipped {result.output} (unchanged)"
    return f"built {result.output} in {result.seconds:.2f} s{_counts(result, ', ')}"


def _counts(result: EditionResult, lead: str = "") -> str:
    """The edition's problems, e.g. `1 error, 2 warnings` (errors apart from the other
    warnings), after `lead`; "" when it has none."""
    errors = len(result.errors)
    warnings = len(result.warnings) - errors
    parts = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return lead + ", ".join(parts) if parts else ""


def _execute(todo: list[EditionJob], options: BatchOptions
             ) -> Iterator[tuple[EditionJob, EditionResult]]:
    workers = min(options.jobs or os.cpu_count() or 1, len(todo))
    if workers <= 1:
        for job in todo:
            yield job, build_edition(job, options.out_dir, options.thumbnails)
        return
    retry: list[EditionJob] = []
    for job, result in _in_pool(todo, options, workers):
        if result is None:
            retry.append(job)
        else:
            yield job, result
    for job in retry:  # each alone: an edition that kills its worker fails on its own
        for _, result in _in_pool([job], options, 1):
            yield job, result or _failed(job, time.perf_counter(),
                                         f"{job.content}: the worker building it died")


def _in_pool(jobs: list[EditionJob], options: BatchOptions, workers: int
             ) -> Iterator[tuple[EditionJob, EditionResult | None]]:
    """Build `jobs` in a pool; an edition whose worker died yields None."""
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init)
    finished = False
    try:
        futures: dict[Future[EditionResult], EditionJob] = {
            pool.submit(build_edition, job, options.out_dir, options.thumbnails): job
            for job in jobs
        }
        for future in as_completed(futures):
            job = futures[future]
            try:
                yield job, future.result()
            except BrokenProcessPool:
                yield job, None
        finished = True
    finally:
        if not finished:
            for child in multiprocessing.active_children():
                child.terminate()
        pool.shutdown(wait=True, cancel_futures=True)


def _contact_sheet(jobs: list[EditionJob], done: dict[str, EditionResult],
                   out_dir: Path) -> Path:
    tiles = []
    for job in jobs:
        result = done.get(job.output)
        pdf = out_dir / job.output
        thumb = out_dir / THUMBS / f"{pdf.stem}.png"
        status = result.status if result else "failed"
        if status != "failed" and pdf.exists() and not thumb.exists():
            render_thumbnail(pdf, thumb)
        note = _counts(result) if result else ""
        if result and result.error:
            note = result.error.splitlines()[0]
        tiles.append(Tile(job.output, status, note, thumb if status != "failed" else None))
    return contact_sheet(tiles, out_dir / CONTACT_SHEET)


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """Within the block, SIGTERM stops the batch as Ctrl-C does (the workers are stopped)."""
    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
