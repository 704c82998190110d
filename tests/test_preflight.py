"""`printer check`: the seed page passes clean; each planted defect is named by its check.

Defects are planted with pikepdf edits of the good page, or in tiny PDFs written here with
ReportLab; an overset story comes from a longer article in a copy of the project.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pikepdf
import pytest
import yaml
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from pagekit import make_project
from printer.build import build
from printer.cli import main
from printer.preflight import Report, check_content, check_pdf

ROOT = Path(__file__).resolve().parents[1]
SONG = ROOT / "fonts" / "NotoSerifSC-Regular.ttf"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project (real photos when present, made-up ones otherwise)."""
    return make_project(tmp_path_factory.mktemp("preflight") / "project")


@pytest.fixture(scope="module")
def good(project: Path) -> Path:
    output = project / "out" / "page.pdf"
    assert build(project / "content" / "jiaozuo-2024.yaml", output).output == output
    return output


def levels(report: Report, check: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for finding in report.findings:
        if finding.check == check:
            out.setdefault(finding.level, []).append(finding.line())
    return out


def plant(good: Path, target: Path, edit: Callable[[pikepdf.Pdf], None]) -> Path:
    with pikepdf.open(good) as pdf:
        edit(pdf)
        pdf.save(target)
    return target


def tiny_pdf(path: Path, draw: Callable[[Canvas], None]) -> Path:
    pdfmetrics.registerFont(TTFont("preflight-song", str(SONG)))
    canvas = Canvas(str(path), pagesize=(300, 300), invariant=1,
                    initialFontName="preflight-song")
    canvas.setTrimBox((10, 10, 290, 290))
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return path


# --- the seed page -------------------------------------------------------------------------


def test_seed_page_content_passes_with_no_error_and_no_warning(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(project / "content" / "jiaozuo-2024.yaml")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.splitlines()[-1] == "pass: 0 errors, 0 warnings"
    assert "info: story-fit: page: chose " in out  # the geometry the search chose
    for check in ("glyphs", "fonts", "colour", "ink", "overprint", "images", "boxes", "pdfx",
                  "prohibitions", "type-area"):
        assert f"ok: {check}: " in out, check


def test_seed_page_pdf_passes_and_asks_for_the_content(good: Path) -> None:
    report = check_pdf(good)
    assert [f.line() for f in report.findings if f.level in ("error", "warning")] == []
    assert "needs the content" in levels(report, "story-fit")["info"][0]
    assert report.exit_code(strict=True) == 0


def test_json_report(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(good), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "pass" and data["exit_code"] == 0
    assert data["counts"] == {"error": 0, "warning": 0, "info": 1}
    checks = {c["check"] for c in data["checks"]}
    assert {"fonts", "colour", "ink", "images", "boxes", "pdfx"} <= checks


# --- planted defects in the good page ------------------------------------------------------


def add_content(pdf: pikepdf.Pdf, operators: bytes) -> None:
    pdf.pages[0].contents_add(pikepdf.Stream(pdf, operators))


def test_rgb_colour_is_an_error(good: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    bad = plant(good, tmp_path / "rgb.pdf",
                lambda pdf: add_content(pdf, b"q 1 0 0 rg 100 100 50 50 re f Q"))
    assert main(["check", str(bad)]) == 2
    assert "error: colour: RGB colour (DeviceRGB) in 1 fill operation" in capsys.readouterr().out


def test_spot_colour_and_ink_over_the_limit_are_errors(good: Path, tmp_path: Path) -> None:
    def edit(pdf: pikepdf.Pdf) -> None:
        tint = pikepdf.Stream(pdf, b"{dup 0 exch dup 0.9 mul exch 0 exch 0}")
        tint.FunctionType, tint.Domain, tint.Range = 4, [0, 1], [0, 1] * 4
        resources = pdf.pages[0].Resources
        resources.ColorSpace = pikepdf.Dictionary(
            Pms=pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name("/PANTONE 185 C"),
                               pikepdf.Name.DeviceCMYK, tint]))
        add_content(pdf, b"q /Pms cs 1 scn 10 10 5 5 re f 0.9 0.9 0.9 0.9 k 20 20 5 5 re f Q")

    report = check_pdf(plant(good, tmp_path / "spot.pdf", edit))
    assert any("spot colour PANTONE 185 C" in m for m in levels(report, "colour")["error"])
    assert any("360 % total ink over the 240 % limit" in m
               for m in levels(report, "ink")["error"])


def test_font_not_embedded_is_an_error(good: Path, tmp_path: Path) -> None:
    def edit(pdf: pikepdf.Pdf) -> None:
        font = next(iter(pdf.pages[0].Resources.Font.values()))
        del font.FontDescriptor.FontFile2

    report = check_pdf(plant(good, tmp_path / "font.pdf", edit))
    assert any("is not embedded" in m for m in levels(report, "fonts")["error"])
    assert report.exit_code() == 2


def test_missing_trimbox_is_an_error(good: Path, tmp_path: Path) -> None:
    report = check_pdf(plant(good, tmp_path / "trim.pdf",
                             lambda pdf: pdf.pages[0].obj.__delitem__("/TrimBox")))
    assert levels(report, "boxes")["error"] == [
        "error: boxes: no TrimBox: the plant cannot tell where the page is cut"]


def test_trimbox_outside_the_bleedbox_is_an_error(good: Path, tmp_path: Path) -> None:
    def edit(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].TrimBox = pikepdf.Array([0, 0, 2000, 2000])

    report = check_pdf(plant(good, tmp_path / "boxes.pdf", edit))
    assert "error: boxes: TrimBox reaches outside the BleedBox" in levels(report, "boxes")["error"]


def test_missing_output_intent_and_pdfx_keys_are_errors(good: Path, tmp_path: Path) -> None:
    def edit(pdf: pikepdf.Pdf) -> None:
        del pdf.Root.OutputIntents
        del pdf.docinfo.Trapped

    errors = levels(check_pdf(plant(good, tmp_path / "pdfx.pdf", edit)), "pdfx")["error"]
    assert any("no PDF/X output intent" in m for m in errors)
    assert any("/Trapped must be /True or /False" in m for m in errors)


def test_black_text_that_knocks_out_is_a_warning(good: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    def edit(pdf: pikepdf.Pdf) -> None:
        for state in pdf.pages[0].Resources.ExtGState.values():
            if state.get("/op") is True:
                state.op = False

    bad = plant(good, tmp_path / "knockout.pdf", edit)
    assert main(["check", str(bad)]) == 0  # it prints…
    assert main(["check", str(bad), "--strict"]) == 1  # …but not under --strict
    found = re.search(r"warning: overprint: (\d+) of (\d+) black text runs knock out",
                      capsys.readouterr().out)
    assert found and found.group(1) == found.group(2) and int(found.group(1)) > 100


# --- tiny PDFs ------------------------------------------------------------------------------


def photo(canvas: Canvas, pixels: int, points: float) -> None:
    rng = np.random.default_rng(3)
    image = Image.fromarray(rng.integers(0, 120, (pixels, pixels, 4), dtype=np.uint8), "CMYK")
    canvas.drawImage(ImageReader(image), 20, 20, points, points)


def test_100_ppi_photo_is_an_error_and_150_ppi_a_warning(tmp_path: Path) -> None:
    low = check_pdf(tiny_pdf(tmp_path / "low.pdf", lambda c: photo(c, 100, 72)))
    assert any("100 ppi at placed size, under 120" in m for m in levels(low, "images")["error"])
    mid = check_pdf(tiny_pdf(tmp_path / "mid.pdf", lambda c: photo(c, 150, 72)))
    assert "error" not in levels(mid, "images")
    assert any("150 ppi at placed size, under 200" in m
               for m in levels(mid, "images")["warning"])


def test_missing_glyph_is_an_error(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFont("preflight-song", 12)
        canvas.drawString(30, 150, "中文\u0e01字")  # Thai ko kai: not in a Chinese font

    report = check_pdf(tiny_pdf(tmp_path / "glyph.pdf", draw))
    errors = levels(report, "glyphs")["error"]
    assert len(errors) == 1 and "has no glyph for" in errors[0] and ".notdef" in errors[0]


def test_line_starting_with_a_comma_breaks_the_rules(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFont("preflight-song", 9)
        for number, line in enumerate(["全市经济运行总体平稳", "，稳中向好统筹做好稳增长"]):
            canvas.drawString(30, 200 - 14 * number, line)

    report = check_pdf(tiny_pdf(tmp_path / "rules.pdf", draw))
    warnings = levels(report, "prohibitions")["warning"]
    assert warnings == ["warning: prohibitions: line-start: '，稳中' in '，稳中向好统筹做好稳增长'"]


def test_text_outside_the_trimbox_is_an_error(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFont("preflight-song", 9)
        canvas.drawString(285, 150, "出")

    report = check_pdf(tiny_pdf(tmp_path / "outside.pdf", draw))
    assert any("outside the TrimBox: 出" in m for m in levels(report, "type-area")["error"])


# --- story fit from the content -------------------------------------------------------------


def longer(data: dict[str, Any]) -> None:
    """Each section twelve times over: more copy than the page takes in any geometry."""
    sections = data["article"]["sections"]
    for section in sections:
        section["paragraphs"] = section["paragraphs"] * 12


def test_overset_story_is_an_error(project: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "project"
    shutil.copytree(project, copy, symlinks=True, ignore=shutil.ignore_patterns("out"))
    path = copy / "content" / "jiaozuo-2024.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    longer(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = check_content(path)
    errors = levels(report, "story-fit")["error"]
    assert len(errors) == 1 and "error: story-fit: article1: overset by" in errors[0]
    assert report.exit_code() == 2
