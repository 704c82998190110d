"""Property test of the whole makeup on copy it has not seen: random articles, banners and
highlights on the small page never crash it, stay inside the type area, never put text on
text, and every character of the article is on the page or in an overset report."""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from printer.build import lay_out
from printer.page import PageLayout, TextRun

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LAYOUT = FIXTURES / "layout" / "small.yaml"
SEED = [
    line.strip().removeprefix("- ").removeprefix("■ ")
    for line in (FIXTURES / "seed-page.txt").read_text(encoding="utf-8").splitlines()
    if len(line.strip()) > 12
]
sentence = st.sampled_from(SEED).map(lambda s: s.replace("**", ""))
paragraph = st.lists(sentence, min_size=1, max_size=3).map("".join)
section = st.fixed_dictionaries({
    "banner": st.sampled_from(["深化改革 激发活力", "创新驱动 动能强劲", "民生实事 落地见效"]),
    "paragraphs": st.lists(paragraph, min_size=1, max_size=3),
})


def _runs_overlap(a: TextRun, b: TextRun) -> bool:
    if abs(a.baseline - b.baseline) >= max(a.size, b.size) * 0.9:
        return False
    a0, a1 = min(a.xs), max(a.xs) + a.size * 0.5
    b0, b1 = min(b.xs), max(b.xs) + b.size * 0.5
    return a0 < b1 - 0.5 and b0 < a1 - 0.5


def _check(page: PageLayout, article_text: str) -> None:
    x0, y0, width, height = page.type_area
    runs = page.text_runs()
    for run in runs:
        assert x0 - run.size <= min(run.xs) and max(run.xs) <= x0 + width, run
        assert y0 <= run.baseline <= y0 + height, run
    body = [r for r in runs if r.element.startswith("article1.col") and "banner" not in r.element
            and "byline" not in r.element]
    for i, a in enumerate(body):
        for b in body[i + 1 :]:
            assert not _runs_overlap(a, b), (a.chars, b.chars)
    printed = Counter("".join(r.chars for r in body))
    overset = Counter("".join(f.text for f in page.findings
                              if f.kind == "overset" and f.element == "article1"))
    assert printed + overset >= Counter(article_text.replace(" ", ""))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lead=st.lists(paragraph, min_size=1, max_size=4),
       sections=st.lists(section, min_size=0, max_size=4))
def test_any_article_is_made_up_without_overlap_or_loss(
    lead: list[str], sections: list[dict[str, list[str]]]
) -> None:
    root = Path(tempfile.mkdtemp(prefix="printer-prop-"))
    try:
        (root / "printer.toml").touch()
        shutil.copytree(FIXTURES / "images", root / "images")
        (root / "content").mkdir()
        data = yaml.safe_load((FIXTURES / "content" / "minimal.yaml").read_text("utf-8"))
        data["article"]["lead"] = lead
        data["article"]["sections"] = sections
        path = root / "content" / "page.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        page = lay_out(path, LAYOUT, normalize=False)[1]
        text = "".join(lead) + "".join(p for s in sections for p in s["paragraphs"])
        _check(page, text)
    finally:
        shutil.rmtree(root)
