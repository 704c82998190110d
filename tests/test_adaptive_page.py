"""The page fits its copy, measured on the PDFs: editions made from the sample with the article
at 0.5× to 1.6× its length (whole paragraphs dropped, or new sections of the same style added),
other headlines and decks, two stories, other numbers of photos, no highlights box.

Read back from each PDF: nothing overset from 0.75× to 1.3×; every column of the type area
ending within a line of the foot (two at 0.5×); every character printed, or the build failing
with the overset reported; headline and deck complete and broken only between phrases; no
empty rectangle of 12 × 12 mm below the headline, on a rendering (`whitespace`).
"""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import editions
from pagekit import PdfLine, column_feet, lines_in, make_project, overlaps, read_chars
from printer.build import BuildResult, build
from printer.content.richtext import parse_rich
from printer.layout import LayoutSpec
from printer.layout import load as load_layout
from printer.makeup.phrases import split_phrases
from whitespace import empty_rectangles, type_area_region

FACTORS = (0.5, 0.75, 1.0, 1.3, 1.6)
EXTRA = editions.extra()
# Each length gets its own headline and deck, from 6 to 30 and from 40 to 160 characters.
HEADS = {0.5: (0, 0), 0.75: (4, 2), 1.0: (None, None), 1.3: (9, 5), 1.6: (11, 7)}


@dataclass
class Built:
    name: str
    data: dict[str, Any]
    pdf: Path
    result: BuildResult
    layout: LayoutSpec


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("adaptive") / "project")


def build_edition(project: Path, name: str, data: dict[str, Any]) -> Built:
    path = editions.write(project, data, name)
    pdf = project / "out" / f"{name}.pdf"
    result = build(path, pdf)
    assert result.output == pdf
    return Built(name, data, pdf, result, load_layout(project / "layout" / "broadsheet.yaml"))


@pytest.fixture(scope="module", params=FACTORS, ids=[f"{f}x" for f in FACTORS])
def length(request: pytest.FixtureRequest, project: Path) -> tuple[float, Built]:
    factor = request.param
    title, deck = HEADS[factor]
    data = editions.at_length(editions.sample(), factor)
    data = editions.with_head(data, None if title is None else EXTRA["headlines"][title],
                              None if deck is None else EXTRA["decks"][deck])
    return factor, build_edition(project, f"length-{factor}", data)


def overset(built: Built) -> list[str]:
    return [f.element for f in built.result.findings if f.kind == "overset"]


def feet(built: Built) -> list[float]:
    """Lines of white under each grid column of the type area, measured in the PDF."""
    grid = built.layout.grid
    return column_feet(built.pdf, built.result.page.type_area,
                       [grid.column_x(c) for c in range(grid.columns)], grid.span(0, 1)[1],
                       grid.line_pitch)


def test_the_editions_are_the_lengths_they_claim(length: tuple[float, Built]) -> None:
    factor, built = length
    base = editions.body_length(editions.sample()["article"])
    assert editions.body_length(built.data["article"]) / base == pytest.approx(factor, abs=0.05)


def test_copy_fits_with_a_flush_foot(length: tuple[float, Built]) -> None:
    factor, built = length
    whites = feet(built)
    # The last line's glyphs end ~0.2 line above the foot: a column a line short shows 1.2.
    allowed = 2.5 if factor == 0.5 else 1.5
    if 0.75 <= factor <= 1.3:
        assert overset(built) == []
    assert max(whites) < allowed, whites


def test_every_character_is_printed_or_the_overset_reported(length: tuple[float, Built]) -> None:
    _, built = length
    printed = Counter(c.text for c in read_chars(built.pdf)[0])
    article = built.data["article"]
    texts = [*article["lead"], *(p for s in article["sections"] for p in s["paragraphs"])]
    body = Counter("".join("".join(s.text for s in parse_rich(t)) for t in texts))
    body = Counter({ch: n for ch, n in body.items() if not ch.isspace() and ch not in ",;:()"})
    lost = body - printed
    if lost:  # only where the build said so, and failed
        assert overset(built), f"missing without a report: {dict(lost)}"
        assert any(f.severity == "error" for f in built.result.findings)
        reported = Counter("".join(f.text for f in built.result.findings if f.kind == "overset"))
        assert not lost - reported


def title_lines(built: Built) -> list[PdfLine]:
    """The page title's lines: its glyphs are the largest on the page."""
    chars = read_chars(built.pdf)[0]
    biggest = max(c.size for c in chars)
    size = min(c.size for c in chars if c.size > biggest * 0.55 and "Black" in c.font)
    title = [c for c in chars if c.size >= size - 0.01 and "Black" in c.font
             and c.top < built.result.page.type_area[1] + 0.3 * built.result.page.type_area[3]]
    return lines_in(title, 0, 1e4, 0, 1e4)


def test_headline_is_complete_and_breaks_only_between_phrases(length: tuple[float, Built]) -> None:
    _, built = length
    title = built.data["headline"]["title"]
    lines = title_lines(built)
    assert "".join(line.text for line in lines) == title.replace(" ", "")
    phrases = split_phrases(title)
    ends = set()
    offset = 0
    for phrase in phrases:
        offset += len(phrase.text)
        ends.add(offset)
    offset = 0
    for line in lines[:-1]:
        offset += len(line.text)
        assert offset in ends, f"{title!r} broken inside a phrase after {line.text!r}"


def test_deck_is_complete(length: tuple[float, Built]) -> None:
    _, built = length
    deck = "".join(s.text for s in parse_rich(built.data["headline"]["deck"]))
    size = built.layout.styles[built.layout.headline.deck_style].size
    chars = read_chars(built.pdf)[0]
    printed = "".join(c.text for c in chars if (abs(c.size - size) < 0.01 and "Kai" in c.font)
                      or (abs(c.size - size) < 0.01 and "WenKai" in c.font))
    wanted = [ch for ch in deck if not ch.isspace() and ch not in ",;:()"]
    assert Counter(wanted) <= Counter(printed)
    assert not [f for f in built.result.findings if f.element == "headline.deck"
                and f.severity == "error"]


def below_headline(built: Built) -> tuple[float, float, float, float]:
    head = [i for i in built.result.page.text_runs() if i.element.startswith("headline")]
    foot = max(run.baseline + 0.12 * run.size for run in head)
    return type_area_region(built.pdf, built.result.page.type_area,
                            foot - built.result.page.type_area[1])


def head_blocks(built: Built) -> list[tuple[float, float, float, float]]:
    """Each story's head (kicker and title) as a block, in MediaBox points from the top left:
    from its first line's top to its last line's foot, across the columns it heads — the
    white beside a short title is the head's own, designed, not a hole in the page."""
    page = built.result.page
    x0, top0, _, _ = type_area_region(built.pdf, (0.0, 0.0, 0.0, 0.0))
    runs = page.text_runs()
    blocks = []
    for story in sorted({r.element.split(".")[0] for r in runs if r.element.startswith("article")}):
        head = [r for r in runs if r.element in (f"{story}.kicker", f"{story}.title")]
        if not head:
            continue
        top = min(r.baseline - 0.88 * r.size for r in head)
        foot = max(r.baseline + 0.12 * r.size for r in head)
        under = [r for r in runs if r.element.startswith(f"{story}.col")
                 and r.baseline - r.size > foot - 1]
        first = [r for r in under if r.baseline - r.size < foot + 2 * built.layout.grid.line_pitch]
        right = max((max(r.xs) + r.size for r in first), default=max(max(r.xs) + r.size
                                                                      for r in head))
        left = min(min(r.xs) for r in head)
        blocks.append((x0 + left, top0 + top, x0 + right, top0 + foot))
    return blocks


def test_no_hole_below_the_headline(length: tuple[float, Built]) -> None:
    _, built = length
    holes = empty_rectangles(built.pdf, below_headline(built), tints=False)
    assert holes == [], [tuple(round(v / 2.835) for v in h) for h in holes]


def test_no_text_on_text_or_photos(length: tuple[float, Built]) -> None:
    assert overlaps(length[1].pdf) == []


# --- other shapes of page --------------------------------------------------------------------


@pytest.fixture(scope="module")
def shapes(project: Path) -> dict[str, Built]:
    base = editions.sample()
    cases = {
        "two-stories-2-photos": editions.with_photos(editions.two_stories(base, 0), 2, project),
        "two-stories-4-photos": editions.with_photos(editions.two_stories(base, 1), 4, project),
        "no-box": editions.without_box(base),
    }
    return {name: build_edition(project, name, data) for name, data in cases.items()}


@pytest.mark.parametrize("name", ["two-stories-2-photos", "two-stories-4-photos", "no-box"])
def test_other_shapes_build_without_loss_or_overlap(shapes: dict[str, Built], name: str) -> None:
    built = shapes[name]
    assert overset(built) == []
    assert overlaps(built.pdf) == []
    printed = Counter(c.text for c in read_chars(built.pdf)[0])
    stories = built.data.get("articles") or [built.data["article"]]
    for story in stories:
        texts = [*story["lead"], *(p for s in story["sections"] for p in s["paragraphs"])]
        wanted = Counter(ch for t in texts for s in parse_rich(t) for ch in s.text
                         if not ch.isspace() and ch not in ",;:()")
        assert not wanted - printed
    pictures = [i for i in built.result.page.items if type(i).__name__ == "Picture"]
    assert len(pictures) == len(built.data["photos"])
    holes = empty_rectangles(built.pdf, below_headline(built), tints=False,
                             filled_boxes=head_blocks(built))
    assert holes == [], [tuple(round(v / 2.835) for v in h) for h in holes]
    assert max(feet(built)) < 2.5  # every column ends within two lines of the foot


def test_a_fourth_photo_is_placed_not_dropped(project: Path) -> None:
    data = editions.with_photos(editions.sample(), 4, project)
    built = build_edition(project, "four-photos", data)
    pictures = [i for i in built.result.page.items if type(i).__name__ == "Picture"]
    assert {p.element for p in pictures} == {f"photo.{p['id']}" for p in data["photos"]}
    assert overset(built) == []


def test_a_portrait_photo_keeps_its_picture(project: Path) -> None:
    data = editions.with_photos(editions.sample(), 4, project)
    data["photos"] = [data["photos"][3], *data["photos"][:3]]  # the portrait one is the lead
    built = build_edition(project, "portrait-lead", data)
    crops = {f.element: f.message for f in built.result.findings if f.kind == "crop"}
    for picture in (i for i in built.result.page.items if type(i).__name__ == "Picture"):
        kept = (picture.crop[2] - picture.crop[0]) * (picture.crop[3] - picture.crop[1])
        source = editions.EXTRA_PHOTOS[0][3] if "worker" in picture.element else None
        if source:
            assert kept / (source[0] * source[1]) >= 1 - built.layout.photos.max_crop - 1e-3
    assert all("cropped" in message for message in crops.values())


def test_the_same_input_gives_the_same_bytes(project: Path, tmp_path: Path) -> None:
    data = editions.at_length(editions.sample(), 1.3)
    first = build_edition(project, "again", data)
    copy = tmp_path / "again.pdf"
    shutil.copy(first.pdf, copy)
    second = build_edition(project, "again", data)
    assert second.pdf.read_bytes() == copy.read_bytes()


# --- other page sizes ------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["tabloid", "a4"])
def test_other_page_sizes_set_all_of_the_sample(project: Path, layout: str) -> None:
    from printer.preflight import check_content

    path = project / "content" / "jiaozuo-2024.yaml"
    pdf = project / "out" / f"sample-{layout}.pdf"
    result = build(path, pdf, project / "layout" / f"{layout}.yaml")
    spec = load_layout(project / "layout" / f"{layout}.yaml")
    built = Built(layout, editions.sample(), pdf, result, spec)
    assert overset(built) == [] and overlaps(pdf) == []
    printed = Counter(c.text for c in read_chars(pdf)[0])
    reference = Counter(c.text for c in read_chars(
        build(path, project / "out" / "sample-broadsheet.pdf").output or pdf)[0])
    assert printed == reference  # every character of the sample, as on the broadsheet
    holes = empty_rectangles(pdf, below_headline(built), tints=False)
    assert holes == [], [tuple(round(v / 2.835) for v in h) for h in holes]
    report = check_content(path, project / "layout" / f"{layout}.yaml")
    assert (report.count("error"), report.count("warning")) == (0, 0), report.text()
