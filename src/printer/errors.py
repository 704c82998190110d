"""Stage: content loading and layout spec loading — errors in the user's input files.

Every problem found in a content or layout file is reported as an `InputError` that names the
file, the line and the dotted key of the offending value, so that the message reads like a
compiler diagnostic::

    content/x.yaml:12: article.sections[2].banner: expected a string, got a list

Loaders collect several problems with `ErrorCollector` and raise them together as
`InputErrors`, one per line, ordered by line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

KeyPath = tuple[str | int, ...]
"""A path into a YAML document: mapping keys and list indices, outermost first."""


def dotted(path: Sequence[str | int]) -> str:
    """Format a key path the way messages show it: `article.sections[2].banner`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def display_path(file: Path) -> str:
    """The file relative to the current directory when it lies below it, else as given."""
    try:
        return str(file.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(file)


class InputError(Exception):
    """A problem in an input file, located by file, line (1-based) and dotted key."""

    def __init__(
        self,
        file: Path,
        line: int | None,
        key: str,
        message: str,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.file = file
        self.line = line
        self.key = key
        self.message = message
        self.column = column

    def location(self) -> str:
        where = display_path(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        key = f" {self.key}:" if self.key else ""
        return f"{self.location()}:{key} {self.message}"

    def __repr__(self) -> str:
        return f"InputError({str(self)!r})"


class InputErrors(InputError):
    """Several input errors at once. Its own fields are those of the first error."""

    def __init__(self, errors: Iterable[InputError]) -> None:
        flat: list[InputError] = []
        for error in errors:
            flat.extend(error.errors if isinstance(error, InputErrors) else [error])
        if not flat:
            raise ValueError("InputErrors needs at least one error")
        first = flat[0]
        super().__init__(first.file, first.line, first.key, first.message, first.column)
        self.errors: tuple[InputError, ...] = tuple(flat)

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)

    def __repr__(self) -> str:
        return f"InputErrors({len(self.errors)} errors)"


class ErrorCollector:
    """Collects located errors for one file and raises them together."""

    def __init__(self, file: Path, locate: Callable[[KeyPath], int | None]) -> None:
        self.file = file
        self.locate = locate
        self.errors: list[InputError] = []

    def add(self, path: KeyPath, message: str, line: int | None = None) -> None:
        """Record `message` for the value at `path`; its line comes from the source map."""
        where = self.locate(path) if line is None else line
        self.errors.append(InputError(self.file, where, dotted(path), message))

    def extend(self, errors: Iterable[InputError]) -> None:
        self.errors.extend(errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        """Raise the collected errors: one `InputError`, or `InputErrors` for several."""
        if not self.errors:
            return
        unique: dict[str, InputError] = {}
        for error in self.errors:
            unique.setdefault(str(error), error)
        ordered = sorted(unique.values(), key=lambda e: (e.line or 0, e.key))
        self.errors = []
        if len(ordered) == 1:
            raise ordered[0]
        raise InputErrors(ordered)
