#!/usr/bin/env python3
"""Make src/printer/prepress/data/printer-newsprint.icc, the CMYK output profile shipped with
printer (as package data, so an installed printer has it).

Stage: prepress (a one-off generator; the printer package only reads its result).

No freely redistributable newsprint profile exists (ISOnewspaper26v4 of ECI/WAN-IFRA may not
be passed on freely), so this script models coldset offset on newsprint and lets ArgyllCMS's
`colprof` build the ICC profile from the model:

1. A characterization data set (a .ti3 file: CMYK values and their CIELAB) is computed, not
   measured: a Murray-Davies / Neugebauer model over the 16 overprints of the solids, with
   - paper, solids and two-colour overprints near the ISO 12647-3 aims for newsprint
     (CIELAB D50 2°; approximate, see AIMS below);
   - tone value increase 26 % at 40 % (the "26" of IFRA26, ISO 12647-3);
   - three- and four-colour overprints multiplied out from those in XYZ, with a small flare
     floor so that the densest black stays at about L* 25, as on newsprint.
2. `colprof` makes the profile: total ink limit 240 % (WAN-IFRA's newsprint figure; ISO
   12647-3:2013 recommends 220-240 %), black limit 95 %, a heavy GCR black ramp, perceptual
   tables gamut-mapped from sRGB.

The model is ours, so the profile is ours: released under CC0 1.0 (see profiles/README.md).
It approximates newsprint; a plant's own profile is dropped in with the layout's
`print.profile`.  Usage (needs numpy and ArgyllCMS's colprof, e.g. Debian's `argyll`):

    python profiles/make_newsprint_profile.py
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent / "src" / "printer" / "prepress" / "data" / "printer-newsprint.icc"
DESCRIPTION = "printer newsprint (ISO 12647-3 approximation, TAC 240%)"
COPYRIGHT = "No copyright (CC0 1.0): made by the printer project from a model, not measurements"

# Approximate ISO 12647-3 aims on newsprint, CIELAB D50 2°: paper, solids, two-colour overprints.
AIMS: dict[str, tuple[float, float, float]] = {
    "": (82.0, 0.0, 3.0),
    "c": (57.0, -23.0, -27.0),
    "m": (54.0, 44.0, -1.0),
    "y": (78.0, -3.0, 58.0),
    "k": (31.0, 1.0, 1.0),
    "my": (53.0, 40.0, 22.0),
    "cy": (53.0, -34.0, 17.0),
    "cm": (41.0, 7.0, -22.0),
}
TVI_AT_40 = 0.26
FLARE = 0.045  # share of the paper's reflectance that no ink amount removes
D50 = np.array([0.9642, 1.0, 0.8249])
STEPS = (0.0, 0.1, 0.2, 0.3, 0.45, 0.6, 0.75, 0.9, 1.0)


def lab_to_xyz(lab: np.ndarray) -> np.ndarray:
    fy = (lab[..., 0] + 16) / 116
    f = np.stack([fy + lab[..., 1] / 500, fy, fy - lab[..., 2] / 200], axis=-1)
    cube = f**3
    linear = (116 * f - 16) / 903.3
    return np.where(cube > 0.008856, cube, linear) * D50


def xyz_to_lab(xyz: np.ndarray) -> np.ndarray:
    r = xyz / D50
    f = np.where(r > 0.008856, np.cbrt(r), (903.3 * r + 16) / 116)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]),
                     200 * (f[..., 1] - f[..., 2])], axis=-1)


def primaries() -> dict[str, np.ndarray]:
    """XYZ of the 16 Neugebauer primaries: the aims, the rest multiplied out above a flare."""
    xyz = {name: lab_to_xyz(np.array(lab)) for name, lab in AIMS.items()}
    paper = xyz[""]
    floor = FLARE * paper

    def transmit(name: str) -> np.ndarray:
        return (xyz[name] - floor) / (paper - floor)

    out: dict[str, np.ndarray] = {}
    for combo in itertools.product((0, 1), repeat=4):
        name = "".join(ink for ink, on in zip("cmyk", combo, strict=True) if on)
        if name in xyz:
            out[name] = xyz[name]
            continue
        known = max((k for k in xyz if k and set(k) <= set(name)), key=len)
        value = transmit(known)
        for ink in set(name) - set(known):
            value = value * transmit(ink)
        out[name] = floor + (paper - floor) * value
    return out


def effective(tone: np.ndarray) -> np.ndarray:
    """Printed dot area for a nominal tone value: TVI_AT_40 at 40 %, as on newsprint."""
    gamma = np.log(1 - (0.4 + TVI_AT_40)) / np.log(0.6)
    return np.asarray(1 - (1 - tone) ** gamma)


def printed_lab(cmyk: np.ndarray) -> np.ndarray:
    """CIELAB of CMYK tone values (0..1, shape n×4) by Demichel-weighted Neugebauer mixing."""
    area = effective(cmyk)
    xyz = np.zeros((len(cmyk), 3))
    for name, value in primaries().items():
        weight = np.ones(len(cmyk))
        for i, ink in enumerate("cmyk"):
            weight = weight * (area[:, i] if ink in name else 1 - area[:, i])
        xyz += weight[:, None] * value
    return xyz_to_lab(xyz)


def write_ti3(path: Path) -> None:
    cmyk = np.array(list(itertools.product(STEPS, repeat=4)))
    lab = printed_lab(cmyk)
    rows = [f"{i + 1} " + " ".join(f"{100 * v:.2f}" for v in device) + " "
            + " ".join(f"{v:.3f}" for v in measured)
            for i, (device, measured) in enumerate(zip(cmyk, lab, strict=True))]
    head = [
        "CTI3", "", 'DESCRIPTOR "Argyll Calibration Target chart information 3"',
        'ORIGINATOR "printer make_newsprint_profile.py"', 'DEVICE_CLASS "OUTPUT"',
        'COLOR_REP "CMYK_LAB"', 'TOTAL_INK_LIMIT "400.0"', "", "NUMBER_OF_FIELDS 8",
        "BEGIN_DATA_FORMAT", "SAMPLE_ID CMYK_C CMYK_M CMYK_Y CMYK_K LAB_L LAB_A LAB_B",
        "END_DATA_FORMAT", "", f"NUMBER_OF_SETS {len(rows)}", "BEGIN_DATA", *rows, "END_DATA",
    ]
    path.write_text("\n".join(head) + "\n", encoding="ascii")


def srgb_profile(colprof: str) -> Path:
    """ArgyllCMS's own sRGB, the source gamut of the perceptual tables (colprof crashes on
    LittleCMS's v4 sRGB as the -S source)."""
    share = Path(colprof).resolve().parent.parent / "share" / "color" / "argyll" / "ref"
    path = share / "sRGB.icm"
    if not path.is_file():
        raise SystemExit(f"ArgyllCMS's reference sRGB.icm not found in {share}")
    return path


def main() -> int:
    colprof = shutil.which("colprof")
    if colprof is None:
        print("colprof (ArgyllCMS) is needed: apt-get install argyll", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "newsprint"
        write_ti3(base.with_suffix(".ti3"))
        subprocess.run([colprof, "-v", "-qm", "-nc", "-D", DESCRIPTION, "-C", COPYRIGHT,
                        "-A", "printer", "-M", "newsprint", "-l", "240", "-L", "95",
                        "-k", "p", "0.0", "0.15", "1.0", "1.0", "1.2",
                        "-S", str(srgb_profile(colprof)), "-cmt", "-dpp", str(base)],
                       check=True)
        shutil.copyfile(base.with_suffix(".icc"), OUTPUT)
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
