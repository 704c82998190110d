"""Content loading: the content file matches the seed page, and bad input is located."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from printer import content, yamlsource
from printer.content import Edition, parse_rich, plain, to_markup
from printer.errors import InputError, InputErrors
from printer.text.model import Span

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "content" / "minimal.yaml"
PAGE = ROOT / "content" / "jiaozuo-2024.yaml"
PHOTOS = ("bridge-construction.jpg", "lotus-lake.jpg", "glass-factory.jpg")


def make_project(
    tmp_path: Path, text: str, images: tuple[str, ...] = ("one.jpg", "two.jpg")
) -> Path:
    """A throwaway project: content/page.yaml holding `text`, tiny JPEGs in images/."""
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "images").mkdir()
    for name in images:
        shutil.copy(FIXTURES / "images" / "one.jpg", tmp_path / "images" / name)
    (tmp_path / "content").mkdir()
    page = tmp_path / "content" / "page.yaml"
    page.write_text(text, encoding="utf-8")
    return page


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line containing `needle`."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def text_fields(edition: Edition) -> list[str]:
    """Every text field of the page body, rich text written back in markup."""
    head, art = edition.headline, edition.articles[0]
    fields = [head.kicker, head.title, to_markup(head.deck or ()), head.subtitle]
    for group in edition.highlights:
        fields += [group.title, *(to_markup(item) for item in group.items)]
    fields += [to_markup(photo.caption) for photo in edition.photos]
    fields += [art.kicker, art.title, *(to_markup(p) for p in art.lead)]
    for section in art.sections:
        fields += [section.banner, *(to_markup(p) for p in section.paragraphs)]
    fields += [art.byline, edition.credit]
    return [field for field in fields if field]


def seed_lines() -> list[str]:
    lines = []
    for line in (FIXTURES / "seed-page.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        for prefix in ("- ", "■ "):
            line = line.removeprefix(prefix)
        lines.append(line)
    return lines


# --- the real page ------------------------------------------------------------------------


@pytest.fixture
def page_copy(tmp_path: Path) -> Path:
    """The real content file in a project with stand-in photos and the real layout."""
    page = make_project(tmp_path, PAGE.read_text(encoding="utf-8"), PHOTOS)
    (tmp_path / "layout").mkdir()
    shutil.copy(ROOT / "layout" / "broadsheet.yaml", tmp_path / "layout" / "broadsheet.yaml")
    return page


def test_page_text_matches_the_seed_both_ways(page_copy: Path) -> None:
    edition = content.load(page_copy)
    assert Counter(text_fields(edition)) == Counter(seed_lines())


def test_page_facts(page_copy: Path) -> None:
    edition = content.load(page_copy)
    assert edition.folio == content.Folio("焦作日报", "2024-12-31", 5, "特别报道", ())
    assert [p.id for p in edition.photos] == ["bridge", "lotus", "glass"]
    assert edition.photos[0].focus == (0.5, 0.4)
    assert edition.articles[0].byline == "(本报记者郭剑整理)"
    assert edition.credit == "(本版照片均由本报记者刘金元摄)"
    assert edition.layout == (page_copy.parent.parent / "layout" / "broadsheet.yaml").resolve()
    assert edition.normalize is True
    assert len(edition.articles[0].sections) == 6


@pytest.mark.skipif(
    not all((ROOT / "images" / name).is_file() for name in PHOTOS), reason="photos not made yet"
)
def test_page_loads_in_place() -> None:
    edition = content.load(PAGE)
    assert edition.photos[2].file == (ROOT / "images" / "glass-factory.jpg").resolve()


# --- the model -----------------------------------------------------------------------------


def test_minimal_fixture_loads() -> None:
    edition = content.load(MINIMAL)
    assert edition.headline.title == "2024"  # an unquoted number stays text where text is due
    assert edition.folio.date == "2024-12-31"  # a date stays a string
    assert edition.folio.editors == (("责任编辑", "张三"), ("校对", "李四"))
    assert edition.headline.deck == (
        Span("2024年,全市经济运行总体平稳,增长"),
        Span("5.3%", True),
        Span("左右。"),
    )
    assert edition.photos[0].file == (FIXTURES / "images" / "one.jpg").resolve()
    assert edition.photos[1].focus == (0.5, 0.5)
    assert edition.layout is None
    assert edition.locations["article.sections[0].banner"] == line_of(
        MINIMAL.read_text(encoding="utf-8"), "banner: 用好"
    )


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("增长**5.3%**左右", (Span("增长"), Span("5.3%", True), Span("左右"))),
        ("**全省前列**", (Span("全省前列", True),)),
        ("a*b", (Span("a*b"),)),
        (
            "县域**9个**开发区,**3个**",
            (Span("县域"), Span("9个", True), Span("开发区,"), Span("3个", True)),
        ),
    ],
)
def test_rich_text(text: str, spans: tuple[Span, ...]) -> None:
    assert parse_rich(text) == spans
    assert to_markup(spans) == text
    assert plain(spans) == text.replace("**", "")


# --- YAML source ---------------------------------------------------------------------------


def test_yaml_keeps_text_as_written(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_text("a: 2024-12-31\nb:\n  - 5.30\n  - yes\n", encoding="utf-8")
    data, locate = yamlsource.load(file)
    assert data == {"a": "2024-12-31", "b": [5.3, True]}
    assert locate.raw(("b", 0)) == "5.30"
    assert locate(("b", 1)) == 4
    assert locate(("b", 7, "nothing")) == 2  # the closest node that exists


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_text("a: 1\nb: 2\na: 3\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        yamlsource.load(file)
    assert (info.value.line, info.value.key) == (3, "a")
    assert "duplicate key 'a' (first given on line 1)" in info.value.message


# --- bad input -----------------------------------------------------------------------------

MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")

BAD = [
    # (replace this, with this, expected key, message part): the error is on the changed line
    # (a deleted line's error is on its parent's line)
    (
        "    caption: 沁泉湖公园荷花绽放。",
        "    captoin: 沁泉湖公园荷花绽放。",
        "photos[1].captoin",
        "unknown key 'captoin' (expected one of: id, file, caption, focus)",
    ),
    (
        "    - banner: 用好改革开放关键一招 动力活力加速释放",
        "    - banner: [用好改革开放关键一招]",
        "article.sections[0].banner",
        "expected a string, got a list",
    ),
    ("  title: 步伐坚实 成效显著\n", "", "article", "missing required key 'title'"),
    ("  page: 5", "  page: five", "edition.page", "expected a whole number, got a string ('five')"),
    ("  date: 2024-12-31", "  date: 2024-02-30", "edition.date", "is not a real date"),
    (
        "    file: ../images/two.jpg",
        "    file: ../images/three.jpg",
        "photos[1].file",
        "photo file not found",
    ),
    (
        "    file: ../images/two.jpg",
        "    file: ../../outside.jpg",
        "photos[1].file",
        "is outside the project",
    ),
    (
        "    - banner: 用好改革开放",
        "    - banner: ■ 用好改革开放",
        "article.sections[0].banner",
        "the ■ is drawn by the banner style; remove it",
    ),
    (
        "      - 固定资产投资同比增长**8%**左右",
        "      - 固定资产投资同比增长**8%左右",
        "highlights[0].items[1]",
        "unbalanced **",
    ),
    ("  kicker: 焦作经济回望", "  kicker: ''", "headline.kicker", "must not be empty"),
    ("  title: 2024", "  title: 2024 **总体**", "headline.title", "emphasis (**) is not allowed"),
    ("  - id: two", "  - id: one", "photos[1].id", "id 'one' is already used by photos[0]"),
    ("    focus: [0.5, 0.4]", "    focus: [0.5, 1.4]", "photos[0].focus[1]", "must be at most 1"),
    (
        "        - 市属国有企业资产总额突破**千亿元**大关。",
        "        - ''",
        "article.sections[0].paragraphs[1]",
        "empty paragraph",
    ),
]


@pytest.mark.parametrize(("old", "new", "key", "message"), BAD, ids=[b[2] for b in BAD])
def test_bad_content_is_located(tmp_path: Path, old: str, new: str, key: str, message: str) -> None:
    at = MINIMAL_TEXT.index(old)
    text = MINIMAL_TEXT.replace(old, new, 1)
    page = make_project(tmp_path, text)
    with pytest.raises(InputError) as info:
        content.load(page)
    errors = info.value.errors if isinstance(info.value, InputErrors) else (info.value,)
    error = next(e for e in errors if e.key == key)
    assert error.file == page
    assert error.line == (text[:at].count("\n") + 1 if new else line_of(text, "article:"))
    assert message in error.message
    assert f":{error.line}: {key}: " in str(error)


def test_malformed_yaml_reports_its_line(tmp_path: Path) -> None:
    text = MINIMAL_TEXT.replace("  page: 5", "  page: 5: 6", 1)
    page = make_project(tmp_path, text)
    with pytest.raises(InputError) as info:
        content.load(page)
    assert info.value.file == page
    assert info.value.line == line_of(text, "page: 5: 6")
    assert info.value.column == 10
    assert info.value.message == "invalid YAML: mapping values are not allowed here"
    assert str(info.value).endswith(f"page.yaml:{info.value.line}:10: {info.value.message}")


def test_empty_article_is_an_error(tmp_path: Path) -> None:
    start = MINIMAL_TEXT.index("  lead:")
    end = MINIMAL_TEXT.index("  byline:")
    text = MINIMAL_TEXT[:start] + "  lead: ['', ' ']\n" + MINIMAL_TEXT[end:]
    page = make_project(tmp_path, text)
    with pytest.raises(InputError) as info:
        content.load(page)
    assert (info.value.key, info.value.message) == ("article", "the article has no text")
    assert info.value.line == line_of(text, "article:")


def test_several_errors_are_reported_together(tmp_path: Path) -> None:
    text = MINIMAL_TEXT.replace("  page: 5", "  page: 0").replace("paper:", "papr:")
    page = make_project(tmp_path, text)
    with pytest.raises(InputErrors) as info:
        content.load(page)
    keys = [error.key for error in info.value.errors]
    assert keys == ["edition", "edition.papr", "edition.page"]
    assert len(str(info.value).splitlines()) == 3


def test_photo_outside_the_content_directory_without_a_project(tmp_path: Path) -> None:
    page = make_project(tmp_path, MINIMAL_TEXT)
    (tmp_path / "pyproject.toml").unlink()  # now the content file's directory is the root
    with pytest.raises(InputErrors) as info:
        content.load(page)
    assert [e.key for e in info.value.errors] == ["photos[0].file", "photos[1].file"]
    assert all("outside the project" in e.message for e in info.value.errors)
