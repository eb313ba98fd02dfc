"""The ways through the game: load the story, start, continue, load, quickload, begin at a chapter, reload, leave, quit.

A plain helper the app owns and hands its Host methods to. Each flow is a few calls to the
session and to the stack of screens (by name); keeping them together shows the rules in one
place: every run begins with its chapter's card and an autosave, loads go straight to the
page, and leaving always saves the run first.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Protocol

from game.frontends.common import new_seed
from game.frontends.desktop.screen import Host
from game.frontends.desktop.window import Window


class Stage(Host, Protocol):
    """What the flows need of the app beyond what a screen may ask."""

    def replace_all(self, name: str) -> None:
        """Close every screen and open `name`."""
        ...
    def hide_errors(self) -> None: ...
    def stop(self) -> None:
        """Leave the loop (the window closes)."""
        ...


class Flows:
    def __init__(self, stage: Stage, seed: int | None = None, load: str | None = None) -> None:
        self.stage = stage
        self.seed = seed  # --seed: every new run uses it (a repeatable game)
        self.load = load  # --load: the save to start from

    def _seed(self) -> int:
        return new_seed() if self.seed is None else self.seed

    def settle_in(self) -> None:
        """After the first frame: load the story, and the save asked for with --load."""
        if self.ensure_story() and self.load:
            self.load_game(self.load)

    def ensure_story(self) -> bool:
        """The story, loaded the first time it is needed; a broken one is reported once, in full, on stderr."""
        session = self.stage.session
        if session.story is not None or session.problem is not None:
            return session.story is not None
        ok = session.load_story()
        if ok:
            Window.set_caption(session.title)
        else:
            print(session.report, file=sys.stderr)
        self.stage.dirty = True
        return ok

    def play(self, notice: str | None = None, fade: float = 0.8, card: bool = False) -> None:
        """Leave the menus for the page of the session's run (with the chapter's card first, for a new start)."""
        stage = self.stage
        session = stage.session
        stage.crossfade(0.0 if card else fade)  # a card rises out of the dark itself: no crossfade under it
        stage.replace_all("play")
        if card:  # a run begins: its first scene is entered, so it is saved like every other
            ok, message = session.save("auto")
            if not ok:
                stage.toast(message)
            if not stage.settings.tip_shown:  # a new player: how to play, under the card, once
                stage.open("tip")
                stage.apply_settings(replace(stage.settings, tip_shown=True))
                stage.save_settings()
            stage.open("card", fade=0.0)
        if notice:
            stage.toast(notice, 6.0)
        session.save_memories()

    def new_game(self) -> None:
        if self.ensure_story():
            self.stage.session.new_run(self._seed())
            self.play(card=True)

    def begin_at(self, chapter: str) -> None:
        """Chapter select: a new run from the first way the player reached `chapter`."""
        if self.ensure_story():
            notice = self.stage.session.begin_at(chapter, self._seed())
            self.play(notice, card=True)

    def load_game(self, slot: str) -> bool:
        """Load a save and play it. False with a notice if it failed (the run, or no run, stays as it was)."""
        if not self.ensure_story():
            return False
        ok, message = self.stage.session.load(slot)
        if not ok:
            self.stage.toast(message or "That save could not be loaded.", 6.0)
            return False
        self.play(message)
        return True

    def continue_game(self) -> None:
        latest = self.stage.session.store.latest()
        if latest is None:
            self.stage.toast("There is no saved run yet.")
            return
        self.load_game(str(latest.path))

    def quickload(self) -> None:
        session = self.stage.session
        if not session.playing:
            return
        if not session.store.path("quick").exists():
            self.stage.toast("There is no quicksave yet (F5 makes one).")
            return
        if self.load_game("quick"):
            self.stage.toast("Quickloaded.")

    def reload_story(self) -> None:
        """Ctrl+R: the scene files again, the run kept (issue 7's live reload)."""
        stage = self.stage
        if not stage.session.playing:
            return
        result = stage.session.reload()
        if result.ok:
            stage.hide_errors()
            stage.story_changed()
            stage.toast(result.message, 4.5)
        else:
            stage.show_errors(list(result.errors), result.message)

    def autosave_on_leave(self) -> None:
        problem = self.stage.session.autosave()
        if problem:
            print(problem, file=sys.stderr)

    def to_title(self) -> None:
        self.autosave_on_leave()
        self.stage.session.end_run()  # saved; the title starts, continues or loads a run afresh
        self.stage.crossfade(0.6)
        self.stage.replace_all("title")

    def quit(self) -> None:
        """Closing the window: autosave the run, keep the settings and memories, stop."""
        self.autosave_on_leave()
        self.stage.save_settings()
        self.stage.session.save_memories()
        self.stage.stop()
