"""What a screen is, and what it may ask of the app: the Screen base class and the Host protocol.

A screen is an object with on_enter, on_event, update and on_draw (python-tcod's event
handlers and pygame's examples work the same way). It never imports the app: it is handed a
Host, the narrow protocol below, and through it opens other screens by name (the app's one
registry knows the classes), or pushes a screen object it built itself. A screen hands a result
back with `dismiss(result)`, and whoever opened it gets the result through the callback it gave:
Textual's `SCREENS`, `push_screen(name, callback)` and `dismiss(result)`. So every screen can
be built and driven with nothing but a Host, and imports point one way: app -> registry ->
screens -> this module.

The app keeps a stack of screens. The top one gets the events; an `overlay` screen (the pause
menu, a dialog) is drawn over the screens beneath it, which stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, Protocol, TypeVar

import pygame

from game.frontends.desktop.events import Event
from game.frontends.desktop.metrics import Metrics
from game.frontends.desktop.pen import Pen
from game.frontends.desktop.session import Session
from game.frontends.desktop.settings import Settings
from game.frontends.desktop.sound import Ambience
from game.frontends.desktop.speech import Voice
from game.frontends.desktop.text import Fonts
from game.frontends.desktop.theme import Look

R = TypeVar("R")


class Screen(Generic[R]):
    """A screen whose result, handed back by dismiss(), has the type R (None for most)."""

    overlay: ClassVar[bool] = False  # drawn over the screen beneath it instead of replacing it
    counts_play_time: ClassVar[bool] = False  # the run's play clock runs while this screen is in front
    takes_text: ClassVar[bool] = False  # letters typed here are words (the play page): V is Alt+V here
    frame_rate: ClassVar[int | None] = None  # frames a second its own slow motion needs, if fewer than text's
    name = "screen"  # for screenshots and tests

    def __init__(self, host: Host) -> None:
        self.host = host
        self.on_result: Callable[[R], None] | None = None  # set by Host.push / Host.open

    def dismiss(self, result: R, fade: float = 0.0) -> None:
        """Leave the stack, then give `result` to whoever opened this screen."""
        callback, self.on_result = self.on_result, None
        self.host.close(self, fade)
        if callback is not None:
            callback(result)

    def on_enter(self) -> None:
        """Called when the screen comes to the top (pushed, or uncovered by a pop)."""

    def on_exit(self) -> None:
        """Called when the screen is popped or replaced."""

    def on_resize(self) -> None:
        """The window changed size or the text size or theme changed: lay out again."""

    def on_story_changed(self) -> None:
        """The scene files were read again (live reload): show the story as it now reads."""

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

    def picture(self) -> pygame.Surface | None:
        """The screen drawn aside for a save's picture, if it is one a save should show (the page)."""
        return None

    def speech(self) -> tuple[object, str] | None:
        """What self-voicing should say now: a key that changes when it should be said again, and the words.

        By default the focused item of the screen's `menu`, if it has one."""
        menu = getattr(self, "menu", None)
        items = getattr(menu, "items", None)
        focus = getattr(menu, "focus", -1)
        if items is None or not 0 <= focus < len(items):
            return None
        item = items[focus]
        words = f"{item.label}. {item.detail}" if item.detail else item.label
        return (self.name, focus, words), words if item.enabled else f"{words}, not available"


class Host(Protocol):
    """What a screen may ask of the app. The app (app.py) is the one implementation."""

    # ---- what screens draw with and read ----------------------------------------------------------
    @property
    def metrics(self) -> Metrics: ...
    @property
    def fonts(self) -> Fonts: ...
    @property
    def pen(self) -> Pen: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def session(self) -> Session: ...
    @property
    def sound(self) -> Ambience: ...
    @property
    def voice(self) -> Voice: ...
    @property
    def frames(self) -> int:
        """Frames drawn so far: 0 until the first one is up (slow work waits for it)."""
        ...

    keyboard_mode: bool  # the last input came from keys or a pad: keep something focused
    dirty: bool  # something changed: draw the next frame

    def look(self, location: str | None) -> Look: ...
    def smooth(self) -> None:
        """Something slides or fades this frame: run at the full frame rate."""
        ...
    def crossfade(self, seconds: float) -> None:
        """Fade from what the window shows now to whatever is drawn next."""
        ...

    # ---- screens ----------------------------------------------------------------------------------
    def open(self, name: str, on_result: Callable[[Any], None] | None = None, fade: float | None = None) -> None:
        """Open the registry's screen `name` over this one (fading as the registry says, unless `fade` is given)."""
        ...
    def push(self, screen: Screen[R], on_result: Callable[[R], None] | None = None, fade: float = 0.0) -> None:
        """Put a screen the caller built on top of the stack."""
        ...
    def close(self, screen: Screen[Any], fade: float = 0.0) -> None:
        """Take a screen off the stack (Screen.dismiss calls this, then hands on the result)."""
        ...
    def story_changed(self) -> None:
        """Tell every screen the story or the run changed under it (a reload, a rollback from History)."""
        ...

    # ---- notices and settings ---------------------------------------------------------------------
    def toast(self, text: str, seconds: float = 3.2) -> None: ...
    def show_errors(self, lines: Sequence[str], message: str) -> None: ...
    def apply_settings(self, new: Settings) -> None: ...
    def save_settings(self) -> None: ...

    # ---- the ways through the game (flows.py) -----------------------------------------------------
    def new_game(self) -> None: ...
    def continue_game(self) -> None: ...
    def load_game(self, slot: str) -> bool: ...
    def quickload(self) -> None: ...
    def reload_story(self) -> None: ...
    def begin_at(self, chapter: str) -> None: ...
    def to_title(self) -> None: ...
    def quit(self) -> None: ...
