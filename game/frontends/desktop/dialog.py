"""A small question over the screen (overwrite this save? delete it?): two buttons, Escape means no.

The answer is the dialog's result: True for the first button. Whoever pushes it gets the answer
through the callback it passes to Host.push.
"""

from __future__ import annotations

import pygame

from game.frontends.desktop.events import Click, Event, Motion, intent
from game.frontends.desktop.screen import Host, Screen
from game.frontends.desktop.text import Block, draw_block
from game.frontends.desktop.theme import Look
from game.frontends.desktop.ui import button_row, pill, scrim


class ConfirmDialog(Screen[bool]):
    name = "confirm"
    overlay = True

    def __init__(self, host: Host, question: str, yes: str, no: str = "Cancel", location: str | None = None) -> None:
        super().__init__(host)
        self.question = question
        self.labels = [yes, no]
        self.focus = 1  # the safe answer is where the cursor starts
        self.rects: list[pygame.Rect] = []
        self.location = location

    def speech(self) -> tuple[object, str] | None:
        return ("confirm", self.question, self.focus), f"{self.question} {self.labels[self.focus]}"

    def answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def on_event(self, ev: Event) -> None:
        what = intent(ev)
        if what in ("left", "right", "up", "down"):
            self.focus = 1 - self.focus
        elif what == "accept":
            self.answer(self.focus == 0)
        elif what == "back":
            self.answer(False)
        elif isinstance(ev, Motion):
            for i, r in enumerate(self.rects):
                if r.collidepoint(ev.x, ev.y) and self.focus != i:
                    self.focus = i
                    break
            else:
                return
        elif isinstance(ev, Click):
            for i, r in enumerate(self.rects):
                if r.collidepoint(ev.x, ev.y):
                    self.answer(i == 0)
                    return
            if ev.button == 3:
                self.answer(False)
            return
        else:
            return
        self.host.dirty = True

    def on_draw(self, surface: pygame.Surface) -> None:
        m = self.host.metrics
        look, _, y = dialog_box(self.host, surface, self.question, self.location, round(m.ui * 4.2))
        self.rects = button_row(self.host.pen, surface, look, self.labels, self.focus, m.w // 2, y + round(m.ui * 1.2), m.ui)


def dialog_box(host: Host, surface: pygame.Surface, question: str, location: str | None, room: int) -> tuple[Look, pygame.Rect, int]:
    """What every small dialog draws first: the page dimmed, a rounded box in the middle, the question at its top.

    `room` is the height the dialog needs below the question (its buttons, a line to type in). Returns the
    look it was drawn in, the box, and the y just under the question, where the dialog goes on drawing.
    """
    m = host.metrics
    look = host.look(location)
    scrim(surface, (10, 12, 18), 110)
    width = min(m.w - 2 * m.margin, round(m.column.width * 0.8))
    block = Block(question, "regular", m.body, width - 2 * m.body, align="center").layout(host.fonts)
    h = block.height + room
    box = pygame.Rect((m.w - width) // 2, (m.h - h) // 2, width, h)
    pill(surface, box, look.page, 250)
    pygame.draw.rect(surface, look.faint, box, 1, border_radius=max(4, min(box.height // 3, 14)))  # as pill() rounds it
    y = box.top + round(m.ui * 0.9)
    draw_block(surface, host.fonts, block, box.left + m.body, y, look.ink, record=host.pen.record)
    return look, box, y + block.height
