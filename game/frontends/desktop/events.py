"""Raw pygame events turned, once, into small typed events that screens read and tests can build.

Screens never look at pygame event types or key codes: they get Key("enter"), Text("a"),
Click(x, y, 1), Wheel(1), Pad("a") ... and ask `intent(ev)` for the direction-and-confirm
meaning shared by keyboard, D-pad and stick.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame


@dataclass(frozen=True, slots=True)
class Key:
    name: str  # "enter", "escape", "up", "f5", "1", "r", ...
    shift: bool = False
    ctrl: bool = False
    alt: bool = False
    repeat: bool = False  # the key is held down and repeating: never undo or take anything on it


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Click:
    x: int
    y: int
    button: int = 1  # 1 left, 2 middle, 3 right


@dataclass(frozen=True, slots=True)
class Motion:
    x: int
    y: int


@dataclass(frozen=True, slots=True)
class Wheel:
    dy: int  # positive: away from the player (up)


@dataclass(frozen=True, slots=True)
class Resize:
    w: int
    h: int


@dataclass(frozen=True, slots=True)
class Quit:
    pass


@dataclass(frozen=True, slots=True)
class Pad:
    button: str  # a | b | x | y | start | back | lb | rb | up | down | left | right


Event = Key | Text | Click | Motion | Wheel | Resize | Quit | Pad

KEY_NAMES: dict[int, str] = {
    pygame.K_RETURN: "enter", pygame.K_KP_ENTER: "enter", pygame.K_ESCAPE: "escape",
    pygame.K_BACKSPACE: "backspace", pygame.K_DELETE: "delete", pygame.K_TAB: "tab", pygame.K_SPACE: "space",
    pygame.K_UP: "up", pygame.K_DOWN: "down", pygame.K_LEFT: "left", pygame.K_RIGHT: "right",
    pygame.K_PAGEUP: "pageup", pygame.K_PAGEDOWN: "pagedown", pygame.K_HOME: "home", pygame.K_END: "end",
    pygame.K_F5: "f5", pygame.K_F6: "f6", pygame.K_F7: "f7", pygame.K_F9: "f9", pygame.K_F11: "f11",
    **{getattr(pygame, f"K_KP{n}"): str(n) for n in range(10)},
}

PAD_BUTTONS: dict[int, str] = {
    pygame.CONTROLLER_BUTTON_A: "a", pygame.CONTROLLER_BUTTON_B: "b", pygame.CONTROLLER_BUTTON_START: "start",
    pygame.CONTROLLER_BUTTON_X: "x", pygame.CONTROLLER_BUTTON_Y: "y", pygame.CONTROLLER_BUTTON_BACK: "back",
    pygame.CONTROLLER_BUTTON_LEFTSHOULDER: "lb", pygame.CONTROLLER_BUTTON_RIGHTSHOULDER: "rb",
    pygame.CONTROLLER_BUTTON_DPAD_UP: "up", pygame.CONTROLLER_BUTTON_DPAD_DOWN: "down",
    pygame.CONTROLLER_BUTTON_DPAD_LEFT: "left", pygame.CONTROLLER_BUTTON_DPAD_RIGHT: "right",
}

STICK_ON = 20000  # a push past this moves once; the stick must come back under STICK_OFF to move again
STICK_OFF = 9000

INTENTS: dict[str, str] = {
    "up": "up", "down": "down", "left": "left", "right": "right",
    "enter": "accept", "escape": "back",
}
PAD_INTENTS: dict[str, str] = {"a": "accept", "b": "back", "start": "pause", "up": "up", "down": "down", "left": "left", "right": "right"}


def intent(ev: Event) -> str | None:
    """The meaning keyboard and gamepad share: up/down/left/right, accept, back, pause."""
    if isinstance(ev, Key) and not (ev.ctrl or ev.alt):
        return INTENTS.get(ev.name)
    if isinstance(ev, Pad):
        return PAD_INTENTS.get(ev.button)
    return None


class Translator:
    """Keeps what translation needs to remember: the stick's last direction and the open controllers."""

    def __init__(self) -> None:
        self._stick: dict[int, str | None] = {}
        self._controllers: dict[int, Any] = {}
        self._held: set[int] = set()  # keys down and not yet let go: a second KEYDOWN is the key repeating
        self._pointer: tuple[int, int] | None = None  # where the pointer was last seen in the window

    def translate(self, raw: pygame.event.Event) -> list[Event]:
        t = raw.type
        if t == pygame.KEYDOWN:
            name = KEY_NAMES.get(raw.key) or pygame.key.name(raw.key)
            mod = getattr(raw, "mod", 0)
            repeat = raw.key in self._held
            self._held.add(raw.key)
            return [Key(name, bool(mod & pygame.KMOD_SHIFT), bool(mod & pygame.KMOD_CTRL), bool(mod & pygame.KMOD_ALT), repeat)]
        if t == pygame.KEYUP:
            self._held.discard(raw.key)
            return []
        if t in (pygame.WINDOWFOCUSLOST, pygame.WINDOWFOCUSGAINED):
            self._held.clear()  # a key let go in another window never sends its KEYUP here
            return []
        if t == pygame.WINDOWLEAVE:
            self._pointer = None
            return []
        if t == pygame.TEXTINPUT:
            return [Text(raw.text)] if raw.text and raw.text.isprintable() else []
        if t == pygame.MOUSEBUTTONDOWN:
            if raw.button in (1, 2, 3):
                return [Click(int(raw.pos[0]), int(raw.pos[1]), raw.button)]
            return []  # wheel buttons 4/5 arrive as MOUSEWHEEL too
        if t == pygame.MOUSEMOTION:
            # hover follows the pointer only once it has moved in the window: the motion SDL reports when a window
            # opens (or is entered) under a resting pointer must not focus the menu item under it for the next Enter
            was, self._pointer = self._pointer, (int(raw.pos[0]), int(raw.pos[1]))
            return [Motion(*self._pointer)] if was is not None and was != self._pointer else []
        if t == pygame.MOUSEWHEEL:
            dy = int(getattr(raw, "y", 0))
            if getattr(raw, "flipped", False):
                dy = -dy
            return [Wheel(dy)] if dy else []
        if t == pygame.VIDEORESIZE:
            return [Resize(int(raw.w), int(raw.h))]
        if t == pygame.QUIT:
            return [Quit()]
        if t == pygame.CONTROLLERBUTTONDOWN:
            button = PAD_BUTTONS.get(raw.button)
            return [Pad(button)] if button else []
        if t == pygame.CONTROLLERAXISMOTION:
            return self._stick_move(raw)
        if t == pygame.CONTROLLERDEVICEADDED:
            self._open_controller(raw.device_index)
        return []

    def _stick_move(self, raw: pygame.event.Event) -> list[Event]:
        if raw.axis not in (pygame.CONTROLLER_AXIS_LEFTX, pygame.CONTROLLER_AXIS_LEFTY):
            return []
        vertical = raw.axis == pygame.CONTROLLER_AXIS_LEFTY
        value = raw.value
        held = self._stick.get(raw.axis)
        if abs(value) < STICK_OFF:
            self._stick[raw.axis] = None
            return []
        if held is not None or abs(value) < STICK_ON:
            return []
        direction = ("down" if value > 0 else "up") if vertical else ("right" if value > 0 else "left")
        self._stick[raw.axis] = direction
        return [Pad(direction)]

    def start_controllers(self) -> None:
        """Let SDL report gamepads (those already plugged in arrive as CONTROLLERDEVICEADDED too)."""
        try:
            # pygame's _sdl2 part is optional: a build without it simply has no gamepads
            from pygame._sdl2 import controller

            if not controller.get_init():
                controller.init()
        except (pygame.error, ImportError):
            pass

    def _open_controller(self, index: int) -> None:
        """Controllers send events only once opened; a pad that will not open is simply not used."""
        try:
            # optional, as above
            from pygame._sdl2 import controller

            if not controller.get_init():
                controller.init()
            self._controllers[index] = controller.Controller(index)
        except (pygame.error, ImportError, IndexError):
            pass
