"""The page as the player is reading it: what is laid out, how much is revealed, where it is scrolled, what is focused.

The play screen owns one Reading and hands it to its two helpers: the controls (play_input.py)
change it, the painter (play_draw.py) draws it. The page is rebuilt from Run.log (everything
after the scene's title entry), so undo, loading and live reload show exactly what was read.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine import LogEntry, Run
from game.frontends.desktop.commandline import CommandLine
from game.frontends.desktop.page import Page
from game.frontends.desktop.screen import Host
from game.frontends.readmark import READ_KINDS

SHOWN_KINDS = frozenset({"title", "text", "choice", "command", "reply"})  # log entries the page lays out


def never(entry: LogEntry) -> bool:
    return False


class Reading:
    def __init__(self, host: Host) -> None:
        self.host = host
        self.cmd = CommandLine()
        self.page: Page | None = None
        self.page_start = -1  # the log index of the page's title entry
        self.shown = 0  # log entries already on the page
        self.reveal = 0.0  # characters of the page's new text revealed so far
        self.focus = -1  # the focused choice, or -1
        self.mode = "choices"  # or "command": where Up/Down and Enter go
        self.scroll = 0.0
        self.target = 0.0  # where the scroll is heading
        self.options_alpha = 255.0
        self.candidates: list[str] = []  # what Tab can complete to
        self.location = ""
        self.rects: dict[str, pygame.Rect] = {}  # things drawn that a click can hit ("menu")
        self.passes: Callable[[LogEntry], bool] = never  # Skip: may this entry be shown at once (read before)?
        self.read: Callable[[LogEntry], None] = lambda entry: None  # told of each entry once it has been shown
        self.unread_met = False  # the last follow came to text never read (Skip stops there)
        self._unread: list[LogEntry] = []  # being typed out: read once the reveal is done
        self.layout()

    # ---- layout ---------------------------------------------------------------------------------
    def layout(self) -> None:
        frame = self.host.metrics.reading_frame()
        self.panel, self.header_y, self.bar, self.view = frame.panel, frame.header_y, frame.bar, frame.view

    @property
    def max_scroll(self) -> float:
        return max(0.0, float(self.page.height - self.view.height)) if self.page else 0.0

    @property
    def revealing(self) -> bool:
        return bool(self.page and self.page.pending and self.reveal < self.page.pending)

    # ---- following the run ----------------------------------------------------------------------
    def follow(self, run: Run, reveal: bool, keep_place: bool = False) -> list[str]:
        """Bring the page up to date with the run's log. Returns the chapters newly entered.

        `keep_place` (undo, redo): the page stays scrolled where it was, or, when the step went back
        to another scene, opens at its foot, where the choice was made.
        """
        old_start, old_target = self.page_start, self.target
        host = self.host
        log = run.log  # a loaded run's first read replays it, the collector paused (Run.replay)
        start = next((i for i in range(len(log) - 1, -1, -1) if log[i].kind == "title"), 0)  # the last title: from the end
        new_chapters = [e.text for e in log[self.shown:] if e.kind == "chapter"] if reveal and len(log) > self.shown else []
        fresh = self.page is None or start != self.page_start or len(log) < self.shown
        if self.page is None or fresh:
            page = self.page = Page(host.fonts, host.metrics)
            self.page_start = start
            first = start
        else:
            page = self.page
            first = self.shown
        self.unread_met = False
        self._read_all()
        for i in range(first, len(log)):
            entry = log[i]
            typed = reveal and i >= self.shown
            if typed and not self.unread_met and self.passes(entry):
                typed = False  # read in some run before, and skipping: shown at once
            elif typed and entry.kind in READ_KINDS:
                self.unread_met = True  # from here on everything types out
            page.add(entry, typed)
            (self._unread.append if typed else self.read)(entry)
        self.shown = len(log)
        view = run.view()
        self.location = view.location
        page.set_options(list(view.options), run.ended)
        self.candidates = []
        if not reveal or host.settings.chars_per_second <= 0:
            self.finish_page()
        self.reveal = 0.0
        self.options_alpha = 255.0 if not page.pending else 0.0
        self.focus = -1  # nothing is pointed at on a new page: Enter reads on, it never takes a choice unseen
        self._scroll_to_new(run, first, fresh, animate=not fresh)
        if keep_place:
            self.target = min(old_target, self.max_scroll) if start == old_start else self.max_scroll
            self.scroll = self.target
        host.dirty = True
        return new_chapters

    def finish_page(self) -> None:
        if self.page is not None:
            self.page.finish()
        self._read_all()

    def _read_all(self) -> None:
        for entry in self._unread:
            self.read(entry)
        self._unread = []

    def forget(self) -> None:
        """Lay the page out afresh at the next follow() (a resize, a reloaded story)."""
        self.page = None

    def first_enabled(self) -> int:
        for i, row in enumerate(self.page.rows if self.page else []):
            if row.option is None or row.option.enabled:
                return i
        return -1

    def _scroll_to_new(self, run: Run, first: int, fresh: bool, animate: bool) -> None:
        if fresh:
            self.target = 0.0
        elif self.page is not None and not self.revealing:
            new_y = self._item_y_for_log(run, first)
            self.target = min(self.max_scroll, max(self.target, min(new_y, self.page.height - self.view.height)))
        if not animate:
            self.scroll = self.target

    def _item_y_for_log(self, run: Run, index: int) -> int:
        page = self.page
        if page is None:
            return 0
        count = sum(1 for e in run.log[self.page_start:index] if e.kind in SHOWN_KINDS)
        if count < len(page.items):
            return max(0, page.items[count].y - self.host.metrics.gap)
        return page.text_height

    def finish_reveal(self) -> None:
        """Show the rest of the text at once (Enter, Space, a click)."""
        page = self.page
        if page is not None and page.pending:
            first_new = next((it.y for it in page.items if it.start is not None), None)
            self.finish_page()
            self.reveal = 0.0
            self.options_alpha = 0.0
            if first_new is not None:
                top = max(0, first_new - self.host.metrics.gap)
                self.target = min(self.max_scroll, max(self.target, min(top, page.height - self.view.height)))
            self.host.dirty = True

    # ---- moving about the page ------------------------------------------------------------------
    def move_focus(self, step: int) -> None:
        self.host.keyboard_mode = True
        if self.revealing:
            self.finish_reveal()
        rows = self.page.rows if self.page else []
        if self.mode == "command":
            self.mode = "choices"
            self.focus = len(rows)
        enabled = [i for i, r in enumerate(rows) if r.option is None or r.option.enabled]
        if not enabled:
            self.mode = "command"
            self.host.dirty = True
            return
        if self.focus < 0:
            self.focus = enabled[0] if step > 0 else enabled[-1]
        else:
            later = [i for i in enabled if (i > self.focus if step > 0 else i < self.focus)]
            if later:
                self.focus = later[0] if step > 0 else later[-1]
            elif step > 0:
                self.mode, self.focus = "command", -1  # down past the last choice: the command line
        self.ensure_visible()
        self.host.dirty = True

    def focus_in_view(self) -> bool:
        """Can the focused choice be seen whole (or fill the view) where the page is scrolled to?"""
        if self.page is None or not 0 <= self.focus < len(self.page.rows):
            return False
        row = self.page.rows[self.focus]
        top = row.y - self.target
        return top >= -1 and (top + row.height <= self.view.height + 1 or row.height > self.view.height)

    def ensure_visible(self) -> None:
        if self.page is None or not 0 <= self.focus < len(self.page.rows):
            if self.mode == "command":
                self.target = self.max_scroll
            return
        row = self.page.rows[self.focus]
        if row.y < self.target:
            self.target = float(row.y)
        elif row.y + row.height > self.target + self.view.height:
            self.target = min(self.max_scroll, float(row.y + row.height - self.view.height))

    def scroll_by(self, amount: float) -> None:
        self.target = max(0.0, min(self.max_scroll, self.target + amount))
        self.host.dirty = True

    def option_at(self, x: int, y: int) -> int | None:
        if self.page is None or self.revealing or not self.view.collidepoint(x, y):
            return None
        origin = self.view.top - round(self.scroll)
        for i, row in enumerate(self.page.rows):
            if self.page.option_rect(row, self.host.metrics.column.left, origin).collidepoint(x, y):
                return i
        return None

    # ---- time -----------------------------------------------------------------------------------
    def update(self, dt: float) -> bool:
        """Reveal, fade the choices in and glide the scroll. True while something moves."""
        host = self.host
        moving = False
        page = self.page
        if page is not None and page.pending:
            cps = host.settings.chars_per_second
            self.reveal = page.pending if cps <= 0 else self.reveal + dt * cps
            if self.reveal >= page.pending:
                self.finish_page()
                self.reveal = 0.0
                self.options_alpha = 0.0
            else:
                bottom = page.reveal_bottom(self.reveal)
                if bottom - self.target > self.view.height:
                    self.target = min(self.max_scroll, bottom - self.view.height + host.metrics.body)
            moving = True
        still = host.settings.reduced_motion  # no fades, no gliding: things are simply where they go
        if not self.revealing and self.options_alpha < 255:
            self.options_alpha = 255.0 if still else min(255.0, self.options_alpha + dt * 255 / 0.35)
            host.smooth()
            moving = True
        if still and abs(self.target - self.scroll) > 0.5:
            self.scroll = self.target
            moving = True
        if abs(self.target - self.scroll) > 0.5:
            host.smooth()
            self.scroll += (self.target - self.scroll) * min(1.0, dt * 10)
            if abs(self.target - self.scroll) <= 0.5:
                self.scroll = self.target
            moving = True
        return moving
