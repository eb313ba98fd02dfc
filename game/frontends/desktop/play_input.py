"""How the play screen takes input: keys, typed text, clicks, the wheel and the gamepad, in one place.

The order matters and is the whole design (issue 14 removed the traps in it): Enter and Space
only ever advance the text (finish the reveal, then turn down the page) unless a choice was
pointed at and is in view; digits 1-9 take a choice while the command line is empty, or show
the text at once while it still comes; every other keystroke goes to the command line, spaces
included, even while text types out. Backspace on an empty line undoes one thing (never on a
held, repeating key), Ctrl+Y redoes; the wheel only scrolls unless the player turned wheel-undo
on. Up/Down point at choices, or walk earlier commands once the line is in use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from game.frontends.desktop.events import Click, Event, Key, Motion, Pad, Text, Wheel, intent
from game.frontends.desktop.reading import Reading
from game.frontends.desktop.screen import Host

SCREEN_WORDS = {"save": "save", "load": "load", "menu": "pause", "quit": "pause", "history": "history", "map": "map"}


class PlayActions(Protocol):
    """What the controls may ask of the play screen: the inputs that go to the run."""

    @property
    def can_redo(self) -> bool: ...
    @property
    def ended(self) -> bool: ...
    def take(self, index: int) -> None: ...
    def submit(self) -> None: ...
    def undo(self) -> None: ...
    def redo(self) -> None: ...
    def complete(self) -> None: ...
    def toggle_skip(self) -> None: ...
    def toggle_auto(self) -> None: ...


class Controls:
    """The play screen's input: turns each event into a change of the Reading or an action of the screen."""

    def __init__(self, host: Host, reading: Reading, actions: PlayActions) -> None:
        self.host = host
        self.reading = reading
        self.actions = actions
        self.swallow: str | None = None  # the TEXTINPUT that follows a key already acted on

    def on_event(self, ev: Event) -> None:
        host = self.host
        r = self.reading
        swallow, self.swallow = self.swallow, None
        if isinstance(ev, Text):
            if swallow is not None and ev.text == swallow:
                return
            self.on_text(ev.text)
            return
        if isinstance(ev, Key):
            self.on_key(ev)
            return
        if isinstance(ev, Pad):
            what = intent(ev)
            if what == "pause":
                host.open("pause")
            elif what == "accept":
                self.advance()
            elif what == "back" or ev.button == "lb":
                self.actions.undo()
            elif ev.button == "rb":
                self.actions.redo()
            elif ev.button == "x":
                self.actions.toggle_skip()
            elif ev.button == "y":
                self.actions.toggle_auto()
            elif ev.button == "back":
                host.open("history")
            elif what in ("up", "down"):
                r.move_focus(-1 if what == "up" else 1)
            return
        if isinstance(ev, Motion):
            hit = r.option_at(ev.x, ev.y)
            if hit is not None and hit != r.focus:
                r.focus, r.mode = hit, "choices"
                host.dirty = True
            return
        if isinstance(ev, Click):
            self.on_click(ev)
            return
        if isinstance(ev, Wheel):
            self.on_wheel(ev.dy)

    def advance(self) -> None:
        """Enter, Space, the pad's A: finish the reveal, then read on down the page; take a choice only when
        one was pointed at (arrows, hover) and can be seen. Nothing here ever takes a choice blind."""
        r = self.reading
        if r.revealing:
            r.finish_reveal()
        elif r.focus >= 0 and r.mode == "choices" and r.focus_in_view():
            self.actions.take(r.focus)
        elif r.target < r.max_scroll - 0.5:
            r.scroll_by(r.view.height * 0.85)
        elif self.actions.ended:  # the last page read to its foot: on to the ending
            self.actions.take(0)
        elif r.page is not None and r.page.rows:
            self.host.toast("Press a number, or point at a choice with the arrows.", 2.4)

    def on_text(self, text: str) -> None:
        r = self.reading
        if r.revealing and text == " " and not r.cmd.text:
            r.finish_reveal()
            return
        if not r.cmd.text and text.isdigit() and text != "0" and not self.host.session.run.parser.asking:
            if r.revealing:  # a number while the text is still coming shows it; it never chooses blind
                r.finish_reveal()
            else:
                self.actions.take(int(text) - 1)
            return
        if not r.cmd.text and text == " ":
            if r.target < r.max_scroll - 0.5:  # like a book: Space turns to what is below
                r.scroll_by(r.view.height * 0.85)
            return
        if not r.cmd.type(text):
            self.host.toast("That is as long as a line can be.", 2.4)
        r.mode = "command"
        r.candidates = []
        self.host.dirty = True

    def on_key(self, ev: Key) -> None:
        host = self.host
        r = self.reading
        name = ev.name
        if ev.ctrl and name in KEY_ACTIONS:
            if not ev.repeat:
                KEY_ACTIONS[name](self)
            return
        if name == "f5":
            host.toast(host.session.save("quick")[1])
            return
        if name == "f9":
            host.quickload()
            return
        if name in ("f6", "f7") and not ev.repeat:
            self.actions.toggle_skip() if name == "f6" else self.actions.toggle_auto()
            return
        if name == "escape":
            if r.cmd.text:
                r.cmd.clear()
                host.dirty = True
            else:
                host.open("pause")
            return
        if name == "enter":
            if r.cmd.text.strip():
                r.finish_reveal()  # the line is sent, and the text it interrupted shown whole
                self.actions.submit()
            elif not ev.repeat:
                self.advance()
            return
        if name == "space":
            if r.revealing and not r.cmd.text:
                r.finish_reveal()
                self.swallow = " "
            return  # otherwise its TEXTINPUT types the space or turns the page
        if name.isdigit() and len(name) == 1 and not r.cmd.text and name != "0" and not self.host.session.run.parser.asking:
            self.swallow = name
            if r.revealing:
                r.finish_reveal()
            elif not ev.repeat:
                self.actions.take(int(name) - 1)
            return
        if name == "backspace":
            if r.cmd.text:
                r.cmd.erase()
                host.dirty = True
            elif not ev.repeat:  # a held key clears the line and stops there
                self.actions.undo()
            return
        if name == "tab":
            self.actions.complete()
            return
        if name in ("up", "down"):
            self.on_arrow(name)
            return
        if name in ("pageup", "pagedown"):
            r.scroll_by((-1 if name == "pageup" else 1) * r.view.height * 0.85)
            return
        if name in ("home", "end"):
            r.target = 0.0 if name == "home" else r.max_scroll
            host.dirty = True

    def on_arrow(self, name: str) -> None:
        r = self.reading
        self.host.keyboard_mode = True
        if r.mode == "command" and (r.cmd.text or r.cmd.browsing is not None):
            moved = r.cmd.older() if name == "up" else r.cmd.newer()
            if not moved and name == "up" and not r.cmd.text:
                r.mode = "choices"
                r.focus = len(r.page.rows) - 1 if r.page else -1
            self.host.dirty = True
            return
        if r.mode == "command" and name == "up":
            if not r.cmd.older():
                r.mode = "choices"
                r.focus = len(r.page.rows) - 1 if r.page else -1
            self.host.dirty = True
            return
        r.move_focus(-1 if name == "up" else 1)

    def on_click(self, ev: Click) -> None:
        host = self.host
        r = self.reading
        host.keyboard_mode = False
        if ev.button == 3:
            host.open("pause")
            return
        for word, rect in r.rects.items():  # the quick menu over the page
            if rect.collidepoint(ev.x, ev.y):
                QUICK[word](self)
                return
        if r.revealing:
            r.finish_reveal()
            return
        if r.bar.inflate(0, 12).collidepoint(ev.x, ev.y):
            r.mode = "command"
            host.dirty = True
            return
        hit = r.option_at(ev.x, ev.y)
        if hit is not None:
            r.focus = hit
            self.actions.take(hit)

    def on_wheel(self, dy: int) -> None:
        """The wheel scrolls. Past the ends it undoes and redoes only if the player asked for that (Settings)."""
        r = self.reading
        body = self.host.metrics.body
        wheel_undo = self.host.settings.wheel_undo
        if dy > 0:
            if r.target > 0.5:
                r.scroll_by(-dy * body * 3)
            elif wheel_undo:
                self.actions.undo()
        elif dy < 0:
            if r.target < r.max_scroll - 0.5:
                r.scroll_by(-dy * body * 3)
            elif wheel_undo and self.actions.can_redo:
                self.actions.redo()


KEY_ACTIONS: dict[str, Callable[[Controls], None]] = {
    "z": lambda c: c.actions.undo(),
    "y": lambda c: c.actions.redo(),
    "r": lambda c: c.host.reload_story(),
    "h": lambda c: c.host.open("history"),
}  # with Ctrl

QUICK: dict[str, Callable[[Controls], None]] = {
    "undo": lambda c: c.actions.undo(),
    "redo": lambda c: c.actions.redo(),
    "history": lambda c: c.host.open("history"),
    "skip": lambda c: c.actions.toggle_skip(),
    "auto": lambda c: c.actions.toggle_auto(),
    "menu": lambda c: c.host.open("pause"),
}  # the words at the top right of the page, for a mouse
