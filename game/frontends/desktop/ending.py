"""The ending: its name and its closing words, how many endings are found, and the way back to the title."""

from __future__ import annotations

import pygame

from game.frontends.desktop.events import Event
from game.frontends.desktop.framed import FramedScreen
from game.frontends.desktop.screen import Host
from game.frontends.desktop.text import Block, draw_block
from game.frontends.desktop.typography import spaced
from game.frontends.desktop.ui import Item, Menu


class EndingScreen(FramedScreen):
    name = "ending"
    back_label = "‹ The last page"

    def __init__(self, host: Host) -> None:
        self.session = host.session
        self.run = host.session.run
        self._blocks: tuple[Block, Block | None] | None = None
        self._key: tuple[str, int, int, int] | None = None
        super().__init__(host)
        self.ending = self.run.ending
        self.menu = Menu([
            Item("Return to the title", host.to_title),
            Item("Memories", lambda: host.open("memories")),
            Item("Story map", lambda: host.open("map")),
        ], focus=-1, on_back=self.close)  # nothing focused: an Enter meant for the last page never leaves the story
        self.fade_in = 1.0 if host.settings.reduced_motion else 0.0

    def on_enter(self) -> None:
        self.session.remember()
        self.session.save_memories()

    def on_event(self, ev: Event) -> None:
        """Escape, B or a right click go back to the last page (to read it again, or undo the last choice)."""
        if self.handle_back(ev):
            return
        if self.menu.handle(ev):
            self.host.dirty = True

    def speech(self) -> tuple[object, str] | None:
        f = self.menu.focus
        if 0 <= f < len(self.menu.items):
            return ("ending", f), self.menu.items[f].label
        ending = self.ending
        return ("ending", -1), f"The end: {ending.title}. {ending.text}" if ending else "The end."

    def update(self, dt: float) -> bool:
        if self.fade_in < 1.0:
            self.fade_in = min(1.0, self.fade_in + dt / 1.6)
            self.host.smooth()
            return True
        return False

    def on_draw(self, surface: pygame.Surface) -> None:
        host = self.host
        m = host.metrics
        look = self.draw_frame(surface)
        c = self.content
        story = self.run.engine.story
        found = len([e for e in self.session.memories.of(story.id).endings if e in story.endings])
        total = len(story.endings)
        title = self.ending.title if self.ending else "The end"
        head, body = self.blocks(title, c.width)
        note = ""
        if total:
            note = f"You have found {found} of {total} endings." if found != total else f"You have found all {total} endings."
        # the gaps between the parts, and then the menu's spacing and size, give way in a small window at a large
        # text size (at 640x480 and the largest size the last of the menu was below the window)
        gaps = [round(m.h * 0.12), round(m.small * 2.2), round(m.body * 0.8), round(m.body * 1.1), round(m.body * 1.2),
                round(m.small * 2.4)]
        count = len(self.menu.items)
        text = head.height + (body.height if body is not None else 0)
        room = m.h - m.margin // 2

        def menu_height(size: int, spacing: float) -> int:
            return round(size * spacing) * (count - 1) + round(size * 1.35)

        size, spacing = m.ui, 1.65
        if sum(gaps) + text + menu_height(size, spacing) > room:
            over = sum(gaps) + text + menu_height(size, spacing) - room  # the first gap is where the heading starts
            k = max(0.5, 1 - over / max(1, sum(gaps[1:])))
            gaps = [gaps[0]] + [round(g * k) for g in gaps[1:]]
            spare = room - sum(gaps) - text - round(size * 1.35)
            spacing = max(1.3, min(1.65, spare / max(1, (count - 1) * size)))
            while size > 10 and sum(gaps) + text + menu_height(size, spacing) > room:
                size -= 1
        y = gaps[0]
        label = host.pen.label(spaced("The end"), "regular", m.small, look.muted)
        host.pen.put(surface, label, ((m.w - label.get_width()) // 2, y), "The end")
        y += gaps[1]
        draw_block(surface, host.fonts, head, c.left, y, look.accent, record=host.pen.record)
        y += head.height + gaps[2]
        half = round(m.body * 1.6)
        pygame.draw.line(surface, look.faint, (m.w // 2 - half, y), (m.w // 2 + half, y), 1)
        y += gaps[3]
        if body is not None:
            revealed = None if self.fade_in >= 1.0 else int(body.chars * self.fade_in)
            draw_block(surface, host.fonts, body, c.left, y, look.ink, revealed, c, host.pen.record)
            y += body.height + gaps[4]
        if note:
            s = host.pen.label(note, "italic", m.small, look.muted)
            host.pen.put(surface, s, ((m.w - s.get_width()) // 2, y), note)
            y += gaps[5]
        self.menu.draw(host.pen, surface, look, m.w // 2, max(y, c.top), size, spacing=spacing)

    def blocks(self, title: str, width: int) -> tuple[Block, Block | None]:
        """The heading and the closing words, wrapped once per size (the screen redraws while it fades in)."""
        m = self.host.metrics
        key = (title, width, m.display, m.body)
        if self._blocks is None or self._key != key:
            head = Block(title, "regular", round(m.display * 0.8), width, align="center").layout(self.host.fonts)
            text = self.ending.text if self.ending else ""
            body = Block(text, "italic", m.body, width, align="center").layout(self.host.fonts) if text else None
            self._blocks, self._key = (head, body), key
        return self._blocks
