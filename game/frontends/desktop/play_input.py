"""How the play screen takes input: keys, typed text, clicks, the wheel and the gamepad, in one place.

The order matters and is the whole design: a reveal in progress is completed by Enter, Space or
a click; digits 1-9 take a choice while the command line is empty; letters go to the command
line; Backspace on an empty line (or the wheel at the top of the page) undoes, the wheel at the
bottom redoes; Up/Down move between choices, or walk earlier commands once the line is in use.
"""

from __future__ import annotations

from game.frontends.desktop.events import Click, Event, Key, Motion, Pad, Text, Wheel, intent

SCREEN_WORDS = {"save": "save", "load": "load", "menu": "pause", "quit": "pause", "history": "history", "map": "map"}


class PlayInput:
    """Mixed into PlayScreen (play.py), whose state these handlers read and change."""

    def on_event(self, ev: Event) -> None:
        app = self.app
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
                app.open("pause")
            elif self.revealing and what == "accept":
                self.finish_reveal()
            elif what == "back":
                self.undo()
            elif what in ("up", "down"):
                self.move_focus(-1 if what == "up" else 1)
            elif what == "accept" and self.focus >= 0:
                self.take(self.focus)
            return
        if isinstance(ev, Motion):
            hit = self.option_at(ev.x, ev.y)
            if hit is not None and hit != self.focus:
                self.focus, self.mode = hit, "choices"
                app.dirty = True
            return
        if isinstance(ev, Click):
            self.on_click(ev)
            return
        if isinstance(ev, Wheel):
            self.on_wheel(ev.dy)

    def on_text(self, text: str) -> None:
        if self.revealing and text == " ":
            self.finish_reveal()
            return
        if not self.cmd.text and text.isdigit() and text != "0" and not self.run.parser.asking:
            if self.revealing:  # a number while the text is still coming shows it; it never chooses blind
                self.finish_reveal()
            else:
                self.take(int(text) - 1)
            return
        if not self.cmd.text and text == " ":
            if self.target < self.max_scroll - 0.5:  # like a book: Space turns to what is below
                self.scroll_by(self.view.height * 0.85)
            return
        self.cmd.type(text)
        self.mode = "command"
        self.candidates = []
        self.app.dirty = True

    def on_key(self, ev: Key) -> None:
        app = self.app
        name = ev.name
        if name in ("r",) and (ev.ctrl or (ev.shift and not self.cmd.text)):
            self.swallow = "R" if ev.shift else None
            app.reload_story()
            return
        if ev.ctrl and name == "h":
            app.open("history")
            return
        if name == "f5":
            _, message = self.session.save("quick")
            app.toast(message)
            return
        if name == "f9":
            app.quickload()
            return
        if name == "escape":
            if self.cmd.text:
                self.cmd.clear()
                app.dirty = True
            else:
                app.open("pause")
            return
        if self.revealing and name in ("enter", "space"):
            self.finish_reveal()
            if name == "space":
                self.swallow = " "
            return
        if name.isdigit() and len(name) == 1 and not self.cmd.text and name != "0" and not self.run.parser.asking:
            self.swallow = name
            if self.revealing:
                self.finish_reveal()
            else:
                self.take(int(name) - 1)
            return
        if name == "backspace":
            if self.cmd.text:
                self.cmd.erase()
                app.dirty = True
            else:
                self.undo()
            return
        if name == "tab":
            self.complete()
            return
        if name == "enter":
            if self.cmd.text.strip():
                self.submit()
            elif self.focus >= 0:
                self.take(self.focus)
            elif self.page and self.page.rows:
                self.focus = self._first_enabled()
                app.keyboard_mode = True
                app.dirty = True
            return
        if name in ("up", "down"):
            self.on_arrow(name)
            return
        if name in ("pageup", "pagedown"):
            self.scroll_by((-1 if name == "pageup" else 1) * self.view.height * 0.85)
            return
        if name in ("home", "end"):
            self.target = 0.0 if name == "home" else self.max_scroll
            app.dirty = True

    def on_arrow(self, name: str) -> None:
        self.app.keyboard_mode = True
        if self.mode == "command" and (self.cmd.text or self.cmd.browsing is not None):
            moved = self.cmd.older() if name == "up" else self.cmd.newer()
            if not moved and name == "up" and not self.cmd.text:
                self.mode = "choices"
                self.focus = len(self.page.rows) - 1 if self.page else -1
            self.app.dirty = True
            return
        if self.mode == "command" and name == "up":
            if not self.cmd.older():
                self.mode = "choices"
                self.focus = len(self.page.rows) - 1 if self.page else -1
            self.app.dirty = True
            return
        self.move_focus(-1 if name == "up" else 1)

    def move_focus(self, step: int) -> None:
        self.app.keyboard_mode = True
        if self.revealing:
            self.finish_reveal()
        rows = self.page.rows if self.page else []
        if self.mode == "command":
            self.mode = "choices"
            self.focus = len(rows)
        enabled = [i for i, r in enumerate(rows) if r.option is None or r.option.enabled]
        if not enabled:
            self.mode = "command"
            self.app.dirty = True
            return
        if self.focus < 0:
            self.focus = enabled[0] if step > 0 else enabled[-1]
        else:
            later = [i for i in enabled if (i > self.focus if step > 0 else i < self.focus)]
            if later:
                self.focus = later[0] if step > 0 else later[-1]
            elif step > 0:
                self.mode, self.focus = "command", -1  # down past the last choice: the command line
        self.ensure_visible()
        self.app.dirty = True

    def ensure_visible(self) -> None:
        if self.page is None or not 0 <= self.focus < len(self.page.rows):
            if self.mode == "command":
                self.target = self.max_scroll
            return
        row = self.page.rows[self.focus]
        if row.y < self.target:
            self.target = float(row.y)
        elif row.y + row.height > self.target + self.view.height:
            self.target = min(self.max_scroll, float(row.y + row.height - self.view.height))

    def on_click(self, ev: Click) -> None:
        app = self.app
        app.keyboard_mode = False
        if ev.button == 3:
            app.open("pause")
            return
        if self.rects.get("menu") and self.rects["menu"].collidepoint(ev.x, ev.y):
            app.open("pause")
            return
        if self.revealing:
            self.finish_reveal()
            return
        if self.bar.inflate(0, 12).collidepoint(ev.x, ev.y):
            self.mode = "command"
            app.dirty = True
            return
        hit = self.option_at(ev.x, ev.y)
        if hit is not None:
            self.focus = hit
            self.take(hit)

    def on_wheel(self, dy: int) -> None:
        if dy > 0:
            if self.target > 0.5:
                self.scroll_by(-dy * self.app.metrics.body * 3)
            else:
                self.undo()
        elif dy < 0:
            if self.target < self.max_scroll - 0.5:
                self.scroll_by(-dy * self.app.metrics.body * 3)
            elif self.run.can_redo:
                self.redo()

    def scroll_by(self, amount: float) -> None:
        self.target = max(0.0, min(self.max_scroll, self.target + amount))
        self.app.dirty = True

    def complete(self) -> None:
        words = self.session.engine.completions(self.run.state)
        self.mode = "command"
        self.candidates = self.cmd.complete(words)
        if not self.candidates and not self.cmd.text:
            self.candidates = words[:12]
        self.app.dirty = True

    def option_at(self, x: int, y: int) -> int | None:
        if self.page is None or self.revealing or not self.view.collidepoint(x, y):
            return None
        origin = self.view.top - round(self.scroll)
        for i, row in enumerate(self.page.rows):
            if self.page.option_rect(row, self.app.metrics.column.left, origin).collidepoint(x, y):
                return i
        return None
