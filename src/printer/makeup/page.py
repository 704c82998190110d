"""Stage: makeup — the whole page: every element of the edition placed by the layout spec."""

from __future__ import annotations

from printer.content.model import Edition
from printer.fonts.book import FontBook
from printer.layout.model import LayoutSpec
from printer.makeup.article import make_article
from printer.makeup.heads import editors_text, make_folio, make_headline, make_single_line
from printer.makeup.highlights import make_highlights
from printer.makeup.photos import make_photos
from printer.makeup.placement import Placer
from printer.makeup.typeset import Typesetter
from printer.page import Cmyk, PageLayout


def make_page(edition: Edition, spec: LayoutSpec, book: FontBook) -> PageLayout:
    """Lay out one edition on one page."""
    placer = Placer(spec, Typesetter(book, spec.styles))
    make_folio(edition, spec, placer)
    make_headline(edition, spec, placer)
    make_highlights(edition.highlights, spec, placer)
    make_article(edition.article, spec, placer)  # first: it may take lines from photos
    make_photos(edition.photos, spec, placer)
    if edition.credit:
        make_single_line(edition.credit, spec.credit.rect, spec.credit.style, "credit", placer)
    if edition.folio.editors:
        make_single_line(editors_text(edition), spec.editors.rect, spec.editors.style, "editors",
                         placer)
    page = spec.page
    faces = sorted({item.face for item in placer.text_runs()})
    return PageLayout(
        width=page.width,
        height=page.height,
        bleed=page.bleed,
        type_area=(page.margin_left, page.margin_top, spec.grid.width, spec.grid.height),
        swatches={n: Cmyk(s.c, s.m, s.y, s.k) for n, s in spec.swatches.items()},
        faces={face: book.faces[face].path for face in faces if face},
        items=placer.items,
        findings=placer.findings,
        title=f"{edition.folio.paper} {edition.folio.date} 第{edition.folio.page}版",
    )
