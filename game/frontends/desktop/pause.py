"""The pause menu (Escape, Start, right click): over the page, which stays visible, dimmed."""

from __future__ import annotations

import pygame

from game.frontends.desktop.events import Click, Event, Key, Pad
from game.frontends.desktop.screen import Host, Screen
from game.frontends.desktop.typography import spaced
from game.frontends.desktop.ui import Item, Menu, pill, scrim


class PauseScreen(Screen[None]):
    name = "pause"
    overlay = True

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.menu = Menu([
            Item("Resume", self.resume),
            Item("Save", lambda: host.open("save")),
            Item("Load", lambda: host.open("load")),
            Item("Settings", lambda: host.open("settings")),
            Item("History", lambda: host.open("history")),
            Item("Story map", lambda: host.open("map")),
            Item("About", lambda: host.open("credits")),
            Item("Main menu", host.to_title),
            Item("Quit", host.quit),
        ], on_back=self.resume)
        self.box = pygame.Rect(0, 0, 0, 0)

    def resume(self) -> None:
        self.dismiss(None)

    def on_event(self, ev: Event) -> None:
        if isinstance(ev, Pad) and ev.button == "start":
            self.resume()
            return
        if isinstance(ev, Click) and (ev.button == 3 or not self.box.collidepoint(ev.x, ev.y)):
            self.resume()
            return
        if isinstance(ev, Key) and ev.name == "f5" and self.host.session.playing:
            self.host.toast(self.host.session.save("quick")[1])
            return
        if isinstance(ev, Key) and ev.name == "f9" and not ev.repeat and self.host.session.playing:
            self.host.quickload()  # as on the page: the menu gives way to the quicksave (or stays, saying there is none)
            return
        if self.menu.handle(ev):
            self.host.dirty = True

    def on_draw(self, surface: pygame.Surface) -> None:
        host = self.host
        m = host.metrics
        session = host.session
        location = session.run.view().location if session.playing else None
        look = host.look(location)
        scrim(surface, (12, 14, 20), 120)
        step = round(m.ui * 1.6)
        w = round(m.ui * 12)
        head_h = round(m.small * 3.2)
        h = head_h + step * len(self.menu.items) + round(m.ui * 0.9)
        self.box = pygame.Rect((m.w - w) // 2, max(m.margin // 2, (m.h - h) // 2), w, h)
        pill(surface, self.box, look.page, 248)
        pygame.draw.rect(surface, look.faint, self.box, 1, border_radius=max(4, self.box.height // 40))
        if session.playing:
            view = session.run.view()
            label = host.pen.label(spaced(view.chapter), "regular", m.small, look.muted, w - 2 * m.small)
            host.pen.put(surface, label, ((m.w - label.get_width()) // 2, self.box.top + round(m.small * 0.9)), view.chapter)
            t = host.pen.label(view.title, "italic", m.small, look.muted, w - 2 * m.small)
            host.pen.put(surface, t, ((m.w - t.get_width()) // 2, self.box.top + round(m.small * 2.0)), view.title)
        self.menu.draw(host.pen, surface, look, m.w // 2, self.box.top + head_h + round(m.ui * 0.3), m.ui, spacing=1.6)
