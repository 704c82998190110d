"""Stage: fonts. Which faces exist, which face draws a character for a role, and how wide it is.

The font stage reads `fonts/fonts.yaml` and per-face metrics (cached by `tools/build_fonts.py`)
and answers the composer's questions in em units. It never imports ReportLab.
"""

from printer.fonts.book import FontBook, FontError, FontFace, MetricsCacheWarning

__all__ = ["FontBook", "FontError", "FontFace", "MetricsCacheWarning"]
