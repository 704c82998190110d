"""Stage: output — writing files atomically: a temporary file beside the target, renamed over it
only when complete, so an interrupted or failed write never leaves half a file in its place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".printer-", suffix=target.suffix, dir=target.parent)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, _default_mode())  # mkstemp makes 0600 files; outputs are shared
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Call `write(temp_path)` and move the result over `target`."""
    with atomic_path(target) as temp:
        write(temp)
