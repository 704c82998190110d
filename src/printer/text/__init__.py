"""Stage: line composition. Turns rich Chinese text into justified lines of positioned glyphs.

This package knows nothing of YAML, files or ReportLab: it takes spans, a style, a measure and
a metrics provider, and returns lines whose glyphs already carry their x offsets.
"""

from printer.text.model import ComposeStyle, Glyph, Line, Paragraph, Problem, PunctStyle, Span

__all__ = ["ComposeStyle", "Glyph", "Line", "Paragraph", "Problem", "PunctStyle", "Span"]
