"""Stage: prepress — the print settings of one build, from the layout's `print:` section.

A plain value handed to the renderer and the PDF/X post-processor, so neither needs the whole
layout spec. Limits follow the typesetting reference §5: CMYK only, total ink ≤ 240 % for
newsprint (WAN-IFRA; ISO 12647-3), photos ≥ 200 ppi (warn) and ≥ 120 ppi (fail).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from printer.layout.model import Print
from printer.units import PT_PER_MM

# How far the sheet reaches beyond the bleed when crop marks are drawn: room for the marks.
SLUG = 10 * PT_PER_MM
# printer's own CMYK newsprint profile (CC0; profiles/README.md), for layouts that name none.
# Shipped inside the package, so an installed printer has it too.
DEFAULT_PROFILE = Path(__file__).resolve().parent / "data" / "printer-newsprint.icc"


@dataclass(frozen=True)
class Press:
    """How one page goes to press.

    `profile` is the CMYK output profile (ICC) photos are separated with and the PDF/X output
    intent embeds; None leaves photos to a plain RGB→CMYK formula and the PDF without an
    output intent (preflight then fails it). `slug` is the margin of the sheet beyond the
    bleed; it is 0 unless crop marks are drawn.
    """

    profile: Path | None = None
    output_condition: str = "ISO newspaper 26 (IFRA26)"
    total_ink_limit: float = 240.0
    min_ppi: float = 120.0
    warn_ppi: float = 200.0
    marks: bool = False
    standard: str = "PDF/X-4"  # or "PDF/X-1a"

    @property
    def slug(self) -> float:
        return SLUG if self.marks else 0.0

    def with_marks(self, marks: bool | None) -> Press:
        """These settings with crop marks switched on or off (None: as the layout says)."""
        return self if marks is None else replace(self, marks=marks)


def default_profile() -> Path | None:
    """printer's newsprint profile (package data; None only if an installation lost it)."""
    return DEFAULT_PROFILE if DEFAULT_PROFILE.is_file() else None


def profile_problem(profile: Path | None) -> str:
    """Why a file cannot be the CMYK output profile ("" when it can): an ICC profile's header
    names its device class and data colour space (ICC.1 §7.2.5, §7.2.6)."""
    if profile is None:
        return ""
    try:
        with profile.open("rb") as handle:
            header = handle.read(40)
    except OSError as error:
        return f"cannot read the profile: {error.strerror}"
    if len(header) < 40 or header[36:40] != b"acsp":
        return f"{profile.name} is not an ICC profile"
    if header[16:20] != b"CMYK":
        space = header[16:20].decode("latin-1").strip()
        return f"{profile.name} describes {space} data: a press profile must be CMYK"
    return ""


def press_for(settings: Print) -> Press:
    """The press settings of a layout's `print:` section; no profile named: printer's own."""
    return Press(
        profile=settings.profile if settings.profile is not None else default_profile(),
        output_condition=settings.output_condition,
        total_ink_limit=settings.total_ink_limit,
        min_ppi=settings.min_ppi,
        warn_ppi=settings.warn_ppi,
        marks=settings.marks,
        standard=settings.standard,
    )
