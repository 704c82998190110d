"""Stage: workflow — a throwaway copy of a project, for benchmarks and tests that edit files.

Copies `content/` and `layout/`, links `fonts/` and `profiles/` (never edited), and copies
the photos of `images/`; a photo that a content file names but that does not exist yet is
replaced by a synthetic JPEG, so a copy can be built before the real photos are in. Tests that
only care about files can ask for synthetic stand-ins throughout: flat shapes, quick to embed.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from PIL import Image, ImageDraw

_PHOTO = re.compile(r"^\s*file:\s*['\"]?\.\./images/([^'\"\s]+)", re.MULTILINE)
MARKER = "printer.toml"
LINKED = ("fonts", "profiles")  # read, never edited: linked rather than copied


def synthetic_photo(target: Path, size: tuple[int, int] = (1800, 1200), seed: str = "") -> Path:
    """A deterministic stand-in JPEG at 300 ppi: a sky, ground and some shapes."""
    rng = random.Random(seed or target.name)
    width, height = size
    image = Image.new("RGB", size, (120, 150, 190))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 2 // 3, width, height), fill=(90, 110, 70))
    for _ in range(60):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randrange(40, width // 4), rng.randrange(40, height // 4)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.rectangle((x, y, x + w, y + h), fill=colour)
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, "JPEG", quality=85, dpi=(300, 300))
    return target


def make_sandbox(project: Path, target: Path, synthetic_photos: bool = False) -> Path:
    """Copy the project's inputs under `target` (which must not exist yet); return `target`.
    With `synthetic_photos`, every photo is a synthetic stand-in (quick to embed)."""
    target.mkdir(parents=True)
    (target / MARKER).write_text("# a copy of the project's inputs\n", encoding="utf-8")
    for folder in ("content", "layout"):
        shutil.copytree(project / folder, target / folder)
    for folder in LINKED:
        if (project / folder).is_dir():
            (target / folder).symlink_to((project / folder).resolve(), target_is_directory=True)
    images = target / "images"
    images.mkdir()
    if (project / "images").is_dir() and not synthetic_photos:
        for photo in (project / "images").iterdir():
            if photo.is_file():
                shutil.copy2(photo, images / photo.name)
    for content in sorted((target / "content").glob("*.yaml")):
        for name in _PHOTO.findall(content.read_text(encoding="utf-8")):
            if not (images / name).exists():
                synthetic_photo(images / name)
    return target
