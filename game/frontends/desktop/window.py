"""The operating system's window: opening it at a sensible size, resizing, fullscreen and its icon."""

from __future__ import annotations

import contextlib
import os
import sys
import warnings

import pygame

from game.frontends.desktop import art

DEFAULT_SIZE = (1280, 760)
MIN_SIZE = (640, 480)


class NoWindow(Exception):
    """No window could be opened here (no display, no video driver). The launcher falls back to the terminal."""


def on_a_screen(position: tuple[int, int]) -> bool:
    """Is a remembered corner still on a display (a monitor may have gone since)?"""
    try:
        sizes = pygame.display.get_desktop_sizes()
    except pygame.error:
        return False
    x, y = position
    return any(0 <= x < w - 40 and 0 <= y < h - 40 for w, h in sizes)


def parse_size(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        w, h = text.lower().split("x")
        return max(MIN_SIZE[0], int(w)), max(MIN_SIZE[1], int(h))
    except ValueError:
        print(f"--size {text}: expected WIDTHxHEIGHT such as 1280x720; using the default size", file=sys.stderr)
        return None


class Window:
    """The display surface and the mode it is in. Raises NoWindow before anything is shown if none can open."""

    def __init__(self, size: tuple[int, int] | None, fullscreen: bool, position: tuple[int, int] | None = None) -> None:
        # We draw every pixel in software, so the window's own framebuffer (XShm, GDI, Cocoa) is the cheap way to
        # show it. SDL's default goes through a 3D renderer: ~7 ms of CPU for every frame, however small the change,
        # wherever that renderer is software (no GPU, a VM, Xvfb), and most of issue 14's 20-26% of a core while
        # text typed out. A player can still ask for it with SDL_FRAMEBUFFER_ACCELERATION=1.
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
        if (sys.platform.startswith("linux") and not os.environ.get("SDL_VIDEODRIVER")
                and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
            raise NoWindow("there is no display to show a window on")  # said before SDL probes, and complains, for one
        try:
            pygame.display.init()
            pygame.font.init()
        except pygame.error as exc:
            raise NoWindow(str(exc)) from None
        if pygame.display.get_driver() == "offscreen" and os.environ.get("SDL_VIDEODRIVER") != "offscreen":
            # SDL falls back to drawing off screen when there is no display at all (an ssh session, a container): the
            # game would run in a window nobody can see, which looks to the player like a hang
            pygame.display.quit()
            raise NoWindow("there is no display to show a window on")
        if position is not None and on_a_screen(position):  # where the player left it (SDL reads this as it opens)
            os.environ["SDL_VIDEO_WINDOW_POS"] = f"{position[0]},{position[1]}"
        if size is None:
            size = DEFAULT_SIZE
            try:
                desktop = pygame.display.get_desktop_sizes()[0]
                size = (min(size[0], round(desktop[0] * 0.9)), min(size[1], round(desktop[1] * 0.88)))
            except (pygame.error, IndexError):
                pass
        self.windowed_size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        self.is_fullscreen = False
        pygame.display.set_caption("Never Let Me Go")
        try:
            self.surface = self.set_mode(fullscreen)
        except pygame.error as exc:
            raise NoWindow(str(exc)) from None
        pygame.key.set_repeat(420, 45)  # a held key repeats (the Translator marks repeats: they never undo)
        pygame.key.start_text_input()
        pygame.event.set_blocked([pygame.FINGERMOTION, pygame.FINGERDOWN, pygame.FINGERUP, pygame.JOYAXISMOTION])

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    @property
    def position(self) -> tuple[int, int] | None:
        """Where the window's corner is on the desktop (None where SDL cannot say)."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # pygame-ce asks for its Window API; this is its bridge
                x, y = pygame.Window.from_display_module().position
            return int(x), int(y)
        except (pygame.error, AttributeError):
            return None

    def set_mode(self, fullscreen: bool) -> pygame.Surface:
        if fullscreen:
            self.surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            self.surface = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        self.is_fullscreen = fullscreen
        return self.surface

    def resized(self, w: int, h: int) -> None:
        """The player dragged the window's edge (or the system resized it)."""
        w, h = max(MIN_SIZE[0], w), max(MIN_SIZE[1], h)
        if self.size != (w, h) and not self.is_fullscreen:
            self.surface = pygame.display.set_mode((w, h), pygame.RESIZABLE)
        if not self.is_fullscreen:
            self.windowed_size = self.size
        self.refresh()

    def refresh(self) -> None:
        """Pick up the display surface again (SDL may hand out a new one after a mode change)."""
        self.surface = pygame.display.get_surface() or self.surface

    def set_icon(self) -> None:
        """The window's icon: the title's dusk, painted small."""
        with contextlib.suppress(pygame.error):
            pygame.display.set_icon(pygame.transform.smoothscale(art.paint("title", (192, 192), "light"), (64, 64)))

    @staticmethod
    def set_caption(title: str) -> None:
        pygame.display.set_caption(title)
