"""Helpers for driving the real desktop app headless: post real pygame events, step the loop, keep screenshots."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")  # so `timeout` can always stop a test run

import pygame

from game.cli import build_parser

HERE = Path(__file__).parent
GARDEN = HERE / "fixtures" / "garden"
_SHOTS: list[Path] = []


class Clock:
    """The app's clock in tests: time passes only when a test says so."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Driver:
    """Posts real pygame events (KEYDOWN, TEXTINPUT, MOUSEBUTTONDOWN, MOUSEWHEEL, VIDEORESIZE, QUIT) and steps the app."""

    def __init__(self, app, shots: Path):
        self.app = app
        self.shots = shots

    def pump(self, frames: int = 3, dt: float = 0.05) -> None:
        self.app.pump(frames, dt)

    def key(self, key: int, mod: int = 0, text: str | None = None, frames: int = 2) -> None:
        """A key press as SDL sends it: KEYDOWN, then TEXTINPUT when the key types a character, then KEYUP."""
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=text or "", scancode=0))
        if text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
        self.pump(frames)

    def hold(self, key: int, repeats: int, frames: int = 1) -> None:
        """A key held down: KEYDOWN, then the key repeating (more KEYDOWNs, no KEYUP between), then let go."""
        for _ in range(repeats + 1):
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
            self.pump(frames)
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
        self.pump(frames)

    def press(self, name: str, frames: int = 2) -> None:
        keys = {"enter": pygame.K_RETURN, "escape": pygame.K_ESCAPE, "up": pygame.K_UP, "down": pygame.K_DOWN,
                "left": pygame.K_LEFT, "right": pygame.K_RIGHT, "backspace": pygame.K_BACKSPACE, "tab": pygame.K_TAB,
                "space": pygame.K_SPACE, "f5": pygame.K_F5, "f2": pygame.K_F2, "f6": pygame.K_F6, "f7": pygame.K_F7, "f9": pygame.K_F9, "f11": pygame.K_F11,
                "pagedown": pygame.K_PAGEDOWN, "pageup": pygame.K_PAGEUP, "delete": pygame.K_DELETE,
                "home": pygame.K_HOME, "end": pygame.K_END}
        text = " " if name == "space" else None
        self.key(keys[name], text=text, frames=frames)

    def digit(self, n: int) -> None:
        self.key(getattr(pygame, f"K_{n}"), text=str(n))

    def type(self, text: str) -> None:
        for ch in text:
            code = pygame.key.key_code(ch) if ch.isalnum() else (pygame.K_SPACE if ch == " " else 0)
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=ch, scancode=0))
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
            pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode="", scancode=0))
        self.pump(2)

    def click(self, pos: tuple[int, int], button: int = 1, frames: int = 3) -> None:
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
        self.pump(frames)

    def wheel(self, dy: int) -> None:
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=dy, flipped=False, precise_x=0.0, precise_y=float(dy)))
        self.pump(2)

    def resize(self, w: int, h: int) -> None:
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(w, h), w=w, h=h))
        self.pump(3)

    def quit(self) -> None:
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        self.pump(1)

    def pad(self, button: int) -> None:
        pygame.event.post(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, button=button, instance_id=0))
        self.pump(2)

    def live(self, seconds: float, fps: int = 60) -> None:
        """Run the loop as the real one does: the clock moves on a frame at a time and the app reads it."""
        for _ in range(round(seconds * fps)):
            self.app.clock.now += 1 / fps
            self.app.step(pygame.event.get())

    def settle(self, seconds: float = 3.0) -> None:
        """Let fades and reveals finish (time is fake: nothing sleeps)."""
        self.pump(int(seconds / 0.05), 0.05)

    def shot(self, name: str) -> Path:
        """Draw the current frame and save it for people to look at."""
        self.app.fader.fade = None
        self.app.draw()
        path = self.shots / f"{name}.png"
        pygame.image.save(self.app.window.surface, str(path))
        _SHOTS.append(path)
        return path

    @property
    def top(self):
        return self.app.top


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("desktop-screens")
    print(f"\ndesktop screenshots are saved in {folder}")
    return folder


def make_args(saves: Path, scenes: Path = GARDEN, size: str = "1280x720", seed: int = 7, extra: list[str] | None = None):
    return build_parser().parse_args(["play", "--scenes", str(scenes), "--saves", str(saves), "--size", size,
                                      "--seed", str(seed), *(extra or [])])


@pytest.fixture
def story_dir(tmp_path) -> Path:
    """A private copy of the garden fixture (live reload tests edit it)."""
    dest = tmp_path / "garden"
    shutil.copytree(GARDEN, dest, ignore=shutil.ignore_patterns(".cache"))
    return dest


@pytest.fixture
def launch(tmp_path, screenshots) -> Iterator:
    """launch(size=..., settings=..., scenes=...) -> Driver on a started App; the window closes afterwards."""
    from game.frontends.desktop.app import App

    apps = []

    def start(size: str = "1280x720", settings: dict | None = None, scenes: Path = GARDEN, saves: Path | None = None,
              seed: int = 7, extra: list[str] | None = None, speaker=None) -> Driver:
        saves = saves or tmp_path / "saves"
        saves.mkdir(parents=True, exist_ok=True)
        import json

        if settings is not None or not (saves / "settings.json").exists():
            # the one-time "how to play" card is tested on its own; every other test has seen it
            (saves / "settings.json").write_text(json.dumps({"tip_shown": True, **(settings or {})}))
        from game.frontends.desktop.speech import NullSpeaker

        app = App(make_args(saves, scenes, size, seed, extra), clock=Clock(), sound=False, speaker=speaker or NullSpeaker())
        app.start()
        apps.append(app)
        return Driver(app, screenshots)

    yield start
    pygame.quit()


def pytest_terminal_summary(terminalreporter) -> None:  # pragma: no cover - reporting only
    if _SHOTS:
        terminalreporter.write_line(f"desktop screenshots ({len(_SHOTS)}): {_SHOTS[0].parent}")
