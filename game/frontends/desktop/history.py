"""History: everything read and chosen in this run, to scroll back through (the backlog), and to return to.

Each thing the player did (a choice, a command, a look) is a moment: point at one (Up/Down,
the pointer, the D-pad) and take it (Enter, a click, A), say yes, and the run rolls back through
Run to just before it, as if undone step by step (Ren'Py's rollback from its history), so Ctrl+Y
can bring every step back again.
"""

from __future__ import annotations

import pygame

from game.engine.gcpause import collector_paused
from game.frontends.desktop.dialog import ConfirmDialog
from game.frontends.desktop.events import Click, Event, Key, Motion, Wheel, intent
from game.frontends.desktop.framed import FramedScreen
from game.frontends.desktop.screen import Host
from game.frontends.desktop.text import Block, draw_block
from game.frontends.desktop.ui import pill
from game.frontends.goback import GO_BACK_NO, GO_BACK_YES, go_back_question

MOMENTS = ("choice", "command")


class HistoryScreen(FramedScreen):
    name = "history"
    heading = "What has been read"

    def __init__(self, host: Host) -> None:
        self.run = host.session.run
        self.blocks: list[tuple[str, Block, int]] = []
        self.moments: list[int] = []  # indices into blocks (and the log) of what the player did
        self.focus = -1  # into moments; nothing is pointed at until the player points
        self.height = 0
        self.scroll = 0
        super().__init__(host)

    def layout(self) -> None:
        super().layout()
        self.build()

    def build(self) -> None:
        """Wrap every entry once; lines are rendered only when seen. An entry read before in this run (a scene come
        back to, a choice taken again) is wrapped once and its lines copied: a 10,000-input run's 30,000 entries
        took 0.4 s to wrap one by one, and most of them are the same few hundred (bench_desktop.py --only load). Blocks
        drawn alike (all but the moments) are shared: a line's surface is kept for the one colour it is drawn in.
        The collector waits while they are made: they all live while the screen is open, and its passes over them
        (and the run's long history) cost more than the wrapping."""
        m = self.host.metrics
        fonts = self.host.fonts
        width = self.content.width - round(m.body * 0.8)
        y = 0
        self.blocks = []
        self.moments = []
        wrapped: dict[tuple[str, str], Block] = {}
        with collector_paused():
            for e in self.run.log:
                if e.kind == "chapter":
                    y += m.body
                elif e.kind == "title":
                    y += round(m.body * 0.6)
                elif e.kind == "ending":
                    y += m.body
                first = wrapped.get((e.kind, e.text))
                if first is None:
                    block = wrapped[(e.kind, e.text)] = entry_block(e.kind, e.text, m.body, m.ui, width).layout(fonts)
                else:  # a moment may be drawn in the pointer's colour while its twin is not: it has lines of its own
                    block = first.copy() if e.kind in MOMENTS else first
                if e.kind in MOMENTS:
                    self.moments.append(len(self.blocks))
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

    # ---- moments ------------------------------------------------------------------------------------
    def point(self, step: int) -> None:
        """Up: an earlier moment (the newest first); Down: a later one, and past the last, none."""
        if not self.moments:
            return
        if self.focus < 0:
            self.focus = len(self.moments) - 1 if step < 0 else -1
        else:
            later = self.focus + step
            self.focus = -1 if later >= len(self.moments) else max(0, later)  # past the newest: none; the oldest stays
        if self.focus >= 0:
            _, block, y = self.blocks[self.moments[self.focus]]
            if y < self.scroll:
                self.scroll_by(y - self.scroll - self.host.metrics.body)
            elif y + block.height > self.scroll + self.content.height:
                self.scroll_by(y + block.height - self.scroll - self.content.height + self.host.metrics.body)
        self.host.dirty = True

    def moment_at(self, x: int, y: int) -> int | None:
        c = self.content
        if not c.collidepoint(x, y):
            return None
        for n, index in enumerate(self.moments):
            _, block, top = self.blocks[index]
            if top - self.scroll <= y - c.top < top - self.scroll + block.height:
                return n
        return None

    def ask(self, n: int) -> None:
        """Go back there? (A dialog: the safe answer is where the cursor starts.)"""
        question = go_back_question(self.run, self.moments[n])  # the page asks it in the same words
        self.host.push(ConfirmDialog(self.host, question, GO_BACK_YES, GO_BACK_NO, location=self.location),
                       lambda yes: self.go_back(n) if yes else None)

    def go_back(self, n: int) -> None:
        """Roll the run back to just before that moment (Run.undo_to: each step after it waits for Ctrl+Y in turn)."""
        outcome = self.run.undo_to(self.moments[n])
        if outcome.error is not None:  # the run is as it was
            self.host.show_errors([outcome.error], "The story went wrong here; this is a fault in the scene files.")
            return
        for line in outcome.said:
            self.host.toast(line)
        self.close()
        self.host.story_changed()  # the page below lays itself out again at the rolled-back run

    def on_event(self, ev: Event) -> None:
        if self.handle_back(ev):
            return
        m = self.host.metrics
        what = intent(ev)
        if isinstance(ev, Wheel):
            self.scroll_by(-ev.dy * m.body * 3)
        elif what in ("up", "down"):
            self.point(-1 if what == "up" else 1)
        elif what == "accept" and self.focus >= 0:
            self.ask(self.focus)
        elif isinstance(ev, Motion):
            hit = self.moment_at(ev.x, ev.y)
            if hit is not None and hit != self.focus:
                self.focus = hit
                self.host.dirty = True
        elif isinstance(ev, Click) and ev.button == 1:
            hit = self.moment_at(ev.x, ev.y)
            if hit is not None:
                self.focus = hit
                self.ask(hit)
        elif isinstance(ev, Key) and ev.name in ("pageup", "pagedown", "space"):
            self.scroll_by((-1 if ev.name == "pageup" else 1) * round(self.content.height * 0.85))
        elif isinstance(ev, Key) and ev.name in ("home", "end"):
            self.scroll_by(-self.height if ev.name == "home" else self.height)

    def speech(self) -> tuple[object, str] | None:
        if self.focus < 0:
            return ("history", -1), "History. Up to point at a moment to go back to."
        text = self.blocks[self.moments[self.focus]][1].text
        return ("history", self.focus), f"{text}. Enter to go back to just before it."

    def on_draw(self, surface: pygame.Surface) -> None:
        host = self.host
        m = host.metrics
        look = self.draw_frame(surface)
        c = self.content
        x = c.left + round(m.body * 0.4)
        focused = self.moments[self.focus] if self.focus >= 0 else -1
        for i, (kind, block, y) in enumerate(self.blocks):
            top = c.top + y - self.scroll
            if top > c.bottom:
                break
            if top + block.height < c.top:
                continue
            if i == focused:
                pill(surface, pygame.Rect(c.left, top - 4, c.width, block.height + 8).clip(c), look.select_bg, 235)
            color = look.muted if kind in MOMENTS else (look.accent if kind in ("chapter", "title", "ending") else look.ink)
            draw_block(surface, host.fonts, block, x, top, look.accent if i == focused else color, None, c, host.pen.record)
        if self.scroll > 0:
            self.fade_top(surface)
        if self.max_scroll > 0:
            h = max(20, c.height * c.height // max(1, self.height))
            y = c.top + (c.height - h) * self.scroll // self.max_scroll
            bx = self.panel.right - round(host.metrics.body * 0.5)
            pygame.draw.line(surface, look.faint, (bx, c.top), (bx, c.bottom), 1)
            pygame.draw.line(surface, look.muted, (bx, y), (bx, y + h), 3)


def entry_block(kind: str, text: str, body: int, ui: int, width: int) -> Block:
    """A log entry as the history sets it: chapters, titles and endings centred, what the player did in italics."""
    if kind == "chapter":
        return Block(text, "regular", ui, width, align="center")
    if kind == "title":
        return Block(text, "italic", ui, width, align="center")
    if kind in ("choice", "command"):
        return Block(text if kind == "choice" else f"› {text}", "italic", body, width, indent=round(body * 1.4))
    if kind == "ending":
        return Block(f"The end: {text}", "italic", ui, width, align="center")
    return Block(text, "regular", body, width)
