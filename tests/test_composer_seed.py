"""The composer sets every paragraph of the seed page at 9 pt in a 13-character column with the
real Song metrics, raw and normalised, without a single rule violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from printer.content.normalize import normalize_text
from printer.content.richtext import parse_rich
from printer.fonts.book import FontBook
from printer.makeup.typeset import RoleGlyphs
from printer.text import ComposeStyle, PunctStyle
from printer.text.compose import compose
from printer.text.rules import check_lines

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed-page.txt"


def seed_paragraphs() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return [line.strip().removeprefix("- ").removeprefix("■ ") for line in lines if line.strip()]


@pytest.fixture(scope="module")
def song() -> RoleGlyphs:
    return RoleGlyphs(FontBook.load(ROOT / "fonts"), "song", "hei-bold")


@pytest.mark.parametrize("punct", list(PunctStyle))
@pytest.mark.parametrize("normalised", [False, True])
def test_seed_paragraphs_set_without_violation(
    song: RoleGlyphs, punct: PunctStyle, normalised: bool
) -> None:
    style = ComposeStyle(size=9.0, punct=punct)
    paragraphs = seed_paragraphs()
    assert len(paragraphs) > 40
    for text in paragraphs:
        if normalised:
            text = normalize_text(text)[0]
        spans = parse_rich(text)
        paragraph = compose(spans, style, 13 * 9.0, song)
        lines = [line.text + (" " if line.space_after else "") for line in paragraph.lines]
        assert "".join(lines) == "".join(span.text for span in spans)
        assert check_lines(lines) == [], (text, lines)
        assert [p for p in paragraph.problems if p.kind != "loose-line"] == []
        for line in paragraph.lines[:-1]:
            assert line.width == pytest.approx(line.measure, abs=0.01), line.text
