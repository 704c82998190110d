"""Tests of the font stage: the built fonts, fonts/fonts.yaml and printer.fonts.FontBook."""

from __future__ import annotations

import contextlib
import shutil
import struct
import warnings
from pathlib import Path

import pytest

from printer.fonts import FontBook, FontError, MetricsCacheWarning
from printer.fonts.metrics import cache_path_for, decode, encode, read_cache, read_font

REPO = Path(__file__).resolve().parent.parent
FONTS = REPO / "fonts"
TONGYONG = REPO / "tools" / "charsets" / "tongyong-guifan-8105.txt"

FACE_FILES = {
    "song": "NotoSerifSC-Regular.ttf",
    "song-bold": "NotoSerifSC-Bold.ttf",
    "hei": "NotoSansSC-Regular.ttf",
    "hei-bold": "NotoSansSC-Bold.ttf",
    "hei-black": "NotoSansSC-Black.ttf",
    "kai": "WenKaiPrint-Regular.ttf",
}


@pytest.fixture(scope="module")
def book() -> FontBook:
    with warnings.catch_warnings():
        warnings.simplefilter("error", MetricsCacheWarning)  # the committed caches must be fresh
        return FontBook.load(FONTS)


def gb2312() -> str:
    chars = []
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.append(bytes((row, cell)).decode("gb2312"))
    return "".join(chars)


def tongyong() -> list[str]:
    lines = TONGYONG.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def write_config(folder: Path, faces: dict[str, str], roles: dict[str, list[str]]) -> None:
    lines = ["faces:"] + [f"  {k}: {v}" for k, v in faces.items()]
    if roles:
        lines += ["roles:"] + [f"  {k}: [{', '.join(v)}]" for k, v in roles.items()]
    else:
        lines.append("roles: {}")
    (folder / "fonts.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def copy_face(folder: Path, file_name: str, with_cache: bool = True) -> Path:
    target = folder / file_name
    shutil.copyfile(FONTS / file_name, target)
    if with_cache:
        cache = cache_path_for(target)
        cache.parent.mkdir(exist_ok=True)
        shutil.copyfile(cache_path_for(FONTS / file_name), cache)
    return target


# -- the faces ----------------------------------------------------------------------------------


def test_six_faces_load(book: FontBook) -> None:
    assert set(book.faces) == set(FACE_FILES)
    for key, face in book.faces.items():
        assert face.key == key
        assert face.path == FONTS / FACE_FILES[key]
        assert face.units_per_em == 1000
        assert 0.7 < face.ascender <= 1.0
        assert -0.3 <= face.descender < 0
        assert face.embeddable
    assert book.faces["song"].family == "Noto Serif CJK SC"
    assert book.faces["hei"].family == "Noto Sans CJK SC"
    # LXGW WenKai's names are reserved (SIL OFL RFN): the subset is renamed.
    assert book.faces["kai"].family == "WenKai Print"


def test_fonts_folder_is_lean() -> None:
    total = sum(p.stat().st_size for p in FONTS.rglob("*") if p.is_file())
    assert total < 40_000_000


def test_committed_caches_match_fonts() -> None:
    for file_name in FACE_FILES.values():
        read_cache(FONTS / file_name)  # raises MetricsError if stale


def test_cache_round_trip_matches_parsed_font() -> None:
    path = FONTS / FACE_FILES["hei-black"]
    parsed = read_font(path)
    _, decoded = decode(encode(parsed, path))
    assert decoded == parsed
    assert read_cache(path) == parsed


# -- roles and metrics --------------------------------------------------------------------------


def test_roles(book: FontBook) -> None:
    assert book.roles["song"] == ("song", "hei", "kai")
    assert book.roles["hei-black"] == ("hei-black", "hei-bold", "hei")
    for role in FACE_FILES:
        assert book.resolve(role, "中") == (role, 1.0)
    assert book.resolve("song", "\U000f0000") is None


def test_role_named_like_a_face_resolves_to_that_face(tmp_path: Path) -> None:
    copy_face(tmp_path, FACE_FILES["hei"])
    write_config(tmp_path, {"hei": FACE_FILES["hei"]}, {})
    book = FontBook.load(tmp_path)
    assert book.roles == {}
    assert book.chain("hei") == ("hei",)
    assert book.resolve("hei", "中") == ("hei", 1.0)


def test_unknown_role_and_face(book: FontBook) -> None:
    with pytest.raises(FontError, match="headline-x"):
        book.resolve("headline-x", "中")
    with pytest.raises(FontError, match="headline-x"):
        book.missing("headline-x", "中")
    with pytest.raises(FontError, match="nope"):
        book.advance("nope", "中")
    with pytest.raises(ValueError):
        book.advance("song", "中文")


def test_advances(book: FontBook) -> None:
    assert book.advance("song", "中") == 1.0
    assert book.advance("song", "，") == 1.0  # full width in the SC design
    for face in FACE_FILES:
        width = book.advance(face, "a")
        assert width is not None and 0.3 < width < 1.0  # proportional Latin
        assert book.has(face, "中")
        assert not book.has(face, "\U000f0000")
        assert book.advance(face, "\U000f0000") is None


def test_missing_reports_undrawable_characters(book: FontBook) -> None:
    assert book.missing("song", "中\U000f0000") == ["\U000f0000"]
    assert book.missing("song", "\U000f0001中 \U000f0001\t\U000f0000\n") == [
        "\U000f0001",
        "\U000f0000",
    ]
    assert book.missing("kai", "") == []


def test_charset_lists() -> None:
    chars = tongyong()
    assert len(chars) == 8105 == len(set(chars))
    assert "㑇" in chars and "𬌗" in chars
    assert len(gb2312()) == 7445


@pytest.mark.parametrize("role", ["song", "hei-bold", "kai"])
def test_gb2312_and_tongyong_guifan_covered(book: FontBook, role: str) -> None:
    assert book.missing(role, gb2312()) == []
    assert book.missing(role, "".join(tongyong())) == []


def test_news_symbols_covered(book: FontBook) -> None:
    symbols = "℃‰№™©®°±×÷①⑳⑴⒇⒈⒛ⅠⅫⅰⅻ←↑→↓■□▲△◆◇●○★☆¥€£$§αωΑΩ“”‘’《》（）—…·、"
    for role in FACE_FILES:
        assert book.missing(role, symbols) == [], role


# -- configuration errors -----------------------------------------------------------------------


def test_unknown_face_in_config(tmp_path: Path) -> None:
    copy_face(tmp_path, FACE_FILES["hei"])
    write_config(tmp_path, {"hei": FACE_FILES["hei"]}, {"hei": ["hei", "nope"]})
    with pytest.raises(FontError, match="nope"):
        FontBook.load(tmp_path)


def test_missing_font_file(tmp_path: Path) -> None:
    write_config(tmp_path, {"song": "Absent-Regular.ttf"}, {"song": ["song"]})
    with pytest.raises(FontError, match=r"'song'.*Absent-Regular\.ttf"):
        FontBook.load(tmp_path)


def test_missing_config(tmp_path: Path) -> None:
    with pytest.raises(FontError, match=r"fonts\.yaml"):
        FontBook.load(tmp_path)


# -- metrics cache ------------------------------------------------------------------------------


def _load_warns(folder: Path, match: str) -> FontBook:
    with pytest.warns(MetricsCacheWarning, match=match):
        return FontBook.load(folder)


def test_stale_cache_when_size_changes(tmp_path: Path, book: FontBook) -> None:
    font = copy_face(tmp_path, FACE_FILES["hei-black"])
    write_config(tmp_path, {"hei-black": FACE_FILES["hei-black"]}, {})
    with font.open("ab") as f:
        f.write(b"\0\0\0\0")
    fallback = _load_warns(tmp_path, "stale")
    assert fallback.advance("hei-black", "中") == 1.0
    assert fallback.advance("hei-black", "a") == book.advance("hei-black", "a")


def test_stale_cache_when_content_changes(tmp_path: Path) -> None:
    font = copy_face(tmp_path, FACE_FILES["hei-black"])
    write_config(tmp_path, {"hei-black": FACE_FILES["hei-black"]}, {})
    data = bytearray(font.read_bytes())
    num_tables = struct.unpack_from(">H", data, 4)[0]
    for i in range(num_tables):
        tag, _, offset, _ = struct.unpack_from(">4sLLL", data, 12 + 16 * i)
        if tag == b"head":
            data[offset + 8] ^= 0xFF  # checkSumAdjustment: same size, different bytes
            break
    font.write_bytes(bytes(data))
    fallback = _load_warns(tmp_path, "stale")
    assert fallback.advance("hei-black", "中") == 1.0


def test_missing_cache_falls_back(tmp_path: Path) -> None:
    copy_face(tmp_path, FACE_FILES["hei-black"], with_cache=False)
    write_config(tmp_path, {"hei-black": FACE_FILES["hei-black"]}, {})
    fallback = _load_warns(tmp_path, "no metrics cache")
    assert fallback.faces["hei-black"].family == "Noto Sans CJK SC"


# -- ReportLab can embed them -------------------------------------------------------------------


def test_reportlab_embeds_every_face(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "sample.pdf"
    c = canvas.Canvas(str(pdf))
    for i, (key, file_name) in enumerate(FACE_FILES.items()):
        name = f"test-fonts-{key}"
        pdfmetrics.registerFont(TTFont(name, str(FONTS / file_name)))
        c.setFont(name, 12)
        c.drawString(72, 700 - 20 * i, "新闻报道，2024年。𬌗")
    c.save()
    data = pdf.read_bytes()
    assert data.count(b"/FontFile2") == len(FACE_FILES)


@pytest.mark.parametrize("face", ["song", "song-bold", "hei", "hei-bold", "hei-black", "kai"])
def test_em_dash_runs_edge_to_edge_so_a_pair_joins(face: str) -> None:
    # GB/T 15834 §4.14: the 破折号 —— is one two-em line, not two dashes with a gap.
    from fontTools.ttLib import TTFont as FontFile

    book = FontBook.load(FONTS)
    font = FontFile(str(book.faces[face].path), lazy=True)
    name = (font.getBestCmap() or {})[0x2014]
    glyph = font["glyf"][name]
    glyph.recalcBounds(font["glyf"])
    assert (glyph.xMin, glyph.xMax) == (0, font["hmtx"][name][0])
