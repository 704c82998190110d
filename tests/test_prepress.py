"""Print production read back from the PDF's own objects: PDF/X-4 keys and output intent, page
boxes in millimetres, embedded fonts, overprinting black, photos separated to CMYK for
newsprint within the ink limit, crop marks, byte-identical and atomic output.

Sources: typesetting reference §5; ISO 15930-7 (PDF/X-4); ISO 12647-3 / WAN-IFRA (240 %).
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageCms

from pagekit import make_project
from printer.build import build, lay_out
from printer.cli import main
from printer.preflight.colour import image_total_ink
from printer.preflight.scan import scan_page
from printer.prepress import Press
from printer.prepress.ink import limit_total_ink, max_total_ink
from printer.prepress.marks import crop_marks
from printer.prepress.pdfx import build_date
from printer.prepress.photos import separated_jpeg
from printer.prepress.separation import _grey_to_k, separate
from printer.prepress.settings import DEFAULT_PROFILE, SLUG
from printer.render.pdf import write_pdf

ROOT = Path(__file__).resolve().parents[1]
MM = 72 / 25.4
PHOTOS = {"bridge-construction.jpg": (2600, 1800), "lotus-lake.jpg": (1800, 1200),
          "glass-factory.jpg": (1800, 1200)}
NEWSPRINT = Press(profile=DEFAULT_PROFILE)


def seed_content(folder: Path) -> Path:
    """The seed page's content file: in place, or in a copy with made-up photos if missing."""
    if all((ROOT / "images" / name).is_file() for name in PHOTOS):
        return ROOT / "content" / "jiaozuo-2024.yaml"
    (folder / "pyproject.toml").write_text("", encoding="utf-8")  # the project's root
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "layout", folder / "layout")
    (folder / "fonts").symlink_to(ROOT / "fonts", target_is_directory=True)
    (folder / "images").mkdir()
    rng = np.random.default_rng(7)
    for name, (width, height) in PHOTOS.items():
        sky = np.linspace(60, 230, height, dtype=np.float32)[:, None, None]
        pixels = sky * np.array([0.8, 0.9, 1.0]) + rng.normal(0, 12, (height, width, 3))
        Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(
            folder / "images" / name, quality=85)
    return folder / "content" / "jiaozuo-2024.yaml"


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_content(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="module")
def built(content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("out") / "page.pdf"
    assert build(content, output).output == output
    return output


@pytest.fixture(scope="module")
def pdf(built: Path) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(built) as document:
        yield document


def mm(values: pikepdf.Array) -> list[float]:
    return [round(float(v) / MM, 2) for v in values]


# --- PDF/X-4 -------------------------------------------------------------------------------


def test_output_intent_embeds_the_cmyk_newsprint_profile(pdf: pikepdf.Pdf) -> None:
    intents = pdf.Root.OutputIntents
    assert len(intents) == 1
    intent = intents[0]
    assert intent.S == "/GTS_PDFX" and intent.Type == "/OutputIntent"
    assert str(intent.OutputConditionIdentifier) == "ISO newspaper 26 (IFRA26)"
    profile = intent.DestOutputProfile
    assert int(profile.N) == 4
    assert profile.read_bytes() == DEFAULT_PROFILE.read_bytes()


def test_pdfx_keys_metadata_and_version(pdf: pikepdf.Pdf) -> None:
    assert pdf.pdf_version >= "1.6"
    info = pdf.docinfo
    assert str(info.GTS_PDFXVersion) == "PDF/X-4"
    assert info.Trapped == pikepdf.Name("/False")
    assert str(info.Title) == "焦作日报 2024-12-31 第5版"
    assert str(info.CreationDate) == "D:20000101000000+00'00'"  # no clock in the file
    assert len(pdf.trailer.ID) == 2
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
    assert "<pdf:Trapped>False</pdf:Trapped>" in xmp
    assert "<xmp:CreateDate>2000-01-01T00:00:00Z</xmp:CreateDate>" in xmp


def test_boxes_are_390_by_550_mm_with_3_mm_bleed(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0]
    x0, y0, x1, y1 = mm(page.TrimBox)
    assert (round(x1 - x0, 1), round(y1 - y0, 1)) == (390.0, 550.0)
    assert mm(page.BleedBox) == pytest.approx([x0 - 3, y0 - 3, x1 + 3, y1 + 3], abs=0.01)
    assert mm(page.MediaBox) == pytest.approx(mm(page.BleedBox), abs=0.01)  # no marks asked


def test_every_font_is_embedded_and_subset(pdf: pikepdf.Pdf) -> None:
    fonts = pdf.pages[0].Resources.Font
    assert len(fonts) >= 5
    for font in fonts.values():
        assert "/FontFile2" in font.FontDescriptor, font.BaseFont
        assert str(font.BaseFont)[7] == "+", font.BaseFont  # AAAAAA+: a subset


def test_black_text_is_100_k_and_overprints_with_opm_1(pdf: pikepdf.Pdf) -> None:
    texts = scan_page(pdf.pages[0]).texts
    black = [t for t in texts if t.space.family == "DeviceCMYK" and t.values == (0, 0, 0, 1)]
    assert sum(len(t.codes) for t in black) > 1000  # glyphs shown in black
    assert all(t.overprint and t.opm == 1 for t in black)
    others = [t for t in texts if t not in black]
    assert others and not any(t.overprint for t in others)  # red and white text knock out
    states = pdf.pages[0].Resources.ExtGState.values()
    assert any(s.get("/op") is True for s in states) and any(s.get("/OPM") == 1 for s in states)


def test_no_rgb_anywhere_and_photos_are_device_cmyk(pdf: pikepdf.Pdf) -> None:
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream | pikepdf.Dictionary):
            assert obj.get("/ColorSpace") not in ("/DeviceRGB", "/CalRGB")
    content = pdf.pages[0].Contents.read_bytes()
    assert b" rg" not in content and b" RG" not in content
    images = list(pdf.pages[0].Resources.XObject.values())
    assert len(images) == 3
    for image in images:
        assert image.ColorSpace == "/DeviceCMYK" and list(image.Filter) == ["/DCTDecode"]
        assert list(image.Decode) == [1, 0] * 4  # Adobe CMYK JPEG: inverted samples


def test_photos_stay_within_the_240_percent_ink_limit(pdf: pikepdf.Pdf) -> None:
    totals = [image_total_ink(x) for x in pdf.pages[0].Resources.XObject.values()]
    assert all(t is not None and 100 < t <= 240 for t in totals), totals


def test_photos_render_as_photos_not_negatives(built: Path, content: Path) -> None:
    _, page, _ = lay_out(content)
    picture = next(p for p in page.items if p.element == "photo.bridge")
    document = pdfium.PdfDocument(str(built))
    try:
        scale = 0.25
        render = document[0].render(scale=scale).to_pil().convert("L")
    finally:
        document.close()
    offset = page.bleed
    box = [round((offset + v) * scale) for v in (picture.x, picture.y,
                                                 picture.x + picture.width,
                                                 picture.y + picture.height)]
    shown = np.asarray(render.crop(box), np.float32)
    with Image.open(picture.path) as source:
        wanted = source.crop(picture.crop).convert("L").resize(render.crop(box).size)
    expected = np.asarray(wanted, np.float32)
    assert abs(shown.mean() - expected.mean()) < 30
    assert np.corrcoef(shown.ravel(), expected.ravel())[0, 1] > 0.8  # a negative is < 0


# --- output --------------------------------------------------------------------------------


def test_two_builds_are_byte_identical(built: Path, content: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    build(content, again)
    assert again.read_bytes() == built.read_bytes()


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf not installed")
def test_qpdf_check_is_clean(built: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(built)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_a_failing_post_process_leaves_the_old_pdf(content: Path, tmp_path: Path) -> None:
    _, page, _ = lay_out(content)
    target = tmp_path / "page.pdf"
    target.write_bytes(b"%PDF-1.6 the good one")

    def fail(path: Path) -> None:
        raise RuntimeError("post-processing failed")

    with pytest.raises(RuntimeError):
        write_pdf(page, target, NEWSPRINT, fail)
    assert target.read_bytes() == b"%PDF-1.6 the good one"
    assert [p.name for p in tmp_path.iterdir()] == ["page.pdf"]  # no temporary file left


def test_crop_marks_sit_in_registration_colour_outside_the_bleed(content: Path,
                                                                tmp_path: Path) -> None:
    output = tmp_path / "marks.pdf"
    build(content, output, marks=True)
    with pikepdf.open(output) as document:
        page = document.pages[0]
        bleed = mm(page.BleedBox)
        slug = SLUG / MM
        assert mm(page.MediaBox) == pytest.approx(
            [bleed[0] - slug, bleed[1] - slug, bleed[2] + slug, bleed[3] + slug], abs=0.01)
        trim = mm(page.TrimBox)
        assert (round(trim[2] - trim[0], 1), round(trim[3] - trim[1], 1)) == (390.0, 550.0)
        space = page.Resources.ColorSpace.All
        assert list(space)[:3] == ["/Separation", "/All", "/DeviceCMYK"]
        assert b"/All CS" in page.Contents.read_bytes()


def test_crop_marks_start_beyond_the_bleed() -> None:
    marks = crop_marks(100.0, 200.0, 9.0)
    assert len(marks) == 8
    for x1, y1, x2, y2 in marks:
        outside = [min(abs(x1), abs(x1 - 100)), min(abs(y1), abs(y1 - 200))]
        assert max(outside) > 9.0  # each mark starts past the bleed along its direction
        assert (x1 == x2) != (y1 == y2)  # horizontal or vertical


# --- photos --------------------------------------------------------------------------------


def test_ink_limit_moves_grey_into_k_then_scales_cmy() -> None:
    rng = np.random.default_rng(1)
    pixels = rng.integers(0, 256, (64, 64, 4), dtype=np.uint8)
    limited = limit_total_ink(pixels, 240)
    assert max_total_ink(pixels) > 300 and max_total_ink(limited) <= 240
    heavy = np.array([[[230, 220, 210, 200]]], np.uint8)  # 337 %
    (c, m, y, k), = limit_total_ink(heavy, 240)[0]
    assert k > 200 and c >= m >= y  # grey went to K, the hue order stays
    light = np.array([[[10, 20, 30, 40]]], np.uint8)
    assert limit_total_ink(light, 240) is light  # nothing over: untouched


def test_rgb_photo_separates_within_a_low_limit() -> None:
    rng = np.random.default_rng(2)
    photo = Image.fromarray(rng.integers(0, 256, (40, 60, 3), dtype=np.uint8), "RGB")
    press = Press(profile=DEFAULT_PROFILE, total_ink_limit=150)
    assert max_total_ink(separate(photo, press)) <= 150
    dark = Image.new("RGB", (8, 8), (20, 10, 40))
    assert max_total_ink(separate(dark, NEWSPRINT)) <= 240


def test_grey_photos_go_to_k_alone() -> None:
    ramp = np.tile(np.arange(256, dtype=np.uint8), (4, 1))
    for image in (Image.fromarray(ramp, "L"), Image.fromarray(ramp, "L").convert("RGB")):
        cmyk = separate(image, NEWSPRINT)
        assert not cmyk[..., :3].any()
        k = cmyk[0, :, 3].astype(int)
        assert k[0] > 240 and k[-1] == 0 and (np.diff(k) <= 0).all()  # black → white
    table = _grey_to_k(DEFAULT_PROFILE)
    assert table[128] < 128  # mid grey takes less than half K: newsprint's dot gain


def test_separated_photos_are_cached_and_deterministic(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (30, 20), (200, 80, 40)).save(path)
    first = separated_jpeg(path, (0, 0, 30, 20), NEWSPRINT)
    assert separated_jpeg(path, (0, 0, 30, 20), NEWSPRINT) is first
    with Image.open(io.BytesIO(first)) as jpeg:
        assert jpeg.mode == "CMYK" and jpeg.size == (30, 20)
    cropped = separated_jpeg(path, (0, 0, 10, 10), NEWSPRINT)
    assert cropped != first


def test_a_profile_that_is_not_cmyk_is_refused(content: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "fonts").symlink_to(ROOT / "fonts", target_is_directory=True)
    (tmp_path / "layout").mkdir()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    (tmp_path / "layout" / "srgb.icc").write_bytes(srgb)
    text = (ROOT / "layout" / "broadsheet.yaml").read_text(encoding="utf-8")
    layout = tmp_path / "layout" / "broadsheet.yaml"
    layout.write_text(text.replace("  profile: null", "  profile: srgb.icc"), encoding="utf-8")
    output = tmp_path / "page.pdf"
    assert main(["build", str(content), "--layout", str(layout), "-o", str(output)]) == 2
    assert "print.profile: srgb.icc describes RGB data" in capsys.readouterr().err
    assert not output.exists()


def test_dates_come_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    assert build_date() == datetime(2000, 1, 1, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735603200")
    assert build_date() == datetime(2024, 12, 31, tzinfo=UTC)


def test_pdf_x1a_when_the_layout_asks_for_it(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    layout = project / "layout" / "broadsheet.yaml"
    layout.write_text(layout.read_text(encoding="utf-8").replace(
        "  marks: false", "  marks: false\n  standard: PDF/X-1a"), encoding="utf-8")
    output = project / "out" / "x1a.pdf"
    build(project / "content" / "jiaozuo-2024.yaml", output)
    with pikepdf.open(output) as pdf:
        assert pdf.pdf_version == "1.3"
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-1:2001"
        assert str(pdf.docinfo.GTS_PDFXConformance) == "PDF/X-1a:2001"
        assert "/Metadata" not in pdf.Root and len(pdf.Root.OutputIntents) == 1
    assert main(["check", str(output)]) == 0
