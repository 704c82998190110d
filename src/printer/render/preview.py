"""Stage: rendering — PNG previews of a built PDF, rendered with PDFium (pypdfium2)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from printer.atomic import write_atomically


def render_png(pdf: Path, target: Path, dpi: float = 100.0) -> Path:
    """Render the first page of `pdf` at `dpi` into `target` (written atomically)."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        bitmap = page.render(scale=dpi / 72.0)
        image = bitmap.to_pil()
    finally:
        document.close()
    rgb = image.convert("RGB")
    write_atomically(target, lambda temp: rgb.save(temp, "PNG", optimize=True))
    return target
