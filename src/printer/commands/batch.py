"""Stage: command line — `printer batch`: build many editions, in parallel, for the desk.

    printer batch MANIFEST_OR_CONTENT... [--layout L] [--out-dir DIR] [--jobs N] [--force]
                                         [--strict] [--no-contact-sheet]

Arguments are edition manifests (YAML with an `editions` list, see `workflow.manifest`) or
content files. Editions whose inputs have not changed since their PDF was made are skipped
unless `--force`. Writes the PDFs, a `.summary.json` beside each, and `contact-sheet.png`.
Exit codes: 0 all built; 1 an edition was built with errors (an overset story: its PDF is
written and records them), or some have warnings and `--strict` was given; 2 an edition failed
(the others are still built) or the manifest is bad; 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from printer.commands import EXIT_BAD_INPUT, EXIT_OK, EXIT_WARNINGS
from printer.errors import InputError, display_path

if TYPE_CHECKING:  # the workflow (Pillow, PDFium, rich) is imported when the command runs
    from printer.workflow.batch import BatchReport

EXIT_INTERRUPTED = 130


def register(commands: Any) -> None:
    command = commands.add_parser("batch", help="build many editions in parallel")
    command.add_argument("inputs", type=Path, nargs="+", metavar="MANIFEST_OR_CONTENT",
                         help="edition manifests or content files")
    command.add_argument("--layout", type=Path, help="layout for every edition")
    command.add_argument("--out-dir", type=Path,
                         help="where the PDFs go (default: the manifest's out_dir, else out)")
    command.add_argument("-j", "--jobs", type=int, default=0,
                         help="worker processes (default: one per core)")
    command.add_argument("--force", action="store_true", help="rebuild unchanged editions too")
    command.add_argument("--strict", action="store_true",
                         help="exit 1 when an edition has warnings (loose lines…), as for "
                              "errors (overset)")
    command.add_argument("--no-contact-sheet", dest="thumbnails", action="store_false",
                         help="skip the thumbnails and contact-sheet.png")
    command.set_defaults(run=run_batch_command)


def print_summary(report: BatchReport) -> None:
    rows = [(r.output, r.status, str(len(r.warnings)), str(len(r.overset)), str(len(r.errors)),
             f"{r.seconds:.2f} s" if r.status != "skipped" else "-") for r in report.results]
    header = ("edition", "status", "warnings", "overset", "errors", "time")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    for result in report.failed:
        print(f"error: {result.output}: {result.error}", file=sys.stderr)
    for result in report.with_errors:
        for line in result.errors:
            print(f"error: {result.output}: {line.removeprefix('error: ')}", file=sys.stderr)
    built = sum(result.status == "built" for result in report.results)
    skipped = sum(result.status == "skipped" for result in report.results)
    errors = f", {len(report.with_errors)} with errors" if report.with_errors else ""
    print(f"{built} built, {skipped} skipped, {len(report.failed)} failed{errors} "
          f"in {report.seconds:.2f} s")
    if report.contact_sheet is not None:
        print(f"wrote {display_path(report.contact_sheet)}")


def run_batch_command(args: argparse.Namespace) -> int:
    from printer.workflow.batch import BatchOptions, run_batch, sigterm_interrupts
    from printer.workflow.manifest import collect_jobs
    from printer.workflow.progress import reporter_for

    try:
        batch = collect_jobs(args.inputs, args.layout, args.out_dir)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    options = BatchOptions(batch.out_dir, args.jobs, args.force, args.thumbnails)
    try:
        with sigterm_interrupts():
            report = run_batch(list(batch.jobs), options, reporter_for(sys.stdout))
    except BlockingIOError:
        print(f"error: another batch is writing to {batch.out_dir}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print_summary(report)
    if report.interrupted:
        print("interrupted: the PDFs listed above are whole; rerun to build the rest",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    if report.failed:
        return EXIT_BAD_INPUT
    if report.with_errors or (args.strict and report.with_warnings):
        return EXIT_WARNINGS
    return EXIT_OK
