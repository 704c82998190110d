"""Stage: preflight — would a printing plant's RIP accept this page unchanged?

`check_pdf(path)` reads a PDF alone (with the errors and warnings a printer build recorded in
it, such as an overset story); `check_content(path)` builds a content file and checks the
layout's findings (overset, underset, missing glyphs) with the PDF. Both return a `Report`
whose findings name their check — story fit, glyphs, line rules, fonts, colour, ink,
overprint, images, page boxes, PDF/X keys, type area — and whose exit code says whether the
page would print. Rules cite the typesetting reference §5, ISO 15930-7 (PDF/X-4) and
ISO 12647-3 / WAN-IFRA (newsprint).
"""

from printer.preflight.report import Finding, Report
from printer.preflight.run import check_content, check_pdf

__all__ = ["Finding", "Report", "check_content", "check_pdf"]
