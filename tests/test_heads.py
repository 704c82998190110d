"""Headlines of 6 to 30 characters and decks of 40 to 160, on every shipped layout: never cut,
a title broken only between its phrases, in lines of near-equal length, at a size the layout
allows; a deck within its lines (tracked or widened within bounds). Measured in the layout
tree (the PDF-level checks of a few of them are in test_adaptive_page.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import editions
from printer.content import load as load_content
from printer.content.model import plain
from printer.fonts.book import FontBook
from printer.layout import load as load_layout
from printer.makeup.heads import measure_headline
from printer.makeup.phrases import join, split_phrases
from printer.makeup.typeset import Typesetter

ROOT = Path(__file__).resolve().parents[1]
EXTRA = editions.extra()
LAYOUTS = ["broadsheet", "tabloid", "a4"]


@pytest.fixture(scope="module", params=LAYOUTS)
def setting(request: pytest.FixtureRequest) -> tuple[object, Typesetter, object]:
    spec = load_layout(ROOT / "layout" / f"{request.param}.yaml")
    book = FontBook.load(spec.fonts_dir)
    edition = load_content(ROOT / "content" / "jiaozuo-2024.yaml")
    return spec, Typesetter(book, spec.styles), edition


def phrase_ends(title: str) -> set[int]:
    ends, offset = set(), 0
    for phrase in split_phrases(title):
        offset += len(phrase.text)
        ends.add(offset)
    return ends


@pytest.mark.parametrize("title", EXTRA["headlines"], ids=lambda t: f"{len(t)}chars")
def test_a_title_is_complete_and_broken_between_phrases(setting: tuple, title: str) -> None:
    spec, typesetter, edition = setting
    headline = replace(edition.headline, title=title)
    measured = measure_headline(replace(edition, headline=headline), spec, typesetter,
                                spec.grid.columns)
    element, part = next(p for p in measured.parts if p[0] == "headline.title")
    texts = [line.text for line in part.lines]
    assert "".join(texts).replace(" ", "") == title.replace(" ", "")
    ends = phrase_ends(title)
    offset = 0
    for text in texts[:-1]:
        offset += len(text.replace(" ", ""))
        assert offset in ends, texts
    size = typesetter.styles[part.style].size
    assert size in spec.headline.title_sizes
    assert len(texts) <= spec.headline.title_lines
    assert not [f for f in measured.findings if f.element == element]
    if len(texts) == 2:  # balanced: no other break between phrases gives evener lines
        phrases = split_phrases(title)
        measure = spec.grid.width
        chosen = abs(part.lines[0].width - part.lines[1].width)
        for cut in range(1, len(phrases)):
            first, second = (join(phrases[:cut]), join(phrases[cut:]))
            sizes = [typesetter.display_width(t, part.style) for t in (first, second)]
            if max(sizes) <= measure:
                assert chosen <= abs(sizes[0] - sizes[1]) + 1.0, (texts, first, second)


@pytest.mark.parametrize("deck", EXTRA["decks"], ids=lambda d: f"{len(d)}chars")
def test_a_deck_is_complete_within_its_lines(setting: tuple, deck: str) -> None:
    from printer.content.richtext import parse_rich

    spec, typesetter, edition = setting
    headline = replace(edition.headline, deck=parse_rich(deck))
    measured = measure_headline(replace(edition, headline=headline), spec, typesetter,
                                spec.grid.columns)
    assert measured.deck is not None
    text = "".join(line.text for line in measured.deck.lines)
    assert text.replace(" ", "") == plain(parse_rich(deck)).replace(" ", "")
    assert len(measured.deck.lines) <= spec.headline.deck_lines
    assert not [f for f in measured.findings if f.severity == "error"]


def test_a_title_no_size_fits_is_set_whole_and_reported(setting: tuple) -> None:
    spec, typesetter, edition = setting
    title = "奋力谱写中国式现代化建设河南实践焦作篇章" * 3  # one phrase, far too long
    headline = replace(edition.headline, title=title)
    measured = measure_headline(replace(edition, headline=headline), spec, typesetter,
                                spec.grid.columns)
    _, part = next(p for p in measured.parts if p[0] == "headline.title")
    assert "".join(line.text for line in part.lines) == title  # never cut
    errors = [f for f in measured.findings if f.element == "headline.title"]
    assert errors and errors[0].severity == "error" and errors[0].kind == "overset"


def test_a_rebuild_in_one_process_draws_the_settings_it_kept(setting: tuple) -> None:
    """`printer watch` keeps headline and story-head settings between builds; one made at a
    stepped-down size must draw with the next build's own typesetter, identically."""
    from printer.content.normalize import normalize_edition
    from printer.makeup.page import make_page

    spec, typesetter, edition = setting
    base = spec.styles[spec.headline.title_style].size
    title = next(t for t in EXTRA["headlines"]  # one that steps down
                 if _title_size(spec, typesetter, edition, t) < base)
    edition, _ = normalize_edition(edition)
    article = replace(edition.articles[0], title="县域经济高质量发展 山药飘香产业兴旺 乡村全面振兴")
    edition = replace(edition, headline=replace(edition.headline, title=title),
                      articles=(article,))
    first = make_page(edition, spec, typesetter.book)
    second = make_page(edition, spec, typesetter.book)
    assert min(run.size for run in first.text_runs() if run.element == "headline.title") < base
    assert second.items == first.items


def _title_size(spec: object, typesetter: Typesetter, edition: object, title: str) -> float:
    headline = replace(edition.headline, title=title)  # type: ignore[attr-defined]
    measured = measure_headline(replace(edition, headline=headline),  # type: ignore[type-var]
                                spec, typesetter, spec.grid.columns)  # type: ignore[attr-defined]
    part = next(p for e, p in measured.parts if e == "headline.title")
    return typesetter.styles[part.style].size
