"""Colours: three reading themes (light, dark, high contrast) and a soft palette for each place in the story.

A screen asks for `look(theme, location)` and gets every colour it draws with; the art module
paints the place in its palette, and the page of text sits over it in the theme's colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

RGB = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Palette:
    """A place at its time of day: the art's colours."""

    name: str
    sky_top: RGB
    sky_low: RGB  # at the horizon
    glow: RGB  # sun, moon or lamplight
    far: RGB  # distant land and trees
    near: RGB  # the ground at the front
    shape: RGB  # buildings, fences, the boat
    accent: RGB  # what choices are highlighted with in this place


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    page: RGB  # the panel the prose sits on
    page_alpha: int
    ink: RGB
    muted: RGB  # choices already read, echoes, hints
    faint: RGB  # placeholders, rules, unvisited paths
    art_shade: RGB  # the art is washed with this ...
    art_shade_alpha: int  # ... this much, so the page reads as the front
    fixed_accent: RGB | None = None  # high contrast ignores the place's accent


@dataclass(frozen=True, slots=True)
class Look:
    """Everything a screen draws with, for one theme in one place."""

    theme: Theme
    palette: Palette
    accent: RGB
    select_bg: RGB  # behind the focused choice
    disabled: RGB

    @property
    def ink(self) -> RGB:
        return self.theme.ink

    @property
    def muted(self) -> RGB:
        return self.theme.muted

    @property
    def faint(self) -> RGB:
        return self.theme.faint

    @property
    def page(self) -> RGB:
        return self.theme.page


THEMES: dict[str, Theme] = {
    "light": Theme("light", page=(246, 241, 230), page_alpha=242, ink=(46, 42, 38), muted=(112, 104, 96),
                   faint=(170, 162, 150), art_shade=(250, 246, 238), art_shade_alpha=40),
    "dark": Theme("dark", page=(30, 33, 40), page_alpha=232, ink=(226, 219, 204), muted=(156, 150, 140),
                  faint=(96, 98, 104), art_shade=(14, 16, 24), art_shade_alpha=120),
    "contrast": Theme("contrast", page=(0, 0, 0), page_alpha=255, ink=(255, 255, 255), muted=(225, 225, 225),
                      faint=(170, 170, 170), art_shade=(0, 0, 0), art_shade_alpha=150, fixed_accent=(255, 214, 10)),
}

PALETTES: dict[str, Palette] = {p.name: p for p in (
    Palette("hailsham", (164, 186, 203), (234, 228, 210), (252, 244, 222), (146, 166, 136), (104, 134, 96), (98, 102, 106), (72, 112, 82)),
    Palette("cottages", (158, 160, 170), (226, 214, 196), (246, 226, 196), (168, 148, 112), (128, 108, 80), (104, 84, 70), (146, 94, 54)),
    Palette("norfolk", (146, 172, 194), (232, 230, 222), (250, 248, 236), (158, 170, 166), (118, 130, 122), (82, 92, 98), (64, 98, 132)),
    Palette("carer", (92, 104, 132), (214, 178, 150), (246, 206, 160), (98, 104, 116), (78, 80, 88), (60, 62, 72), (156, 92, 72)),
    Palette("recovery", (170, 180, 190), (226, 229, 228), (244, 244, 238), (168, 174, 174), (140, 150, 146), (122, 130, 136), (84, 108, 132)),
    Palette("kingsfield", (120, 132, 150), (210, 206, 200), (236, 226, 210), (140, 146, 148), (108, 116, 112), (96, 102, 110), (96, 106, 140)),
    Palette("boat", (176, 172, 162), (232, 222, 202), (248, 236, 212), (152, 146, 120), (122, 116, 90), (112, 80, 60), (136, 82, 58)),
    Palette("madame", (66, 72, 100), (192, 152, 132), (244, 204, 146), (88, 84, 96), (68, 64, 70), (50, 48, 56), (176, 114, 80)),
    Palette("field", (138, 160, 182), (242, 216, 172), (252, 230, 186), (170, 160, 112), (128, 124, 80), (78, 74, 60), (152, 110, 50)),
    Palette("title", (52, 62, 92), (214, 168, 140), (250, 214, 170), (86, 90, 100), (56, 60, 66), (44, 46, 52), (196, 150, 110)),
    Palette("default", (150, 160, 176), (226, 222, 214), (244, 238, 226), (150, 156, 152), (118, 124, 120), (96, 100, 106), (96, 110, 130)),
)}

# Other names the authors may use for the same places.
ALIASES: dict[str, str] = {
    "dover": "recovery", "centre": "recovery", "hospital": "recovery", "car": "carer", "road": "carer",
    "littlehampton": "madame", "roads": "carer", "now": "carer", "marsh": "boat", "cromer": "norfolk", "pavilion": "hailsham", "lake": "hailsham",
}


def palette_for(location: str | None) -> Palette:
    """The place's palette; any place the art does not know gets a calm default."""
    key = (location or "default").lower()
    key = ALIASES.get(key, key)
    return PALETTES.get(key, PALETTES["default"])


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


@lru_cache(maxsize=64)
def look(theme_name: str, location: str | None) -> Look:
    theme = THEMES.get(theme_name, THEMES["light"])
    palette = palette_for(location)
    if theme.fixed_accent is not None:
        accent = theme.fixed_accent
    elif theme.name == "dark":  # the place's accent, lifted so it reads on a dark page
        accent = mix(palette.accent, (238, 226, 206), 0.45)
    else:
        accent = mix(palette.accent, (20, 20, 20), 0.15)
    select_bg = mix(theme.page, accent, 0.16 if theme.name != "contrast" else 0.0)
    if theme.name == "contrast":
        select_bg = (40, 40, 0)
    disabled = mix(theme.page, theme.ink, 0.38 if theme.name != "contrast" else 0.62)
    return Look(theme, palette, accent, select_bg, disabled)
