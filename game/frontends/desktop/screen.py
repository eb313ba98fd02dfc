"""The screen protocol: every screen is an object with on_enter, on_event, update and on_draw.

The app keeps a stack of screens. The top one gets the events; an `overlay` screen (the pause
menu, a dialog) is drawn over the screens beneath it, which stay as they were.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.frontends.desktop.events import Event

if TYPE_CHECKING:
    from game.frontends.desktop.app import App


class Screen:
    overlay = False  # drawn over the screen beneath it instead of replacing it
    name = "screen"  # for screenshots and tests

    def __init__(self, app: "App"):
        self.app = app

    def on_enter(self) -> None:
        """Called when the screen comes to the top (pushed, or uncovered by a pop)."""

    def on_exit(self) -> None:
        """Called when the screen is popped or replaced."""

    def on_resize(self) -> None:
        """The window changed size or the text size or theme changed: lay out again."""

    def on_event(self, ev: Event) -> None:
        pass

    def update(self, dt: float) -> bool:
        """Advance animations by dt seconds. True while something still moves (the app keeps drawing)."""
        return False

    def on_draw(self, surface: pygame.Surface) -> None:
        pass

    def damage(self) -> list[pygame.Rect] | None:
        """The parts of the window this frame changed, if the screen knows them; None: all of it."""
        return None
