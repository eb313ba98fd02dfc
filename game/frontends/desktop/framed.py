"""The frame the full-window menus share: the place's art, a page panel, a heading and a Back link."""

from __future__ import annotations

import pygame

from game.frontends.desktop.events import Click, Event, intent
from game.frontends.desktop.metrics import Metrics
from game.frontends.desktop.screen import Host, Screen
from game.frontends.desktop.theme import Look
from game.frontends.desktop.typography import spaced
from game.frontends.desktop.ui import Backdrop, back_link


class FramedScreen(Screen[None]):
    heading = ""
    subheading = ""
    wide = 1.12  # the panel's width, in reading columns
    fade_out = 0.25  # seconds of crossfade when it closes
    back_label = "‹ Back"

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.back_rect = pygame.Rect(0, 0, 0, 0)
        self.backdrop = Backdrop()
        self.layout()

    @property
    def location(self) -> str:
        session = self.host.session
        return session.run.view().location if session.playing else "title"

    @property
    def look(self) -> Look:
        return self.host.look(self.location)

    @property
    def frame_metrics(self) -> Metrics:
        """The sizes the frame is laid out in (Settings keeps its own, so nothing moves as text sizes change)."""
        return self.host.metrics

    def layout(self) -> None:
        m = self.frame_metrics
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
        self.dismiss(None, self.fade_out)

    def handle_back(self, ev: Event) -> bool:
        """Escape, the pad's B, a right click, or a click on Back: leave."""
        if intent(ev) == "back" or (isinstance(ev, Click) and (ev.button == 3 or self.back_rect.collidepoint(ev.x, ev.y))):
            self.close()
            return True
        return False

    def draw_frame(self, surface: pygame.Surface, chrome: bool = True) -> Look:
        """The art and panel; with `chrome`, also the Back link and the heading."""
        host = self.host
        pen = host.pen
        m = self.frame_metrics
        look = self.look
        surface.blit(self.backdrop.get(self.location, (m.w, m.h), look, self.panel, min(255, look.theme.page_alpha + 10),
                                       round(m.body * 0.5)), (0, 0))
        if not chrome:
            return look
        self.back_rect = back_link(pen, surface, look, self.panel.left + round(m.body * 1.2), m.margin, m.small,
                                   text=self.back_label)
        if self.subheading:
            sub = pen.label(spaced(self.subheading), "regular", m.small, look.muted, self.panel.width // 2)
            pen.put(surface, sub, (self.panel.right - round(m.body * 1.2) - sub.get_width(), m.margin), self.subheading)
        head = pen.label(self.heading, "regular", m.heading, look.accent, self.panel.width - 2 * m.body)
        pen.put(surface, head, ((m.w - head.get_width()) // 2, self.heading_y), self.heading)
        return look

    def fade_top(self, surface: pygame.Surface) -> None:
        """Half a line at the top of a scrolled list fades into the panel, as on the page (History, Memories)."""
        c = self.content
        h = max(4, round(self.host.metrics.body * 0.9))
        backdrop = self.backdrop.get(self.location, (self.host.metrics.w, self.host.metrics.h), self.look, self.panel,
                                     min(255, self.look.theme.page_alpha + 10), round(self.host.metrics.body * 0.5))
        strip = pygame.Surface((c.width, h), pygame.SRCALPHA)
        strip.blit(backdrop, (0, 0), pygame.Rect(c.left, c.top, c.width, h))
        for i in range(h):
            t = max(0.0, (i - h * 0.25) / (h * 0.75))
            strip.fill((255, 255, 255, round(255 * (1 - t) ** 0.8)), pygame.Rect(0, i, c.width, 1), special_flags=pygame.BLEND_RGBA_MULT)
        surface.blit(strip, c.topleft)
