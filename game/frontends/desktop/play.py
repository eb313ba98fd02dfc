"""The play screen: the scene's title and prose revealed as if typed, its choices, and the command line.

This module holds its state and how it follows the run (the page is rebuilt from Run.log, so
undo, loading and live reload show exactly what was read); play_input.py takes the player's
input and play_draw.py draws it.
"""

from __future__ import annotations

import pygame

from game.engine import Outcome, RunError
from game.frontends.common import replies
from game.frontends.desktop.commandline import CommandLine
from game.frontends.desktop.page import Page
from game.frontends.desktop.play_draw import PlayDrawing
from game.frontends.desktop.play_input import SCREEN_WORDS, PlayInput
from game.frontends.desktop.screen import Screen
from game.frontends.desktop.session import Session
from game.frontends.desktop.theme import Look


class PlayScreen(PlayInput, PlayDrawing, Screen):
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
        frame = self.app.metrics.reading_frame()
        self.panel, self.header_y, self.bar, self.view = frame.panel, frame.header_y, frame.bar, frame.view

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
        if line.isdigit() and not self.run.parser.asking:  # while the parser asks "which did I mean", a number answers it
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
        if outcome.kind in ("empty", "help"):  # how to play is the front end's to say, not the story's
            self.app.toast(replies(outcome)[0])
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
