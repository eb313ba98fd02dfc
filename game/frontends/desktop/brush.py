"""The brush the places are painted with: sky, glow, clouds, hills, trees, fences, windows, on fractional coordinates.

Every shape takes positions as fractions of the canvas (0..1), so one picture paints at any
window size and aspect; the canvas is small and is blurred and scaled up afterwards (art.py).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

import pygame

from game.frontends.desktop.theme import RGB, Palette, mix

Canvas = pygame.Surface
Painter = Callable[[Canvas, Palette, random.Random], None]


def pt(c: Canvas, x: float, y: float) -> tuple[int, int]:
    w, h = c.get_size()
    return round(x * w), round(y * h)


def poly(c: Canvas, pts: list[tuple[float, float]], color: RGB, alpha: int = 255) -> None:
    if alpha >= 255:
        pygame.draw.polygon(c, color, [pt(c, x, y) for x, y in pts])
        return
    layer = pygame.Surface(c.get_size(), pygame.SRCALPHA)
    pygame.draw.polygon(layer, (*color, alpha), [pt(c, x, y) for x, y in pts])
    c.blit(layer, (0, 0))


def rect(c: Canvas, x: float, y: float, w: float, h: float, color: RGB) -> None:
    cw, ch = c.get_size()
    pygame.draw.rect(c, color, pygame.Rect(round(x * cw), round(y * ch), max(1, round(w * cw)), max(1, round(h * ch))))


def ellipse(c: Canvas, x: float, y: float, rx: float, ry: float, color: RGB, alpha: int = 255) -> None:
    cw, ch = c.get_size()
    r = pygame.Rect(0, 0, max(1, round(2 * rx * cw)), max(1, round(2 * ry * ch)))
    r.center = (round(x * cw), round(y * ch))
    if alpha >= 255:
        pygame.draw.ellipse(c, color, r)
        return
    layer = pygame.Surface(r.size, pygame.SRCALPHA)
    pygame.draw.ellipse(layer, (*color, alpha), layer.get_rect())
    c.blit(layer, r.topleft)


def line(c: Canvas, a: tuple[float, float], b: tuple[float, float], color: RGB, width: int = 1) -> None:
    pygame.draw.line(c, color, pt(c, *a), pt(c, *b), width)


def sky(c: Canvas, pal: Palette, horizon: float) -> None:
    w, h = c.get_size()
    hy = max(1, round(horizon * h))
    for y in range(h):
        t = min(1.0, y / hy) ** 1.35
        pygame.draw.line(c, mix(pal.sky_top, pal.sky_low, t), (0, y), (w, y))


def glow(c: Canvas, pal: Palette, x: float, y: float, r: float, strength: int = 150) -> None:
    cw, ch = c.get_size()
    radius = max(2, round(r * ch))
    layer = pygame.Surface((radius * 8, radius * 8), pygame.SRCALPHA)
    centre = (radius * 4, radius * 4)
    for i in range(12, 0, -1):
        a = round(strength * (1 - i / 12) ** 2 * 0.5)
        pygame.draw.circle(layer, (*pal.glow, a), centre, round(radius * (1 + i * 0.25)))
    pygame.draw.circle(layer, (*pal.glow, min(255, strength + 60)), centre, radius)
    c.blit(layer, (round(x * cw) - centre[0], round(y * ch) - centre[1]))


def clouds(c: Canvas, pal: Palette, rng: random.Random, n: int, top: float, bottom: float) -> None:
    light = mix(pal.sky_low, (255, 255, 255), 0.35)
    for _ in range(n):
        x, y = rng.uniform(-0.1, 1.1), rng.uniform(top, bottom)
        for _ in range(rng.randint(3, 6)):
            ellipse(c, x + rng.uniform(-0.08, 0.08), y + rng.uniform(-0.012, 0.012), rng.uniform(0.05, 0.12), rng.uniform(0.012, 0.025), light, 70)


def hills(c: Canvas, rng: random.Random, base: float, amp: float, color: RGB, waves: int = 3, alpha: int = 255) -> None:
    phases = [(rng.uniform(0, math.tau), rng.uniform(0.6, 1.4) * (k + 1)) for k in range(waves)]
    pts = [(0.0, 1.0)]
    for i in range(0, 101):
        x = i / 100
        y = base - amp * sum(math.sin(x * math.pi * f + p) / (k + 1) for k, (p, f) in enumerate(phases)) / waves
        pts.append((x, y))
    pts.append((1.0, 1.0))
    poly(c, pts, color, alpha)


def tree(c: Canvas, rng: random.Random, x: float, ground: float, height: float, color: RGB, trunk: RGB) -> None:
    line(c, (x, ground), (x, ground - height * 0.45), trunk, max(1, c.get_width() // 320))
    for _ in range(7):
        ellipse(c, x + rng.uniform(-0.35, 0.35) * height * 0.55, ground - height * rng.uniform(0.5, 0.95),
                 height * rng.uniform(0.16, 0.26) * 0.6, height * rng.uniform(0.14, 0.22), color)


def bare_tree(c: Canvas, rng: random.Random, x: float, ground: float, height: float, color: RGB) -> None:
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


def ground_shade(c: Canvas, top: float, strength: int = 70) -> None:
    """The land darkens towards the viewer: depth without drawing anything."""
    w, h = c.get_size()
    y0 = round(top * h)
    layer = pygame.Surface((1, max(1, h - y0)), pygame.SRCALPHA)
    for y in range(h - y0):
        layer.set_at((0, y), (12, 12, 20, round(strength * (y / max(1, h - y0 - 1)) ** 1.4)))
    c.blit(pygame.transform.scale(layer, (w, h - y0)), (0, y0))


def furrows(c: Canvas, horizon: float, color: RGB, n: int = 16) -> None:
    """A ploughed field: lines running from the front towards a point on the horizon."""
    for k in range(n + 1):
        x = -0.6 + 2.2 * k / n
        line(c, (0.5 + (x - 0.5) * 0.08, horizon), (x, 1.0), color, 1)


def fence(c: Canvas, y0: float, y1: float, color: RGB, posts: int = 14, rng: random.Random | None = None, rags: RGB | None = None) -> None:
    for k in range(posts + 1):
        x = k / posts
        y = y0 + (y1 - y0) * x
        line(c, (x, y - 0.06), (x, y + 0.005), color, 2)
    for off in (0.05, 0.032, 0.014):
        line(c, (0, y0 - off), (1, y1 - off), color, 1)
    if rng is not None and rags is not None:  # what the wind has caught on the wire
        for _ in range(9):
            x = rng.uniform(0.03, 0.97)
            y = y0 + (y1 - y0) * x - rng.choice((0.05, 0.032, 0.014))
            ellipse(c, x, y + 0.006, rng.uniform(0.004, 0.01), rng.uniform(0.006, 0.012), rags, 210)


def windows(c: Canvas, x: float, y: float, w: float, h: float, rows: int, cols: int, color: RGB, rng: random.Random, lit: RGB | None = None) -> None:
    for r in range(rows):
        for k in range(cols):
            wx = x + w * (k + 0.3) / cols
            wy = y + h * (r + 0.28) / rows
            col = lit if lit is not None and rng.random() < 0.3 else color
            rect(c, wx, wy, w / cols * 0.42, h / rows * 0.45, col)
