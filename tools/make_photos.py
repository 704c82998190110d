#!/usr/bin/env python3
"""Generate the synthetic stand-in photos in images/ (see images/README.md).

One-off generator, not part of the printer package: besides Pillow it needs numpy.
Deterministic (fixed seeds, no EXIF or timestamps): re-running it rewrites byte-identical
JPEGs.  Usage: python tools/make_photos.py
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "images"
SS = 3  # supersampling factor of the anti-aliased shape masks
F = np.float32


# ---------------------------------------------------------------------------- raster utilities
def resize(a, w, h, filt=Image.BICUBIC):
    if a.ndim == 3:
        return np.dstack([resize(a[..., c], w, h, filt) for c in range(a.shape[2])])
    return np.asarray(Image.fromarray(np.ascontiguousarray(a, F), "F").resize((w, h), filt))


def blur(a, s):
    """Gaussian blur; sigmas above 1.6 go through a down-/up-sampled pass."""
    h, w = a.shape[:2]
    if s <= 0.05:
        return a
    if s > 1.6:
        k = max(2, int(s / 0.9))
        return resize(blur(resize(a, max(w // k, 1), max(h // k, 1), Image.BOX), s / k), w, h)
    r = int(s * 2.5 + 1)
    ker = np.exp(-np.arange(-r, r + 1) ** 2 / (2 * s * s))
    for ax in (0, 1):
        pad = [(0, 0)] * a.ndim
        pad[ax] = (r, r)
        p = np.moveaxis(np.pad(a, pad, mode="edge"), ax, 0)
        out = sum(kv * p[i:i + a.shape[ax]] for i, kv in enumerate(ker / ker.sum()))
        a = np.moveaxis(out, 0, ax).astype(F)
    return a


def noise(h, w, cell, rng, octaves=5, persist=0.5, aspect=1.0):
    """Fractal value noise of roughly unit amplitude; aspect > 1 stretches it along x."""
    out, amp, tot = np.zeros((h, w), F), 1.0, 0.0
    for _ in range(octaves):
        gw, gh = int(w / (cell * aspect)) + 3, int(h / cell) + 3
        if cell < 1.2 or gw > w or gh > h:
            break
        out += amp * resize(rng.standard_normal((gh, gw)).astype(F), w, h)
        tot, amp, cell = tot + amp, amp * persist, cell / 2
    return out / max(tot, 1e-6)


def fbm1(n, cell, rng, octaves=7):
    out, amp = np.zeros(n, F), 1.0
    for _ in range(octaves):
        g = np.arange(-cell, n + 2 * cell, cell)
        out += amp * np.interp(np.arange(n), g, rng.standard_normal(len(g)))
        amp, cell = amp / 2, max(cell / 2, 1.0)
    return out


def mix(a, b, t):
    t = np.asarray(t, F)
    t = t[..., None] if t.ndim == 2 else t
    return np.asarray(a, F) * (1 - t) + np.asarray(b, F) * t


def smooth(e0, e1, x):
    t = np.clip((x - e0) / (e1 - e0), 0, 1)
    return t * t * (3 - 2 * t)


def unit(v):
    v = np.asarray(v, F)
    return v / np.linalg.norm(v)


class Canvas:
    """Float RGB image plus coverage; premultiplied, so a Canvas also serves as a layer."""

    def __init__(self, w, h, rng):
        self.w, self.h, self.img, self.alpha = w, h, np.zeros((h, w, 3), F), np.zeros((h, w), F)
        self.grain = noise(h, w, 2.5, rng, 2) * 1.4

    def mask(self, pts, width=0.0, soft=0.0):
        """Anti-aliased polygon (width 0) or polyline coverage, cropped to its bounding box."""
        pts, pad = np.asarray(pts, F).reshape(-1, 2), 2 + width + 3 * soft
        x0, y0 = np.maximum(np.floor(pts.min(0) - pad), 0).astype(int)
        x1, y1 = np.minimum(np.ceil(pts.max(0) + pad), (self.w, self.h)).astype(int)
        if x1 <= x0 or y1 <= y0:
            return None
        m = Image.new("L", ((x1 - x0) * SS, (y1 - y0) * SS))
        q = [((x - x0 + 0.5) * SS - 0.5, (y - y0 + 0.5) * SS - 0.5) for x, y in pts]
        if width:
            ImageDraw.Draw(m).line(q, 255, max(1, round(width * SS)), "curve")
        else:
            ImageDraw.Draw(m).polygon(q, 255)
        a = blur(np.asarray(m.resize((x1 - x0, y1 - y0), Image.BOX), F) / 255, soft)
        return a * min(1.0, width * SS) if width else a, (slice(y0, y1), slice(x0, x1))

    def poly(self, pts, col, tex=0.0, alpha=1.0, soft=0.0, field=None, width=0.0):
        mk = self.mask(pts, width, soft)
        if mk is None:
            return
        m, sl = mk[0] * alpha, mk[1]
        if callable(col):  # a shader: colour from absolute pixel coordinates
            yy, xx = np.mgrid[sl].astype(F)
            col = col(xx, yy)
        c = np.asarray(col, F) * (1 + tex * (self.grain if field is None else field)[sl])[..., None]
        self.img[sl] = self.img[sl] * (1 - m[..., None]) + c * m[..., None]
        self.alpha[sl] = self.alpha[sl] * (1 - m) + m

    def line(self, pts, width, col, alpha=1.0, tex=0.0):
        self.poly(pts, col, tex, alpha, width=width)

    def darken(self, pts, k, soft=0.0):
        mk = self.mask(pts, 0.0, soft)
        if mk is not None:
            self.img[mk[1]] *= (1 - mk[0] * (1 - k))[..., None]

    def batch(self, shapes):
        """Many flat polygons at once: list of (points, rgb) in painting order."""
        size = (self.w * SS, self.h * SS)
        rgb, al = Image.new("RGB", size), Image.new("L", size)
        dr, da = ImageDraw.Draw(rgb), ImageDraw.Draw(al)
        for pts, col in shapes:
            q = [(x * SS, y * SS) for x, y in pts]
            dr.polygon(q, tuple(int(v) for v in np.clip(np.asarray(col) * 255, 0, 255)))
            da.polygon(q, 255)
        c, a = (np.asarray(i.resize((self.w, self.h), Image.BOX), F) / 255 for i in (rgb, al))
        self.img, self.alpha = self.img * (1 - a[..., None]) + c, self.alpha * (1 - a) + a

    def over(self, layer, s=0.0):
        self.img = self.img * (1 - blur(layer.alpha, s)[..., None]) + blur(layer.img, s)


class Scene:
    """Pinhole camera looking down +z (y up), sun, aerial haze and a painter's-algorithm list."""

    def __init__(self, cv, f, cx, cy, pos, sun, haze, hz_d, amb=0.45, dif=0.65):
        self.cv, self.f, self.cx, self.cy, self.pos = cv, f, cx, cy, np.array(pos, F)
        self.sun, self.haze, self.hz_d = unit(sun), np.array(haze, F), hz_d
        self.amb, self.dif = amb, dif
        self.items: list = []

    def proj(self, p):
        p = np.asarray(p, F) - self.pos
        z = np.maximum(p[..., 2], 0.05)
        return np.stack([self.cx + self.f * p[..., 0] / z, self.cy - self.f * p[..., 1] / z], -1)

    def dist(self, p):
        return float(np.linalg.norm(np.asarray(p, F).reshape(-1, 3).mean(0) - self.pos))

    def fog(self, col, d):
        return mix(col, self.haze, 1 - np.exp(-d / self.hz_d))

    def shade(self, col, n, d):
        lit = self.amb + self.dif * max(0.0, float(n @ self.sun)) + 0.12 * max(0.0, n[1])
        return self.fog(np.asarray(col, F) * lit, d)

    def add(self, d, fn):
        self.items.append((float(d), len(self.items), fn))

    def solid(self, faces, col, tex=0.025, field=None):
        for pts, n in faces:
            if float(n @ (self.pos - pts.mean(0))) > 0:  # back-face culling
                d = self.dist(pts)
                cc = col(pts, n, d) if callable(col) else self.shade(col, n, d)
                self.add(d, lambda p=pts, cc=cc: self.cv.poly(self.proj(p), cc, tex, 1, 0, field))

    def line3(self, a, b, w, col, dz=0.0, alpha=1.0):
        a, b = np.asarray(a, F), np.asarray(b, F)
        d = self.dist([a, b])
        cc, px = self.fog(col, d), self.f * w / max(d, 0.1)
        self.add(d + dz, lambda: self.cv.line(self.proj(np.stack([a, b])), px, cc, alpha))

    def lattice(self, a, b, e1, e2, wid, col, chord, lace, step):
        n = max(2, int(np.linalg.norm(b - a) / step))
        cs = [(e1 * s1 + e2 * s2) * wid / 2 for s1, s2 in ((1, 1), (1, -1), (-1, -1), (-1, 1))]
        for i in range(n):
            p, q = a + (b - a) * i / n, a + (b - a) * (i + 1) / n
            for k, c in enumerate(cs):
                c2 = cs[(k + 1) % 4]
                self.line3(p + c, q + c, chord, col)
                self.line3(p + (c if i % 2 else c2), q + (c2 if i % 2 else c), lace, col, 0.01)

    def render(self, near_layer=None, near=0.0):
        main = self.cv
        for d, _, fn in sorted(self.items, key=lambda t: (-t[0], t[1])):
            self.cv = near_layer if near_layer is not None and d < near else main
            fn()
        self.cv, self.items = main, []


def box(c, size, yaw=0.0):
    ax = [np.array(v, F) for v in ((np.cos(yaw), 0, -np.sin(yaw)), (0, 1, 0),
                                    (np.sin(yaw), 0, np.cos(yaw)))]
    c, half, faces = np.asarray(c, F), np.asarray(size, F) / 2, []
    for i in range(3):
        j, k = (i + 1) % 3, (i + 2) % 3
        for sg in (1, -1):
            pts = [c + ax[i] * half[i] * sg + ax[j] * half[j] * u + ax[k] * half[k] * v
                   for u, v in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
            faces.append((np.array(pts, F), ax[i] * sg))
    return faces


def prism(section, origin, d, s0, s1):
    """Extrude a counter-clockwise (u, y) cross-section along horizontal d from s0 to s1."""
    uh, yh = np.array([d[2], 0, -d[0]], F), np.array([0, 1, 0], F)
    pt = [np.asarray(origin, F) + u * uh + y * yh for u, y in section]
    faces = [(np.array([p + d * s0 for p in pt]), -d), (np.array([p + d * s1 for p in pt]), d)]
    for i in range(len(pt)):
        j = (i + 1) % len(pt)
        n = unit((section[j][1] - section[i][1]) * uh - (section[j][0] - section[i][0]) * yh)
        faces.append((np.array([pt[i] + d * s0, pt[j] + d * s0, pt[j] + d * s1, pt[i] + d * s1]),
                      n))
    return faces


def up(h):
    return np.array([0, h, 0], F)


def frame(n):
    """Orthonormal (normal, a, b) with a = n x z, b = n x a (np.cross is slow on tiny vectors)."""
    n = unit(n)
    a = unit([n[1], -n[0], 0])
    (x, y, z), (p, q, r) = n, a
    return n, a, np.array([y * r - z * q, z * p - x * r, x * q - y * p], F)


def disc(c, e1, e2, r, n=16):
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)[:, None]
    return np.asarray(c, F) + (np.cos(t) * e1 + np.sin(t) * e2) * r


def finish(img, rng, soft, grain, vig, bloom=0.0, tint=(1, 1, 1)):
    """Bloom, vignette, highlight shoulder, lens softness and sensor noise -> uint8."""
    h, w = img.shape[:2]
    if bloom:
        img = img + bloom * blur(np.clip(img - 0.8, 0, None), w / 70)
    yy, xx = np.mgrid[0:h, 0:w].astype(F)
    light = 1 + 0.05 * noise(h, w, w / 5, rng, 2)  # uneven light, never quite flat in a photo
    light = light * (1 - vig * 2.5 * (((xx - w / 2) / w) ** 2 + ((yy - h / 2) / w) ** 2))
    img = img * np.asarray(tint, F) * light[..., None]
    img = np.where(img > 0.85, 0.85 + 0.15 * np.tanh((img - 0.85) / 0.15), img)
    u8 = Image.fromarray(np.clip(img * 255 + 0.5, 0, 255).astype(np.uint8), "RGB")
    img = np.asarray(u8.filter(ImageFilter.GaussianBlur(soft)), F) / 255
    n = resize(rng.standard_normal((h * 2 // 3, w * 2 // 3, 1)).astype(F), w, h) * grain * 1.3
    n = n + resize(rng.standard_normal((h // 2, w // 2, 3)).astype(F), w, h) * grain * 0.35
    img = img + n * (0.4 + 0.6 * np.sqrt(np.clip(img, 0, 1)))
    return np.clip(img * 255 + 0.5, 0, 255).astype(np.uint8)


# ------------------------------------------------------------ 1. highway bridge under construction
def bridge():
    W, H = 2600, 1800
    rng = np.random.default_rng(20240611)
    cv = Canvas(W, H, rng)
    sc = Scene(cv, 2860, W / 2, H * 0.62, (0, 6, 0), (0.55, 0.75, -0.45), (0.80, 0.81, 0.80), 1300)
    hz, yy = int(sc.cy), np.arange(H, dtype=F)[:, None]
    t = np.clip(yy / sc.cy, 0, 1)
    sky = mix((0.56, 0.65, 0.76), (0.86, 0.86, 0.84), np.broadcast_to(t ** 1.4, (H, W)))
    cl = smooth(0.0, 0.9, noise(H, W, 600, rng, 6, 0.55, 3.0) + 0.2) * (1 - t ** 1.5) * 0.4
    cv.img[:] = mix(sky, (0.90, 0.90, 0.89), cl)
    hs, hg, yy = hz + 6, H - hz, yy[:hz + 6]  # hills live above the horizon, ground below
    texa, texb = noise(hs, W, 90, rng, 3), noise(hs, W, 3, rng, 2)
    for i, (base, amp, col, f) in enumerate([(330, 240, (0.40, 0.47, 0.52), 0.70),  # hill ranges
                                              (220, 170, (0.33, 0.40, 0.38), 0.58),
                                              (110, 110, (0.24, 0.32, 0.22), 0.45),
                                              (45, 60, (0.22, 0.30, 0.17), 0.33)]):
        r = fbm1(W, 700 - 120 * i, rng)
        ridge = (hz - base - amp * (r - r.min()) / np.ptp(r))[None]
        mist = np.clip((yy - ridge) / np.maximum(hz + 4 - ridge, 1), 0, 1)
        m = np.clip(yy - ridge + 0.5, 0, 1)[..., None]
        tex = np.roll(texa, 333 * i, 1) * 0.10 + np.roll(texb, 211 * i, 1) * (0.12 - 0.02 * i)
        c = mix(np.asarray(col, F) * (1 + tex[..., None]), sc.haze, np.clip(f + 0.3 * mist, 0, 1))
        cv.img[:hs] = cv.img[:hs] * (1 - m) + c * m
    # ground plane, perspective-correct: farm plots with crop rows, dirt haul roads, haze
    yg, xg = np.mgrid[hz:H, 0:W].astype(F)
    gz = sc.pos[1] * sc.f / np.maximum(yg - sc.cy, 0.5)
    gx, fp = (xg - sc.cx) * gz / sc.f, gz * gz / (sc.f * sc.pos[1])  # fp: metres per pixel row
    a0, d, gap = np.array([-60, 0, 70], F), unit([0.45, 0, 0.89]), (135, 165)
    yaw, side, mid = np.arctan2(d[0], d[2]), np.array([d[2], 0, -d[0]], F), a0 + d * (gap[0] + 15)
    base = mid + side * 24 - d * 4
    p, q = gx * np.cos(0.3) + gz * np.sin(0.3), -gx * np.sin(0.3) + gz * np.cos(0.3)
    i, j = np.floor(p / 38), np.floor(q / 24)
    hsh = np.modf(np.abs(np.sin(i * 12.9898 + j * 78.233) * 43758.5453))[0]
    edge = np.minimum(np.minimum(p - i * 38, (i + 1) * 38 - p),
                      np.minimum(q - j * 24, (j + 1) * 24 - q))
    n1 = noise(hg, W, 160, rng, 5) + 0.3 * noise(hg, W, 8, rng, 3, aspect=3)
    pal = np.array([(0.33, 0.38, 0.19), (0.44, 0.46, 0.26), (0.52, 0.49, 0.33), (0.27, 0.32, 0.17),
                    (0.38, 0.42, 0.24)], F)
    rows = 1 + np.sin(p * 7.0) * smooth(0.12, 0.03, fp) * (hsh < 0.6) * 0.08
    g = pal[(hsh * 4.99).astype(int)] * (rows * (1 + 0.12 * n1))[..., None]
    g = mix(g, (0.25, 0.30, 0.14), smooth(0.6 + fp, 0.0, edge) * np.clip(0.8 / fp, 0, 0.45))
    road = 2 + (base[0] - 2) * ((gz - 20) / (base[2] - 20)) ** 1.6
    rd = np.minimum(np.abs((gx - a0[0]) * d[2] - (gz - a0[2]) * d[0]) - 4,
                    np.abs(gx - road) + 100 * (gz > base[2] + 5))
    g = mix(g, (0.58, 0.51, 0.41) * (1 + 0.15 * n1[..., None]), smooth(5, 2, rd + 1.5 * n1))
    g = mix(g, sc.haze, 1 - np.exp(-np.hypot(gx, gz) / sc.hz_d))
    cv.img[hz:] = g * (1 + 0.12 * noise(hg, W, 3, rng, 2, aspect=4)[..., None])
    # box-girder viaduct on piers every 30 m; one span missing and its girder being lifted in
    sec = [(u, v + 32) for u, v in [(-6.2, -0.3), (-3.6, -0.7), (-3.0, -2.6), (3.0, -2.6),
                                    (3.6, -0.7), (6.2, -0.3), (6.2, 0), (-6.2, 0)]]
    rails = [[(5.8, 32), (6.2, 32), (6.2, 33.1), (5.8, 33.1)],
             [(-5.8, 33.1), (-6.2, 33.1), (-6.2, 32), (-5.8, 32)]]
    stain = noise(H, W, 40, rng, 4) + 0.7 * noise(H, W, 30, rng, 3, aspect=0.15)
    conc = np.array([0.74, 0.72, 0.67], F)
    off = -np.array([sc.sun[0], 0, sc.sun[2]], F) / sc.sun[1]  # ground shadow per metre height
    for s in range(30, 1050, 30):  # piers (the far ones unfinished, with starter bars)
        p, top = a0 + d * s, 29.4 if s < 480 or s > 690 else 12 + (s % 90) / 5
        sc.solid(box(p + up(top / 2), (2.4, top, 2.0), yaw), conc, 0.1, stain)
        sh = [p + side * 1.2, p - side * 1.2, p - side + off * top, p + side + off * top]
        cv.darken(sc.proj(np.array(sh)), 0.72, 2)
        if top > 29:
            sc.solid(box(p + up(28.6), (9.5, 1.6, 2.2), yaw), conc, 0.1, stain)
        for k in range(-4, 5) if top < 29 else ():
            b = p + side * k / 4
            sc.line3(b + up(top), b + up(top + 2.5), 0.05, (0.35, 0.25, 0.2))
    for s in [*range(0, gap[0], 30), *range(720, 900, 30)]:  # finished spans with their shadows
        sh = [a0 + d * t + side * 6 * sg + off * 31
              for t, sg in ((s, -1), (s + 30, -1), (s + 30, 1), (s, 1))]
        cv.darken(sc.proj(np.array(sh)), 0.68, 5)
        for t in range(s, s + 30, 5):
            sc.solid(prism(sec, a0, d, t, t + 5.05), conc, 0.1, stain)
            for r in rails:
                sc.solid(prism(r, a0, d, t, t + 5.05), conc * 1.05)
    for t in range(gap[0] + 1, gap[1] - 1, 5):
        lift = [(u, v + 6) for u, v in sec]
        sc.solid(prism(lift, a0, d, t, min(t + 5.05, gap[1] - 1)), conc * 0.98, 0.1, stain)
    # crawler crane in front of the gap: tracks, body, counterweight, cab, lattice boom, rigging
    yel, grey, dark = (0.93, 0.70, 0.12), (0.22, 0.22, 0.23), (0.12, 0.12, 0.12)
    for c, size, col in ((side * 2.6 + up(0.6), (1.0, 1.2, 8), grey),
                         (-side * 2.6 + up(0.6), (1.0, 1.2, 8), grey),
                         (up(2.3), (5.2, 2.2, 6.0), yel),
                         (up(2.6) + side * 3.6, (2.6, 2.4, 5.0), grey),
                         (up(3.4) - side * 2.2 + d * 2, (1.3, 2.0, 1.6), (0.2, 0.3, 0.38))):
        sc.solid(box(base + c, size, yaw), col)
    sh = [base + side * 3 + d * 4 * a + off * 4 * b for a, b in ((-1, 0), (1, 0), (1, 1), (-1, 1))]
    cv.darken(sc.proj(np.array(sh)), 0.6, 4)
    pivot, tip = base + up(3.6) - side * 1.5, mid + side + up(60)
    mast, hook = base + up(11) + side * 3, mid + up(46)
    sc.lattice(pivot, tip, d, unit(np.cross(tip - pivot, d)), 2.2, yel, 0.35, 0.14, 3.0)
    sc.line3(mast, tip, 0.1, dark)
    sc.line3(base + up(3.5) + side * 4, mast, 0.4, yel)
    for o in (-0.3, 0.3):
        sc.line3(tip + d * o, hook + d * o, 0.07, dark)
    sc.solid(box(hook, (1.2, 1.6, 1.2), yaw), (0.85, 0.25, 0.1))
    for t in (gap[0] + 5, gap[1] - 5):
        for sg in (-1, 1):
            sc.line3(hook, a0 + d * t + side * 2.5 * sg + up(38), 0.09, dark)
    # tree clumps (many along plot edges) with soft ground shadows
    e1, e2 = np.array([1, 0, 0], F), np.array([0, 0, 1], F)

    def tree(p, r):
        dd = np.hypot(p[0], p[2])
        cv.darken(sc.proj(disc(p * [1, 0, 1] + off * r * 0.8, e1, e2, r, 14)), 0.7, 1)
        for k in range(7):
            o = np.array([np.cos(k * 2.4) * 0.5, 0.2 + 0.12 * k, 0], F) * r
            c = sc.fog(np.array((0.20, 0.29, 0.12), F) * (0.6 + 0.08 * k + 0.3 * (o[0] > 0)), dd)
            cv.poly(sc.proj(disc(p + o, e1, up(0.8), r * 0.55, 14)), c, 0.15)

    for _ in range(420):
        zt = 140 + rng.random() ** 1.3 * 1400
        xt = (rng.random() - 0.5) * zt * 1.1
        clear = abs((xt - a0[0]) * d[2] - (zt - a0[2]) * d[0]) > 14
        if clear and np.hypot(xt - base[0], zt - base[2]) > 60:
            xt, r = xt if rng.random() < 0.5 else np.round(xt / 38) * 38, 1.8 + rng.random() * 2.2
            pt = np.array([xt, r, zt], F)
            sc.add(np.hypot(xt, zt), lambda p=pt, r=r: tree(p, r))
    sc.render()
    fg, shapes = Canvas(W, H, rng), []  # out-of-focus grass along the bottom edge
    for _ in range(1400):
        x, ln, lean, wd = rng.random() * W, 60 + 200 * rng.random() ** 2, rng.random() - 0.5, 3
        wd += 4 * rng.random()
        col = np.array([0.30, 0.36, 0.16]) * (0.5 + 0.9 * rng.random())
        col = col * [1, 1, 0.9 + 0.3 * rng.random()]
        shapes.append(([(x - wd, H + 20), (x + wd, H + 20), (x + lean * 80, H + 20 - ln)], col))
    fg.batch(shapes)
    cv.over(fg, 3.0)
    return finish(cv.img, rng, 0.9, 0.010, 0.25)


# ------------------------------------------------------------------------ 2. lotus on a park lake
def lotus():
    W, H = 1800, 1200
    rng = np.random.default_rng(7)
    cv = Canvas(W, H, rng)
    sc = Scene(cv, 2400, W / 2, 120, (0, 1.8, 0), (-0.35, 0.8, 0.5), (0.80, 0.84, 0.84), 260,
               0.5, 0.6)
    shore, yy, sun = 120 + 2400 * 1.8 / 120, np.arange(H, dtype=F)[:, None], sc.sun
    ys = int(shore)
    cv.img[:] = mix((0.78, 0.83, 0.87), (0.92, 0.92, 0.90), np.broadcast_to(yy / 160, (H, W)))
    for _ in range(9):  # hazy towers beyond the park
        x0, bw, top = rng.random() * W, 40 + 90 * rng.random(), 20 + 60 * rng.random()
        cv.poly([(x0, top), (x0 + bw, top), (x0 + bw, shore), (x0, shore)], (0.74, 0.77, 0.80))
    xs, ridge = np.arange(W, dtype=F), np.full(W, shore - 30, F)  # tree crowns on the far bank
    for xc, rw in zip(rng.uniform(-50, W + 50, 80), rng.uniform(18, 55, 80), strict=True):
        top = shore - 30 - rng.uniform(0, 1) ** 2 * 100 + rw * 0.8
        ridge = np.minimum(ridge, top - 0.8 * np.sqrt(np.clip(rw * rw - (xs - xc) ** 2, 0, None)))
    m = np.clip(yy - ridge[None] - 4 * fbm1(W, 20, rng, 3) + 0.5, 0, 1) * (yy < shore + 3)
    m = m[..., None]
    tex = noise(H, W, 12, rng, 3) + 0.5 * noise(H, W, 6, rng, 2, aspect=0.15)
    trees = mix((0.20, 0.28, 0.15), sc.haze, 0.45 - 0.25 * (yy[..., None] - 40) / shore)
    cv.img = cv.img * (1 - m) + trees * (1 + 0.18 * tex[..., None]) * m
    red, roof = mix((0.55, 0.16, 0.12), sc.haze, 0.3), mix((0.22, 0.23, 0.25), sc.haze, 0.3)
    for x in range(-42, 43, 28):  # pavilion: red columns, dark tiled roof with upturned eaves
        cv.poly([(486 + x, shore - 54), (490 + x, shore - 54), (490 + x, shore), (486 + x, shore)],
                red)
    eaves = ((-90, 86), (-102, 100), (-55, 105), (0, 135), (55, 105), (102, 100), (90, 86))
    cv.poly([(486 + x * 0.7, shore - y * 0.7) for x, y in eaves], roof, 0.1)
    cv.img[:ys + 2] = blur(cv.img[:ys + 2], 1.3)
    # water: mirrored bank and sky at grazing angles, dark olive under the leaves, ripples
    refl = blur(cv.img[np.clip(2 * ys - np.arange(ys, H), 0, ys)] * 0.78, 2)
    rip = 1 + 0.18 * noise(H - ys, W, 4, rng, 3, aspect=10)[..., None]
    cv.img[ys:] = mix((0.13, 0.17, 0.12), refl, np.exp(-(yy[ys:] - ys) / 120) * 0.85 + 0.15) * rip
    mottle = noise(H, W, 30, rng, 4)

    def leaf(c, r, n, detail):
        """Cupped, wavy-edged leaf: flat colour, or a shader with veins and cup shading."""
        n, a, b = frame(n)
        if float(n @ (sc.pos - c)) < 0:
            n, b = -n, -b
        back, d, ph = n[1] < 0, sc.dist(c), rng.random() * 6.3
        th = np.linspace(0, 2 * np.pi, 40 if detail else 12, endpoint=False)[:, None]
        pts = c + (np.cos(th) * a + np.sin(th) * b) * r * (1 + 0.05 * np.sin(5 * th + ph))
        pts = sc.proj(pts + n * r * (0.12 + 0.05 * np.sin(7 * th + ph)))
        lit = 0.8 + 0.3 * abs(float(n @ sun)) if back else 0.45 + 0.75 * max(0.0, float(n @ sun))
        hue = np.array([rng.normal(1, 0.08), rng.normal(1, 0.05), rng.normal(1, 0.1)], F)
        base = np.array((0.50, 0.58, 0.30) if back else (0.28, 0.46, 0.17), F) * lit * hue
        base = mix(base, (0.50, 0.60, 0.52), 0.25 * (1 - abs(float(n @ (sc.pos - c))) / d))
        if not detail:
            return pts, sc.fog(base, d)
        c2, lx, vp = sc.proj(c), (float(sun @ a), float(sun @ b)), rng.random() * 6
        J = np.linalg.inv(np.stack([sc.proj(c + a * r) - c2, sc.proj(c + b * r) - c2], 1))

        def col(xx, yy):
            u = J[0, 0] * (xx - c2[0]) + J[0, 1] * (yy - c2[1])
            v = J[1, 0] * (xx - c2[0]) + J[1, 1] * (yy - c2[1])
            rho, ang = np.minimum(np.hypot(u, v), 1.2), np.arctan2(v, u)
            vein = (1 - np.abs(np.sin(ang * 10.5 + vp))) ** 14 * smooth(0.06, 0.25, rho)
            sh = 1 + np.clip(0.3 * (u * lx[0] + v * lx[1]), -0.3, 0.3) - 0.15 * smooth(0.75, 1, rho)
            sh = sh + 0.12 * mottle[yy.astype(int), xx.astype(int)] + (0.4 if back else 0.22) * vein
            k = mix(sh[..., None] * base, (0.66, 0.68, 0.42), smooth(0.07, 0.03, rho) * 0.8)
            return sc.fog(k, d)
        return pts, col

    def flower(c, size, ax, opening):
        """Two rings of cupped petals (white base to pink tip) around a yellow seed pod."""
        ax, e1, e2 = frame(ax)
        rot, u, bs = rng.random() * 6.3, np.linspace(0, 1, 12), sc.proj(c)
        for nn, tilt, ln, sh in ((9, opening, 1.0, 0), (7, opening * 0.55, 0.9, 0.5)):
            for i in range(nn):
                phi = rot + (i + sh) * 2 * np.pi / nn + 0.15 * rng.standard_normal()
                t0, rad = tilt + 0.12 * rng.standard_normal(), np.cos(phi) * e1 + np.sin(phi) * e2
                dr, t = np.cos(t0) * ax + np.sin(t0) * rad, -np.sin(phi) * e1 + np.cos(phi) * e2
                nin, L = np.cross(t, dr), size * ln
                w = 0.42 * L * np.sin(np.pi * u ** 0.75) ** 0.8
                outline = [*zip(u, w, [1] * 12, strict=True),
                           *zip(u[::-1], w[::-1], [-1] * 12, strict=True)]
                p3 = np.array([c + dr * L * a + t * s * b + nin * (b * b / L / 0.7 - L * a * a / 12)
                               for a, b, s in outline], F)
                inner = float(nin @ (sc.pos - p3.mean(0))) > 0
                lit = 0.8 + 0.3 * abs(float(nin @ sun))
                tip = np.array((0.88, 0.36, 0.56) if inner else (0.84, 0.30, 0.50), F) * lit
                root = np.array((0.99, 0.95, 0.86) if inner else (0.93, 0.80, 0.76), F) * lit
                vv = sc.proj(c + dr * L) - bs
                nv, pp = float(vv @ vv) + 1e-3, sc.proj(p3)

                def col(xx, yy, vv=vv, nv=nv, tip=tip, root=root):
                    s = np.clip(((xx - bs[0]) * vv[0] + (yy - bs[1]) * vv[1]) / nv, 0, 1)
                    q = ((xx - bs[0]) * vv[1] - (yy - bs[1]) * vv[0]) / nv
                    veins = (1 - 0.07 * np.cos(q * 55) ** 2)[..., None]
                    return mix(root, tip, smooth(0.3, 1.05, s) ** 1.3) * veins
                sc.add(sc.dist(p3), lambda p=pp, col=col: cv.poly(p, col, 0.03))
        if opening > 0.5:
            pod = c + ax * size * 0.22
            ring, d = sc.proj(disc(pod, e1, e2, size * 0.22, 20)), sc.dist(pod)
            sc.add(d, lambda: cv.line(np.vstack([ring, ring[:1]]), size * 288 / d,
                                      (0.98, 0.78, 0.25), 0.9, 0.2))
            sc.add(d - 1e-3, lambda: cv.poly(ring, (0.80, 0.82, 0.38), 0.15))

    def stem(top, dz):
        base = top * [1, 0, 1] + [0.05 * rng.standard_normal(), 0, 0.05 * rng.standard_normal()]
        d, p = sc.dist(top), sc.proj(np.array([top, (top + base) / 2 + [0.02, 0, 0], base], F))
        sc.add(d + dz, lambda: cv.line(p, 2400 * 0.009 / d, (0.26, 0.34, 0.15), 1, 0.1))

    # mid/far leaves and distant flowers as one flat batch (blurred a little: depth of field)
    far, dens = [], noise(64, 64, 8, rng, 3)
    cup = np.array([(-1, -1), (-0.5, -0.2), (0, -0.9), (0.5, -0.2), (1, -1), (0.5, 0.3),
                    (-0.5, 0.3)])
    for _ in range(12000):
        z = np.sqrt(rng.uniform(8 ** 2, 118 ** 2))
        x = rng.uniform(-0.42, 0.42) * z
        if dens[int(z / 2) % 64, int(x / 2 + 32) % 64] < -0.75 and z < 60:
            continue
        y = 0.05 if rng.random() < 0.2 else rng.uniform(0.25, 1.0)
        n = np.array([rng.normal(0, 0.35), 1, rng.normal(0, 0.35)], F)
        pts, col = leaf(np.array([x, y, z], F), rng.uniform(0.2, 0.34), n, False)
        far.append((z, (pts, col * 0.9)))
        if z < 45:
            far.append((z - 1e-3, (pts.mean(0) + (pts - pts.mean(0)) * 0.8, col * 1.03)))
        if rng.random() < 0.02:
            p = sc.proj(np.array([x + 0.2, y + 0.3, z], F))
            far.append((z - 0.01, (p + cup * 216 / z * [0.8, 0.7], sc.fog((0.93, 0.6, 0.72), z))))
    bg = Canvas(W, H, rng)
    bg.batch([s for _, s in sorted(far, key=lambda t: -t[0])])
    bg.img *= 1 + 0.12 * mottle[..., None] + 0.05 * bg.grain[..., None]
    cv.over(bg, 0.9)
    for _ in range(190):  # detailed leaves close to the camera
        z = np.sqrt(rng.uniform(1.0, 8.5 ** 2))
        c = np.array([rng.uniform(-0.45, 0.45) * z, rng.uniform(0.3, 1.15), z], F)
        if z >= 1.4:
            n = [rng.normal(0, 0.3), 1, rng.normal(0, 0.3)]
            pts, col = leaf(c, rng.uniform(0.2, 0.33), n, True)
            sc.add(sc.dist(c), lambda p=pts, col=col: cv.poly(p, col, 0.05))
            stem(c, 0.3)
    for sx, sy, z, sz, op in [(0.60, 0.50, 2.3, 0.15, 1.0), (0.27, 0.36, 3.8, 0.13, 0.85),
                              (0.82, 0.27, 5.0, 0.12, 0.15), (0.12, 0.60, 2.8, 0.11, 0.12),
                              (0.45, 0.22, 8.0, 0.12, 0.9), (0.95, 0.55, 3.2, 0.13, 0.7)]:
        top = np.array([(sx * W - sc.cx) * z / sc.f, 1.8 - (sy * H - sc.cy) * z / sc.f, z], F)
        flower(top, sz, [0.15 * rng.standard_normal(), 1, -0.25], op)
        stem(top, 0.2)
    near = Canvas(W, H, rng)
    sc.render(near, 2.2)
    cv.over(near, 4.0)  # nearest leaves out of focus
    return finish(cv.img, rng, 0.7, 0.010, 0.2)


# ---------------------------------------------------------- 3. photovoltaic glass factory stacker
def factory():
    W, H = 1800, 1200
    rng = np.random.default_rng(3)
    cv = Canvas(W, H, rng)
    sc = Scene(cv, 1350, 820, 540, (0, 1.7, 0), (0.1, 1, -0.35), (0.74, 0.77, 0.78), 170, 0.55, 0.5)
    XL, XR, TOP, END = -9.0, 21.0, 13.0, 160.0
    yy, xx = np.mgrid[0:H, 0:W].astype(F)
    dx, dy = (xx - sc.cx) / sc.f, -(yy - sc.cy) / sc.f

    def hall(ox, oy, oz, dx, dy):
        """Ray-cast the empty hall: cladding seams, window band, roof purlins and skylights."""
        tc = np.where(dy > 1e-4, (TOP - oy) / np.maximum(dy, 1e-4), 1e9)
        tl = np.where(dx < -1e-4, (XL - ox) / np.minimum(dx, -1e-4), 1e9)
        tr = np.where(dx > 1e-4, (XR - ox) / np.maximum(dx, 1e-4), 1e9)
        t = np.maximum(np.minimum(np.minimum(tc, tl), np.minimum(tr, END - oz)), 0).astype(F)
        x, y, z, fp = ox + t * dx, oy + t * dy, oz + t, t / sc.f * 1.5
        seam = smooth(0.04 + fp, 0, np.abs(np.mod(x + z, 0.9) - 0.45) - 0.43)
        wall = np.where((y < 1.2)[..., None], np.array((0.52, 0.52, 0.50), F),
                        (0.70, 0.72, 0.74) * (1 - 0.25 * seam)[..., None])
        win = (y > 6.5) & (y < 9.2) & (np.abs(np.mod(x + z, 3.0) - 1.5) < 1.42)
        wall = np.where(win[..., None], np.array((1.05, 1.08, 1.1), F), wall)
        purlin = smooth(0.05 + fp, 0, np.abs(np.mod(z, 1.5) - 0.75) - 0.7)
        sky = (np.abs(np.mod(x - 2, 8) - 4) > 3.1) & (np.mod(z, 8) > 1.0)
        roof = np.where(sky[..., None], np.array((0.92, 0.95, 0.98), F),
                        (0.36, 0.38, 0.40) * (1 - 0.3 * purlin)[..., None])
        return mix(np.where((t == tc)[..., None], roof, wall), sc.haze, 1 - np.exp(-t / sc.hz_d))

    img = hall(0.0, 1.7, 0.0, dx, dy)
    fz = np.minimum(1.7 / np.maximum(-dy, 1e-4), END)
    fx, fp = fz * dx, fz * fz / (sc.f * 1.7) + fz / sc.f  # fp: floor footprint of a pixel, m
    refl = hall(fx, 0.0, fz, dx, -dy)  # glossy epoxy floor: streaky, blurred reflection
    refl = refl * (0.3 + 0.7 * (refl.max(-1) > 0.8))[..., None]
    refl = resize(resize(refl, W // 4, H // 40), W, H)
    joint = np.maximum(smooth(0.02 + fp, 0, 3 - np.abs(np.mod(fx, 6) - 3)),
                       smooth(0.02 + fp, 0, 3 - np.abs(np.mod(fz, 6) - 3)))
    joint *= np.clip(0.05 / fp, 0, 1)
    fl = np.array((0.40, 0.47, 0.44), F) * (1 + 0.04 * noise(H, W, 30, rng, 4, aspect=3)
                                             + 0.015 * cv.grain - 0.3 * joint)[..., None]
    for lx in (0.7, 10.9, -6.0):
        fl = mix(fl, (0.85, 0.70, 0.15), smooth(0.08 + fz / sc.f, 0.04, np.abs(fx - lx)) * 0.9)
    hatch = (np.abs(fx - 1.3) < 0.5) & (fz > 3) & (fz < 16) & (np.mod(fx + fz, 0.8) < 0.4)
    fl = mix(fl, (0.80, 0.66, 0.16), hatch * np.clip(0.15 / fp, 0, 0.55))
    fl = mix(fl * 0.85 + refl * 0.15, sc.haze, 1 - np.exp(-fz / sc.hz_d))
    cv.img = np.where((dy < 0)[..., None], fl, img).astype(F)
    # steel columns, crane girders, roof trusses and high-bay lamps (with floor glints) every 8 m
    steel, blue, truss = (0.58, 0.62, 0.68), (0.25, 0.40, 0.62), (0.30, 0.32, 0.35)
    for z in np.arange(4.0, END, 8.0):
        for x in (XL + 0.4, XR - 0.4):
            sc.solid(box((x, TOP / 2, z), (0.5, TOP, 0.7)), steel)
            sc.solid(box((x - np.sign(x) * 0.5, 9.0, z + 4), (0.5, 1.0, 8.0)), blue)
        for k, x in enumerate(np.arange(XL, XR, 1.5)):
            sc.line3((x, 11.0, z), (x + 1.5, 11.0 + 1.8 * (k % 2 == 0), z), 0.08, truss)
            for y in (11.0, 12.8):
                sc.line3((x, y, z), (x + 1.5, y, z), 0.18, truss)
        for x in (-3.0, 6.0, 15.0):
            sc.line3((x, 11.0, z + 4), (x, 10.4, z + 4), 0.03, (0.2, 0.2, 0.2))
            sc.solid(box((x, 10.2, z + 4), (0.55, 0.4, 0.55)), (0.3, 0.3, 0.32))
            lamp = sc.proj(disc((x, 9.99, z + 4), np.array([1, 0, 0]), np.array([0, 0, 1]), 0.25))
            sc.add(sc.dist((x, 10, z + 4)) - 0.3, lambda p=lamp: cv.poly(p, (4.0, 4.0, 3.8)))
            q, s = sc.proj(np.array([x, -10.0, z + 4])), sc.f * 0.8 / (z + 4)
            glint = q + np.array([(-0.6, -3), (0.6, -3), (0.6, 3), (-0.6, 3)]) * s
            cv.poly(glint, (1.2, 1.2, 1.15), 0, 0.18, s * 0.5)
    # roller conveyor carrying sheets of glass down the hall
    for z in np.arange(5.0, 120.0, 3.0):
        for x in (2.0, 4.4):
            sc.solid(box((x, 0.8, z + 1.5), (0.12, 0.2, 3.0)), (0.5, 0.52, 0.55))
            sc.solid(box((x, 0.35, z + 0.3), (0.08, 0.7, 0.08)), (0.4, 0.42, 0.45))
        for r in np.arange(0, 3.0, 0.5) if z < 60 else ():
            sc.line3((2.0, 0.88, z + r), (4.4, 0.88, z + r), 0.06, (0.30, 0.31, 0.33), 0.05)
            sc.line3((2.0, 0.905, z + r), (4.4, 0.905, z + r), 0.012, (0.95, 0.96, 0.97), 0.04)
        if (z > 12 and int(z) % 2 == 1) or z < 7:
            g = sc.proj(np.array([(2.05, 0.94, z), (4.35, 0.94, z), (4.35, 0.94, z + 1.15),
                                  (2.05, 0.94, z + 1.15)]))
            c1, c2 = sc.fog((0.88, 0.94, 0.96), z), sc.fog((0.5, 0.8, 0.7), z)
            sc.add(z - 0.2, lambda p=g, c=c1: cv.poly(p, c, 0, 0.4))
            sc.add(z - 0.3, lambda p=g[:2], c=c2: cv.line(p, 1.5, c, 0.8))

    def glass(k, f):
        def col(xx, yy):
            t = np.sin((xx * 0.6 + yy) / (40 * f)) * 0.5 + 0.5
            return np.array((0.55, 0.66, 0.68), F) * k * (0.8 + 0.5 * t ** 3)[..., None]
        return col

    def edge(xx, yy):  # a stack seen edge-on: fine green lines of the sheet edges
        return np.array((0.42, 0.62, 0.56), F) * (1 + 0.12 * np.sin(xx * 2.1 + yy * 0.3))[..., None]

    # the stacker: orange portal gantry, travelling bridge, mast and suction frame lifting a sheet
    org, zb = (0.98, 0.62, 0.10), 11.0
    parts = [((x, 2.9, z), (0.35, 5.8, 0.35), org) for x in (1.4, 9.8) for z in (8.5, 14.5)]
    parts += [((5.6, 5.95, z), (8.8, 0.5, 0.45), org) for z in (8.5, 14.5)]
    parts += [((x, 6.35, 11.5), (0.4, 0.35, 6.4), steel) for x in (1.4, 9.8)]
    parts += [((5.6, 6.75, zb), (8.6, 0.45, 0.5), blue), ((3.2, 6.3, zb), (0.9, 0.8, 0.9), steel),
              ((3.2, 4.0, zb), (0.3, 4.0, 0.3), (0.8, 0.82, 0.85)),
              ((3.2, 2.0, zb), (2.0, 0.12, 1.1), (0.3, 0.32, 0.35))]
    parts += [((3.2 + a, 1.88, zb + b), (0.14, 0.12, 0.14), (0.1, 0.1, 0.1))
              for a in (-0.7, 0, 0.7) for b in (-0.35, 0.35)]
    for c, size, col in parts:
        sc.solid(box(c, size), col)
    gl = sc.proj(np.array([(2.05, 1.95, zb - 0.1), (4.35, 1.95, zb - 0.1), (4.35, 0.9, zb - 0.5),
                           (2.05, 0.9, zb - 0.5)]))
    sc.add(zb - 0.6, lambda: cv.poly(gl, glass(0.75, 2), 0, 0.55))
    sc.add(zb - 0.7, lambda: cv.line(np.vstack([gl, gl[:1]]), 2.5, (0.5, 0.8, 0.7), 0.9))
    for x0, z0, n in ((6.4, 8.8, 0.7), (6.4, 11.8, 0.35), (-3.0, 3.4, 0.55), (-3.0, 6.6, 0.6)):
        sc.solid(box((x0 + 0.45, 0.06, z0 + 1.2), (1.3, 0.12, 2.6)), blue)  # A-frame glass racks
        for dz in (0.1, 1.2, 2.3):
            sc.line3((x0 + 0.9, 0.1, z0 + dz), (x0 + 0.95, 1.5, z0 + dz), 0.08, blue)
        sc.solid(box((x0 + 0.85 - n / 2, 0.7, z0 + 1.2), (n, 1.15, 2.3)),
                 lambda p, nrm, d: edge if abs(nrm[0]) < 0.5 else glass(0.7, 1), 0)
    yel, mesh = (0.95, 0.78, 0.10), (0.3, 0.3, 0.3)  # safety fence around the stacking cell
    for z in np.arange(3.0, 14.0, 2.0):
        sc.solid(box((10.6, 0.9, z), (0.08, 1.8, 0.08)), yel)
        for k in range(10):
            sc.line3((10.6, 0.15 + k * 0.18, z), (10.6, 0.15 + k * 0.18, z + 2), 0.015, mesh)
            sc.line3((10.6, 0.1, z + k * 0.2), (10.6, 1.8, z + k * 0.2), 0.015, mesh)
    for _ in range(14):  # other machinery along the hall
        z, x = rng.uniform(20, 140), (XL + 2.5, XR - 3.0, 14.0)[rng.integers(3)]
        sz = (rng.uniform(1.5, 3.0), rng.uniform(1.2, 3.5), rng.uniform(2, 6))
        col = ((0.85, 0.86, 0.86), blue, (0.6, 0.62, 0.64))[rng.integers(3)]
        sc.solid(box((x, sz[1] / 2, z), sz), col)
    sc.render()
    return finish(cv.img, rng, 0.7, 0.011, 0.3, 0.45, (0.97, 1.0, 1.0))


def main():
    OUT.mkdir(exist_ok=True)
    for name, make in (("bridge-construction.jpg", bridge), ("lotus-lake.jpg", lotus),
                       ("glass-factory.jpg", factory)):
        t = time.perf_counter()
        Image.fromarray(make(), "RGB").save(OUT / name, "JPEG", quality=88, dpi=(300, 300),
                                            optimize=True, progressive=False)
        print(f"{name}: {(OUT / name).stat().st_size} bytes, {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
