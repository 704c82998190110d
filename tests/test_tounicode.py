"""Text comes back out of the PDF for every Han character the fonts ship beyond the BMP
(CJK Extensions B–G of the 通用规范汉字表, such as 𬌗 U+2C317): ToUnicode as UTF-16
surrogate pairs (ISO 32000-1 §9.10.3), read back with pdfplumber."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from fontTools.ttLib import TTFont

import editions
from pagekit import ROOT, make_project
from printer.build import build
from printer.prepress.tounicode import _rewritten, surrogates


def shipped_beyond_bmp(face: str) -> list[str]:
    cmap = TTFont(ROOT / "fonts" / face, lazy=True).getBestCmap()
    return [chr(code) for code in sorted(cmap) if code > 0xFFFF]


@pytest.mark.parametrize(("code", "hex_"), [(0x2C317, "D870DF17"), (0x20000, "D840DC00"),
                                            (0x4E00, "4E00")])
def test_a_code_point_as_utf16(code: int, hex_: str) -> None:
    assert surrogates(code) == hex_


def test_only_wide_destinations_are_rewritten() -> None:
    cmap = b"2 beginbfchar\n<01> <4E00>\n<02> <2C317>\nendbfchar\n"
    assert _rewritten(cmap) == b"2 beginbfchar\n<01> <4E00>\n<02> <D870DF17>\nendbfchar\n"
    assert _rewritten(b"<01> <4E00>\n") is None


def test_every_shipped_han_beyond_the_bmp_extracts_back(tmp_path: Path) -> None:
    rare = shipped_beyond_bmp("NotoSerifSC-Regular.ttf")
    assert "𬌗" in rare and len(rare) > 100
    project = make_project(tmp_path / "project")
    data = editions.sample()
    data["article"]["lead"][0] = "生僻字：" + "".join(rare) + "。"
    source = editions.write(project, data, "rare")
    pdf = project / "out" / "rare.pdf"
    result = build(source, pdf)
    assert result.output == pdf
    with pdfplumber.open(pdf) as document:
        printed = {c["text"] for c in document.pages[0].chars}
    assert [c for c in rare if c not in printed] == []
