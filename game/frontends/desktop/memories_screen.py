"""Memories: the endings found across all playthroughs (the rest locked), the chapters reached, and chapter select."""

from __future__ import annotations

import pygame

from game.frontends.desktop.dialog import ConfirmDialog
from game.frontends.desktop.events import Event
from game.frontends.desktop.framed import FramedScreen
from game.frontends.desktop.typography import spaced
from game.frontends.desktop.ui import Item, Menu


class MemoriesScreen(FramedScreen):
    name = "memories"
    heading = "Memories"
    wide = 1.3

    def __init__(self, app):
        super().__init__(app)
        self.story = app.story
        self.menu = self.build_menu()

    def build_menu(self) -> Menu:
        mem = self.app.memories.of(self.story.id)
        items = []
        for ch in self.story.chapters:
            reached = ch.title in mem.chapters
            items.append(Item(ch.title if reached else "· · ·", (lambda t=ch.title: self.begin(t)), reached,
                              detail="Begin here" if reached else ""))
        items.append(Item("Back", self.close))
        return Menu(items, on_back=self.close)

    def begin(self, title: str) -> None:
        app = self.app

        def go() -> None:
            session = app.new_session()
            if session is None:
                return
            notice = session.start_at_chapter(title)
            app.play(session, notice, card=True)

        if app.session is not None and app.session.run.inputs and not app.session.run.ended:
            app.push(ConfirmDialog(app, f"Leave this run and begin again at “{title}”? It was saved as you entered its last scene.",
                                   "Begin there", go, location=self.location))
        else:
            go()

    def on_event(self, ev: Event) -> None:
        if self.handle_back(ev):
            return
        if self.menu.handle(ev):
            self.app.dirty = True

    def on_draw(self, surface: pygame.Surface) -> None:
        app = self.app
        m = app.metrics
        look = self.draw_frame(surface)
        c = self.content
        mem = app.memories.of(self.story.id)
        endings = list(self.story.endings.values())
        found = [e for e in endings if e.id in mem.endings]
        two = c.width >= round(m.body * 26)
        col_w = (c.width - m.body) // 2 if two else c.width
        # endings
        x, y = c.left, c.top
        head = f"Endings  {len(found)} of {len(endings)}"
        s = app.labels.get(spaced("Endings") + f"   {len(found)} / {len(endings)}", "regular", m.small, look.muted, col_w)
        app.put(surface, s, (x, y), head)
        y += round(m.small * 2.0)
        line = round(m.body * 1.25)
        for e in endings:
            if y + line > c.bottom:
                break
            if e.id in mem.endings:
                t = app.labels.get(e.title, "regular", m.body, look.ink, col_w)
                app.put(surface, t, (x, y), e.title)
                y += line
                if e.text and y + line <= c.bottom:
                    d = app.labels.get(e.text, "italic", m.small, look.muted, col_w)
                    app.put(surface, d, (x, y), e.text)
                    y += round(m.small * 1.6)
            else:
                t = app.labels.get("Not yet found", "italic", m.body, look.faint, col_w)
                app.put(surface, t, (x, y), "locked")
                y += line + round(m.small * 1.6)
        # chapters, with chapter select
        if two:
            x, y = c.left + col_w + m.body, c.top
        else:
            y += m.body
        s = app.labels.get(spaced("Chapters"), "regular", m.small, look.muted, col_w)
        app.put(surface, s, (x, y), "Chapters")
        y += round(m.small * 2.0)
        self.menu.draw(app, surface, look, x + round(m.ui * 0.6), y, m.ui if two else m.body, spacing=1.5, align="left",
                       width=col_w - round(m.ui * 1.2))
