"""Memories: the endings found across all playthroughs (the rest locked), the chapters reached, and chapter select.

Side by side when the window is wide enough; otherwise one column, endings above chapters, which in a small window
at a large text size is taller than the window: it then scrolls (the wheel, Page Up/Down, Home/End), and the chapter
the keyboard or pad points at is always scrolled into view, so every chapter and Back can be seen and reached.
"""

from __future__ import annotations

from functools import partial

import pygame

from game.engine import Story
from game.frontends.desktop.dialog import ConfirmDialog
from game.frontends.desktop.events import Click, Event, Key, Motion, Wheel, intent
from game.frontends.desktop.framed import FramedScreen
from game.frontends.desktop.screen import Host
from game.frontends.desktop.theme import Look
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
        self.scroll = 0  # how far the column is scrolled, in pixels
        self.max_scroll = 0  # measured as it is drawn: 0 when everything fits
        self.follow = False  # scroll to the menu's focus (after the keyboard or pad moved it, not when the screen opens)
        self.moved = False  # the player has pointed at something here

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

    def scroll_by(self, amount: int) -> None:
        self.scroll = max(0, min(self.max_scroll, self.scroll + amount))
        self.host.dirty = True

    def on_event(self, ev: Event) -> None:
        if self.handle_back(ev):
            return
        if isinstance(ev, Wheel):
            self.scroll_by(-ev.dy * self.host.metrics.body * 3)
            return
        if isinstance(ev, Key) and ev.name in ("pageup", "pagedown"):
            self.scroll_by((-1 if ev.name == "pageup" else 1) * round(self.content.height * 0.85))
            return
        if isinstance(ev, Key) and ev.name in ("home", "end"):
            self.scroll_by(-self.scroll if ev.name == "home" else self.max_scroll)
            return
        if isinstance(ev, (Click, Motion)) and not self.content.collidepoint(ev.x, ev.y):
            return  # an item scrolled out of sight under the heading is not there to point at
        if self.menu.handle(ev):
            self.follow = intent(ev) in ("up", "down")
            self.moved = True
            self.host.dirty = True

    def on_draw(self, surface: pygame.Surface) -> None:
        record = self.host.pen.record
        start = len(record)
        look = self.draw_frame(surface)
        c = self.content
        clip = surface.get_clip()
        surface.set_clip(c)
        drawn = len(record)
        end = self.draw_lists(surface, look, c.top - self.scroll)
        surface.set_clip(clip)
        record[drawn:] = [(r.clip(c), t) for r, t in record[drawn:] if r.colliderect(c)]  # only what can be seen
        self.max_scroll = max(0, end + self.scroll - c.bottom)
        want = self.scroll
        if not self.moved and 0 <= self.menu.focus < len(self.menu.rects) and not c.contains(self.menu.rects[self.menu.focus]):
            self.menu.focus = -1  # opened at the top, the chapter it would point at out of sight: Enter must not take it
        if self.follow and 0 <= self.menu.focus < len(self.menu.rects):  # keep the pointed-at chapter in sight
            r = self.menu.rects[self.menu.focus]
            above = round(self.host.metrics.small * 2.0) if self.menu.focus == 0 else 0  # the first shows its heading
            if r.top - above < c.top:
                want -= c.top - r.top + above
            elif r.bottom > c.bottom:
                want += r.bottom - c.bottom
            self.follow = False
        want = max(0, min(self.max_scroll, want))
        if want != self.scroll:
            self.scroll = want
            del record[start:]  # drawn again, scrolled: follow is off now, so it happens once
            self.on_draw(surface)
            return
        if self.scroll > 0:
            self.fade_top(surface)
        if self.max_scroll > 0:  # a quiet bar at the panel's edge says there is more
            m = self.host.metrics
            h = max(20, c.height * c.height // max(1, c.height + self.max_scroll))
            y = c.top + (c.height - h) * self.scroll // self.max_scroll
            bx = self.panel.right - round(m.body * 0.5)
            pygame.draw.line(surface, look.faint, (bx, c.top), (bx, c.bottom), 1)
            pygame.draw.line(surface, look.muted, (bx, y), (bx, y + h), 3)

    def draw_lists(self, surface: pygame.Surface, look: Look, top: int) -> int:
        """The endings and the chapters from `top` (scrolled); returns the y below the lower of the two."""
        host = self.host
        m = host.metrics
        c = self.content
        mem = host.session.memories.of(self.story.id)
        endings = list(self.story.endings.values())
        found = [e for e in endings if e.id in mem.endings]
        two = c.width >= round(m.body * 26)
        col_w = (c.width - m.body) // 2 if two else c.width
        # endings
        x, y = c.left, top
        head = f"Endings  {len(found)} of {len(endings)}"
        s = host.pen.label(spaced("Endings") + f"   {len(found)} / {len(endings)}", "regular", m.small, look.muted, col_w)
        host.pen.put(surface, s, (x, y), head)
        y += round(m.small * 2.0)
        line = round(m.body * 1.25)
        for e in endings:
            if e.id in mem.endings:
                t = host.pen.label(e.title, "regular", m.body, look.ink, col_w)
                host.pen.put(surface, t, (x, y), e.title)
                y += line
                if e.text:
                    d = host.pen.label(e.text, "italic", m.small, look.muted, col_w)
                    host.pen.put(surface, d, (x, y), e.text)
                    y += round(m.small * 1.6)
            else:
                t = host.pen.label("Not yet found", "italic", m.body, look.faint, col_w)
                host.pen.put(surface, t, (x, y), "locked")
                y += line + round(m.small * 1.6)
        endings_end = y
        # chapters, with chapter select
        if two:
            x, y = c.left + col_w + m.body, top
        else:
            y += m.body
        s = host.pen.label(spaced("Chapters"), "regular", m.small, look.muted, col_w)
        host.pen.put(surface, s, (x, y), "Chapters")
        y += round(m.small * 2.0)
        size = m.ui if two else m.body
        menu_end = self.menu.draw(host.pen, surface, look, x + round(m.ui * 0.6), y, size, spacing=1.5, align="left",
                                  width=col_w - round(m.ui * 1.2))
        return max(endings_end, menu_end - round(size * 0.3))
