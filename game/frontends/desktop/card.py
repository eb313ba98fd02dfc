"""The chapter card: the chapter's name and its line over the place's art, rising slowly out of the dark.

The card is composed once (art, shade, words) and its fade is that picture under a lifting
dark veil, at the text frame rate: two blits a frame instead of painting it all sixty times a
second (issue 14 measured 20-26% of a core on a card under X).
"""

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
    frame_rate = 20  # a veil lifting over 1.6 s needs no more

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        view = host.session.run.view()
        self.story = host.session.run.engine.story
        self.chapter = view.chapter
        self.location = view.location
        self.t = FADE_IN if host.settings.reduced_motion else 0.0  # reduced motion: there at once
        self.left = False
        self._picture: pygame.Surface | None = None
        self._veil: pygame.Surface | None = None
        self._notes: list[tuple[pygame.Rect, str]] = []
        self._key: tuple[object, ...] | None = None

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
        return self.t < FADE_IN  # the fade runs at the text frame rate: a slow veil needs no more

    def on_resize(self) -> None:
        self._picture = None

    def speech(self) -> tuple[object, str] | None:
        chapter = self.story.chapter(self.chapter)
        line = chapter.card if chapter and chapter.card else ""
        return ("card", self.chapter), f"{self.chapter}. {line}"

    def on_draw(self, surface: pygame.Surface) -> None:
        host = self.host
        m = host.metrics
        key = (m.w, m.h, m.body, host.settings.theme, host.fonts.family)
        if self._picture is None or self._key != key:
            self._picture, self._notes = self.compose()
            self._veil = pygame.Surface((m.w, m.h))
            self._veil.fill((8, 9, 14))
            self._key = key
        surface.blit(self._picture, (0, 0))
        a = min(1.0, self.t / FADE_IN)
        if a < 1.0 and self._veil is not None:
            self._veil.set_alpha(round(255 * (1.0 - a) ** 1.5))
            surface.blit(self._veil, (0, 0))
        host.pen.record.extend(self._notes)
        if self.t >= FADE_IN:
            hint = "Press a key or click to go on"
            h = host.pen.label(hint, "italic", m.small, (170, 164, 156))
            host.pen.put(surface, h, ((m.w - h.get_width()) // 2, m.h - m.margin - h.get_height()), hint)

    def compose(self) -> tuple[pygame.Surface, list[tuple[pygame.Rect, str]]]:
        """The card as it stands once risen: the place, a shade, the chapter's number, name and line."""
        host = self.host
        m = host.metrics
        look = host.look(self.location)
        picture = art.paint(self.location, (m.w, m.h), look.theme.name).copy()
        scrim(picture, (8, 9, 14), 135)
        notes: list[tuple[pygame.Rect, str]] = []
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
            s = host.pen.label(text, style, size, color)
            pos = ((m.w - s.get_width()) // 2, y)
            picture.blit(s, pos)
            notes.append((pygame.Rect(pos, s.get_size()), text))
            y += s.get_height() + round(m.small * 0.6)
        if chapter and chapter.card:
            width = min(m.column.width, m.w - 2 * m.margin)
            b = Block(chapter.card, "italic", m.ui, width, align="center").layout(host.fonts)
            x0, y0 = (m.w - width) // 2, y + round(m.ui * 0.8)
            draw_block(picture, host.fonts, b, x0, y0, (222, 212, 198), record=notes)
        return picture, notes
