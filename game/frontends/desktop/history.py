"""History: everything read and chosen in this run, to scroll back through (the backlog)."""

from __future__ import annotations

import pygame

from game.frontends.desktop.events import Event, Key, Wheel, intent
from game.frontends.desktop.framed import FramedScreen
from game.frontends.desktop.screen import Host
from game.frontends.desktop.text import Block, draw_block


class HistoryScreen(FramedScreen):
    name = "history"
    heading = "What has been read"

    def __init__(self, host: Host) -> None:
        self.run = host.session.run
        self.blocks: list[tuple[str, Block, int]] = []
        self.height = 0
        self.scroll = 0
        super().__init__(host)

    def layout(self) -> None:
        super().layout()
        self.build()

    def build(self) -> None:
        """Wrap every entry once (cheap: word widths are cached); lines are rendered only when seen."""
        m = self.host.metrics
        width = self.content.width - round(m.body * 0.8)
        y = 0
        self.blocks = []
        for e in self.run.log:
            if e.kind == "chapter":
                block = Block(e.text, "regular", m.ui, width, align="center")
                y += m.body
            elif e.kind == "title":
                block = Block(e.text, "italic", m.ui, width, align="center")
                y += round(m.body * 0.6)
            elif e.kind in ("choice", "command"):
                block = Block(e.text if e.kind == "choice" else f"› {e.text}", "italic", m.body, width, indent=round(m.body * 1.4))
            elif e.kind == "ending":
                block = Block(f"The end: {e.text}", "italic", m.ui, width, align="center")
                y += m.body
            else:
                block = Block(e.text, "regular", m.body, width)
            block.layout(self.host.fonts)
            self.blocks.append((e.kind, block, y))
            y += block.height + m.gap
        self.height = y
        self.scroll = self.max_scroll  # open at the newest, like a chat log

    @property
    def max_scroll(self) -> int:
        return max(0, self.height - self.content.height)

    def scroll_by(self, amount: int) -> None:
        self.scroll = max(0, min(self.max_scroll, self.scroll + amount))
        self.host.dirty = True

    def on_event(self, ev: Event) -> None:
        if self.handle_back(ev):
            return
        m = self.host.metrics
        what = intent(ev)
        if isinstance(ev, Wheel):
            self.scroll_by(-ev.dy * m.body * 3)
        elif what in ("up", "down"):
            self.scroll_by((-1 if what == "up" else 1) * m.body * 2)
        elif isinstance(ev, Key) and ev.name in ("pageup", "pagedown", "space"):
            self.scroll_by((-1 if ev.name == "pageup" else 1) * round(self.content.height * 0.85))
        elif isinstance(ev, Key) and ev.name in ("home", "end"):
            self.scroll_by(-self.height if ev.name == "home" else self.height)

    def on_draw(self, surface: pygame.Surface) -> None:
        host = self.host
        look = self.draw_frame(surface)
        c = self.content
        x = c.left + round(host.metrics.body * 0.4)
        for kind, block, y in self.blocks:
            top = c.top + y - self.scroll
            if top > c.bottom:
                break
            if top + block.height < c.top:
                continue
            color = look.muted if kind in ("choice", "command") else (look.accent if kind in ("chapter", "title", "ending") else look.ink)
            draw_block(surface, host.fonts, block, x, top, color, None, c, host.pen.record)
        if self.max_scroll > 0:
            h = max(20, c.height * c.height // max(1, self.height))
            y = c.top + (c.height - h) * self.scroll // self.max_scroll
            bx = self.panel.right - round(host.metrics.body * 0.5)
            pygame.draw.line(surface, look.faint, (bx, c.top), (bx, c.bottom), 1)
            pygame.draw.line(surface, look.muted, (bx, y), (bx, y + h), 3)
