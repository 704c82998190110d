"""Bad input through the command line: a clear message naming file and key, exit code 2, and
an existing output PDF left untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from pagekit import make_project
from printer.cli import main

OLD_PDF = b"%PDF-1.4 a good page from an earlier build\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project")
    (root / "out").mkdir()
    (root / "out" / "page.pdf").write_bytes(OLD_PDF)
    return root


def edit(project: Path, old: str, new: str) -> Path:
    path = project / "content" / "jiaozuo-2024.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def run(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(
        [
            "build",
            str(project / "content" / "jiaozuo-2024.yaml"),
            "-o",
            str(project / "out" / "page.pdf"),
        ]
    )
    return code, capsys.readouterr().err


CASES = [
    # (replace, with, what the message must name)
    ("headline:", "headline: [", ["jiaozuo-2024.yaml:", "line"]),
    ("  kicker: 这一年——", "  kickr: 这一年——", ["article.kickr", "unknown key"]),
    (
        "../images/lotus-lake.jpg",
        "../images/no-such-photo.jpg",
        ["photos[1].file", "no-such-photo"],
    ),
    ("../images/lotus-lake.jpg", "../../outside.jpg", ["photos[1].file", "outside"]),
    ("沁泉湖公园荷花绽放", "沁泉湖公园\U00020000荷花绽放", ["U+20000", "caption"]),
]


@pytest.mark.parametrize(("old", "new", "needles"), CASES)
def test_bad_input_exits_2_names_the_place_and_keeps_the_old_pdf(
    project: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, needles: list[str]
) -> None:
    if "outside" in new:
        (project.parent / "outside.jpg").write_bytes(
            (project / "images" / "lotus-lake.jpg").read_bytes()
        )
    edit(project, old, new)
    code, err = run(project, capsys)
    assert code == 2
    for needle in needles:
        assert needle in err, err
    assert (project / "out" / "page.pdf").read_bytes() == OLD_PDF
    assert not list((project / "out").glob(".printer-*"))


def test_empty_article_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "content" / "jiaozuo-2024.yaml"
    text = path.read_text(encoding="utf-8")
    head, _, _ = text.partition("\narticle:")
    credit = text[text.index("\ncredit:") :]
    path.write_text(
        head + "\narticle:\n  title: 步伐坚实 成效显著\n  lead: []\n  sections: []\n" + credit,
        encoding="utf-8",
    )
    code, err = run(project, capsys)
    assert code == 2
    assert "article" in err and "no text" in err
    assert (project / "out" / "page.pdf").read_bytes() == OLD_PDF


def test_good_input_replaces_the_old_pdf(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(project, capsys)
    assert code == 0
    assert (project / "out" / "page.pdf").read_bytes().startswith(b"%PDF-1.")
    assert (project / "out" / "page.pdf").read_bytes() != OLD_PDF


def test_a_font_that_forbids_embedding_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from printer.build import font_book

    book = font_book((project / "fonts").resolve())
    monkeypatch.setitem(book.faces, "kai", replace(book.faces["kai"], embeddable=False))
    code, err = run(project, capsys)
    assert code == 2
    assert "faces.kai" in err and "does not permit embedding" in err
    assert (project / "out" / "page.pdf").read_bytes() == OLD_PDF
