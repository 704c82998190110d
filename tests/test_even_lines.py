"""Even lines, measured in the PDF: the space between characters and beside figures and Latin
words, read back with pdfplumber from the sample page and from an edition of hard copy
(figures, Latin words, URLs, runs of punctuation, copy pasted from the web). The distribution
is printed by `bench/line_spacing.py`; here the bounds are held:
- no body line spread past 0.15 em between characters (clreq §3.8; typesetting reference §3)
  except in paragraphs the build names as having no setting within it;
- every Han–Latin/figure space ¼ em (clreq §3.2.2), never stretched, never touching.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import editions
from pagekit import make_project
from printer.build import BuildResult, build
from spacing import Gap, column_spans, distribution, gaps

BODY = 9.0  # 小五
BOUND = 0.15 * 1.02 + 0.005  # the composer's bound and tolerance, and PDF rounding
MAGNITUDES = "万亿兆"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[BuildResult, Path]]:
    project = make_project(tmp_path_factory.mktemp("even") / "project")
    sources = {"sample": project / "content" / "jiaozuo-2024.yaml",
               "hard": editions.write(project, editions.with_hard_copy(editions.sample()),
                                      "hard")}
    found = {}
    for name, source in sources.items():
        pdf = project / "out" / f"{name}.pdf"
        found[name] = (build(source, pdf), pdf)
    return found


def measured(built: dict[str, tuple[BuildResult, Path]], name: str) -> tuple[list[Gap], list[Gap]]:
    result, pdf = built[name]
    assert result.spec is not None
    return gaps(pdf, BODY, column_spans(result.spec.source))


def loose_lines(han: list[Gap]) -> set[str]:
    return {gap.line for gap in han if gap.em > BOUND}


def test_the_sample_has_no_loose_line(built: dict[str, tuple[BuildResult, Path]]) -> None:
    han, _ = measured(built, "sample")
    assert loose_lines(han) == set(), distribution([g.em for g in han])
    result, _ = built["sample"]
    assert not [f for f in result.findings if f.kind == "loose-line"]


def test_loose_lines_are_only_where_the_build_names_them(
        built: dict[str, tuple[BuildResult, Path]]) -> None:
    han, _ = measured(built, "hard")
    result, _ = built["hard"]
    named = [f for f in result.findings if f.kind == "loose-line"]
    assert len(loose_lines(han)) <= len(named), (distribution([g.em for g in han]),
                                                 sorted(loose_lines(han)))
    for finding in named:  # each names the paragraph and its line
        assert finding.element.startswith("article.") and "line " in finding.message


@pytest.mark.parametrize("name", ["sample", "hard"])
def test_han_latin_space_is_the_styles_quarter_em(
        built: dict[str, tuple[BuildResult, Path]], name: str) -> None:
    _, mixed = measured(built, name)
    spaced = [g for g in mixed if not (g.left.isdigit() and g.right in MAGNITUDES)]
    assert spaced, "the copy has figures beside Han"
    off = [(round(g.em, 3), g.left + g.right, g.line) for g in spaced
           if not 0.25 - 0.03 <= g.em <= 0.25 + 0.03]
    assert off == [], distribution([g.em for g in spaced])
    assert all(-0.01 <= g.em <= 1 / 3 for g in mixed), min(g.em for g in mixed)
