"""The player's settings: text speed and size, theme, sound, fullscreen. Kept in settings.json beside the saves."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from game.frontends.desktop.files import read_json, write_json

FILE_NAME = "settings.json"

# Each choice list is what the Settings screen cycles through, in order.
TEXT_SPEEDS: dict[str, float] = {"slow": 40.0, "normal": 80.0, "fast": 170.0, "instant": 0.0}  # characters/second; 0 = at once
TEXT_SIZES: dict[str, int] = {"small": 21, "medium": 24, "large": 28, "largest": 33}  # body pixels at 1280x720
THEMES: tuple[str, ...] = ("light", "dark", "contrast")
THEME_NAMES = {"light": "Light", "dark": "Dark", "contrast": "High contrast"}


@dataclass(frozen=True, slots=True)
class Settings:
    text_speed: str = "normal"
    text_size: str = "medium"
    theme: str = "light"
    volume: int = 6  # 0..10
    muted: bool = False
    fullscreen: bool = False

    @property
    def chars_per_second(self) -> float:
        return TEXT_SPEEDS[self.text_speed]

    @property
    def body_px(self) -> int:
        return TEXT_SIZES[self.text_size]

    @property
    def gain(self) -> float:
        """What the mixer is given: 0 when muted, else the volume on a gentle curve (ears hear in ratios)."""
        return 0.0 if self.muted else (self.volume / 10.0) ** 1.6

    def cycled(self, name: str, step: int) -> Settings:
        """The settings with one field moved to its next (step=1) or previous (step=-1) value."""
        if name == "volume":
            return replace(self, volume=max(0, min(10, self.volume + step)))
        if name == "muted":
            return replace(self, muted=not self.muted)
        if name == "fullscreen":
            return replace(self, fullscreen=not self.fullscreen)
        if name == "text_speed":
            return replace(self, text_speed=_next(tuple(TEXT_SPEEDS), self.text_speed, step))
        if name == "text_size":
            return replace(self, text_size=_next(tuple(TEXT_SIZES), self.text_size, step))
        if name == "theme":
            return replace(self, theme=_next(THEMES, self.theme, step))
        raise ValueError(f"no setting called {name!r}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> Settings:
        """Every known field that holds a valid value is kept; anything else falls back to its default."""
        base = cls()
        if not isinstance(data, dict):
            return base
        valid = {
            "text_speed": lambda v: isinstance(v, str) and v in TEXT_SPEEDS,  # a list in the file must not raise
            "text_size": lambda v: isinstance(v, str) and v in TEXT_SIZES,
            "theme": lambda v: isinstance(v, str) and v in THEMES,
            "volume": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 10,
            "muted": lambda v: isinstance(v, bool),
            "fullscreen": lambda v: isinstance(v, bool),
        }
        kept = {f.name: data[f.name] for f in fields(cls) if f.name in data and valid[f.name](data[f.name])}
        return replace(base, **kept)


def _next(options: tuple[str, ...], value: str, step: int) -> str:
    return options[(options.index(value) + step) % len(options)]


def load(folder: Path) -> tuple[Settings, str | None]:
    """Settings from the folder (defaults when there are none), and a warning if the file was unreadable."""
    data, problem = read_json(folder / FILE_NAME)
    return Settings.from_dict(data), problem


def save(folder: Path, settings: Settings) -> str | None:
    return write_json(folder / FILE_NAME, settings.to_dict())
