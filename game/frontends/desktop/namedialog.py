"""A small question with a line to type in (a save's name): Enter or A keeps it, Escape or B leaves it as it was.

The line starts filled in (the save's name, or its scene's title), so a player with only a
gamepad or a mouse can keep a sensible name without typing. The answer is the dialog's result:
the text, or None.
"""

from __future__ import annotations

import pygame

from game.frontends.desktop.dialog import dialog_box
from game.frontends.desktop.events import Click, Event, Key, Motion, Text, intent
from game.frontends.desktop.screen import Host, Screen
from game.frontends.desktop.ui import button_row

MAX_NAME = 60


class NameDialog(Screen[str | None]):
    name = "name"
    overlay = True
    takes_text = True

    def __init__(self, host: Host, question: str, text: str, location: str | None = None) -> None:
        super().__init__(host)
        self.question = question
        self.text = text[:MAX_NAME]
        self.labels = ["Keep", "Cancel"]
        self.focus = 0
        self.rects: list[pygame.Rect] = []
        self.location = location

    def on_event(self, ev: Event) -> None:
        what = intent(ev)
        if isinstance(ev, Text):
            self.text = (self.text + ev.text)[:MAX_NAME]
        elif isinstance(ev, Key) and ev.name == "backspace":
            self.text = self.text[:-1]
        elif isinstance(ev, Key) and ev.name == "delete":
            self.text = ""
        elif what == "accept":
            self.dismiss(self.text if self.focus == 0 else None)
            return
        elif what == "back":
            self.dismiss(None)
            return
        elif what in ("left", "right"):
            self.focus = 1 - self.focus
        elif isinstance(ev, Motion):
            hit = next((i for i, r in enumerate(self.rects) if r.collidepoint(ev.x, ev.y)), None)
            if hit is None or hit == self.focus:
                return
            self.focus = hit
        elif isinstance(ev, Click):
            hit = next((i for i, r in enumerate(self.rects) if r.collidepoint(ev.x, ev.y)), None)
            if hit is not None:
                self.dismiss(self.text if hit == 0 else None)
            elif ev.button == 3:
                self.dismiss(None)
            return
        else:
            return
        self.host.dirty = True

    def speech(self) -> tuple[object, str] | None:
        return ("name", self.focus), f"{self.question} {self.text}. {self.labels[self.focus]}"

    def on_draw(self, surface: pygame.Surface) -> None:
        host = self.host
        m = host.metrics
        line_h = round(m.body * 1.8)
        look, box, y = dialog_box(host, surface, self.question, self.location, line_h + round(m.ui * 4.8))
        y += round(m.ui * 0.6)
        field = pygame.Rect(box.left + m.body, y, box.width - 2 * m.body, line_h)
        pygame.draw.rect(surface, look.faint, field, 1, border_radius=6)
        shown = self.text or ""
        s = host.pen.label(shown or " ", "regular", m.body, look.ink, field.width - m.body)
        ty = field.top + (field.height - s.get_height()) // 2
        host.pen.put(surface, s, (field.left + m.body // 2, ty), shown)
        caret = field.left + m.body // 2 + (s.get_width() if shown else 0) + 2
        pygame.draw.line(surface, look.accent, (caret, ty + 3), (caret, ty + s.get_height() - 3), 2)
        self.rects = button_row(host.pen, surface, look, self.labels, self.focus, m.w // 2, field.bottom + round(m.ui * 1.1), m.ui)
