"""Stage: command line — one module per `printer` subcommand.

Each module has `register(subparsers)` that adds its parser and sets `run` as the handler,
a function taking the parsed arguments and returning the exit code.
"""

EXIT_OK, EXIT_WARNINGS, EXIT_BAD_INPUT = 0, 1, 2
