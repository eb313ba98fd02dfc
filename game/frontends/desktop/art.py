"""Procedural backgrounds: each place painted in its palette as soft shapes (sky, land, buildings), at run time.

Nothing here is art from elsewhere. Each painter (scenery.py) draws with plain polygons and circles on a small
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

import pygame

from game.frontends.desktop.scenery import PAINTERS
from game.frontends.desktop.theme import THEMES, palette_for

SCALE = 3  # the canvas is this many times smaller than the window
_CACHE: OrderedDict[tuple[str, tuple[int, int], str], pygame.Surface] = OrderedDict()
_CACHE_SIZE = 6


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
    PAINTERS.get(pal.name, PAINTERS["default"])(small, pal, rng)
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
    alpha = bytearray(sw * sh)
    for y in range(sh):
        dy = (y + 0.5) / sh - 0.5
        for x in range(sw):
            dx = (x + 0.5) / sw - 0.5
            alpha[y * sw + x] = max(0, min(110, round((math.sqrt(dx * dx * 1.2 + dy * dy * 1.6) - 0.32) * 320)))
    buf = bytearray(4 * sw * sh)
    buf[0::4] = bytes([10]) * (sw * sh)
    buf[1::4] = bytes([10]) * (sw * sh)
    buf[2::4] = bytes([20]) * (sw * sh)
    buf[3::4] = alpha
    return pygame.image.frombuffer(bytes(buf), (sw, sh), "RGBA").copy()
