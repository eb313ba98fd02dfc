"""Memories: the endings found across all playthroughs (the rest locked), the chapters reached, and chapter select."""

from __future__ import annotations

from functools import partial

import pygame

from game.engine import Story
from game.frontends.desktop.dialog import ConfirmDialog
from game.frontends.desktop.events import Event
from game.frontends.desktop.framed import FramedScreen
from game.frontends.desktop.screen import Host
from game.frontends.desktop.typography import spaced
from game.frontends.desktop.ui import Item, Menu


class MemoriesScreen(FramedScreen):
    name = "memories"
    heading = "Memories"
    wide = 1.3

    def __init__(self, host: Host, story: Story) -> None:
        super().__init__(host)
        self.story = story
        self.menu = self.build_menu()

    def build_menu(self) -> Menu:
        mem = self.host.session.memories.of(self.story.id)
        items: list[Item] = []
        for ch in self.story.chapters:
            reached = ch.title in mem.chapters
            items.append(Item(ch.title if reached else "· · ·", partial(self.begin, ch.title), reached,
                              detail="Begin here" if reached else ""))
        items.append(Item("Back", self.close))
        return Menu(items, on_back=self.close)

    def begin(self, title: str) -> None:
        host = self.host
        session = host.session
        if session.playing and session.run.inputs and not session.run.ended:
            question = f"Leave this run and begin again at “{title}”? It was saved as you entered its last scene."
            host.push(ConfirmDialog(host, question, "Begin there", location=self.location),
                      lambda yes: host.begin_at(title) if yes else None)
        else:
            host.begin_at(title)

    def on_event(self, ev: Event) -> None:
        if self.handle_back(ev):
            return
        if self.menu.handle(ev):
            self.host.dirty = True

    def on_draw(self, surface: pygame.Surface) -> None:
        host = self.host
        m = host.metrics
        look = self.draw_frame(surface)
        c = self.content
        mem = host.session.memories.of(self.story.id)
        endings = list(self.story.endings.values())
        found = [e for e in endings if e.id in mem.endings]
        two = c.width >= round(m.body * 26)
        col_w = (c.width - m.body) // 2 if two else c.width
        # endings
        x, y = c.left, c.top
        head = f"Endings  {len(found)} of {len(endings)}"
        s = host.pen.label(spaced("Endings") + f"   {len(found)} / {len(endings)}", "regular", m.small, look.muted, col_w)
        host.pen.put(surface, s, (x, y), head)
        y += round(m.small * 2.0)
        line = round(m.body * 1.25)
        for e in endings:
            if y + line > c.bottom:
                break
            if e.id in mem.endings:
                t = host.pen.label(e.title, "regular", m.body, look.ink, col_w)
                host.pen.put(surface, t, (x, y), e.title)
                y += line
                if e.text and y + line <= c.bottom:
                    d = host.pen.label(e.text, "italic", m.small, look.muted, col_w)
                    host.pen.put(surface, d, (x, y), e.text)
                    y += round(m.small * 1.6)
            else:
                t = host.pen.label("Not yet found", "italic", m.body, look.faint, col_w)
                host.pen.put(surface, t, (x, y), "locked")
                y += line + round(m.small * 1.6)
        # chapters, with chapter select
        if two:
            x, y = c.left + col_w + m.body, c.top
        else:
            y += m.body
        s = host.pen.label(spaced("Chapters"), "regular", m.small, look.muted, col_w)
        host.pen.put(surface, s, (x, y), "Chapters")
        y += round(m.small * 2.0)
        self.menu.draw(host.pen, surface, look, x + round(m.ui * 0.6), y, m.ui if two else m.body, spacing=1.5, align="left",
                       width=col_w - round(m.ui * 1.2))
