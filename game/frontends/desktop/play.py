"""The play screen: the scene's title and prose revealed as if typed, its choices, and the command line.

Input here, in the order it is checked: a reveal in progress is completed by Enter, Space or a
click; digits 1-9 take a choice while the command line is empty; letters go to the command line;
Backspace on an empty line (or the mouse wheel at the top of the page) undoes, the wheel at the
bottom redoes; Up/Down move between choices, or walk earlier commands once the line is in use.
"""

from __future__ import annotations

import pygame

from game.engine import Outcome, RunError
from game.frontends.desktop import art
from game.frontends.desktop.commandline import CommandLine
from game.frontends.desktop.events import Click, Event, Key, Motion, Pad, Text, Wheel, intent
from game.frontends.desktop.page import Page
from game.frontends.desktop.screen import Screen
from game.frontends.desktop.session import Session
from game.frontends.desktop.theme import Look
from game.frontends.desktop.typography import spaced
from game.frontends.desktop.ui import panel

SCREEN_WORDS = {"save": "save", "load": "load", "menu": "pause", "quit": "pause", "history": "history", "map": "map"}


class PlayScreen(Screen):
    name = "play"

    def __init__(self, app, session: Session):
        super().__init__(app)
        self.session = session
        self.cmd = CommandLine()
        self.page: Page | None = None
        self.page_start = -1
        self.shown = 0
        self.reveal = 0.0
        self.focus = -1
        self.mode = "choices"  # or "command": where Up/Down and Enter go
        self.scroll = 0.0
        self.target = 0.0
        self.options_alpha = 255.0
        self.swallow: str | None = None  # the TEXTINPUT that follows a key already acted on
        self.candidates: list[str] = []
        self._bg_key: tuple | None = None
        self._bg: pygame.Surface | None = None
        self.location = ""
        self.rects: dict[str, pygame.Rect] = {}
        self._drawn_reveal: float | None = None  # where the reveal was when the last frame was drawn
        self._drawn_scroll = 0
        self._prev: tuple[float | None, int] = (None, 0)
        self.layout()
        self.sync(reveal=True)

    # ---- layout ---------------------------------------------------------------------------------
    def layout(self) -> None:
        m = self.app.metrics
        padx = round(m.body * 1.7)
        col = m.column
        self.panel = pygame.Rect(col.left - padx, 0, col.width + 2 * padx, m.h)
        top = max(round(m.margin * 0.7), 10)
        self.header_y = top
        header_h = round(m.small * 1.5)
        bar_h = round(m.body * 2.3)
        self.bar = pygame.Rect(col.left, m.h - top - bar_h, col.width, bar_h)
        self.view = pygame.Rect(col.left - round(m.body * 0.4), top + header_h + round(m.body * 0.6),
                                col.width + round(m.body * 0.8), 0)
        self.view.height = max(40, self.bar.top - round(m.body * 0.5) - self.view.top)

    def on_resize(self) -> None:
        self.layout()
        if self.page is not None:
            self.page.finish()
        self.rebuild()

    @property
    def look(self) -> Look:
        return self.app.look(self.location)

    # ---- following the run ----------------------------------------------------------------------
    @property
    def run(self):
        return self.session.run

    def rebuild(self) -> None:
        """Lay the current page out again from the log, everything already read."""
        self.page = None
        self.sync(reveal=False)

    def sync(self, reveal: bool) -> list[str]:
        """Bring the page up to date with the run's log. Returns the chapters newly entered."""
        log = self.run.log
        start = max((i for i, e in enumerate(log) if e.kind == "title"), default=0)
        new_chapters = [e.text for e in log[self.shown:] if e.kind == "chapter"] if reveal and len(log) > self.shown else []
        fresh = self.page is None or start != self.page_start or len(log) < self.shown
        if fresh:
            self.page = Page(self.app.fonts, self.app.metrics)
            self.page_start = start
            first = start
            for i in range(start, len(log)):
                self.page.add(log[i], reveal and i >= self.shown)
        else:
            first = self.shown
            for i in range(self.shown, len(log)):
                self.page.add(log[i], reveal)
        self.shown = len(log)
        view = self.run.view()
        self.location = view.location
        self.page.set_options(list(view.options), self.run.ended)
        self.candidates = []
        if not reveal or self.app.settings.chars_per_second <= 0:
            self.page.finish()
        self.reveal = 0.0
        self.options_alpha = 255.0 if not self.page.pending else 0.0
        self.focus = self._first_enabled() if self.app.keyboard_mode else -1
        self._scroll_to_new(first, fresh, animate=not fresh)
        self.app.dirty = True
        return new_chapters

    def _first_enabled(self) -> int:
        for i, row in enumerate(self.page.rows if self.page else []):
            if row.option is None or row.option.enabled:
                return i
        return -1

    @property
    def max_scroll(self) -> float:
        return max(0.0, float(self.page.height - self.view.height)) if self.page else 0.0

    def _scroll_to_new(self, first: int, fresh: bool, animate: bool) -> None:
        if fresh:
            self.target = 0.0
        elif not self.revealing:
            new_y = self._item_y_for_log(first)
            self.target = min(self.max_scroll, max(self.target, min(new_y, self.page.height - self.view.height)))
        if not animate:
            self.scroll = self.target

    def _item_y_for_log(self, index: int) -> int:
        page = self.page
        kinds = {"title", "text", "choice", "command", "reply"}
        count = sum(1 for e in self.run.log[self.page_start:index] if e.kind in kinds)
        if count < len(page.items):
            return max(0, page.items[count].y - self.app.metrics.gap)
        return page.text_height

    @property
    def revealing(self) -> bool:
        return bool(self.page and self.page.pending and self.reveal < self.page.pending)

    def finish_reveal(self) -> None:
        if self.page is not None and self.page.pending:
            first_new = next((it.y for it in self.page.items if it.start is not None), None)
            self.page.finish()
            self.reveal = 0.0
            self.options_alpha = 0.0
            if first_new is not None:
                self.target = min(self.max_scroll, max(self.target, min(max(0, first_new - self.app.metrics.gap), self.page.height - self.view.height)))
            self.app.dirty = True

    # ---- taking inputs --------------------------------------------------------------------------
    def take(self, index: int) -> None:
        if self.page is None or not 0 <= index < len(self.page.rows):
            return
        row = self.page.rows[index]
        if row.option is None:
            from game.frontends.desktop.ending import EndingScreen

            self.app.fade_push(EndingScreen(self.app, self.session))
            return
        if not row.option.enabled:
            self.app.toast("That is not open to me now.")
            return
        self.apply(lambda: self.run.choose(row.option.id))

    def submit(self) -> None:
        line = self.cmd.submit()
        if not line:
            return
        word = line.lower()
        if word in SCREEN_WORDS:
            self.app.open(SCREEN_WORDS[word])
            return
        if line.isdigit():
            self.take(int(line) - 1)
            return
        self.apply(lambda: self.run.command(line))

    def apply(self, step) -> None:
        """Run one input through the engine and show what it did."""
        before_chapter = self.run.view().chapter
        run = self.run
        before = run.state.copy()  # a fault halfway through an input must not leave half its effects
        try:
            outcome: Outcome = step()
        except RunError as exc:
            run.state = before
            self.app.show_errors([str(exc)], "The story went wrong here; this is a fault in the scene files.")
            return
        if outcome.kind in ("undo", "redo"):
            self.sync(reveal=False)
            for line in outcome.said:
                self.app.toast(line)
            return
        chapters = self.sync(reveal=True)
        if outcome.entered:
            self.entered(chapters, before_chapter)

    def entered(self, chapters: list[str], before_chapter: str) -> None:
        """A new scene: remember it, autosave, change the sound, and show chapter changes."""
        session = self.session
        session.remember()
        ok, message = session.save("auto")
        if not ok:
            self.app.toast(message)
        self.app.sound.play(self.location)
        if chapters and self.app.settings is not None:
            from game.frontends.desktop.card import ChapterCard
            from game.frontends.desktop.flowchart import FlowchartScreen

            self.app.fade_push(ChapterCard(self.app, session, chapters[-1], self.location))
            if before_chapter != chapters[-1]:  # first the map of the chapter just finished
                self.app.push(FlowchartScreen(self.app, session, before_chapter, ending=True))
        else:
            self.app.crossfade(0.55)

    def undo(self) -> None:
        if self.run.undo():
            self.sync(reveal=False)
            self.app.sound.play(self.location)
        else:
            self.app.toast("This is where the run began.")

    def redo(self) -> None:
        if self.run.redo():
            self.sync(reveal=False)
            self.app.sound.play(self.location)

    # ---- events ---------------------------------------------------------------------------------
    def on_enter(self) -> None:
        self.app.sound.play(self.location)

    def on_event(self, ev: Event) -> None:
        app = self.app
        swallow, self.swallow = self.swallow, None
        if isinstance(ev, Text):
            if swallow is not None and ev.text == swallow:
                return
            self.on_text(ev.text)
            return
        if isinstance(ev, Key):
            self.on_key(ev)
            return
        if isinstance(ev, Pad):
            what = intent(ev)
            if what == "pause":
                app.open("pause")
            elif self.revealing and what == "accept":
                self.finish_reveal()
            elif what == "back":
                self.undo()
            elif what in ("up", "down"):
                self.move_focus(-1 if what == "up" else 1)
            elif what == "accept" and self.focus >= 0:
                self.take(self.focus)
            return
        if isinstance(ev, Motion):
            hit = self.option_at(ev.x, ev.y)
            if hit is not None and hit != self.focus:
                self.focus, self.mode = hit, "choices"
                app.dirty = True
            return
        if isinstance(ev, Click):
            self.on_click(ev)
            return
        if isinstance(ev, Wheel):
            self.on_wheel(ev.dy)

    def on_text(self, text: str) -> None:
        if self.revealing and text == " ":
            self.finish_reveal()
            return
        if not self.cmd.text and text.isdigit() and text != "0":
            self.finish_reveal()
            self.take(int(text) - 1)
            return
        if not self.cmd.text and text == " ":
            if self.target < self.max_scroll - 0.5:  # like a book: Space turns to what is below
                self.scroll_by(self.view.height * 0.85)
            return
        self.cmd.type(text)
        self.mode = "command"
        self.candidates = []
        self.app.dirty = True

    def on_key(self, ev: Key) -> None:
        app = self.app
        name = ev.name
        if name in ("r",) and (ev.ctrl or (ev.shift and not self.cmd.text)):
            self.swallow = "R" if ev.shift else None
            app.reload_story()
            return
        if ev.ctrl and name == "h":
            app.open("history")
            return
        if name == "f5":
            ok, message = self.session.save("quick")
            app.toast(message)
            return
        if name == "f9":
            app.quickload()
            return
        if name == "escape":
            if self.cmd.text:
                self.cmd.clear()
                app.dirty = True
            else:
                app.open("pause")
            return
        if self.revealing and name in ("enter", "space"):
            self.finish_reveal()
            if name == "space":
                self.swallow = " "
            return
        if name.isdigit() and len(name) == 1 and not self.cmd.text and name != "0":
            self.swallow = name
            self.take(int(name) - 1)
            return
        if name == "backspace":
            if self.cmd.text:
                self.cmd.erase()
                app.dirty = True
            else:
                self.undo()
            return
        if name == "tab":
            self.complete()
            return
        if name == "enter":
            if self.cmd.text.strip():
                self.submit()
            elif self.focus >= 0:
                self.take(self.focus)
            elif self.page and self.page.rows:
                self.focus = self._first_enabled()
                app.keyboard_mode = True
                app.dirty = True
            return
        if name in ("up", "down"):
            self.on_arrow(name)
            return
        if name in ("pageup", "pagedown"):
            self.scroll_by((-1 if name == "pageup" else 1) * self.view.height * 0.85)
            return
        if name in ("home", "end"):
            self.target = 0.0 if name == "home" else self.max_scroll
            app.dirty = True

    def on_arrow(self, name: str) -> None:
        self.app.keyboard_mode = True
        if self.mode == "command" and (self.cmd.text or self.cmd.browsing is not None):
            moved = self.cmd.older() if name == "up" else self.cmd.newer()
            if not moved and name == "up" and not self.cmd.text:
                self.mode = "choices"
                self.focus = len(self.page.rows) - 1 if self.page else -1
            self.app.dirty = True
            return
        if self.mode == "command" and name == "up":
            if not self.cmd.older():
                self.mode = "choices"
                self.focus = len(self.page.rows) - 1 if self.page else -1
            self.app.dirty = True
            return
        self.move_focus(-1 if name == "up" else 1)

    def move_focus(self, step: int) -> None:
        self.app.keyboard_mode = True
        if self.revealing:
            self.finish_reveal()
        rows = self.page.rows if self.page else []
        if self.mode == "command":
            self.mode = "choices"
            self.focus = len(rows)
        enabled = [i for i, r in enumerate(rows) if r.option is None or r.option.enabled]
        if not enabled:
            self.mode = "command"
            self.app.dirty = True
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
        self.app.dirty = True

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

    def on_click(self, ev: Click) -> None:
        app = self.app
        app.keyboard_mode = False
        if ev.button == 3:
            app.open("pause")
            return
        if self.rects.get("menu") and self.rects["menu"].collidepoint(ev.x, ev.y):
            app.open("pause")
            return
        if self.revealing:
            self.finish_reveal()
            return
        if self.bar.inflate(0, 12).collidepoint(ev.x, ev.y):
            self.mode = "command"
            app.dirty = True
            return
        hit = self.option_at(ev.x, ev.y)
        if hit is not None:
            self.focus = hit
            self.take(hit)

    def on_wheel(self, dy: int) -> None:
        if dy > 0:
            if self.target > 0.5:
                self.scroll_by(-dy * self.app.metrics.body * 3)
            else:
                self.undo()
        elif dy < 0:
            if self.target < self.max_scroll - 0.5:
                self.scroll_by(-dy * self.app.metrics.body * 3)
            elif self.run.can_redo:
                self.redo()

    def scroll_by(self, amount: float) -> None:
        self.target = max(0.0, min(self.max_scroll, self.target + amount))
        self.app.dirty = True

    def complete(self) -> None:
        words = self.session.engine.completions(self.run.state)
        self.mode = "command"
        self.candidates = self.cmd.complete(words)
        if not self.candidates and not self.cmd.text:
            self.candidates = words[:12]
        self.app.dirty = True

    def option_at(self, x: int, y: int) -> int | None:
        if self.page is None or self.revealing or not self.view.collidepoint(x, y):
            return None
        origin = self.view.top - round(self.scroll)
        for i, row in enumerate(self.page.rows):
            if self.page.option_rect(row, self.app.metrics.column.left, origin).collidepoint(x, y):
                return i
        return None

    # ---- time -----------------------------------------------------------------------------------
    def update(self, dt: float) -> bool:
        self.session.play_seconds += dt
        moving = False
        page = self.page
        if page is not None and page.pending:
            cps = self.app.settings.chars_per_second
            self.reveal = page.pending if cps <= 0 else self.reveal + dt * cps
            if self.reveal >= page.pending:
                page.finish()
                self.reveal = 0.0
                self.options_alpha = 0.0
            else:
                bottom = page.reveal_bottom(self.reveal)
                if bottom - self.target > self.view.height:
                    self.target = min(self.max_scroll, bottom - self.view.height + self.app.metrics.body)
            moving = True
        if not self.revealing and self.options_alpha < 255:
            self.options_alpha = min(255.0, self.options_alpha + dt * 255 / 0.35)
            self.app.smooth()
            moving = True
        if abs(self.target - self.scroll) > 0.5:
            self.app.smooth()
            self.scroll += (self.target - self.scroll) * min(1.0, dt * 10)
            if abs(self.target - self.scroll) <= 0.5:
                self.scroll = self.target
            moving = True
        return moving

    # ---- drawing --------------------------------------------------------------------------------
    def damage(self) -> list[pygame.Rect] | None:
        """While only the reveal moves, only the lines it touched since the last frame changed."""
        page = self.page
        prev_reveal, prev_scroll = self._prev
        if page is None or not self.revealing or prev_reveal is None or prev_scroll != self._drawn_scroll:
            return None
        lo, hi = prev_reveal, self.reveal
        if hi < lo:
            return None
        top = bottom = None
        origin = self.view.top - round(self.scroll)
        for item in page.items:
            if item.start is None:
                continue
            for line in item.block.lines:
                a = item.start + line.start
                b = a + len(line.text) + 1
                if b >= lo and a <= hi:
                    y = origin + item.y + line.y
                    top = y if top is None else min(top, y)
                    bottom = y + item.block.line_height if bottom is None else max(bottom, y + item.block.line_height)
        if top is None:
            return []
        rect = pygame.Rect(self.view.left, top, self.view.width, bottom - top).clip(self.view)
        return [rect] if rect.width and rect.height else []

    def background(self) -> pygame.Surface:
        m = self.app.metrics
        look = self.look
        key = (self.location, m.w, m.h, look.theme.name, self.panel.left, self.panel.width)
        if key != self._bg_key:
            bg = art.paint(self.location, (m.w, m.h), look.theme.name).copy()
            bg.blit(panel(self.panel.size, look.page, look.theme.page_alpha, edge=round(m.body * 0.5)), self.panel.topleft)
            self._bg, self._bg_key = bg, key
        return self._bg

    def on_draw(self, surface: pygame.Surface) -> None:
        app = self.app
        m = app.metrics
        look = self.look
        surface.blit(self.background(), (0, 0))
        self._prev = (self._drawn_reveal, self._drawn_scroll)  # what the frame before this one showed
        self._drawn_reveal = self.reveal if self.revealing else None
        self._drawn_scroll = round(self.scroll)
        self.draw_header(surface, look)
        origin = self.view.top - round(self.scroll)
        page = self.page
        if page is not None:
            page.draw_text(surface, look, m.column.left, origin, self.view, self.reveal, app.record)
            if not self.revealing:
                focus = self.focus if self.mode == "choices" else -1
                page.draw_options(app, surface, look, m.column.left, origin, self.view, focus, app.record, round(self.options_alpha))
            self.draw_scrollbar(surface, look)
            if not self.revealing and self.scroll < self.max_scroll - 1:
                self.draw_more(surface, look)
        self.draw_command_bar(surface, look)

    def draw_more(self, surface: pygame.Surface, look: Look) -> None:
        """More below: the page fades out into the panel at the bottom of the view, with a small mark."""
        m = self.app.metrics
        h = round(m.body * 1.6)
        key = (h, self.view.width, look.page)
        if getattr(self, "_more_key", None) != key:
            fade = pygame.Surface((self.view.width, h), pygame.SRCALPHA)
            for i in range(h):
                pygame.draw.line(fade, (*look.page, round(235 * (i / h) ** 1.3)), (0, i), (self.view.width, i))
            self._more, self._more_key = fade, key
        surface.blit(self._more, (self.view.left, self.view.bottom - h))
        cx, y = self.view.right - round(m.body * 0.9), self.view.bottom - round(m.body * 0.35)
        pygame.draw.lines(surface, look.muted, False, [(cx - 7, y - 5), (cx, y), (cx + 7, y - 5)], 1)

    def draw_header(self, surface: pygame.Surface, look: Look) -> None:
        app = self.app
        m = app.metrics
        chapter = self.run.view().chapter
        label = app.labels.get(spaced(chapter), "regular", m.small, look.muted, round(m.column.width * 0.6))
        app.put(surface, label, (m.column.left, self.header_y), chapter)
        menu = app.labels.get("Menu", "italic", m.small, look.muted)
        pos = (m.column.right - menu.get_width(), self.header_y)
        app.put(surface, menu, pos, "Menu")
        self.rects["menu"] = pygame.Rect(pos[0] - 10, pos[1] - 6, menu.get_width() + 20, menu.get_height() + 12)

    def draw_scrollbar(self, surface: pygame.Surface, look: Look) -> None:
        if self.max_scroll <= 0 or self.page is None or self.revealing:
            return
        v = self.view
        x = self.panel.right - round(self.app.metrics.body * 0.6)
        frac = v.height / max(1, self.page.height)
        h = max(24, round(v.height * frac))
        y = v.top + round((v.height - h) * (self.scroll / self.max_scroll))
        pygame.draw.line(surface, look.faint, (x, v.top), (x, v.bottom), 1)
        pygame.draw.line(surface, look.muted, (x, y), (x, y + h), 3)

    def draw_command_bar(self, surface: pygame.Surface, look: Look) -> None:
        app = self.app
        m = app.metrics
        bar = self.bar
        pygame.draw.line(surface, look.faint, (bar.left, bar.top), (bar.right, bar.top), 1)
        y = bar.top + (bar.height - app.fonts.get("regular", m.body).get_height()) // 2
        active = self.mode == "command"
        prompt = app.labels.get("›", "regular", m.body, look.accent if active else look.muted)
        app.put(surface, prompt, (bar.left, y), "›")
        x = bar.left + prompt.get_width() + round(m.body * 0.5)
        room = bar.right - x
        if self.cmd.text:
            text = app.labels.get(self.cmd.text, "regular", m.body, look.ink)
            if text.get_width() > room - 4:  # show the end of a long line
                area = pygame.Rect(text.get_width() - (room - 4), 0, room - 4, text.get_height())
                surface.blit(text, (x, y), area)
                app.record.append((pygame.Rect(x, y, area.width, area.height), self.cmd.text))
                caret_x = x + room - 3
            else:
                app.put(surface, text, (x, y), self.cmd.text)
                caret_x = x + text.get_width() + 2
        else:
            hint = "Type what Kathy should do, or press a number" if not active else "look, examine, take, ask … (Tab completes)"
            ph = app.labels.get(hint, "italic", m.body, look.faint, room - 8)
            app.put(surface, ph, (x, y), hint)
            caret_x = x - 2
        if active:
            h = app.fonts.get("regular", m.body).get_height()
            pygame.draw.line(surface, look.accent, (caret_x, y + round(h * 0.18)), (caret_x, y + round(h * 0.86)), 2)
        if self.candidates and active:  # what Tab can complete to, quietly, at the line's right
            text = "  ·  ".join(self.candidates[:8]) + ("  …" if len(self.candidates) > 8 else "")
            used = caret_x + round(m.body * 1.2)
            s = app.labels.get(text, "italic", m.small, look.muted, max(20, bar.right - used))
            if s.get_width() <= bar.right - used:
                app.put(surface, s, (bar.right - s.get_width(), y + (app.fonts.get("regular", m.body).get_height() - s.get_height()) // 2), text)

