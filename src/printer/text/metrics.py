"""Stage: line composition — what the composer asks of fonts.

The composer never opens a font: it asks a `GlyphSource` for the face that draws a character and
its advance in em. The font stage provides one backed by real fonts; tests use `FakeMetrics`.
"""

from __future__ import annotations

from typing import Protocol


class GlyphSource(Protocol):
    """Resolves a character to (face key, advance in em), or None when no face can draw it."""

    def glyph(self, char: str, emphasis: bool) -> tuple[str, float] | None: ...


class FakeMetrics:
    """Test metrics: Han and full-width marks 1 em, Latin letters and digits ½ em, space ¼ em.

    Characters in `missing` have no glyph. Emphasis is drawn by face "fake-bold".
    """

    def __init__(self, missing: str = "", latin: float = 0.5, space: float = 0.25) -> None:
        self.missing = frozenset(missing)
        self.latin = latin
        self.space = space

    def glyph(self, char: str, emphasis: bool) -> tuple[str, float] | None:
        if char in self.missing:
            return None
        face = "fake-bold" if emphasis else "fake"
        if char == " ":
            return face, self.space
        if ord(char) < 0x2000 and char not in "·":
            return face, self.latin
        return face, 1.0
