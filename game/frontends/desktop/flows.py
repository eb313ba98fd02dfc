"""The ways through the game: load the story, start, continue, load, quickload, reload, leave and quit.

Mixed into App (app.py). Each flow is a few calls to the session and the screen stack; keeping
them together shows the rules in one place: every run begins with its chapter's card and an
autosave, loads go straight to the page, and leaving always saves the run first.
"""

from __future__ import annotations

import sys

import pygame


class GameFlows:
    def ensure_story(self) -> bool:
        if self.story is not None:
            return True
        if self.story_problem is not None:
            return False
        from game.engine import StoryError
        from game.frontends.common import read_story

        try:
            self.story = read_story(self.story_dir)
            self.story_title = self.story.title
            pygame.display.set_caption(self.story.title)
        except StoryError as exc:
            self.story_problem = [f"{d.path}:{d.line}: {d.message}" for d in exc.errors] or [str(exc)]
            print(exc.report(), file=sys.stderr)
        self.dirty = True
        return self.story is not None

    @property
    def store(self):
        if self._store is None:
            from game.engine.saves import SaveStore

            self._store = SaveStore(self.saves_dir)
        return self._store

    def new_session(self, seed: int | None = None):
        from game.frontends.common import new_seed
        from game.frontends.desktop.session import Session

        if not self.ensure_story():
            return None
        if seed is None:
            seed = getattr(self.args, "seed", None)
            seed = new_seed() if seed is None else seed
        self.session = Session(self.story, self.story_dir, self.saves_dir, self.memories, seed)
        return self.session

    def play(self, session, notice: str | None = None, fade: float = 0.8, card: bool = False) -> None:
        """Leave the menus for the play screen of `session` (with the chapter's card first, for a new start)."""
        from game.frontends.desktop.play import PlayScreen

        self.crossfade(fade)
        while self.stack:
            self.stack.pop().on_exit()
        screen = PlayScreen(self, session)
        self.push(screen)
        if card:  # a run begins: its first scene is entered, so it is saved like every other
            ok, message = session.save("auto")
            if not ok:
                self.toast(message)
            from game.frontends.desktop.card import ChapterCard

            self.push(ChapterCard(self, session, session.run.view().chapter, screen.location))
        if notice:
            self.toast(notice, 6.0)
        self.save_memories()

    def new_game(self) -> None:
        session = self.new_session()
        if session is not None:
            self.play(session, card=True)

    def load_slot(self, slot: str) -> bool:
        """Load a save into a session (a new one if needed) and play it. False with a toast if it failed."""
        previous = self.session
        session = previous or self.new_session(seed=0)
        if session is None:
            return False
        ok, message = session.load(slot)
        if not ok:
            self.session = previous  # a failed load from the title leaves no run behind to be autosaved
            self.toast(message or "That save could not be loaded.", 6.0)
            return False
        self.session = session
        self.play(session, message)
        return True

    def continue_game(self) -> None:
        latest = self.store.latest()
        if latest is None:
            self.toast("There is no saved run yet.")
            return
        self.load_slot(str(latest.path))

    def quickload(self) -> None:
        if self.session is None:
            return
        if not self.store.path("quick").exists():
            self.toast("There is no quicksave yet (F5 makes one).")
            return
        if self.load_slot("quick"):
            self.toast("Quickloaded.")

    def reload_story(self) -> None:
        """Shift+R: the scene files again, the run kept (issue 7's live reload)."""
        if self.session is None:
            return
        result = self.session.reload()
        if result.ok:
            self.story = self.session.story
            self.errors = None
            from game.frontends.desktop.play import PlayScreen

            for screen in self.stack:
                if isinstance(screen, PlayScreen):
                    screen.rebuild()
            self.toast(result.message, 4.5)
        else:
            self.show_errors(list(result.errors), result.message)

    def to_title(self) -> None:
        from game.frontends.desktop.title import TitleScreen

        self.autosave_on_leave()
        self.session = None  # saved; the title starts, continues or loads a run afresh
        self.crossfade(0.6)
        self.replace_all(TitleScreen(self))

    def autosave_on_leave(self) -> None:
        session = self.session
        if session is not None and not session.run.ended:
            ok, message = session.save("auto")
            if not ok:
                print(message, file=sys.stderr)

    def quit(self) -> None:
        """Closing the window: autosave the run, keep the settings and memories, stop."""
        self.autosave_on_leave()
        self.save_settings()
        self.save_memories()
        self.running = False

    def start(self) -> None:
        """Show the title, draw it at once, and only then load the story."""
        from game.frontends.desktop.title import TitleScreen

        self.push(TitleScreen(self))
        self.step([], 0.0)
        self.translator.start_controllers()  # after the first frame: none of this delays the title
        self.set_icon()
        self.ensure_story()
        load = getattr(self.args, "load", None)
        if load and self.story is not None:
            self.load_slot(load)
        for w in self.warnings:
            print(w, file=sys.stderr)
