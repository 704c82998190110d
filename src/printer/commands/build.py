"""Stage: command line — `printer build` and `printer preview`.

Exit codes: 0 built; 1 built, but with errors (an overset story: the PDF is written so the
desk can see it, and records them for `printer check`), or with warnings and `--strict` asked
to treat them as errors; 2 bad input (nothing written, an existing output left untouched).
A build that exits 0 prints no `error:` line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from printer.build import BuildResult, build, default_output
from printer.commands import EXIT_BAD_INPUT, EXIT_OK, EXIT_WARNINGS
from printer.content.normalize import describe
from printer.errors import InputError
from printer.fonts.book import FontError


def add_build_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("content", type=Path, help="content YAML file")
    command.add_argument("--layout", type=Path, help="layout YAML (default: the content's)")
    command.add_argument("-o", "--output", type=Path, help="output file")
    command.add_argument("--strict", action="store_true",
                         help="exit 1 when the build has warnings (loose lines…), as it does "
                              "for errors (overset); information (copyfit steps, a balanced "
                              "hole) does not count")
    command.add_argument("--no-normalize", dest="normalize", action="store_false", default=None,
                         help="set the copy's ASCII punctuation as written")
    command.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    command.add_argument("--marks", action="store_true", default=None,
                         help="draw crop marks outside the bleed (default: print.marks)")
    command.add_argument("--overlay", action="store_true",
                         help="draw the grid, slots and frames over the page (for designers)")


def register(commands: Any) -> None:
    build_parser = commands.add_parser("build", help="build the page as a print PDF")
    add_build_options(build_parser)
    build_parser.set_defaults(run=run_build)
    preview = commands.add_parser("preview", help="build the page and write a PNG preview")
    add_build_options(preview)
    preview.add_argument("--dpi", type=float, default=100.0, help="preview resolution")
    preview.set_defaults(run=run_preview)


def print_report(result: BuildResult, quiet: bool) -> None:
    for finding in result.findings:
        print(f"{finding.severity}: {finding.element}: {finding.message}", file=sys.stderr)
    if quiet:
        return
    if result.changes:
        print(describe(result.changes), file=sys.stderr)
    if result.output is not None:
        print(f"wrote {result.output}")


def _build(args: argparse.Namespace, pdf: Path) -> tuple[int, BuildResult | None]:
    try:
        result = build(args.content, pdf, args.layout, args.normalize, args.overlay,
                       marks=args.marks)
    except (InputError, FontError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT, None
    print_report(result, args.quiet)
    if result.fatal:
        print(f"error: nothing written; {pdf} is unchanged", file=sys.stderr)
        return EXIT_BAD_INPUT, result
    return exit_code(result, args.strict), result


def exit_code(result: BuildResult, strict: bool) -> int:
    """A written page's exit code: 1 with an error finding (printed as `error:`), or with a
    warning under `--strict`; else 0."""
    if any(finding.severity == "error" for finding in result.findings):
        return EXIT_WARNINGS
    if strict and result.warnings:
        return EXIT_WARNINGS
    return EXIT_OK


def run_build(args: argparse.Namespace) -> int:
    code, result = _build(args, args.output or default_output(args.content))
    if result is not None and result.output is not None:
        from printer.workflow.summary import summarize, summary_path, write_summary

        # What `printer diff` and `printer watch` compare a later build against.
        write_summary(summarize(result.page), summary_path(result.output))
    return code


def run_preview(args: argparse.Namespace) -> int:
    from printer.render.preview import render_png

    pdf = default_output(args.content)
    code, result = _build(args, pdf)
    if result is None or result.output is None:
        return code
    png = args.output or pdf.with_suffix(".png")
    render_png(pdf, png, args.dpi)
    if not args.quiet:
        print(f"wrote {png}")
    return code
