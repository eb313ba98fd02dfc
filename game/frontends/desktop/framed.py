"""The frame the full-window menus share: the place's art, a page panel, a heading and a Back link."""

from __future__ import annotations

import pygame

from game.frontends.desktop import art
from game.frontends.desktop.events import Click, Event, intent
from game.frontends.desktop.typography import spaced
from game.frontends.desktop.screen import Screen
from game.frontends.desktop.theme import Look
from game.frontends.desktop.ui import back_link, panel


class FramedScreen(Screen):
    heading = ""
    subheading = ""
    wide = 1.12  # the panel's width, in reading columns

    def __init__(self, app):
        super().__init__(app)
        self.back_rect = pygame.Rect(0, 0, 0, 0)
        self._bg_key: tuple | None = None
        self._bg: pygame.Surface | None = None
        self.layout()

    @property
    def location(self) -> str:
        s = self.app.session
        return s.run.view().location if s is not None else "title"

    @property
    def look(self) -> Look:
        return self.app.look(self.location)

    def layout(self) -> None:
        m = self.app.metrics
        w = min(m.w - 2 * m.margin, round(m.column.width * self.wide))
        self.panel = pygame.Rect((m.w - w) // 2, 0, w, m.h)
        pad = round(m.body * 1.2)
        self.heading_y = m.margin + round(m.small * 1.8)
        self.content = pygame.Rect(self.panel.left + pad, self.heading_y + round(m.heading * 1.9),
                                   self.panel.width - 2 * pad, 0)
        self.content.height = m.h - m.margin - self.content.top

    def on_resize(self) -> None:
        self.layout()

    def close(self) -> None:
        self.app.fade_pop(0.25)

    def handle_back(self, ev: Event) -> bool:
        """Escape, the pad's B, a right click, or a click on Back: leave."""
        if intent(ev) == "back" or (isinstance(ev, Click) and (ev.button == 3 or self.back_rect.collidepoint(ev.x, ev.y))):
            self.close()
            return True
        return False

    def draw_frame(self, surface: pygame.Surface, chrome: bool = True) -> Look:
        """The art and panel; with `chrome`, also the Back link and the heading."""
        app = self.app
        m = app.metrics
        look = self.look
        key = (self.location, m.w, m.h, look.theme.name, self.panel.left, self.panel.width)
        if key != self._bg_key:
            bg = art.paint(self.location, (m.w, m.h), look.theme.name).copy()
            bg.blit(panel(self.panel.size, look.page, min(255, look.theme.page_alpha + 10), edge=round(m.body * 0.5)), self.panel.topleft)
            self._bg, self._bg_key = bg, key
        surface.blit(self._bg, (0, 0))
        if not chrome:
            return look
        self.back_rect = back_link(app, surface, look, self.panel.left + round(m.body * 1.2), m.margin, m.small)
        if self.subheading:
            sub = app.labels.get(spaced(self.subheading), "regular", m.small, look.muted, self.panel.width // 2)
            app.put(surface, sub, (self.panel.right - round(m.body * 1.2) - sub.get_width(), m.margin), self.subheading)
        head = app.labels.get(self.heading, "regular", m.heading, look.accent, self.panel.width - 2 * m.body)
        app.put(surface, head, ((m.w - head.get_width()) // 2, self.heading_y), self.heading)
        return look
