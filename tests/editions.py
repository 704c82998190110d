"""Test editions made from the sample page, for copy the page was not designed around.

The article at other lengths — whole paragraphs dropped, or whole new sections of the same
style added from `fixtures/copy/extra-copy.yaml` (sample copy written for the tests) — other
headlines and decks, a second story, more or fewer photos (stand-ins made here, including a
portrait one), no highlights box. Each edition is written as a content file into a copy of
the project (`pagekit.make_project`), so it builds exactly as a user's would.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageDraw

from pagekit import ROOT

SAMPLE = ROOT / "content" / "jiaozuo-2024.yaml"
EXTRA = ROOT / "tests" / "fixtures" / "copy" / "extra-copy.yaml"
HARD = ROOT / "tests" / "fixtures" / "copy" / "hard-copy.yaml"


def sample() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    return data


def extra() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXTRA.read_text(encoding="utf-8"))
    return data


def hard() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(HARD.read_text(encoding="utf-8"))
    return data


def with_hard_copy(data: dict[str, Any]) -> dict[str, Any]:
    """The edition with its last sections replaced by the hard copy's (figures, Latin words,
    URLs, punctuation runs) and one paragraph of each as pasted from the web."""
    data = copy.deepcopy(data)
    article = data["article"]
    sections = hard()["sections"]
    article["sections"] = article["sections"][: -len(sections)] + copy.deepcopy(sections)
    article["sections"][-1]["paragraphs"] += hard()["web_paragraphs"][:2]
    return data


def body_length(article: dict[str, Any]) -> int:
    """Characters of an article's paragraphs (its body)."""
    paragraphs = [*article.get("lead", [])]
    for section in article.get("sections", []):
        paragraphs.extend(section["paragraphs"])
    return sum(len(p.replace("**", "")) for p in paragraphs)


def at_length(data: dict[str, Any], factor: float) -> dict[str, Any]:
    """The edition with its article body about `factor` times the sample's: whole sections
    dropped from the end (then whole lead paragraphs), or new sections added, whichever
    comes nearest the target."""
    data = copy.deepcopy(data)
    article = data["article"]
    target = body_length(article) * factor
    if factor < 1:
        while body_length(article) > target and len(article["sections"]) > 0:
            last = article["sections"][-1]
            if body_length(article) - sum(len(p) for p in last["paragraphs"]) < target * 0.9:
                break
            article["sections"].pop()
        while body_length(article) > target * 1.1 and len(article["lead"]) > 1:
            article["lead"].pop()
        return data
    for section in extra()["sections"]:
        added: list[str] = []
        for paragraph in section["paragraphs"]:
            now = body_length(article) + sum(len(p) for p in added)
            if abs(now + len(paragraph) - target) >= abs(now - target):
                break
            added.append(paragraph)
        if not added:
            break
        article["sections"].append({"banner": section["banner"], "paragraphs": added})
    return data


def with_head(data: dict[str, Any], title: str | None = None, deck: str | None = None,
              kicker: str | None = None) -> dict[str, Any]:
    data = copy.deepcopy(data)
    if title is not None:
        data["headline"]["title"] = title
    if deck is not None:
        data["headline"]["deck"] = deck
    if kicker is not None:
        data["headline"]["kicker"] = kicker
    return data


def two_stories(data: dict[str, Any], second: int = 0) -> dict[str, Any]:
    """The edition with a second story (from the extra copy) after its article."""
    data = copy.deepcopy(data)
    story = copy.deepcopy(extra()["stories"][second])
    data["articles"] = [data.pop("article"), story]
    return data


def without_box(data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    data.pop("highlights", None)
    return data


PORTRAIT = "portrait-worker.jpg"
EXTRA_PHOTOS = [
    ("worker", PORTRAIT, "技术人员在车间调试智能装备。", (1200, 1800)),
    ("harvest", "harvest-field.jpg", "温县农民在田间采挖铁棍山药。", (2000, 1300)),
    ("night", "night-market.jpg", "“怀川夜市”华灯初上,游人如织。", (1800, 1200)),
]


def with_photos(data: dict[str, Any], count: int, project: Path) -> dict[str, Any]:
    """The edition with `count` photos: the sample's three, then stand-ins made in the
    project's images folder (a portrait one first), or the first `count` of the sample's."""
    data = copy.deepcopy(data)
    photos = data.get("photos", [])
    for photo_id, name, caption, size in EXTRA_PHOTOS[: max(0, count - len(photos))]:
        _stand_in(project / "images" / name, size)
        photos.append({"id": photo_id, "file": f"../images/{name}", "caption": caption})
    data["photos"] = photos[:count]
    if not count:
        data.pop("credit", None)
    return data


def _stand_in(path: Path, size: tuple[int, int]) -> None:
    """A plain stand-in picture: bands of colour, so it is not one flat tone."""
    if path.exists():
        return
    image = Image.new("RGB", size, (150, 170, 190))
    draw = ImageDraw.Draw(image)
    for band in range(0, size[1], 40):
        shade = 90 + (band * 97) % 120
        draw.rectangle((0, band, size[0], band + 20), fill=(shade, shade - 30, 120))
    image.save(path, quality=85)


def write(project: Path, data: dict[str, Any], name: str = "edition") -> Path:
    """Write the edition as a content file of the project; returns its path."""
    path = project / "content" / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
