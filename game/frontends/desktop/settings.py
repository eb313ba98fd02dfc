"""The player's settings: reading, comfort, sound and voice, the window. Kept in settings.json beside the saves.

Like Ren'Py's preferences: each is a short list of values the Settings screen steps through,
applied at once. The window's size and place, and whether the first-run tip was shown, live
here too, so the next start opens as the player left it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from game.frontends.desktop.files import read_json, write_json

FILE_NAME = "settings.json"

# Each choice list is what the Settings screen steps through, in order (left: back, right: on).
# Characters a second; 0 = at once. 180 types a 1,500-character page in about eight seconds.
TEXT_SPEEDS: dict[str, float] = {"slow": 90.0, "normal": 180.0, "fast": 400.0, "instant": 0.0}
AUTO_PACES: dict[str, float] = {"slow": 14.0, "normal": 20.0, "fast": 28.0}  # reading speed auto waits for, chars/s
TEXT_SIZES: dict[str, int] = {"small": 21, "medium": 24, "large": 28, "largest": 33}  # body pixels at 1280x720
SPACINGS: dict[str, float] = {"book": 1.08, "airy": 1.3, "widest": 1.55}  # line height, in the font's own line sizes
FONTS: tuple[str, ...] = ("book", "legible")  # EB Garamond, or a face made to be easy to read (assets/fonts)
THEMES: tuple[str, ...] = ("light", "dark", "contrast")
THEME_NAMES = {"light": "Light", "dark": "Dark", "contrast": "High contrast"}
FONT_NAMES = {"book": "Book (EB Garamond)", "legible": "Easy reading (OpenDyslexic)"}

SWITCHES = ("muted", "fullscreen", "reduced_motion", "voice", "wheel_undo")
CHOICES: dict[str, tuple[str, ...]] = {
    "text_speed": tuple(TEXT_SPEEDS), "auto_pace": tuple(AUTO_PACES), "text_size": tuple(TEXT_SIZES),
    "line_spacing": tuple(SPACINGS), "font": FONTS, "theme": THEMES,
}


@dataclass(frozen=True, slots=True)
class Settings:
    text_speed: str = "normal"
    auto_pace: str = "normal"
    text_size: str = "medium"
    line_spacing: str = "book"
    font: str = "book"
    reduced_motion: bool = False  # no fades, no typing: text is simply there
    theme: str = "light"
    volume: int = 6  # 0..10
    muted: bool = False
    voice: bool = False  # self-voicing: the page, choices and menus spoken (V)
    fullscreen: bool = False
    wheel_undo: bool = False  # the wheel past the top of the page undoes (Ren'Py's rollback side), off by default
    window_size: tuple[int, int] | None = None  # the window as last left, for the next start
    window_pos: tuple[int, int] | None = None
    tip_shown: bool = False  # the one-time card that says how to play

    @property
    def chars_per_second(self) -> float:
        return 0.0 if self.reduced_motion else TEXT_SPEEDS[self.text_speed]

    @property
    def reading_cps(self) -> float:
        return AUTO_PACES[self.auto_pace]

    @property
    def body_px(self) -> int:
        return TEXT_SIZES[self.text_size]

    @property
    def spacing(self) -> float:
        return SPACINGS[self.line_spacing]

    @property
    def gain(self) -> float:
        """What the mixer is given: 0 when muted, else the volume on a gentle curve (ears hear in ratios)."""
        return 0.0 if self.muted else (self.volume / 10.0) ** 1.6

    def cycled(self, name: str, step: int) -> Settings:
        """The settings with one field moved to its next (step=1) or previous (step=-1) value."""
        if name == "volume":
            return replace(self, volume=max(0, min(10, self.volume + step)))
        changed: dict[str, Any] = {}
        if name in SWITCHES:
            changed[name] = not getattr(self, name)
        elif name in CHOICES:
            options = CHOICES[name]
            changed[name] = options[(options.index(getattr(self, name)) + step) % len(options)]
        if changed:
            return replace(self, **changed)
        raise ValueError(f"no setting called {name!r}")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("window_size", "window_pos"):
            if data[key] is not None:
                data[key] = list(data[key])
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Settings:
        """Every known field that holds a valid value is kept; anything else falls back to its default."""
        base = cls()
        if not isinstance(data, dict):
            return base
        kept: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in data and VALID[f.name](data[f.name]):
                value = data[f.name]
                kept[f.name] = tuple(value) if isinstance(value, list) else value
        return replace(base, **kept)


def _pair(lo: int, hi: int) -> Callable[[Any], bool]:
    def ok(v: Any) -> bool:
        return v is None or (isinstance(v, list) and len(v) == 2
                             and all(isinstance(n, int) and not isinstance(n, bool) and lo <= n <= hi for n in v))
    return ok


def _one_of(options: tuple[str, ...]) -> Callable[[Any], bool]:
    return lambda v: v in options


def _is_bool(v: Any) -> bool:
    return isinstance(v, bool)


VALID: dict[str, Callable[[Any], bool]] = {
    **{name: _one_of(options) for name, options in CHOICES.items()},
    **{name: _is_bool for name in (*SWITCHES, "tip_shown")},
    "volume": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 10,
    "window_size": _pair(200, 20000),
    "window_pos": _pair(-20000, 20000),
}


def load(folder: Path) -> tuple[Settings, str | None]:
    """Settings from the folder (defaults when there are none), and a warning if the file was unreadable."""
    data, problem = read_json(folder / FILE_NAME)
    return Settings.from_dict(data), problem


def save(folder: Path, settings: Settings) -> str | None:
    return write_json(folder / FILE_NAME, settings.to_dict())
