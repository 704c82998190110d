"""Stage: support — caching: file stamps that tell a warm process a file changed, and a small
on-disk cache of derived bytes (separated photos), shared by processes, so a new process
rebuilding a page does not redo work an earlier one did.

Entries are keyed by a hash of everything they derive from, so a stale entry is never found;
they are written atomically. The folder is `$PRINTER_CACHE_DIR`, else `$XDG_CACHE_HOME/printer`,
else `~/.cache/printer`; `PRINTER_CACHE_DIR=off` turns the cache off. A cache that cannot be
written (read-only home, full disk) is skipped silently: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from printer.atomic import atomic_path


@dataclass(frozen=True, slots=True)
class Stamp:
    """What changes when a file is saved: modification time, size and inode."""

    mtime_ns: int
    size: int
    inode: int


def stamp(path: Path) -> Stamp | None:
    """The file's stamp, or None when it does not exist (or cannot be read)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return Stamp(info.st_mtime_ns, info.st_size, info.st_ino)


def content_key(*parts: str | bytes) -> str:
    """A hex digest of the parts, each length-prefixed so that no two tuples collide."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class DiskCache:
    def __init__(self, root: Path | None) -> None:
        self.root = root

    def _path(self, key: str) -> Path | None:
        return None if self.root is None else self.root / key[:2] / key

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        if path is None:
            return None
        try:
            return path.read_bytes()
        except OSError:
            return None

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            with atomic_path(path) as temp:
                temp.write_bytes(data)
        except OSError:
            return


@lru_cache(maxsize=1)
def disk_cache() -> DiskCache:
    setting = os.environ.get("PRINTER_CACHE_DIR")
    if setting == "off":
        return DiskCache(None)
    if setting:
        return DiskCache(Path(setting))
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return DiskCache(Path(base) / "printer")
