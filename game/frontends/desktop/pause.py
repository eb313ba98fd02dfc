"""The pause menu (Escape, Start, right click): over the page, which stays visible, dimmed."""

from __future__ import annotations

import pygame

from game.frontends.desktop.events import Click, Event, Key, Pad
from game.frontends.desktop.typography import spaced
from game.frontends.desktop.screen import Screen
from game.frontends.desktop.ui import Item, Menu, pill, scrim


class PauseScreen(Screen):
    name = "pause"
    overlay = True

    def __init__(self, app):
        super().__init__(app)
        self.menu = Menu([
            Item("Resume", self.resume),
            Item("Save", lambda: app.open("save")),
            Item("Load", lambda: app.open("load")),
            Item("Settings", lambda: app.open("settings")),
            Item("History", lambda: app.open("history")),
            Item("Story map", lambda: app.open("map")),
            Item("Main menu", app.to_title),
            Item("Quit", app.quit),
        ], on_back=self.resume)
        self.box = pygame.Rect(0, 0, 0, 0)

    def resume(self) -> None:
        self.app.pop()

    def on_event(self, ev: Event) -> None:
        if isinstance(ev, Pad) and ev.button == "start":
            self.resume()
            return
        if isinstance(ev, Click) and (ev.button == 3 or not self.box.collidepoint(ev.x, ev.y)):
            self.resume()
            return
        if isinstance(ev, Key) and ev.name == "f5" and self.app.session is not None:
            self.app.toast(self.app.session.save("quick")[1])
            return
        if self.menu.handle(ev):
            self.app.dirty = True

    def on_draw(self, surface: pygame.Surface) -> None:
        app = self.app
        m = app.metrics
        session = app.session
        location = session.run.view().location if session else None
        look = app.look(location)
        scrim(surface, (12, 14, 20), 120)
        step = round(m.ui * 1.6)
        w = round(m.ui * 12)
        head_h = round(m.small * 3.2)
        h = head_h + step * len(self.menu.items) + round(m.ui * 0.9)
        self.box = pygame.Rect((m.w - w) // 2, max(m.margin // 2, (m.h - h) // 2), w, h)
        pill(surface, self.box, look.page, 248)
        pygame.draw.rect(surface, look.faint, self.box, 1, border_radius=max(4, self.box.height // 40))
        if session is not None:
            view = session.run.view()
            label = app.labels.get(spaced(view.chapter), "regular", m.small, look.muted, w - 2 * m.small)
            app.put(surface, label, ((m.w - label.get_width()) // 2, self.box.top + round(m.small * 0.9)), view.chapter)
            t = app.labels.get(view.title, "italic", m.small, look.muted, w - 2 * m.small)
            app.put(surface, t, ((m.w - t.get_width()) // 2, self.box.top + round(m.small * 2.0)), view.title)
        self.menu.draw(app, surface, look, m.w // 2, self.box.top + head_h + round(m.ui * 0.3), m.ui, spacing=1.6)
