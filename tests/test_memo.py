"""What a long-lived process (`printer watch`) keeps between builds — composed paragraphs,
measures, heads, story fits, whole solutions — gives exactly the page a cold build gives:
after an edit that keeps every line count (the solution is found again) and after one that
adds lines (the search runs again)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from printer.build import font_book
from printer.content import load as load_content
from printer.content.model import Edition, plain
from printer.content.normalize import normalize_edition
from printer.content.richtext import parse_rich
from printer.layout import load as load_layout
from printer.makeup import memo
from printer.makeup.page import make_page
from printer.page import PageLayout
from printer.text import Span

ROOT = Path(__file__).resolve().parents[1]


def edited(edition: Edition, change: str) -> Edition:
    """The first paragraph of a section that names the city, edited (its emphasis kept): its
    first 市 made 县, or three sentences added."""
    article = edition.articles[0]
    sections = list(article.sections)
    index = next(i for i, s in enumerate(sections) if "市" in plain(s.paragraphs[0]))
    spans = list(sections[index].paragraphs[0])
    if change == "word":
        at = next(i for i, span in enumerate(spans) if "市" in span.text)
        spans[at] = replace(spans[at], text=spans[at].text.replace("市", "县", 1))
    else:
        spans.append(Span("全市上下奋进新征程。" * 3))
    paragraphs = (tuple(spans), *sections[index].paragraphs[1:])
    sections[index] = replace(sections[index], paragraphs=paragraphs)
    return replace(edition, articles=(replace(article, sections=tuple(sections)),))


def signature(page: PageLayout) -> tuple[object, ...]:
    return tuple(page.items), tuple(page.findings)


@pytest.mark.parametrize("change", ["word", "sentence"])
def test_a_rebuild_after_an_edit_is_the_cold_build_of_the_edit(change: str) -> None:
    spec = load_layout(ROOT / "layout" / "broadsheet.yaml")
    book = font_book(spec.fonts_dir)
    edition, _ = normalize_edition(load_content(ROOT / "content" / "jiaozuo-2024.yaml"))
    before = make_page(edition, spec, book)
    after = make_page(edited(edition, change), spec, book)
    memo._KEPT.clear()
    cold = make_page(edited(edition, change), spec, book)
    assert signature(after) == signature(cold)
    texts = ["".join(r.chars for r in p.text_runs()) for p in (before, after)]
    assert texts[0] != texts[1]  # the edit shows


def test_a_one_paragraph_edit_composes_that_paragraph_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from printer.makeup import typeset

    spec = load_layout(ROOT / "layout" / "broadsheet.yaml")
    book = font_book(spec.fonts_dir)
    edition, _ = normalize_edition(load_content(ROOT / "content" / "jiaozuo-2024.yaml"))
    make_page(edition, spec, book)
    composed: list[str] = []
    real = typeset.compose

    def counting(spans, *args):  # type: ignore[no-untyped-def]
        composed.append("".join(span.text for span in spans))
        return real(spans, *args)

    monkeypatch.setattr(typeset, "compose", counting)
    article = edition.articles[0]
    section = article.sections[-1]
    text = plain(section.paragraphs[-1]) + "这一句只在这个测试里加上。"
    section = replace(section, paragraphs=(*section.paragraphs[:-1], parse_rich(text)))
    article = replace(article, sections=(*article.sections[:-1], section))
    make_page(replace(edition, articles=(article,)), spec, book)
    assert composed and set(composed) == {text}  # at each width and tracking it needs
