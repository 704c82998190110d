"""Stage: command line — `printer build`, `printer preview`.

Exit codes: 0 built; 1 built with warnings and `--strict` asked to treat them as errors;
2 bad input (nothing written).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from printer.build import BuildResult, build, default_output
from printer.errors import InputError
from printer.fonts.book import FontError

EXIT_OK, EXIT_WARNINGS, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="printer", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, helptext in (("build", "build the page as a print PDF"),
                           ("preview", "build the page and write a PNG preview")):
        command = commands.add_parser(name, help=helptext)
        command.add_argument("content", type=Path, help="content YAML file")
        command.add_argument("--layout", type=Path, help="layout YAML (default: the content's)")
        command.add_argument("-o", "--output", type=Path, help="output file")
        command.add_argument("--strict", action="store_true",
                             help="exit 1 when the build has warnings (overset, loose lines…)")
        command.add_argument("--no-normalize", dest="normalize", action="store_false",
                             default=None, help="set the copy's ASCII punctuation as written")
        command.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    commands.choices["preview"].add_argument("--dpi", type=float, default=100.0)
    return parser


def _print_report(result: BuildResult, quiet: bool) -> None:
    for finding in result.findings:
        print(f"{finding.severity}: {finding.element}: {finding.message}", file=sys.stderr)
    if quiet:
        return
    if result.changes:
        print(f"normalised {len(result.changes)} marks of ASCII punctuation to full width",
              file=sys.stderr)
    if result.output is not None:
        print(f"wrote {result.output}")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    pdf = args.output if args.command == "build" and args.output else None
    if pdf is None:
        pdf = default_output(args.content)
    try:
        result = build(args.content, pdf, args.layout, args.normalize)
    except (InputError, FontError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    _print_report(result, args.quiet)
    if result.fatal:
        print(f"error: nothing written; {pdf} is unchanged", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.command == "preview":
        from printer.render.preview import render_png

        png = args.output or pdf.with_suffix(".png")
        render_png(pdf, png, args.dpi)
        if not args.quiet:
            print(f"wrote {png}")
    if args.strict and result.findings:
        return EXIT_WARNINGS
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
