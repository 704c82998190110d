"""Stage: preflight — colour checks: CMYK only, ink limit, overprint, photo resolution.

Sources: typesetting reference §5 (CMYK only; black text 100 % K overprinting; total ink
≤ 240 % on newsprint; photos ≥ 200 ppi, failing below 120 ppi); ISO 15930-7 (PDF/X-4: device
colour must match the CMYK output intent, so DeviceRGB and RGB ICC colour have no place);
ISO 12647-3 and WAN-IFRA (newsprint total area coverage). Spot colours would need plates a
four-colour newspaper press does not have; only the registration colour (/Separation /All,
crop marks) and /None are allowed.
"""

from __future__ import annotations

import base64
import io
from collections import Counter

import numpy as np
import pikepdf
from PIL import Image

from printer.preflight.report import ERROR, WARNING, Report
from printer.preflight.scan import ColourUse, ImagePlacement, PageScan, Space

PROCESS = {"Cyan", "Magenta", "Yellow", "Black"}
ALLOWED_SEPARATIONS = {"All", "None"}
INK_BLOCK = 2  # image ink is measured over 2 × 2 pixel areas: JPEG noise is not ink


def space_problem(space: Space) -> tuple[str, str] | None:
    """(level, what) when a colour space cannot go to a CMYK newsprint press."""
    if space.family in ("DeviceRGB", "CalRGB") or (space.family == "ICCBased"
                                                    and space.channels == 3):
        return ERROR, f"RGB colour ({space.describe()})"
    if space.family == "Indexed" and space.base is not None:
        return space_problem(space.base)
    if space.family in ("Separation", "DeviceN"):
        spots = [n for n in space.colorants if n not in PROCESS | ALLOWED_SEPARATIONS]
        if spots:
            return ERROR, f"spot colour {', '.join(spots)} (no plate for it on a 4-colour press)"
    if space.family == "Lab":
        return WARNING, "Lab colour, left to the RIP to separate"
    if space.family.startswith("unknown"):
        return WARNING, f"colour space {space.family.removeprefix('unknown ')} not found"
    return None


def check_colour(report: Report, scan: PageScan) -> None:
    problems: Counter[tuple[str, str, str]] = Counter()
    for use in scan.colours:
        found = space_problem(use.space)
        if found is not None:
            problems[(found[0], found[1], use.where)] += 1
    for text in scan.texts:
        found = space_problem(text.space)
        if found is not None:
            problems[(found[0], found[1], "text")] += 1
    for (level, what, where), count in sorted(problems.items()):
        report.add(level, "colour", f"{what} in {count} {where} operation{'s' * (count != 1)}")
    spaces = sorted({use.space.describe() for use in scan.colours})
    report.ok("colour", f"colour spaces used: {', '.join(spaces) or 'none'}")


def _cmyk_total(use: ColourUse) -> float | None:
    cmyk = use.space.family == "DeviceCMYK" or (use.space.family == "ICCBased"
                                                 and use.space.channels == 4)
    if not cmyk or len(use.values) != 4:
        return None
    return 100 * sum(use.values)


def check_ink(report: Report, scan: PageScan, limit: float) -> None:
    over = Counter(f"{t:.0f} %" for use in scan.colours
                   if (t := _cmyk_total(use)) is not None and t > limit + 0.5)
    for vector, count in sorted(over.items()):
        report.add(ERROR, "ink", f"vector colour of {vector} total ink over the {limit:.0f} % "
                                 f"limit ({count} operation{'s' * (count != 1)})")
    worst = 0.0
    for placement in scan.images:
        image = image_total_ink(placement.image)
        if image is None:
            continue
        worst = max(worst, image)
        if image > limit + 0.5:
            report.add(ERROR, "ink", f"image {placement.name.lstrip('/')}: {image:.0f} % total "
                                     f"ink over the {limit:.0f} % limit")
    report.ok("ink", f"every colour and image within {limit:.0f} % (images at most "
                     f"{worst:.0f} %)")


def image_total_ink(image: pikepdf.Object) -> float | None:
    """The most ink of any 2 × 2 pixel area of a CMYK image, in percent (None: not CMYK)."""
    pixels = _cmyk_pixels(image)
    if pixels is None:
        return None
    h, w = (pixels.shape[0] // INK_BLOCK) * INK_BLOCK, (pixels.shape[1] // INK_BLOCK) * INK_BLOCK
    if h == 0 or w == 0:
        return float(pixels.reshape(-1, 4).sum(axis=1).max()) * 100 / 255
    total = pixels[:h, :w].astype(np.float32).sum(axis=2)
    blocks = total.reshape(h // INK_BLOCK, INK_BLOCK, w // INK_BLOCK, INK_BLOCK).mean(axis=(1, 3))
    return float(blocks.max()) * 100 / 255


def _cmyk_pixels(image: pikepdf.Object) -> np.ndarray | None:
    space = image.get("/ColorSpace")
    channels = 4 if space == pikepdf.Name.DeviceCMYK else (
        int(space[1].get("/N", 0)) if isinstance(space, pikepdf.Array)
        and space[0] == pikepdf.Name.ICCBased else 0)
    if channels != 4 or int(image.get("/BitsPerComponent", 8)) != 8:
        return None
    filters = image.get("/Filter", pikepdf.Array())
    chain = [str(f) for f in (filters if isinstance(filters, pikepdf.Array) else [filters])]
    if chain and chain[-1] == "/DCTDecode":
        data = image.read_raw_bytes()
        if chain[:-1] == ["/ASCII85Decode"]:
            data = base64.a85decode(data.strip(), adobe=data.strip().startswith(b"<~"))
        elif chain[:-1]:
            return None
        with Image.open(io.BytesIO(data)) as jpeg:
            values = np.asarray(jpeg.convert("CMYK"))
            if "adobe" in jpeg.info:  # Pillow undid the Adobe inversion: back to raw samples
                values = 255 - values
    else:
        try:
            data = image.read_bytes()
        except pikepdf.PdfError:
            return None
        values = np.frombuffer(data, np.uint8)[: int(image.Width) * int(image.Height) * 4]
        values = values.reshape(int(image.Height), int(image.Width), 4)
    decode = [float(v) for v in image.get("/Decode", [])]
    if decode[:2] == [1.0, 0.0]:
        values = 255 - values
    return np.asarray(values, np.uint8)


def check_overprint(report: Report, scan: PageScan) -> None:
    black = knockouts = mask = white = 0
    for text in scan.texts:
        if text.space.family != "DeviceCMYK" or len(text.values) != 4:
            continue
        if tuple(text.values) == (0.0, 0.0, 0.0, 1.0):
            black += 1
            knockouts += not text.overprint
            mask += text.overprint and text.opm != 1
        elif not any(text.values) and text.overprint:
            white += 1
    if knockouts:
        report.add(WARNING, "overprint", f"{knockouts} of {black} black text runs knock out "
                                         f"instead of overprinting (misregistration shows)")
    if mask:
        report.add(WARNING, "overprint", f"{mask} black text runs overprint with OPM 0: their "
                                         f"zero C, M, Y still knock out")
    if white:
        report.add(ERROR, "overprint", f"{white} white text runs set to overprint vanish")
    report.ok("overprint", f"{black} black text runs 100 % K overprint with OPM 1")


def check_images(report: Report, scan: PageScan, min_ppi: float, warn_ppi: float,
                 names: dict[str, str]) -> None:
    for placement in scan.images:
        ppi = effective_ppi(placement)
        element = names.get(placement.name, placement.name.lstrip("/"))
        if ppi < min_ppi:
            report.add(ERROR, "images", f"{ppi:.0f} ppi at placed size, under {min_ppi:.0f}",
                       element)
        elif ppi < warn_ppi:
            report.add(WARNING, "images", f"{ppi:.0f} ppi at placed size, under {warn_ppi:.0f}",
                       element)
    ppis = ", ".join(f"{effective_ppi(p):.0f}" for p in scan.images)
    report.ok("images", f"{len(scan.images)} images at {ppis} ppi" if ppis else "no images")


def effective_ppi(placement: ImagePlacement) -> float:
    """Pixels per inch at placed size: the lesser of the two directions."""
    image = placement.image
    across = int(image.Width) / max(placement.width / 72, 1e-9)
    down = int(image.Height) / max(placement.height / 72, 1e-9)
    return min(across, down)
