"""Stage: command line — `printer watch`: rebuild the page on every save, with a change report.

    printer watch content/x.yaml [--layout L] [-o out/x.pdf] [--interval 0.2]
                                 [--once | --max-builds N] [--timeout S]

Runs until interrupted (Ctrl-C), after `--max-builds` builds, or when no change came for
`--timeout` seconds. Exit code: 0, or 2 when the last build failed on bad input.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from printer.build import default_output
from printer.commands import EXIT_BAD_INPUT, EXIT_OK
from printer.errors import display_path

if TYPE_CHECKING:  # the workflow is imported when the command runs
    from printer.workflow.watch import WatchEvent


def register(commands: Any) -> None:
    command = commands.add_parser("watch", help="rebuild the page on every save of its inputs")
    command.add_argument("content", type=Path, help="content YAML file")
    command.add_argument("--layout", type=Path, help="layout YAML (default: the content's)")
    command.add_argument("-o", "--output", type=Path, help="output PDF (default: out/NAME.pdf)")
    command.add_argument("--interval", type=float, default=0.2,
                         help="seconds between checks for a change (default 0.2)")
    command.add_argument("--once", action="store_true", help="build once, report, and exit")
    command.add_argument("--max-builds", type=int, help="exit after this many builds")
    command.add_argument("--timeout", type=float,
                         help="exit when no change has come for this many seconds")
    command.add_argument("--no-normalize", dest="normalize", action="store_false", default=None,
                         help="set the copy's ASCII punctuation as written")
    command.set_defaults(run=run_watch)


def print_event(event: WatchEvent) -> None:
    clock = time.strftime("%H:%M:%S")
    why = ", ".join(display_path(path) for path in event.changed) or "start"
    if not event.ok:
        print(f"[{event.number}] {clock} build failed ({why}):\n{event.error}", file=sys.stderr)
        return
    assert event.result is not None and event.result.output is not None
    count = len(event.result.findings)
    print(f"[{event.number}] {clock} wrote {event.result.output} in "
          f"{event.seconds * 1000:.0f} ms ({why}); {count} finding{'s' if count != 1 else ''}")
    if event.report is not None:
        for line in event.report.lines():
            print(f"    {line}")
    sys.stdout.flush()


def run_watch(args: argparse.Namespace) -> int:
    from printer.workflow.watch import WatchOptions, watch

    options = WatchOptions(
        layout=args.layout,
        normalize=args.normalize,
        interval=args.interval,
        stop_after=1 if args.once else args.max_builds,
        timeout=args.timeout,
    )
    output = args.output or default_output(args.content)
    if not (args.once or args.max_builds == 1):
        print(f"watching {args.content}; Ctrl-C to stop", file=sys.stderr)
    try:
        events = watch(args.content, output, options, on_build=print_event)
    except KeyboardInterrupt:
        return EXIT_OK
    return EXIT_OK if not events or events[-1].ok else EXIT_BAD_INPUT
