"""The chapter card: the chapter's name and its line over the place's art, rising slowly out of the dark."""

from __future__ import annotations

import pygame

from game.frontends.desktop import art
from game.frontends.desktop.events import Click, Event, Key, Pad, Text
from game.frontends.desktop.screen import Host, Screen
from game.frontends.desktop.text import Block, draw_block
from game.frontends.desktop.typography import spaced
from game.frontends.desktop.ui import scrim

FADE_IN = 1.6
HOLD = 6.0  # then it leaves by itself


class ChapterCard(Screen[None]):
    """The card of the chapter the run is in now, over the place it is in."""

    name = "card"

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        view = host.session.run.view()
        self.story = host.session.run.engine.story
        self.chapter = view.chapter
        self.location = view.location
        self.t = FADE_IN if host.settings.reduced_motion else 0.0  # reduced motion: there at once
        self.left = False

    def leave(self) -> None:
        if not self.left:
            self.left = True
            self.dismiss(None, 0.0 if self.host.settings.reduced_motion else 0.7)

    def on_event(self, ev: Event) -> None:
        if isinstance(ev, Text):
            return
        if isinstance(ev, Key) and ev.name == "escape":
            self.leave()
            return
        if isinstance(ev, (Key, Click, Pad)):
            if self.t < FADE_IN:
                self.t = FADE_IN  # first press shows it whole, the next moves on
                self.host.dirty = True
            else:
                self.leave()

    def update(self, dt: float) -> bool:
        self.t += dt
        if self.t >= FADE_IN + HOLD:
            self.leave()
            return False
        if self.t < FADE_IN:
            self.host.smooth()
            return True
        return False

    def on_draw(self, surface: pygame.Surface) -> None:
        host = self.host
        m = host.metrics
        look = host.look(self.location)
        surface.blit(art.paint(self.location, (m.w, m.h), look.theme.name), (0, 0))
        a = min(1.0, self.t / FADE_IN)
        scrim(surface, (8, 9, 14), round(255 - 120 * a))
        story = self.story
        index = story.chapter_index(self.chapter)
        chapter = story.chapter(self.chapter)
        cream = (240, 234, 222)
        texts: list[tuple[str, str, int, tuple[int, int, int]]] = []
        if index >= 0:
            texts.append((spaced(f"Chapter {index + 1}"), "regular", m.small, (200, 192, 180)))
        texts.append((self.chapter, "regular", round(m.display * 0.85), cream))
        y = round(m.h * 0.36)
        for text, style, size, color in texts:
            s = host.pen.label(text, style, size, color).copy()
            s.set_alpha(round(255 * a))
            host.pen.put(surface, s, ((m.w - s.get_width()) // 2, y), text)
            y += s.get_height() + round(m.small * 0.6)
        if chapter and chapter.card:
            width = min(m.column.width, m.w - 2 * m.margin)
            b = Block(chapter.card, "italic", m.ui, width, align="center").layout(host.fonts)
            layer = pygame.Surface((width, b.height + 4), pygame.SRCALPHA)
            draw_block(layer, host.fonts, b, 0, 0, (222, 212, 198))
            layer.set_alpha(round(255 * max(0.0, a * 1.4 - 0.4)))
            pos = ((m.w - width) // 2, y + round(m.ui * 0.8))
            surface.blit(layer, pos)
            for line in b.lines:
                if line.surf is not None:
                    host.pen.note(pygame.Rect(pos[0] + b.line_x(line), pos[1] + line.y, line.surf.get_width(), line.surf.get_height()), line.text)
        hint = "Press a key or click to go on"
        h = host.pen.label(hint, "italic", m.small, (170, 164, 156))
        if self.t >= FADE_IN:
            host.pen.put(surface, h, ((m.w - h.get_width()) // 2, m.h - m.margin - h.get_height()), hint)
