"""Stage: command line — `printer check`: the preflight report of a PDF or a content file.

Prints one line per finding, "error|warning|info|ok: <check>: <message>", or with `--json` a
structured report. Exit codes as for `printer build`: 0 would print (warnings allowed), 1 has
warnings and `--strict` was asked, 2 would not print (any error) or the input is bad.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from printer.commands import EXIT_BAD_INPUT
from printer.errors import InputError
from printer.fonts.book import FontError


def register(commands: Any) -> None:
    check = commands.add_parser("check", help="preflight a PDF or a content file for print")
    check.add_argument("source", type=Path, help="a PDF, or a content YAML file to build")
    check.add_argument("--layout", type=Path, help="layout YAML (default: the content's)")
    check.add_argument("--json", action="store_true", help="print a JSON report")
    check.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    from printer.preflight import check_content, check_pdf

    source: Path = args.source
    if not source.is_file():
        print(f"error: {source}: no such file", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        is_pdf = _is_pdf(source)
        report = check_pdf(source) if is_pdf else check_content(source, args.layout)
    except (InputError, FontError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(report.as_json(args.strict) if args.json else report.text())
    return report.exit_code(args.strict)


def _is_pdf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(1024).lstrip().startswith(b"%PDF-")
