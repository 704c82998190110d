"""Stage: command line — the `printer` program: parses arguments, runs a subcommand."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from printer.commands import batch as batch_command
from printer.commands import build as build_command
from printer.commands import check as check_command
from printer.commands import diff as diff_command
from printer.commands import watch as watch_command

COMMANDS = [build_command, watch_command, diff_command, batch_command, check_command]


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="printer", description="Typeset print-ready Chinese newspaper pages."
    )
    commands = main_parser.add_subparsers(dest="command", required=True)
    for module in COMMANDS:
        module.register(commands)
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
