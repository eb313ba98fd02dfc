"""The places of the story, each painted in its palette with the brush: Hailsham, the Cottages, Norfolk, the boat ..."""

from __future__ import annotations

import random

from game.frontends.desktop.brush import (
    Canvas,
    Painter,
    bare_tree,
    clouds,
    ellipse,
    fence,
    furrows,
    glow,
    ground_shade,
    hills,
    line,
    poly,
    rect,
    sky,
    tree,
    windows,
)
from game.frontends.desktop.theme import Palette, mix


def hailsham(c: Canvas, pal: Palette, rng: random.Random) -> None:
    sky(c, pal, 0.62)
    glow(c, pal, 0.78, 0.24, 0.05, 110)
    clouds(c, pal, rng, 5, 0.08, 0.34)
    hills(c, rng, 0.6, 0.05, mix(pal.far, pal.sky_low, 0.45))
    for k in range(9):  # the woods behind the house, which the children were afraid of
        tree(c, rng, 0.02 + k * 0.05 + rng.uniform(-0.01, 0.01), 0.62, rng.uniform(0.13, 0.19), mix(pal.far, pal.shape, 0.3), pal.shape)
    house = mix(pal.shape, pal.sky_low, 0.25)
    rect(c, 0.52, 0.43, 0.3, 0.2, house)  # the main house
    poly(c, [(0.5, 0.44), (0.67, 0.36), (0.84, 0.44)], mix(house, (40, 40, 40), 0.2))
    for cx in (0.56, 0.63, 0.72, 0.79):
        rect(c, cx, 0.35, 0.012, 0.06, house)
    windows(c, 0.53, 0.46, 0.28, 0.15, 3, 9, mix(house, pal.sky_low, 0.5), rng)
    rect(c, 0.2, 0.55, 0.09, 0.06, mix(pal.shape, pal.glow, 0.45))  # the pavilion
    poly(c, [(0.19, 0.555), (0.245, 0.52), (0.3, 0.555)], mix(pal.shape, (40, 40, 40), 0.1))
    hills(c, rng, 0.72, 0.03, pal.near)
    hills(c, rng, 0.9, 0.02, mix(pal.near, (30, 40, 30), 0.2))
    ground_shade(c, 0.7)

def cottages(c: Canvas, pal: Palette, rng: random.Random) -> None:
    sky(c, pal, 0.6)
    clouds(c, pal, rng, 7, 0.05, 0.4)
    glow(c, pal, 0.2, 0.3, 0.04, 70)
    hills(c, rng, 0.58, 0.04, mix(pal.far, pal.sky_low, 0.4))
    for k in range(6):
        tree(c, rng, 0.05 + k * 0.17 + rng.uniform(-0.03, 0.03), 0.6, rng.uniform(0.1, 0.16), mix(pal.far, pal.shape, 0.4), pal.shape)
    barn = pal.shape
    rect(c, 0.14, 0.48, 0.22, 0.14, barn)
    poly(c, [(0.12, 0.49), (0.25, 0.38), (0.38, 0.49)], mix(barn, (30, 25, 20), 0.25))
    for x in (0.5, 0.64, 0.78):  # the row of old farm cottages
        rect(c, x, 0.52, 0.12, 0.1, mix(barn, pal.sky_low, 0.3))
        poly(c, [(x - 0.01, 0.525), (x + 0.06, 0.47), (x + 0.13, 0.525)], mix(barn, (40, 30, 25), 0.15))
        rect(c, x + 0.08, 0.45, 0.012, 0.05, barn)
        windows(c, x + 0.01, 0.54, 0.1, 0.06, 1, 3, mix(pal.glow, barn, 0.3), rng)
    hills(c, rng, 0.74, 0.025, pal.near)
    hills(c, rng, 0.92, 0.02, mix(pal.near, (40, 30, 20), 0.25))
    ground_shade(c, 0.68)

def norfolk(c: Canvas, pal: Palette, rng: random.Random) -> None:
    sky(c, pal, 0.68)
    clouds(c, pal, rng, 9, 0.06, 0.5)
    glow(c, pal, 0.3, 0.4, 0.035, 80)
    rect(c, 0, 0.66, 1, 0.03, mix(pal.sky_low, pal.accent, 0.25))  # the sea, far off
    hills(c, rng, 0.7, 0.012, mix(pal.far, pal.sky_low, 0.3))
    rect(c, 0.74, 0.6, 0.018, 0.1, mix(pal.shape, pal.sky_low, 0.35))  # a church tower
    poly(c, [(0.736, 0.605), (0.749, 0.575), (0.762, 0.605)], mix(pal.shape, pal.sky_low, 0.35))
    for _ in range(5):
        tree(c, rng, rng.uniform(0.05, 0.65), 0.71, rng.uniform(0.05, 0.08), mix(pal.far, pal.shape, 0.4), pal.shape)
    hills(c, rng, 0.8, 0.015, pal.near)
    fence(c, 0.86, 0.83, mix(pal.shape, pal.near, 0.2), 10)
    hills(c, rng, 0.95, 0.01, mix(pal.near, (30, 35, 35), 0.25))
    ground_shade(c, 0.75)

def field(c: Canvas, pal: Palette, rng: random.Random) -> None:
    sky(c, pal, 0.66)
    glow(c, pal, 0.5, 0.6, 0.05, 140)
    clouds(c, pal, rng, 6, 0.08, 0.45)
    hills(c, rng, 0.66, 0.02, mix(pal.far, pal.sky_low, 0.35))
    for _ in range(4):
        tree(c, rng, rng.uniform(0.05, 0.95), 0.67, rng.uniform(0.05, 0.09), mix(pal.far, pal.shape, 0.35), pal.shape)
    bare_tree(c, rng, 0.82, 0.675, 0.16, mix(pal.shape, pal.far, 0.3))
    hills(c, rng, 0.78, 0.015, pal.near)
    furrows(c, 0.78, mix(pal.near, (40, 35, 20), 0.25), 22)
    fence(c, 0.84, 0.8, pal.shape, 12, rng, mix(pal.glow, (255, 255, 255), 0.4))
    hills(c, rng, 0.95, 0.012, mix(pal.near, (40, 35, 20), 0.3))
    ground_shade(c, 0.7)


def boat(c: Canvas, pal: Palette, rng: random.Random) -> None:
    sky(c, pal, 0.64)
    clouds(c, pal, rng, 6, 0.05, 0.42)
    glow(c, pal, 0.82, 0.3, 0.04, 90)
    hills(c, rng, 0.64, 0.01, mix(pal.far, pal.sky_low, 0.4))
    marsh = mix(pal.near, pal.sky_low, 0.25)
    rect(c, 0, 0.64, 1, 0.36, marsh)
    for _ in range(7):  # pools of standing water catching the sky
        ellipse(c, rng.uniform(0.05, 0.95), rng.uniform(0.7, 0.92), rng.uniform(0.05, 0.14), rng.uniform(0.008, 0.02), mix(pal.sky_low, pal.sky_top, 0.3), 200)
    trunk = mix(pal.shape, pal.far, 0.4)
    for _ in range(8):  # the dead trees
        x, ground, hgt = rng.uniform(0.04, 0.96), rng.uniform(0.66, 0.8), rng.uniform(0.1, 0.2)
        line(c, (x, ground), (x + rng.uniform(-0.01, 0.01), ground - hgt), trunk, 2)
        for _ in range(3):
            by = ground - hgt * rng.uniform(0.4, 0.9)
            line(c, (x, by), (x + rng.uniform(-0.04, 0.04), by - rng.uniform(0.02, 0.05)), trunk, 1)
    hull = pal.shape  # the boat, stranded and leaning
    poly(c, [(0.38, 0.72), (0.62, 0.70), (0.58, 0.77), (0.42, 0.78)], hull)
    poly(c, [(0.45, 0.705), (0.52, 0.7), (0.52, 0.665), (0.455, 0.67)], mix(hull, pal.sky_low, 0.35))
    line(c, (0.5, 0.7), (0.515, 0.57), mix(hull, (30, 20, 15), 0.3), 2)
    hills(c, rng, 0.95, 0.01, mix(marsh, (30, 30, 20), 0.3))
    ground_shade(c, 0.7)

def recovery(c: Canvas, pal: Palette, rng: random.Random) -> None:
    sky(c, pal, 0.6)
    clouds(c, pal, rng, 4, 0.05, 0.35)
    hills(c, rng, 0.6, 0.02, mix(pal.far, pal.sky_low, 0.4))
    block = mix(pal.shape, pal.sky_low, 0.35)
    rect(c, 0.3, 0.34, 0.46, 0.28, block)  # the centre: plain, square, white-tiled
    rect(c, 0.3, 0.33, 0.46, 0.012, mix(block, (40, 40, 40), 0.2))
    windows(c, 0.31, 0.36, 0.44, 0.24, 4, 12, mix(block, pal.sky_top, 0.5), rng, lit=mix(pal.glow, (255, 230, 180), 0.4))
    rect(c, 0.5, 0.56, 0.06, 0.06, mix(block, (40, 40, 40), 0.3))
    for k in range(5):
        tree(c, rng, 0.05 + k * 0.05, 0.63, rng.uniform(0.08, 0.12), mix(pal.far, pal.shape, 0.3), pal.shape)
    rect(c, 0, 0.62, 1, 0.38, pal.near)
    fence(c, 0.72, 0.72, mix(pal.shape, pal.near, 0.3), 20)  # railings along the front
    ground_shade(c, 0.65)

def kingsfield(c: Canvas, pal: Palette, rng: random.Random) -> None:
    recovery(c, pal, rng)
    glow(c, pal, 0.15, 0.2, 0.03, 70)


def carer(c: Canvas, pal: Palette, rng: random.Random) -> None:
    sky(c, pal, 0.6)
    glow(c, pal, 0.66, 0.56, 0.05, 150)
    clouds(c, pal, rng, 5, 0.08, 0.4)
    hills(c, rng, 0.6, 0.03, mix(pal.far, pal.sky_low, 0.3))
    rect(c, 0, 0.6, 1, 0.4, pal.near)
    road = mix(pal.near, pal.sky_low, 0.25)
    poly(c, [(0.47, 0.6), (0.53, 0.6), (0.95, 1.0), (0.05, 1.0)], road)  # the long roads between centres
    poly(c, [(0.497, 0.62), (0.503, 0.62), (0.52, 1.0), (0.48, 1.0)], mix(road, pal.glow, 0.25))
    for k in range(6):  # telegraph poles running off to the horizon
        t = (k + 1) / 7
        x = 0.56 + 0.42 * t ** 1.6
        line(c, (x, 0.6 - 0.02 * t), (x, 0.6 - 0.02 * t - 0.25 * t), pal.shape, 1 + (k > 3))
    hills(c, rng, 0.66, 0.02, mix(pal.far, pal.shape, 0.3), alpha=200)
    ground_shade(c, 0.65)

def madame(c: Canvas, pal: Palette, rng: random.Random) -> None:
    sky(c, pal, 0.55)
    glow(c, pal, 0.15, 0.15, 0.02, 90)  # the moon over the sea front
    house = pal.shape
    x = -0.02
    while x < 1.0:  # a terrace of narrow houses
        w = rng.uniform(0.09, 0.13)
        top = rng.uniform(0.34, 0.4)
        rect(c, x, top, w, 0.7 - top, mix(house, pal.sky_low, rng.uniform(0.05, 0.2)))
        poly(c, [(x, top + 0.005), (x + w / 2, top - 0.05), (x + w, top + 0.005)], mix(house, (20, 20, 25), 0.3))
        windows(c, x + 0.01, top + 0.04, w - 0.02, 0.2, 2, 2, mix(house, pal.sky_top, 0.4), rng, lit=pal.glow)
        x += w
    rect(c, 0, 0.7, 1, 0.3, pal.near)
    for lx in (0.22, 0.62):  # street lamps
        line(c, (lx, 0.86), (lx, 0.58), mix(house, (0, 0, 0), 0.3), 2)
        glow(c, pal, lx, 0.575, 0.012, 170)
    ground_shade(c, 0.72)

def title(c: Canvas, pal: Palette, rng: random.Random) -> None:
    sky(c, pal, 0.7)
    glow(c, pal, 0.7, 0.66, 0.06, 170)
    clouds(c, pal, rng, 6, 0.1, 0.5)
    hills(c, rng, 0.7, 0.025, mix(pal.far, pal.sky_low, 0.25))
    bare_tree(c, rng, 0.2, 0.735, 0.3, mix(pal.shape, pal.far, 0.2))
    hills(c, rng, 0.8, 0.015, pal.near)
    furrows(c, 0.8, mix(pal.near, pal.glow, 0.12))
    fence(c, 0.88, 0.84, pal.shape, 12, rng, mix(pal.glow, (255, 255, 255), 0.3))
    hills(c, rng, 0.97, 0.01, mix(pal.near, (20, 20, 25), 0.4))
    ground_shade(c, 0.75)


def default(c: Canvas, pal: Palette, rng: random.Random) -> None:
    sky(c, pal, 0.64)
    clouds(c, pal, rng, 6, 0.06, 0.45)
    glow(c, pal, 0.3, 0.35, 0.04, 80)
    hills(c, rng, 0.64, 0.04, mix(pal.far, pal.sky_low, 0.35))
    hills(c, rng, 0.76, 0.03, pal.far)
    hills(c, rng, 0.9, 0.02, pal.near)
    ground_shade(c, 0.7)


PAINTERS: dict[str, Painter] = {
    "hailsham": hailsham, "cottages": cottages, "norfolk": norfolk, "field": field, "boat": boat,
    "recovery": recovery, "kingsfield": kingsfield, "carer": carer, "madame": madame, "title": title,
    "default": default,
}
