"""Stage: rendering — PNG previews of a built PDF, rendered with PDFium (pypdfium2)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pypdfium2 as pdfium


def render_png(pdf: Path, target: Path, dpi: float = 100.0) -> Path:
    """Render the first page of `pdf` at `dpi` into `target` (written atomically)."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        bitmap = page.render(scale=dpi / 72.0)
        image = bitmap.to_pil()
    finally:
        document.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".printer-", suffix=".png", dir=target.parent)
    os.close(handle)
    try:
        image.convert("RGB").save(temp_name, "PNG", optimize=True)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return target
