"""Procedural backgrounds: each place painted in its palette as soft shapes (sky, land, buildings), at run time.

Nothing here is art from elsewhere. Each painter draws with plain polygons and circles on a small
canvas (a third of the window), which is blurred and smoothly scaled up: that softness is the
look, and it keeps painting cheap. Results are cached by place, size and theme, so a background is
painted once per scene change or resize, never per frame.
"""

from __future__ import annotations

import math
import random
import zlib
from collections import OrderedDict
from functools import lru_cache
from typing import Callable

import pygame

from game.frontends.desktop.theme import RGB, THEMES, Palette, mix, palette_for

Canvas = pygame.Surface
Painter = Callable[[Canvas, Palette, random.Random], None]

SCALE = 3  # the canvas is this many times smaller than the window
_CACHE: "OrderedDict[tuple, pygame.Surface]" = OrderedDict()
_CACHE_SIZE = 6


# ---- drawing helpers on fractional coordinates --------------------------------------------------
def _pt(c: Canvas, x: float, y: float) -> tuple[int, int]:
    w, h = c.get_size()
    return round(x * w), round(y * h)


def _poly(c: Canvas, pts: list[tuple[float, float]], color: RGB, alpha: int = 255) -> None:
    if alpha >= 255:
        pygame.draw.polygon(c, color, [_pt(c, x, y) for x, y in pts])
        return
    layer = pygame.Surface(c.get_size(), pygame.SRCALPHA)
    pygame.draw.polygon(layer, (*color, alpha), [_pt(c, x, y) for x, y in pts])
    c.blit(layer, (0, 0))


def _rect(c: Canvas, x: float, y: float, w: float, h: float, color: RGB) -> None:
    cw, ch = c.get_size()
    pygame.draw.rect(c, color, pygame.Rect(round(x * cw), round(y * ch), max(1, round(w * cw)), max(1, round(h * ch))))


def _ellipse(c: Canvas, x: float, y: float, rx: float, ry: float, color: RGB, alpha: int = 255) -> None:
    cw, ch = c.get_size()
    r = pygame.Rect(0, 0, max(1, round(2 * rx * cw)), max(1, round(2 * ry * ch)))
    r.center = (round(x * cw), round(y * ch))
    if alpha >= 255:
        pygame.draw.ellipse(c, color, r)
        return
    layer = pygame.Surface(r.size, pygame.SRCALPHA)
    pygame.draw.ellipse(layer, (*color, alpha), layer.get_rect())
    c.blit(layer, r.topleft)


def _line(c: Canvas, a: tuple[float, float], b: tuple[float, float], color: RGB, width: int = 1) -> None:
    pygame.draw.line(c, color, _pt(c, *a), _pt(c, *b), width)


def _sky(c: Canvas, pal: Palette, horizon: float) -> None:
    w, h = c.get_size()
    hy = max(1, round(horizon * h))
    for y in range(h):
        t = min(1.0, y / hy) ** 1.35
        pygame.draw.line(c, mix(pal.sky_top, pal.sky_low, t), (0, y), (w, y))


def _glow(c: Canvas, pal: Palette, x: float, y: float, r: float, strength: int = 150) -> None:
    cw, ch = c.get_size()
    radius = max(2, round(r * ch))
    layer = pygame.Surface((radius * 8, radius * 8), pygame.SRCALPHA)
    centre = (radius * 4, radius * 4)
    for i in range(12, 0, -1):
        a = round(strength * (1 - i / 12) ** 2 * 0.5)
        pygame.draw.circle(layer, (*pal.glow, a), centre, round(radius * (1 + i * 0.25)))
    pygame.draw.circle(layer, (*pal.glow, min(255, strength + 60)), centre, radius)
    c.blit(layer, (round(x * cw) - centre[0], round(y * ch) - centre[1]))


def _clouds(c: Canvas, pal: Palette, rng: random.Random, n: int, top: float, bottom: float) -> None:
    light = mix(pal.sky_low, (255, 255, 255), 0.35)
    for _ in range(n):
        x, y = rng.uniform(-0.1, 1.1), rng.uniform(top, bottom)
        for k in range(rng.randint(3, 6)):
            _ellipse(c, x + rng.uniform(-0.08, 0.08), y + rng.uniform(-0.012, 0.012), rng.uniform(0.05, 0.12), rng.uniform(0.012, 0.025), light, 70)


def _hills(c: Canvas, rng: random.Random, base: float, amp: float, color: RGB, waves: int = 3, alpha: int = 255) -> None:
    phases = [(rng.uniform(0, math.tau), rng.uniform(0.6, 1.4) * (k + 1)) for k in range(waves)]
    pts = [(0.0, 1.0)]
    for i in range(0, 101):
        x = i / 100
        y = base - amp * sum(math.sin(x * math.pi * f + p) / (k + 1) for k, (p, f) in enumerate(phases)) / waves
        pts.append((x, y))
    pts.append((1.0, 1.0))
    _poly(c, pts, color, alpha)


def _tree(c: Canvas, rng: random.Random, x: float, ground: float, height: float, color: RGB, trunk: RGB) -> None:
    _line(c, (x, ground), (x, ground - height * 0.45), trunk, max(1, c.get_width() // 320))
    for _ in range(7):
        _ellipse(c, x + rng.uniform(-0.35, 0.35) * height * 0.55, ground - height * rng.uniform(0.5, 0.95),
                 height * rng.uniform(0.16, 0.26) * 0.6, height * rng.uniform(0.14, 0.22), color)


def _bare_tree(c: Canvas, rng: random.Random, x: float, ground: float, height: float, color: RGB) -> None:
    """A leafless tree: a trunk that forks and forks again, thinning as it goes."""
    w, h = c.get_size()

    def branch(px: float, py: float, angle: float, length: float, width: float, depth: int) -> None:
        nx = px + math.cos(angle) * length
        ny = py - math.sin(angle) * length
        pygame.draw.line(c, color, (round(px), round(py)), (round(nx), round(ny)), max(1, round(width)))
        if depth == 0:
            return
        for spread in (-1, 1):
            branch(nx, ny, angle + spread * rng.uniform(0.25, 0.6), length * rng.uniform(0.62, 0.78), width * 0.62, depth - 1)
        if rng.random() < 0.4:
            branch(nx, ny, angle + rng.uniform(-0.15, 0.15), length * 0.6, width * 0.55, depth - 1)

    trunk = height * h * 0.34
    branch(x * w, ground * h, math.pi / 2 + rng.uniform(-0.05, 0.05), trunk, max(2.0, h * height * 0.05), 6)


def _ground_shade(c: Canvas, top: float, strength: int = 70) -> None:
    """The land darkens towards the viewer: depth without drawing anything."""
    w, h = c.get_size()
    y0 = round(top * h)
    layer = pygame.Surface((1, max(1, h - y0)), pygame.SRCALPHA)
    for y in range(h - y0):
        layer.set_at((0, y), (12, 12, 20, round(strength * (y / max(1, h - y0 - 1)) ** 1.4)))
    c.blit(pygame.transform.scale(layer, (w, h - y0)), (0, y0))


def _furrows(c: Canvas, horizon: float, color: RGB, n: int = 16) -> None:
    """A ploughed field: lines running from the front towards a point on the horizon."""
    for k in range(n + 1):
        x = -0.6 + 2.2 * k / n
        _line(c, (0.5 + (x - 0.5) * 0.08, horizon), (x, 1.0), color, 1)


def _poplar(c: Canvas, x: float, ground: float, height: float, color: RGB) -> None:
    _ellipse(c, x, ground - height * 0.5, height * 0.045, height * 0.5, color)


def _fence(c: Canvas, y0: float, y1: float, color: RGB, posts: int = 14, rng: random.Random | None = None, rags: RGB | None = None) -> None:
    for k in range(posts + 1):
        x = k / posts
        y = y0 + (y1 - y0) * x
        _line(c, (x, y - 0.06), (x, y + 0.005), color, 2)
    for off in (0.05, 0.032, 0.014):
        _line(c, (0, y0 - off), (1, y1 - off), color, 1)
    if rng is not None and rags is not None:  # what the wind has caught on the wire
        for _ in range(9):
            x = rng.uniform(0.03, 0.97)
            y = y0 + (y1 - y0) * x - rng.choice((0.05, 0.032, 0.014))
            _ellipse(c, x, y + 0.006, rng.uniform(0.004, 0.01), rng.uniform(0.006, 0.012), rags, 210)


def _windows(c: Canvas, x: float, y: float, w: float, h: float, rows: int, cols: int, color: RGB, rng: random.Random, lit: RGB | None = None) -> None:
    for r in range(rows):
        for k in range(cols):
            wx = x + w * (k + 0.3) / cols
            wy = y + h * (r + 0.28) / rows
            col = lit if lit is not None and rng.random() < 0.3 else color
            _rect(c, wx, wy, w / cols * 0.42, h / rows * 0.45, col)


# ---- the places ---------------------------------------------------------------------------------
def _hailsham(c: Canvas, pal: Palette, rng: random.Random) -> None:
    _sky(c, pal, 0.62)
    _glow(c, pal, 0.78, 0.24, 0.05, 110)
    _clouds(c, pal, rng, 5, 0.08, 0.34)
    _hills(c, rng, 0.6, 0.05, mix(pal.far, pal.sky_low, 0.45))
    for k in range(9):  # the woods behind the house, which the children were afraid of
        _tree(c, rng, 0.02 + k * 0.05 + rng.uniform(-0.01, 0.01), 0.62, rng.uniform(0.13, 0.19), mix(pal.far, pal.shape, 0.3), pal.shape)
    house = mix(pal.shape, pal.sky_low, 0.25)
    _rect(c, 0.52, 0.43, 0.3, 0.2, house)  # the main house
    _poly(c, [(0.5, 0.44), (0.67, 0.36), (0.84, 0.44)], mix(house, (40, 40, 40), 0.2))
    for cx in (0.56, 0.63, 0.72, 0.79):
        _rect(c, cx, 0.35, 0.012, 0.06, house)
    _windows(c, 0.53, 0.46, 0.28, 0.15, 3, 9, mix(house, pal.sky_low, 0.5), rng)
    _rect(c, 0.2, 0.55, 0.09, 0.06, mix(pal.shape, pal.glow, 0.45))  # the pavilion
    _poly(c, [(0.19, 0.555), (0.245, 0.52), (0.3, 0.555)], mix(pal.shape, (40, 40, 40), 0.1))
    _hills(c, rng, 0.72, 0.03, pal.near)
    _hills(c, rng, 0.9, 0.02, mix(pal.near, (30, 40, 30), 0.2))
    _ground_shade(c, 0.7)

def _cottages(c: Canvas, pal: Palette, rng: random.Random) -> None:
    _sky(c, pal, 0.6)
    _clouds(c, pal, rng, 7, 0.05, 0.4)
    _glow(c, pal, 0.2, 0.3, 0.04, 70)
    _hills(c, rng, 0.58, 0.04, mix(pal.far, pal.sky_low, 0.4))
    for k in range(6):
        _tree(c, rng, 0.05 + k * 0.17 + rng.uniform(-0.03, 0.03), 0.6, rng.uniform(0.1, 0.16), mix(pal.far, pal.shape, 0.4), pal.shape)
    barn = pal.shape
    _rect(c, 0.14, 0.48, 0.22, 0.14, barn)
    _poly(c, [(0.12, 0.49), (0.25, 0.38), (0.38, 0.49)], mix(barn, (30, 25, 20), 0.25))
    for x in (0.5, 0.64, 0.78):  # the row of old farm cottages
        _rect(c, x, 0.52, 0.12, 0.1, mix(barn, pal.sky_low, 0.3))
        _poly(c, [(x - 0.01, 0.525), (x + 0.06, 0.47), (x + 0.13, 0.525)], mix(barn, (40, 30, 25), 0.15))
        _rect(c, x + 0.08, 0.45, 0.012, 0.05, barn)
        _windows(c, x + 0.01, 0.54, 0.1, 0.06, 1, 3, mix(pal.glow, barn, 0.3), rng)
    _hills(c, rng, 0.74, 0.025, pal.near)
    _hills(c, rng, 0.92, 0.02, mix(pal.near, (40, 30, 20), 0.25))
    _ground_shade(c, 0.68)

def _norfolk(c: Canvas, pal: Palette, rng: random.Random) -> None:
    _sky(c, pal, 0.68)
    _clouds(c, pal, rng, 9, 0.06, 0.5)
    _glow(c, pal, 0.3, 0.4, 0.035, 80)
    _rect(c, 0, 0.66, 1, 0.03, mix(pal.sky_low, pal.accent, 0.25))  # the sea, far off
    _hills(c, rng, 0.7, 0.012, mix(pal.far, pal.sky_low, 0.3))
    _rect(c, 0.74, 0.6, 0.018, 0.1, mix(pal.shape, pal.sky_low, 0.35))  # a church tower
    _poly(c, [(0.736, 0.605), (0.749, 0.575), (0.762, 0.605)], mix(pal.shape, pal.sky_low, 0.35))
    for k in range(5):
        _tree(c, rng, rng.uniform(0.05, 0.65), 0.71, rng.uniform(0.05, 0.08), mix(pal.far, pal.shape, 0.4), pal.shape)
    _hills(c, rng, 0.8, 0.015, pal.near)
    _fence(c, 0.86, 0.83, mix(pal.shape, pal.near, 0.2), 10)
    _hills(c, rng, 0.95, 0.01, mix(pal.near, (30, 35, 35), 0.25))
    _ground_shade(c, 0.75)

def _field(c: Canvas, pal: Palette, rng: random.Random) -> None:
    _sky(c, pal, 0.66)
    _glow(c, pal, 0.5, 0.6, 0.05, 140)
    _clouds(c, pal, rng, 6, 0.08, 0.45)
    _hills(c, rng, 0.66, 0.02, mix(pal.far, pal.sky_low, 0.35))
    for k in range(4):
        _tree(c, rng, rng.uniform(0.05, 0.95), 0.67, rng.uniform(0.05, 0.09), mix(pal.far, pal.shape, 0.35), pal.shape)
    _bare_tree(c, rng, 0.82, 0.675, 0.16, mix(pal.shape, pal.far, 0.3))
    _hills(c, rng, 0.78, 0.015, pal.near)
    _furrows(c, 0.78, mix(pal.near, (40, 35, 20), 0.25), 22)
    _fence(c, 0.84, 0.8, pal.shape, 12, rng, mix(pal.glow, (255, 255, 255), 0.4))
    _hills(c, rng, 0.95, 0.012, mix(pal.near, (40, 35, 20), 0.3))
    _ground_shade(c, 0.7)


def _boat(c: Canvas, pal: Palette, rng: random.Random) -> None:
    _sky(c, pal, 0.64)
    _clouds(c, pal, rng, 6, 0.05, 0.42)
    _glow(c, pal, 0.82, 0.3, 0.04, 90)
    _hills(c, rng, 0.64, 0.01, mix(pal.far, pal.sky_low, 0.4))
    marsh = mix(pal.near, pal.sky_low, 0.25)
    _rect(c, 0, 0.64, 1, 0.36, marsh)
    for k in range(7):  # pools of standing water catching the sky
        _ellipse(c, rng.uniform(0.05, 0.95), rng.uniform(0.7, 0.92), rng.uniform(0.05, 0.14), rng.uniform(0.008, 0.02), mix(pal.sky_low, pal.sky_top, 0.3), 200)
    trunk = mix(pal.shape, pal.far, 0.4)
    for k in range(8):  # the dead trees
        x, ground, hgt = rng.uniform(0.04, 0.96), rng.uniform(0.66, 0.8), rng.uniform(0.1, 0.2)
        _line(c, (x, ground), (x + rng.uniform(-0.01, 0.01), ground - hgt), trunk, 2)
        for _ in range(3):
            by = ground - hgt * rng.uniform(0.4, 0.9)
            _line(c, (x, by), (x + rng.uniform(-0.04, 0.04), by - rng.uniform(0.02, 0.05)), trunk, 1)
    hull = pal.shape  # the boat, stranded and leaning
    _poly(c, [(0.38, 0.72), (0.62, 0.70), (0.58, 0.77), (0.42, 0.78)], hull)
    _poly(c, [(0.45, 0.705), (0.52, 0.7), (0.52, 0.665), (0.455, 0.67)], mix(hull, pal.sky_low, 0.35))
    _line(c, (0.5, 0.7), (0.515, 0.57), mix(hull, (30, 20, 15), 0.3), 2)
    _hills(c, rng, 0.95, 0.01, mix(marsh, (30, 30, 20), 0.3))
    _ground_shade(c, 0.7)

def _recovery(c: Canvas, pal: Palette, rng: random.Random) -> None:
    _sky(c, pal, 0.6)
    _clouds(c, pal, rng, 4, 0.05, 0.35)
    _hills(c, rng, 0.6, 0.02, mix(pal.far, pal.sky_low, 0.4))
    block = mix(pal.shape, pal.sky_low, 0.35)
    _rect(c, 0.3, 0.34, 0.46, 0.28, block)  # the centre: plain, square, white-tiled
    _rect(c, 0.3, 0.33, 0.46, 0.012, mix(block, (40, 40, 40), 0.2))
    _windows(c, 0.31, 0.36, 0.44, 0.24, 4, 12, mix(block, pal.sky_top, 0.5), rng, lit=mix(pal.glow, (255, 230, 180), 0.4))
    _rect(c, 0.5, 0.56, 0.06, 0.06, mix(block, (40, 40, 40), 0.3))
    for k in range(5):
        _tree(c, rng, 0.05 + k * 0.05, 0.63, rng.uniform(0.08, 0.12), mix(pal.far, pal.shape, 0.3), pal.shape)
    _rect(c, 0, 0.62, 1, 0.38, pal.near)
    _fence(c, 0.72, 0.72, mix(pal.shape, pal.near, 0.3), 20)  # railings along the front
    _ground_shade(c, 0.65)

def _kingsfield(c: Canvas, pal: Palette, rng: random.Random) -> None:
    _recovery(c, pal, rng)
    _glow(c, pal, 0.15, 0.2, 0.03, 70)


def _carer(c: Canvas, pal: Palette, rng: random.Random) -> None:
    _sky(c, pal, 0.6)
    _glow(c, pal, 0.66, 0.56, 0.05, 150)
    _clouds(c, pal, rng, 5, 0.08, 0.4)
    _hills(c, rng, 0.6, 0.03, mix(pal.far, pal.sky_low, 0.3))
    _rect(c, 0, 0.6, 1, 0.4, pal.near)
    road = mix(pal.near, pal.sky_low, 0.25)
    _poly(c, [(0.47, 0.6), (0.53, 0.6), (0.95, 1.0), (0.05, 1.0)], road)  # the long roads between centres
    _poly(c, [(0.497, 0.62), (0.503, 0.62), (0.52, 1.0), (0.48, 1.0)], mix(road, pal.glow, 0.25))
    for k in range(6):  # telegraph poles running off to the horizon
        t = (k + 1) / 7
        x = 0.56 + 0.42 * t ** 1.6
        _line(c, (x, 0.6 - 0.02 * t), (x, 0.6 - 0.02 * t - 0.25 * t), pal.shape, 1 + (k > 3))
    _hills(c, rng, 0.66, 0.02, mix(pal.far, pal.shape, 0.3), alpha=200)
    _ground_shade(c, 0.65)

def _madame(c: Canvas, pal: Palette, rng: random.Random) -> None:
    _sky(c, pal, 0.55)
    _glow(c, pal, 0.15, 0.15, 0.02, 90)  # the moon over the sea front
    house = pal.shape
    x = -0.02
    while x < 1.0:  # a terrace of narrow houses
        w = rng.uniform(0.09, 0.13)
        top = rng.uniform(0.34, 0.4)
        _rect(c, x, top, w, 0.7 - top, mix(house, pal.sky_low, rng.uniform(0.05, 0.2)))
        _poly(c, [(x, top + 0.005), (x + w / 2, top - 0.05), (x + w, top + 0.005)], mix(house, (20, 20, 25), 0.3))
        _windows(c, x + 0.01, top + 0.04, w - 0.02, 0.2, 2, 2, mix(house, pal.sky_top, 0.4), rng, lit=pal.glow)
        x += w
    _rect(c, 0, 0.7, 1, 0.3, pal.near)
    for lx in (0.22, 0.62):  # street lamps
        _line(c, (lx, 0.86), (lx, 0.58), mix(house, (0, 0, 0), 0.3), 2)
        _glow(c, pal, lx, 0.575, 0.012, 170)
    _ground_shade(c, 0.72)

def _title(c: Canvas, pal: Palette, rng: random.Random) -> None:
    _sky(c, pal, 0.7)
    _glow(c, pal, 0.7, 0.66, 0.06, 170)
    _clouds(c, pal, rng, 6, 0.1, 0.5)
    _hills(c, rng, 0.7, 0.025, mix(pal.far, pal.sky_low, 0.25))
    _bare_tree(c, rng, 0.2, 0.735, 0.3, mix(pal.shape, pal.far, 0.2))
    _hills(c, rng, 0.8, 0.015, pal.near)
    _furrows(c, 0.8, mix(pal.near, pal.glow, 0.12))
    _fence(c, 0.88, 0.84, pal.shape, 12, rng, mix(pal.glow, (255, 255, 255), 0.3))
    _hills(c, rng, 0.97, 0.01, mix(pal.near, (20, 20, 25), 0.4))
    _ground_shade(c, 0.75)


def _default(c: Canvas, pal: Palette, rng: random.Random) -> None:
    _sky(c, pal, 0.64)
    _clouds(c, pal, rng, 6, 0.06, 0.45)
    _glow(c, pal, 0.3, 0.35, 0.04, 80)
    _hills(c, rng, 0.64, 0.04, mix(pal.far, pal.sky_low, 0.35))
    _hills(c, rng, 0.76, 0.03, pal.far)
    _hills(c, rng, 0.9, 0.02, pal.near)
    _ground_shade(c, 0.7)


PAINTERS: dict[str, Painter] = {
    "hailsham": _hailsham, "cottages": _cottages, "norfolk": _norfolk, "field": _field, "boat": _boat,
    "recovery": _recovery, "kingsfield": _kingsfield, "carer": _carer, "madame": _madame, "title": _title,
    "default": _default,
}


@lru_cache(maxsize=1)
def _grain_tile(seed: int = 7) -> pygame.Surface:
    """A faint paper grain: a small tile of specks, added onto the picture. It stops the gradients from banding.

    Built from random bytes mapped through a table (C speed), not pixel by pixel, and added with
    BLEND_RGB_ADD (opaque, so it costs a fraction of an alpha blit)."""
    rng = random.Random(seed)
    n = 128 * 128
    specks = rng.randbytes(n).translate(bytes((3 + b % 6) if b < 50 else 0 for b in range(256)))  # ~20% of pixels
    buf = bytearray(3 * n)
    buf[0::3] = specks
    buf[1::3] = specks
    buf[2::3] = specks
    return pygame.image.frombuffer(bytes(buf), (128, 128), "RGB").copy()


def _grain(target: pygame.Surface) -> None:
    tile = _grain_tile()
    w, h = target.get_size()
    target.fblits([(tile, (x, y)) for x in range(0, w, 128) for y in range(0, h, 128)], pygame.BLEND_RGB_ADD)


def paint(location: str | None, size: tuple[int, int], theme_name: str = "light") -> pygame.Surface:
    """The background for a place at a window size, washed for the theme. Cached; the result is shared, do not draw on it."""
    pal = palette_for(location)
    key = (pal.name, size, theme_name)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    w, h = max(1, size[0]), max(1, size[1])
    small = pygame.Surface((max(64, w // SCALE), max(36, h // SCALE)))
    rng = random.Random(zlib.crc32(pal.name.encode()))
    PAINTERS.get(pal.name, _default)(small, pal, rng)
    theme = THEMES.get(theme_name, THEMES["light"])
    wash = pygame.Surface(small.get_size(), pygame.SRCALPHA)  # smooth things are done small, before scaling up
    wash.fill((*theme.art_shade, theme.art_shade_alpha))
    small.blit(wash, (0, 0))
    small.blit(pygame.transform.smoothscale(_vignette(), small.get_size()), (0, 0))
    small = pygame.transform.gaussian_blur(small, 1)
    out = pygame.transform.smoothscale(small, (w, h))
    if pygame.display.get_surface() is not None:
        out = out.convert()
    _grain(out)
    _CACHE[key] = out
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return out


@lru_cache(maxsize=1)
def _vignette() -> pygame.Surface:
    """Darkened corners, drawn small (and scaled up by the caller) so the falloff is smooth."""
    sw, sh = 64, 36
    small = pygame.Surface((sw, sh), pygame.SRCALPHA)
    for y in range(sh):
        for x in range(sw):
            dx, dy = (x + 0.5) / sw - 0.5, (y + 0.5) / sh - 0.5
            d = math.sqrt(dx * dx * 1.2 + dy * dy * 1.6)
            small.set_at((x, y), (10, 10, 20, max(0, min(110, round((d - 0.32) * 320)))))
    return small
