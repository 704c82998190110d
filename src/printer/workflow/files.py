"""Stage: workflow — files: atomic writes, change stamps and input fingerprints."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from printer.atomic import write_atomically
from printer.cache import Stamp, stamp

TEMP_PREFIX = ".printer-"
"""Temporary files of an atomic write (`printer.atomic`) start with this."""


def stamps(paths: Iterable[Path]) -> dict[Path, Stamp | None]:
    return {path: stamp(path) for path in paths}


def atomic_write(target: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `target`, then rename it over `target`."""
    def write(temp: Path) -> None:
        temp.write_bytes(data)

    write_atomically(target, write)


def digest_files(paths: Iterable[Path], extra: Iterable[str] = ()) -> str:
    """SHA-256 over the names and bytes of `paths` (a missing file counts as such) and `extra`."""
    sha = hashlib.sha256()
    for text in extra:
        sha.update(text.encode("utf-8") + b"\0")
    for path in paths:
        sha.update(str(path).encode("utf-8") + b"\0")
        try:
            sha.update(path.read_bytes())
        except OSError:
            sha.update(b"<missing>")
        sha.update(b"\0")
    return sha.hexdigest()


def stale_temp_files(folder: Path) -> list[Path]:
    """Leftovers of atomic writes that did not finish (a killed process)."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob(TEMP_PREFIX + "*") if path.is_file())
