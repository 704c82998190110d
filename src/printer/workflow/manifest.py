"""Stage: workflow — what a batch builds: editions listed in a manifest, or content files.

A manifest is a YAML file with an `editions` list; paths in it are relative to the manifest::

    layout: ../layout/broadsheet.yaml     # optional: the default layout of every edition
    out_dir: ../out/editions              # optional: where the PDFs go (--out-dir wins)
    editions:
      - content: jiaozuo-2024.yaml
        output: jiaozuo-2024.pdf          # optional: default NAME.pdf after the content file
        layout: ../layout/broadsheet.yaml # optional: else the manifest's, else the content's
        normalize: true                   # optional: else the content file's own setting

Any other argument of `printer batch` is a content file, built to `OUT_DIR/NAME.pdf`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from printer import yamlsource
from printer.errors import ErrorCollector, InputError, display_path

_EDITION_KEYS = ("content", "output", "layout", "normalize")
_MANIFEST_KEYS = ("layout", "out_dir", "editions")
_MANIFEST_LINE = re.compile(r"^editions\s*:", re.MULTILINE)


@dataclass(frozen=True)
class EditionJob:
    """One edition to build: its content, layout, options and output file."""

    content: Path
    output: str  # file name inside the batch's out dir
    layout: Path | None = None
    normalize: bool | None = None
    listed_at: str = ""  # where the edition was named: `content/editions.yaml:7` or the argument


@dataclass(frozen=True)
class Manifest:
    jobs: tuple[EditionJob, ...]
    out_dir: Path | None


@dataclass(frozen=True)
class Batch:
    jobs: tuple[EditionJob, ...]
    out_dir: Path


def is_manifest(path: Path) -> bool:
    """A manifest has a top-level `editions:` key (a content file never has one)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    return _MANIFEST_LINE.search(text) is not None


def read_manifest(path: Path) -> Manifest:
    """Read a manifest. Raises `InputError` (with file and line) when it is not valid."""
    data, source = yamlsource.load(path)
    errors = ErrorCollector(path, source)
    if not isinstance(data, dict) or not isinstance(data.get("editions"), list):
        raise InputError(path, 1, "editions", "a manifest needs an 'editions' list")
    for key in data:
        if key not in _MANIFEST_KEYS:
            errors.add((key,), f"unknown key '{key}' (expected one of: "
                               f"{', '.join(_MANIFEST_KEYS)})")
    base = path.resolve().parent
    folder = _path(data, "out_dir", base, errors, ())
    default_layout = _path(data, "layout", base, errors, ())
    jobs = [_job(entry, index, base, default_layout, errors, path)
            for index, entry in enumerate(data["editions"])]
    errors.raise_if_any()
    return Manifest(tuple(job for job in jobs if job is not None), folder)


def _path(data: dict[str, Any], key: str, base: Path, errors: ErrorCollector,
          at: tuple[str | int, ...]) -> Path | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        errors.add((*at, key), f"expected a path, got {yamlsource.describe(value)}")
        return None
    return Path(os.path.normpath(base / value))


def _job(entry: Any, index: int, base: Path, layout: Path | None,
         errors: ErrorCollector, manifest: Path) -> EditionJob | None:
    at: tuple[str | int, ...] = ("editions", index)
    if not isinstance(entry, dict):
        errors.add(at, f"expected a mapping with 'content', got {yamlsource.describe(entry)}")
        return None
    for key in entry:
        if key not in _EDITION_KEYS:
            errors.add((*at, key), f"unknown key '{key}' (expected one of: "
                                   f"{', '.join(_EDITION_KEYS)})")
    content = _path(entry, "content", base, errors, at)
    if content is None:
        errors.add(at, "an edition needs 'content': its content file")
        return None
    output = _output_name(entry, content, errors, at)
    normalize = entry.get("normalize")
    if normalize is not None and not isinstance(normalize, bool):
        errors.add((*at, "normalize"), "expected true or false")
    line = errors.locate(at)
    return EditionJob(
        content=content,
        output=output,
        layout=_path(entry, "layout", base, errors, at) or layout,
        normalize=normalize if isinstance(normalize, bool) else None,
        listed_at=f"{display_path(manifest)}:{line}",
    )


def _output_name(entry: dict[str, Any], content: Path, errors: ErrorCollector,
                 at: tuple[str | int, ...]) -> str:
    name = entry.get("output", f"{content.stem}.pdf")
    pure = PurePosixPath(str(name))
    if not isinstance(name, str) or pure.is_absolute() or ".." in pure.parts \
            or pure.suffix != ".pdf":
        errors.add((*at, "output"), "expected a file name ending in .pdf, inside the out dir")
        return f"{content.stem}.pdf"
    return name


def collect_jobs(arguments: list[Path], layout: Path | None, out_dir: Path | None) -> Batch:
    """Every edition named by the arguments, in order, and the out dir: `out_dir`, else the
    first manifest's, else `out`. Raises `InputError` for a bad manifest or two editions
    writing the same file; a bad content file fails only its own edition, later."""
    jobs: list[EditionJob] = []
    folders: list[Path] = []
    for argument in arguments:
        if argument.suffix in (".yaml", ".yml") and is_manifest(argument):
            manifest = read_manifest(argument)
            folders += [manifest.out_dir] if manifest.out_dir else []
            jobs.extend(EditionJob(job.content, job.output, layout or job.layout,
                                   job.normalize, job.listed_at) for job in manifest.jobs)
        else:
            jobs.append(EditionJob(argument, f"{argument.stem}.pdf", layout,
                                   listed_at=str(argument)))
    outputs: dict[str, EditionJob] = {}
    for job in jobs:
        other = outputs.setdefault(job.output, job)
        if other is not job:
            raise InputError(job.content, None, "",
                             f"{job.output} would be written by both {other.listed_at} and "
                             f"{job.listed_at}")
    return Batch(tuple(jobs), out_dir or (folders[0] if folders else Path("out")))
