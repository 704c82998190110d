"""Stage: fonts — the font book: faces, roles and per-character metrics.

`fonts/fonts.yaml` names the faces (key → font file) and the roles (key → fallback chain of face
keys). `FontBook.load` reads it together with each face's metrics — from the metrics cache that
`tools/build_fonts.py` writes, or, when the cache is missing or stale, by parsing the font with
fontTools (slow, and warned about with `MetricsCacheWarning`).

This module never imports ReportLab: drawing is a later stage's business.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from printer.fonts.metrics import (
    FaceMetrics,
    MetricsError,
    cache_path_for,
    fs_type_embeddable,
    read_cache,
    read_font,
)

CONFIG_NAME = "fonts.yaml"

try:  # libyaml's loader is several times faster; fall back to the pure-Python one
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _YamlLoader = yaml.SafeLoader


class FontError(Exception):
    """A font configuration problem: bad fonts.yaml, missing font file, unknown face or role."""


class MetricsCacheWarning(UserWarning):
    """A face's metrics cache is missing or stale; its font was parsed instead (slow)."""


@dataclass(frozen=True)
class FontFace:
    """One face: a font file and the metrics a layout needs about it as a whole."""

    key: str
    path: Path
    family: str
    units_per_em: int
    ascender: float  # em, from OS/2 sTypoAscender
    descender: float  # em, from OS/2 sTypoDescender (negative)
    embeddable: bool  # OS/2 fsType permits embedding (installable/editable/preview&print)


class FontBook:
    """Faces, role fallback chains and per-character advance widths.

    A role name that is not in `roles` but is a face key resolves to that face alone.
    """

    faces: dict[str, FontFace]
    roles: dict[str, tuple[str, ...]]

    def __init__(
        self,
        faces: Mapping[str, FontFace],
        roles: Mapping[str, Iterable[str]],
        advances: Mapping[str, Mapping[int, int]],
    ) -> None:
        self.faces = dict(faces)
        self.roles = {role: tuple(chain) for role, chain in roles.items()}
        for role, chain in self.roles.items():
            if not chain:
                raise FontError(f"role {role!r} has an empty fallback chain")
            for face in chain:
                if face not in self.faces:
                    raise FontError(f"role {role!r} names unknown face {face!r}")
        missing_metrics = set(self.faces) - set(advances)
        if missing_metrics:
            raise FontError(f"no metrics for faces {sorted(missing_metrics)}")
        # Per face: code point -> advance width in font units, and units per em.
        self._advance: dict[str, Mapping[int, int]] = {key: advances[key] for key in self.faces}
        self._upem: dict[str, int] = {key: face.units_per_em for key, face in self.faces.items()}

    @classmethod
    def load(cls, fonts_dir: Path) -> FontBook:
        """Read `fonts_dir/fonts.yaml` and every face it names."""
        fonts_dir = Path(fonts_dir)
        config_path = fonts_dir / CONFIG_NAME
        try:
            text = config_path.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise FontError(f"{config_path}: not found") from exc
        try:
            config = yaml.load(text, Loader=_YamlLoader)
        except yaml.YAMLError as exc:
            raise FontError(f"{config_path}: not valid YAML: {exc}") from exc
        face_files, roles = _parse_config(config, config_path)

        faces: dict[str, FontFace] = {}
        advances: dict[str, dict[int, int]] = {}
        by_file: dict[Path, FaceMetrics] = {}
        for key, file_name in face_files.items():
            path = fonts_dir / file_name
            if not path.is_file():
                raise FontError(
                    f"{config_path}: face {key!r}: font file {file_name!r} not found ({path})"
                )
            metrics = by_file.get(path)
            if metrics is None:
                metrics = _face_metrics(path)
                by_file[path] = metrics
            upem = metrics.units_per_em
            faces[key] = FontFace(
                key=key,
                path=path,
                family=metrics.family,
                units_per_em=upem,
                ascender=metrics.ascender / upem,
                descender=metrics.descender / upem,
                embeddable=fs_type_embeddable(metrics.fs_type),
            )
            advances[key] = metrics.advances
        try:
            return cls(faces, roles, advances)
        except FontError as exc:
            raise FontError(f"{config_path}: {exc}") from None

    # -- queries --------------------------------------------------------------------------------

    def chain(self, role: str) -> tuple[str, ...]:
        """The fallback chain of face keys for `role`."""
        chain = self.roles.get(role)
        if chain is not None:
            return chain
        if role in self.faces:
            return (role,)
        raise FontError(f"unknown font role {role!r}")

    def has(self, face: str, ch: str) -> bool:
        """Whether `face` has a glyph for the character `ch`."""
        return _code_point(ch) in self._table(face)

    def advance(self, face: str, ch: str) -> float | None:
        """Advance width of `ch` in `face`, in em (1.0 = units per em); None if it has no glyph."""
        units = self._table(face).get(_code_point(ch))
        return None if units is None else units / self._upem[face]

    def resolve(self, role: str, ch: str) -> tuple[str, float] | None:
        """The first face in `role`'s chain that has `ch`, with its advance in em; else None."""
        cp = _code_point(ch)
        for face in self.chain(role):
            units = self._advance[face].get(cp)
            if units is not None:
                return face, units / self._upem[face]
        return None

    def missing(self, role: str, text: str) -> list[str]:
        """Characters of `text` that no face of `role` can draw.

        In order of first appearance, without duplicates; whitespace is ignored.
        """
        tables = [self._advance[face] for face in self.chain(role)]
        seen: set[str] = set()
        result: list[str] = []
        for ch in text:
            if ch in seen or ch.isspace():
                continue
            seen.add(ch)
            cp = ord(ch)
            if not any(cp in table for table in tables):
                result.append(ch)
        return result

    def _table(self, face: str) -> Mapping[int, int]:
        table = self._advance.get(face)
        if table is None:
            raise FontError(f"unknown font face {face!r}")
        return table


def _code_point(ch: str) -> int:
    if len(ch) != 1:
        raise ValueError(f"expected a single character, got {ch!r}")
    return ord(ch)


def _face_metrics(path: Path) -> FaceMetrics:
    cache = cache_path_for(path)
    try:
        return read_cache(path, cache)
    except FileNotFoundError:
        reason = f"no metrics cache {cache}"
    except MetricsError as exc:
        reason = f"unusable metrics cache: {exc}"
    warnings.warn(
        f"{reason}; parsing {path.name} instead (slow). "
        "Rebuild the caches with `python tools/build_fonts.py --metrics-only`.",
        MetricsCacheWarning,
        stacklevel=3,
    )
    try:
        return read_font(path)
    except Exception as exc:  # fontTools raises a variety of errors on a broken font
        raise FontError(f"{path}: cannot read font: {exc}") from exc


def _parse_config(config: object, config_path: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    if not isinstance(config, dict):
        raise FontError(f"{config_path}: expected a mapping with 'faces' and 'roles'")
    faces = config.get("faces")
    roles = config.get("roles", {})
    if not isinstance(faces, dict) or not faces:
        raise FontError(f"{config_path}: 'faces' must be a non-empty mapping of key to font file")
    if not isinstance(roles, dict):
        raise FontError(f"{config_path}: 'roles' must be a mapping of role to a list of faces")
    face_files: dict[str, str] = {}
    for key, file_name in faces.items():
        if not isinstance(key, str) or not isinstance(file_name, str) or not file_name:
            raise FontError(f"{config_path}: face {key!r}: expected a font file name")
        face_files[key] = file_name
    role_chains: dict[str, list[str]] = {}
    for role, chain in roles.items():
        if isinstance(chain, str):
            chain = [chain]
        if not isinstance(role, str) or not isinstance(chain, list) or not chain:
            raise FontError(f"{config_path}: role {role!r}: expected a non-empty list of faces")
        for face in chain:
            if not isinstance(face, str) or face not in face_files:
                raise FontError(f"{config_path}: role {role!r}: unknown face {face!r}")
        role_chains[role] = chain
    return face_files, role_chains
