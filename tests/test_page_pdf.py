"""The seed page as a real PDF: every character of the content is in it exactly once, every
line of composed text keeps the rules and is justified — read back from the PDF's character
positions with pdfplumber, not from the composer — fonts embedded, photos sharp enough,
nothing outside the trim, no text on text or photos, and two builds byte-identical."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pikepdf
import pytest

from pagekit import Char, PdfLine, images_of, lines_in, make_project, overlaps, read_chars
from printer.build import build
from printer.content.model import Edition, plain
from printer.layout import LayoutSpec
from printer.layout import load as load_layout
from printer.makeup.heads import folio_texts
from printer.text.rules import check_lines


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Edition, LayoutSpec]:
    project = make_project(tmp_path_factory.mktemp("seed"))
    output = project / "out" / "page.pdf"
    result = build(project / "content" / "jiaozuo-2024.yaml", output)
    assert result.output == output
    layout = load_layout(project / "layout" / "broadsheet.yaml")
    return output, result.edition, layout


@pytest.fixture(scope="module")
def chars(built: tuple[Path, Edition, LayoutSpec]) -> list[Char]:
    return read_chars(built[0])[0]


def content_strings(edition: Edition) -> list[str]:
    article = edition.articles[0]
    texts = [
        edition.headline.kicker or "",
        edition.headline.title,
        plain(edition.headline.deck or ()),
    ]
    for group in edition.highlights:
        texts.append(group.title)
        texts.extend(plain(item) for item in group.items)
    texts.extend(plain(photo.caption) for photo in edition.photos)
    texts += [article.kicker or "", article.title, article.byline or "", edition.credit or ""]
    texts.extend(plain(p) for p in article.lead)
    for section in article.sections:
        texts.append(section.banner)
        texts.extend(plain(p) for p in section.paragraphs)
    return texts


def test_every_character_of_the_content_is_in_the_pdf_once(
    built: tuple[Path, Edition, LayoutSpec], chars: list[Char]
) -> None:
    edition = built[1]
    expected = Counter("".join(content_strings(edition)) + "".join(folio_texts(edition)))
    expected["■"] += len(edition.articles[0].sections)
    expected["●"] += sum(len(group.items) for group in edition.highlights)
    for space in " \u3000":
        del expected[space]
    actual = Counter(c.text for c in chars)
    assert actual == expected


def column_lefts(layout: LayoutSpec) -> list[float]:
    """The page x of every grid column's left edge."""
    grid, page = layout.grid, layout.page
    return [page.bleed + page.margin_left + grid.column_x(c) for c in range(grid.columns)]


def frame_lines(chars: list[Char], layout: LayoutSpec, bleed: float) -> list[list[PdfLine]]:
    """Body lines (9 pt Song) of each grid column that has any, top to bottom: the story's
    columns, wherever the geometry search put them."""
    grid, page = layout.grid, layout.page
    top = bleed + page.margin_top
    width = grid.span(0, 1)[1]
    body = [c for c in chars if c.font.endswith("song") or "Serif" in c.font]
    columns = [lines_in(body, left, left + width, top, top + grid.height, size=9.0)
               for left in column_lefts(layout)]
    return [column for column in columns if column]


def test_article_text_reads_in_order_through_its_columns(
    built: tuple[Path, Edition, LayoutSpec], chars: list[Char]
) -> None:
    _, edition, layout = built
    columns = frame_lines(chars, layout, layout.page.bleed)
    text = "".join(line.text for column in columns for line in column)
    paragraphs = [plain(p) for p in edition.articles[0].lead]
    for section in edition.articles[0].sections:
        paragraphs.extend(plain(p) for p in section.paragraphs)
    assert text == "".join(paragraphs).replace(" ", "")


def test_body_lines_keep_the_rules_and_are_justified(
    built: tuple[Path, Edition, LayoutSpec], chars: list[Char]
) -> None:
    _, _, layout = built
    bleed, grid = layout.page.bleed, layout.grid
    flow = [line for column in frame_lines(chars, layout, bleed) for line in column]
    assert len(flow) > 60
    lefts = {round(x, 2) for x in column_lefts(layout)}
    width = grid.span(0, 1)[1]
    paragraphs: list[list[PdfLine]] = []
    for line in flow:
        left = min(lefts, key=lambda x: abs(x - line.x0))
        starts_paragraph = line.x0 - left > 9.0 * 1.2
        if starts_paragraph or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(line)
    assert len(paragraphs) == 2 + 6
    for paragraph in paragraphs:
        assert check_lines([line.text for line in paragraph]) == []
        for line in paragraph[:-1]:
            left = min(lefts, key=lambda x: abs(x - line.x0))
            assert line.ink_right() == pytest.approx(left + width, abs=0.05), line.text


def deck_lines(pdf: Path, chars: list[Char], layout: LayoutSpec) -> list[PdfLine]:
    """The deck's lines: its size, across its columns, above the highlights box."""
    grid, page = layout.grid, layout.page
    left0, top0 = page.bleed + page.margin_left, page.bleed + page.margin_top
    first = (grid.columns - layout.headline.deck_columns) // 2
    x, width = grid.span(first, first + layout.headline.deck_columns)
    box = max(_rects(pdf), key=lambda r: (r[2] - r[0]) * (r[3] - r[1]))
    size = layout.styles[layout.headline.deck_style].size
    return lines_in(chars, left0 + x, left0 + x + width, top0, box[1], size)


def caption_lines(pdf: Path, chars: list[Char], pitch: float) -> list[list[PdfLine]]:
    """The caption under each photo, as wide as the photo: its lines start at the photo's
    left edge (the photo credit below the captions is set flush right)."""
    captions = []
    for x0, _, x1, bottom, _ in images_of(pdf):
        lines = lines_in(chars, x0, x1, bottom, bottom + 3 * pitch - 1, 9.0)
        captions.append([line for line in lines if abs(line.x0 - x0) < 1.0])
    return captions


def box_cells(pdf: Path, chars: list[Char], size: float) -> list[tuple[float, list[PdfLine]]]:
    """Each highlights group's item lines, found under its head bar, with the bar's right."""
    rects = _rects(pdf)
    box = max(rects, key=lambda r: (r[2] - r[0]) * (r[3] - r[1]))
    heads = sorted((r for r in rects if r != box and box[0] <= r[0] and r[2] <= box[2]
                    and box[1] <= r[1] and r[3] <= box[3]), key=lambda r: (r[1], r[0]))
    cells = []
    for head in heads:
        below = [r[1] for r in heads if r[1] > head[3] and r[0] < head[2] and head[0] < r[2]]
        cells.append((head[2], lines_in(chars, head[0], head[2], head[3],
                                        min(below, default=box[3]), size)))
    return cells


def test_deck_captions_and_highlights_keep_the_rules(
    built: tuple[Path, Edition, LayoutSpec], chars: list[Char]
) -> None:
    pdf, _, layout = built
    item_size = layout.styles[layout.highlights.item_style].size
    blocks = [deck_lines(pdf, chars, layout), *caption_lines(pdf, chars, layout.grid.line_pitch),
              *(lines for _, lines in box_cells(pdf, chars, item_size))]
    assert len(blocks) == 1 + 3 + 6
    for lines in blocks:
        assert lines
        for line in lines:
            text = line.text.lstrip("●")
            assert check_lines(["", text, ""]) == [], line.text


def test_all_fonts_are_embedded(built: tuple[Path, Edition, LayoutSpec]) -> None:
    with pikepdf.open(built[0]) as pdf:
        fonts = pdf.pages[0].Resources.Font
        assert len(fonts) >= 5
        for name in fonts:
            font = fonts[name]
            descriptor = (
                font.DescendantFonts[0].FontDescriptor
                if "/DescendantFonts" in font
                else font.FontDescriptor
            )
            assert "/FontFile2" in descriptor, name


def test_photos_are_placed_at_200_ppi_or_more(built: tuple[Path, Edition, LayoutSpec]) -> None:
    placed = images_of(built[0])
    assert len(placed) == 3
    for x0, top, x1, bottom, (px_w, px_h) in placed:
        assert px_w / ((x1 - x0) / 72) >= 200
        assert px_h / ((bottom - top) / 72) >= 200
        assert px_w / px_h == pytest.approx((x1 - x0) / (bottom - top), rel=0.01)  # no distortion


def test_nothing_outside_the_trim(
    built: tuple[Path, Edition, LayoutSpec], chars: list[Char]
) -> None:
    page = built[2].page
    left, top = page.bleed, page.bleed
    right, bottom = left + page.width, top + page.height
    for char in chars:
        assert left <= char.x0 and char.x1 <= right and top <= char.top <= bottom, char
    for x0, y0, x1, y1, _ in images_of(built[0]):
        assert left <= x0 and x1 <= right + 0.01 and top <= y0 and y1 <= bottom + 0.01


def test_no_text_overlaps_text_or_photos(built: tuple[Path, Edition, LayoutSpec]) -> None:
    assert overlaps(built[0]) == []


def test_two_builds_are_byte_identical(built: tuple[Path, Edition, LayoutSpec]) -> None:
    first = built[0]
    second = first.with_name("again.pdf")
    build(first.parents[1] / "content" / "jiaozuo-2024.yaml", second)
    assert first.read_bytes() == second.read_bytes()


def _rects(pdf: Path) -> list[tuple[float, float, float, float]]:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in document.pages[0].rects]


def test_seed_page_makeup_measured_on_the_pdf(
    built: tuple[Path, Edition, LayoutSpec], chars: list[Char]
) -> None:
    pdf, _, layout = built
    grid, page = layout.grid, layout.page
    top = page.bleed + page.margin_top
    pitch = grid.line_pitch

    def on_grid(y: float) -> bool:
        return abs((y - top) / pitch - round((y - top) / pitch)) < 0.01

    columns = frame_lines(chars, layout, page.bleed)
    # Body lines of every column on one line grid.
    phases = {round((line.baseline - top) % pitch, 2) for column in columns for line in column}
    assert len(phases) == 1
    # A flush foot: the story's columns end on the last grid line (the byline, in its own
    # face, on the last column's last line), or at most one line above it.
    last = top + grid.height - pitch + (pitch - 9.0) / 2 + 0.88 * 9.0  # the last baseline
    story = lines_in([c for c in chars if abs(c.size - 9.0) < 0.05], columns[0][0].x0 - 18,
                     columns[-1][0].x0 + grid.span(0, 1)[1], top, top + grid.height)
    ends = [column[-1].baseline for column in columns]
    assert all(last - pitch - 0.01 <= end <= last + 0.01 for end in ends), (ends, last)
    assert story[-1].baseline == pytest.approx(last, abs=0.01)
    # Banners: tinted bars a column wide on the grid, never at a column foot, two lines of text
    # below.
    frame_x = [column[0].x0 - 2 * 9.0 for column in columns]  # the first line is indented
    frame_x = [min(column_lefts(layout), key=lambda x, f=f: abs(x - f)) for f in frame_x]
    one = grid.span(0, 1)[1]
    bars = [r for r in _rects(pdf) if any(abs(r[0] - x) < 0.5 for x in frame_x)
            and abs(r[2] - r[0] - one) < 1]
    assert len(bars) == 6
    for x0, y0, _, y1 in bars:
        assert on_grid(y0) and on_grid(y1)
        column = columns[min(range(len(frame_x)), key=lambda i: abs(frame_x[i] - x0))]
        below = [line for line in column if line.baseline > y1]
        assert len(below) >= 2
    # Photos and the highlights box on grid lines.
    for _, y0, _, y1, _ in images_of(pdf):
        assert on_grid(y0) and on_grid(y1)
    box = max(_rects(pdf), key=lambda r: (r[2] - r[0]) * (r[3] - r[1]))
    assert on_grid(box[1]) and on_grid(box[3])


def _justified(paragraphs: list[list[PdfLine]], right: float) -> None:
    for paragraph in paragraphs:
        assert check_lines([line.text for line in paragraph]) == []
        for line in paragraph[:-1]:
            assert line.ink_right() == pytest.approx(right, abs=0.05), line.text


def test_deck_captions_and_highlight_items_are_justified(
    built: tuple[Path, Edition, LayoutSpec], chars: list[Char]
) -> None:
    pdf, _, layout = built
    grid = layout.grid
    # The deck: one paragraph across its columns, centred on the page.
    deck = deck_lines(pdf, chars, layout)
    assert len(deck) >= 2
    first = (grid.columns - layout.headline.deck_columns) // 2
    x, width = grid.span(first, first + layout.headline.deck_columns)
    _justified([deck], layout.page.bleed + layout.page.margin_left + x + width)
    # Captions: one paragraph under each photo, as wide as the photo.
    for (_, _, x1, _, _), caption in zip(images_of(pdf), caption_lines(pdf, chars,
                                                                      grid.line_pitch),
                                         strict=True):
        assert caption
        _justified([caption], x1)
    # Highlight items: under each group's head bar a bullet starts an item, and every line
    # but an item's last ends on the bar's right edge.
    item_size = layout.styles[layout.highlights.item_style].size
    for right, cell in box_cells(pdf, chars, item_size):
        items: list[list[PdfLine]] = []
        for line in cell:
            marked = line.chars[0].text == "●"
            text = PdfLine([c for c in line.chars if c.text != "●"])
            if marked or not items:
                items.append([])
            items[-1].append(text)
        assert items and len(items) == sum(1 for line in cell if line.chars[0].text == "●")
        _justified(items, right)
