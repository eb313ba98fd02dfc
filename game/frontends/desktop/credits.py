"""About: what this is and who made what it is made of (the adaptation, the fonts, the code), and the one-time tip.

The tip is the first thing a new player reads over the first page (Settings keeps that it was
shown): how to play in three lines. Any key, a click or a button puts it away.
"""

from __future__ import annotations

import pygame

from game.frontends.desktop.events import Click, Event, Key, Pad, Text, Wheel, intent
from game.frontends.desktop.framed import FramedScreen
from game.frontends.desktop.screen import Host, Screen
from game.frontends.desktop.text import Block, draw_block
from game.frontends.desktop.typography import spaced
from game.frontends.desktop.ui import pill, scrim

CREDITS: tuple[tuple[str, str], ...] = (
    ("The story",
     "A text adventure after Never Let Me Go, the novel by Kazuo Ishiguro (2005): an unofficial adaptation, "
     "written anew in Kathy's voice, with no sentence taken from the book. The novel's characters and world are "
     "its author's."),
    ("The type",
     "Garamond Lining: EB Garamond 12 by Georg Duffner with its own lining figures on the digits, under the SIL "
     "Open Font License 1.1. OpenDyslexic, the easy-reading face, by Abelardo Gonzalez, after Bitstream Vera: "
     "Creative Commons Attribution 3.0 and the Bitstream Vera licence. Both come from Debian's packages, with "
     "their licences, in assets/fonts."),
    ("The pictures and the sound",
     "Painted and played by the game's own code as it runs: no picture or sound file is shipped."),
    ("The code",
     "Written for this game, under the MIT licence. It runs on Python, pygame-ce and SDL (LGPL), and reads its "
     "scenes with PyYAML (MIT). Self-voicing speaks through the system's own voice: espeak-ng, say or SAPI."),
)

TIP = ("Type what Kathy should do (look, examine, take …) and press Enter, or press a number to choose.",
       "Escape opens the menu. F6 skips what you have read, F7 reads on by itself, V reads aloud (Alt+V while you are typing).",
       "Undo (Backspace) takes back one step and Redo (Ctrl+Y) brings it again; Ctrl+H shows what has been read and lets you go back to any moment.")


class CreditsScreen(FramedScreen):
    name = "credits"
    heading = "About"

    def __init__(self, host: Host) -> None:
        self.blocks: list[tuple[str, Block]] = []
        self.scroll = 0
        self.height = 0
        super().__init__(host)

    def layout(self) -> None:
        super().layout()
        m = self.host.metrics
        width = self.content.width - round(m.body * 0.8)
        size = round(m.body * 0.92)
        self.blocks = [(head, Block(body, "regular", size, width).layout(self.host.fonts)) for head, body in CREDITS]
        self.height = sum(round(m.small * 1.6) + b.height + round(m.body * 1.1) for _, b in self.blocks)
        self.scroll = 0

    def on_event(self, ev: Event) -> None:
        if self.handle_back(ev):
            return
        m = self.host.metrics
        what = intent(ev)
        most = max(0, self.height - self.content.height)
        if isinstance(ev, Wheel):
            self.scroll = max(0, min(most, self.scroll - ev.dy * m.body * 3))
        elif what in ("up", "down"):
            self.scroll = max(0, min(most, self.scroll + (m.body * 3 if what == "down" else -m.body * 3)))
        elif what == "accept" or (isinstance(ev, Click) and ev.button == 1):
            self.close()
            return
        else:
            return
        self.host.dirty = True

    def speech(self) -> tuple[object, str] | None:
        return ("credits",), "About. " + " ".join(f"{head}. {body}" for head, body in CREDITS)

    def on_draw(self, surface: pygame.Surface) -> None:
        host = self.host
        m = host.metrics
        look = self.draw_frame(surface)
        c = self.content
        y = c.top - self.scroll
        for head, body in self.blocks:
            label = host.pen.label(spaced(head), "regular", m.small, look.muted)  # letter-spaced: a label, never wrapped
            if c.top <= y and y + label.get_height() <= c.bottom:
                host.pen.put(surface, label, (c.left, y), head)
            y += round(m.small * 1.6)
            draw_block(surface, host.fonts, body, c.left, y, look.ink, None, c, host.pen.record)
            y += body.height + round(m.body * 1.1)
        most = max(0, self.height - c.height)
        if most > 0:  # more below (or above): a thin bar, as in History
            h = max(20, c.height * c.height // max(1, self.height))
            top = c.top + (c.height - h) * self.scroll // most
            x = self.panel.right - round(m.body * 0.5)
            pygame.draw.line(surface, look.faint, (x, c.top), (x, c.bottom), 1)
            pygame.draw.line(surface, look.muted, (x, top), (x, top + h), 3)


class TipCard(Screen[None]):
    """Over the first page of a player's first run: how to play, once."""

    name = "tip"
    overlay = True
    SETTLE = 0.8  # seconds in front before a key puts it away: a key meant for the card leaving by itself is not

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.shown = 0.0

    def on_enter(self) -> None:
        self.shown = 0.0

    def update(self, dt: float) -> bool:
        self.shown += dt
        return False

    def on_event(self, ev: Event) -> None:
        if isinstance(ev, Text) or self.shown < self.SETTLE:
            return
        if isinstance(ev, (Key, Pad, Click)):
            self.dismiss(None)

    def speech(self) -> tuple[object, str] | None:
        return ("tip",), " ".join(TIP) + " Press any key."

    def on_draw(self, surface: pygame.Surface) -> None:
        host = self.host
        m = host.metrics
        look = host.look(host.session.run.view().location if host.session.playing else None)
        scrim(surface, (10, 12, 18), 120)
        width = min(m.w - 2 * m.margin, round(m.column.width * 0.92))
        inner = width - 2 * m.body
        blocks = [Block(t, "regular", m.body, inner).layout(host.fonts) for t in TIP]
        head = host.pen.label("How to play", "regular", m.heading, look.accent)
        foot = host.pen.label("Press any key, or click, to begin.", "italic", m.small, look.muted)
        gap = round(m.body * 0.7)
        h = head.get_height() + sum(b.height + gap for b in blocks) + foot.get_height() + round(m.body * 2.6)
        box = pygame.Rect((m.w - width) // 2, (m.h - h) // 2, width, h)
        pill(surface, box, look.page, 250)
        pygame.draw.rect(surface, look.faint, box, 1, border_radius=max(4, min(box.height // 3, 14)))  # as pill() rounds it
        y = box.top + m.body
        host.pen.put(surface, head, (m.w // 2 - head.get_width() // 2, y), "How to play")
        y += head.get_height() + round(m.body * 0.6)
        for b in blocks:
            draw_block(surface, host.fonts, b, box.left + m.body, y, look.ink, record=host.pen.record)
            y += b.height + gap
        host.pen.put(surface, foot, (m.w // 2 - foot.get_width() // 2, y), "Press any key, or click, to begin.")
