"""The play screen: the scene's title and prose revealed as if typed, its choices, and the command line.

The screen follows the run and sends it the player's inputs. It owns three plain helpers: a
Reading (reading.py: the page and where the player is on it), the Controls (play_input.py:
events into changes and actions) and a Painter (play_draw.py: the frame). Chapter cards, the
map of a finished chapter and the ending are opened over it.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine import Outcome, Run
from game.frontends.common import replies
from game.frontends.desktop.events import Event
from game.frontends.desktop.flowchart import FlowchartScreen
from game.frontends.desktop.pacing import Pacer
from game.frontends.desktop.play_draw import Painter
from game.frontends.desktop.play_input import SCREEN_WORDS, Controls
from game.frontends.desktop.reading import Reading
from game.frontends.desktop.screen import Host, Screen


class PlayScreen(Screen[None]):
    name = "play"
    counts_play_time = True
    takes_text = True

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.session = host.session
        self.reading = Reading(host)
        self.pacer = Pacer(host, self.reading)
        self.controls = Controls(host, self.reading, self)
        self.painter = Painter(host, self.reading, self.pacer)
        self.reading.follow(self.run, reveal=self.session.take_reveal())  # a loaded page is already read
        self._said = 0  # the log entries self-voicing has offered so far

    @property
    def run(self) -> Run:
        return self.session.run

    @property
    def can_redo(self) -> bool:
        return self.run.can_redo

    @property
    def ended(self) -> bool:
        return self.run.ended

    @property
    def location(self) -> str:
        return self.reading.location

    # ---- following the run ----------------------------------------------------------------------
    def on_resize(self) -> None:
        self.reading.layout()
        if self.reading.page is not None:
            self.reading.page.finish()
        self.rebuild()

    def on_story_changed(self) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        """Lay the current page out again from the log, everything already read, where the player was on it
        (or, after a rollback to another scene, at its choices)."""
        old = self.reading.page_start
        self.reading.forget()
        self.reading.page_start = old
        self.reading.follow(self.run, reveal=False, keep_place=True)

    # ---- taking inputs --------------------------------------------------------------------------
    def take(self, index: int) -> None:
        page = self.reading.page
        if page is None or not 0 <= index < len(page.rows):
            return
        option = page.rows[index].option
        if option is None:
            self.host.open("ending")
            return
        if not option.enabled:
            self.host.toast("That is not open to me now.")
            return
        self.apply(lambda: self.run.choose(option.id))

    def submit(self) -> None:
        line = self.reading.cmd.submit()
        if not line:
            return
        word = line.lower()
        if word in SCREEN_WORDS:
            self.host.open(SCREEN_WORDS[word])
            return
        if line.isdigit() and not self.run.parser.asking:  # while the parser asks "which did I mean", a number answers it
            self.take(int(line) - 1)
            return
        self.apply(lambda: self.run.command(line))

    def complete(self) -> None:
        r = self.reading
        words = self.run.completions()
        r.mode = "command"
        if not r.cmd.text:  # nothing typed: the words Tab could finish, verbs first, shown but never typed for the player
            r.candidates = words[:12]  # (Tab there once typed the shortest word, "me", into an empty line)
        else:
            r.candidates = r.cmd.complete(words)
        self.host.dirty = True

    def apply(self, step: Callable[[], Outcome]) -> None:
        """Run one input through the engine and show what it did."""
        before_chapter = self.run.view().chapter
        run = self.run
        outcome: Outcome = step()
        if outcome.error is not None:  # the run has put itself back as it was before the input
            self.host.show_errors([outcome.error], "The story went wrong here; this is a fault in the scene files.")
            return
        if outcome.kind in ("undo", "redo"):  # the Run has stepped back or forward, and says what it took back or did again
            self.reading.follow(run, reveal=False, keep_place=outcome.kind == "undo")
            self.host.sound.play(self.location)
            for line in outcome.said:
                self.host.toast(line)
            return
        if outcome.kind in ("empty", "help"):  # how to play is the front end's to say, not the story's
            self.host.toast(replies(outcome, run)[0])
        chapters = self.reading.follow(run, reveal=True)
        self.pacer.followed()
        if outcome.entered:
            self.entered(chapters, before_chapter)

    def entered(self, chapters: list[str], before_chapter: str) -> None:
        """A new scene: remember it, autosave, change the sound, and show chapter changes."""
        host = self.host
        session = self.session
        session.remember()
        ok, message = session.save("auto")
        if not ok:
            host.toast(message)
        host.sound.play(self.location)
        if chapters:
            host.open("card", fade=0.0)  # it rises out of the dark by itself
            if before_chapter != chapters[-1]:  # first the map of the chapter just finished
                host.push(FlowchartScreen(host, before_chapter, ending=True))
        # no crossfade to a new scene in the same chapter: the old page ghosted over the new for half a
        # second; the new page typing itself out on the clean panel is the change

    def undo(self) -> None:
        """Step back one thing the player did (a choice, a look, a whole typed line): the Run says which."""
        self.apply(self.run.take_back)

    def redo(self) -> None:
        self.apply(self.run.do_again)

    def toggle_skip(self) -> None:
        self.pacer.toggle_skip()

    def toggle_auto(self) -> None:
        self.pacer.toggle_auto()

    # ---- the screen -----------------------------------------------------------------------------
    def on_enter(self) -> None:
        self.host.sound.play(self.location)

    def on_event(self, ev: Event) -> None:
        self.controls.on_event(ev)

    def update(self, dt: float) -> bool:
        moving = self.reading.update(dt)
        self.pacer.update(dt, self.controls)
        return moving

    def speech(self) -> tuple[object, str] | None:
        """Self-voicing: the text new on the page (once it is all shown) with the choices; then the choice pointed at."""
        r = self.reading
        page = r.page
        if page is None or r.revealing:
            return None
        if r.focus >= 0 and r.mode == "choices" and r.focus < len(page.rows):
            row = page.rows[r.focus]
            return ("choice", r.page_start, self.reading.shown, r.focus), f"{row.number}. {row.label}"
        log = self.run.log
        if self._said == len(log):
            return None  # nothing new since it was offered
        start = max(self._said, r.page_start) if self._said < len(log) else r.page_start
        words = [e.text for e in log[start:] if e.kind in ("title", "text", "reply", "command")]
        choices = [f"{row.number}. {row.label}" for row in page.rows if row.option is None or row.option.enabled]
        self._said = len(log)
        return ("page", r.page_start, len(log)), " ".join([*words, *(["Choices:", *choices] if choices else [])])

    def on_draw(self, surface: pygame.Surface) -> None:
        self.painter.draw(surface, self.run.view().chapter)

    def damage(self) -> list[pygame.Rect] | None:
        return self.painter.damage()

    def picture(self) -> pygame.Surface | None:
        return self.painter.snapshot(self.run.view().chapter)
