"""Test run set-up: the on-disk cache of separated photos goes to a fresh folder, so no
test passes on work an earlier run (or a developer's builds) left in ~/.cache."""

from __future__ import annotations

import os
import tempfile

os.environ["PRINTER_CACHE_DIR"] = tempfile.mkdtemp(prefix="printer-test-cache-")
