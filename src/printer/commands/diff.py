"""Stage: command line — `printer diff`: mark what changed between two versions of a page.

    printer diff OLD NEW [-o changes.png] [--dpi 60] [--layout L]

OLD and NEW are PDFs, or content files that are first built to temporary PDFs. Writes the new
page as a PNG with the changed areas boxed in red (default: beside NEW, `NAME.diff.png`; for a
content file `out/NAME.diff.png`) and prints one line per changed area. Exit codes as diff(1):
0 no change, 1 changes, 2 trouble (bad input, unreadable PDF).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from printer.build import default_output
from printer.commands import EXIT_BAD_INPUT, EXIT_OK, EXIT_WARNINGS
from printer.errors import InputError
from printer.fonts.book import FontError

CONTENT_SUFFIXES = (".yaml", ".yml")


def register(commands: Any) -> None:
    command = commands.add_parser("diff", help="mark the changed areas between two pages")
    command.add_argument("old", type=Path, help="old PDF or content YAML")
    command.add_argument("new", type=Path, help="new PDF or content YAML")
    command.add_argument("-o", "--output", type=Path, help="PNG to write")
    command.add_argument("--dpi", type=float, default=60.0, help="comparison resolution")
    command.add_argument("--layout", type=Path, help="layout for content files")
    command.set_defaults(run=run_diff)


def default_png(new: Path) -> Path:
    if new.suffix in CONTENT_SUFFIXES:
        return default_output(new).with_name(new.stem + ".diff.png")
    return new.with_name(new.stem + ".diff.png")


def _as_pdf(path: Path, slot: str, folder: Path, layout: Path | None) -> Path:
    if path.suffix not in CONTENT_SUFFIXES:
        return path
    from printer.workflow.warm import CACHE

    pdf = folder / f"{slot}.pdf"
    built = CACHE.build(path, pdf, layout)
    if built.result.output is None:
        fatal = "; ".join(f"{f.element}: {f.message}" for f in built.result.fatal)
        raise InputError(path, None, "", f"cannot be built: {fatal}")
    return pdf


def run_diff(args: argparse.Namespace) -> int:
    from printer.workflow.pdfdiff import diff_pdfs

    png = args.output or default_png(args.new)
    with tempfile.TemporaryDirectory(prefix="printer-diff-") as folder:
        try:
            old = _as_pdf(args.old, "old", Path(folder), args.layout)
            new = _as_pdf(args.new, "new", Path(folder), args.layout)
            result = diff_pdfs(old, new, png, args.dpi)
        except (InputError, FontError) as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        except Exception as error:  # an unreadable PDF: pypdfium2 raises its own errors
            print(f"error: cannot compare {args.old} and {args.new}: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
    if result.size_changed:
        print("the page size changed: the whole page differs")
    if result.regions:
        print("changed regions (from the trim's top-left corner; elements they overlap):")
    for number, region in enumerate(result.regions, 1):
        print(f"region {number}: {region.describe()}")
    print(f"{len(result.regions)} changed regions; wrote {png}")
    return EXIT_WARNINGS if result.regions else EXIT_OK
