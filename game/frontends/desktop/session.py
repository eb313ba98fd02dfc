"""The game in the window, owned in one place: the story and its engine, the saves, the memories, the run and its play time.

Screens draw and take input; everything that touches the engine's run, the saves folder or
the memories file goes through here, so the rules (a run remembers each chapter and ending it
reaches, reload keeps the run, a failed load leaves the run as it was) are written once. There
is one Session for the life of the window; a run begins and ends inside it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pygame

from game.engine import Engine, Recording, Run, Story, StoryError
from game.engine.diagnostics import plural
from game.engine.engine import RunError
from game.engine.yamlpos import load_documents
from game.frontends.common import read_story
from game.frontends.desktop import memories as memories_file
from game.frontends.desktop import readmarks, thumbs
from game.frontends.desktop.memories import Memories
from game.frontends.desktop.readmarks import ReadMarks

if TYPE_CHECKING:
    from game.engine.saves import SaveStore


@dataclass(frozen=True, slots=True)
class ReloadResult:
    ok: bool
    message: str  # one sentence for a notice
    errors: tuple[str, ...] = ()  # file:line: message, for the overlay


class NoRun(RuntimeError):
    """A screen asked for the run while none is being played (a bug: such screens open only during a run)."""


class PlayClock:
    """Seconds of play, read from the app's clock while the page is in front.

    Time is measured, never summed frame by frame, and only the app says when it runs, so
    a second on the play screen is one second in the save whatever draws in between.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._banked = 0.0
        self._since: float | None = None

    @property
    def seconds(self) -> float:
        return self._banked + (self._clock() - self._since if self._since is not None else 0.0)

    def run(self, on: bool) -> None:
        """Start or stop counting (calling it again in the same state changes nothing)."""
        if on and self._since is None:
            self._since = self._clock()
        elif not on and self._since is not None:
            self._banked += self._clock() - self._since
            self._since = None

    def reset(self, seconds: float = 0.0) -> None:
        """A new or loaded run: count on from `seconds`."""
        self._banked = seconds
        if self._since is not None:
            self._since = self._clock()


def saves_module() -> ModuleType:
    """game.engine.saves, the first time a save is listed, written or read."""
    # start-up time: the title's first frame does not wait for it (hashlib, datetime and the format)
    from game.engine import saves

    return saves


def peek_title(story_dir: Path) -> str:
    """The story's title from story.yaml alone, for the first frame (the whole story loads after it)."""
    try:
        docs, _ = load_documents((story_dir / "story.yaml").read_text(encoding="utf-8"), "story.yaml")
        data = docs[0] if docs else None
        title = data.get("title") if isinstance(data, dict) else None
        if isinstance(title, str) and title.strip():
            return title.strip()
    except Exception:  # any problem here is reported properly when the story loads
        pass
    return "Never Let Me Go"


class Session:
    def __init__(self, story_dir: Path, saves_dir: Path, memories: Memories, clock: Callable[[], float],
                 read: ReadMarks | None = None) -> None:
        self.story_dir = story_dir
        self.saves_dir = saves_dir  # the settings and memories files live here too
        self.memories = memories
        self.read = read if read is not None else ReadMarks()  # paragraphs read in any run (Skip)
        self.clock = PlayClock(clock)
        self.title = peek_title(story_dir)
        self.story: Story | None = None
        self.engine: Engine | None = None
        self.problem: list[str] | None = None  # file:line: message, when the story cannot be played
        self.report = ""  # the same problems in full, for the terminal
        self._run: Run | None = None
        self._store: SaveStore | None = None
        self._reveal = False  # the next page shown types itself out (a new run), or is simply there (a load)
        self._saved: tuple[int, int] | None = None  # (moves, asides) when the run was last saved
        self.picture: Callable[[], pygame.Surface | None] = lambda: None  # the page now, for the save's picture

    # ---- the story --------------------------------------------------------------------------------
    def load_story(self) -> bool:
        """Load the story the first time it is asked for. False when its files have errors (see `problem`)."""
        if self.story is None and self.problem is None:
            try:
                self._use(read_story(self.story_dir))
            except StoryError as exc:
                self.problem = [f"{d.path}:{d.line}: {d.message}" for d in exc.errors] or [str(exc)]
                self.report = exc.report()
        return self.story is not None

    def _use(self, story: Story) -> None:
        self.story, self.engine, self.title = story, Engine(story), story.title

    # ---- the run ----------------------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self._run is not None

    @property
    def run(self) -> Run:
        if self._run is None:
            raise NoRun("no run is being played")
        return self._run

    def new_run(self, seed: int) -> None:
        """A run from the story's start (the story must be loaded)."""
        self._start(Run(self._engine(), seed), 0.0)
        self._reveal = True

    def take_reveal(self) -> bool:
        """Should the page about to be shown type itself out? Asked once by each new play screen."""
        reveal, self._reveal = self._reveal, False
        return reveal

    @property
    def unsaved(self) -> bool:
        """Has the player done anything (a choice, a command, a look) since the run was last saved?"""
        return self._run is not None and self._saved != self._mark(self._run)

    @staticmethod
    def _mark(run: Run) -> tuple[int, int]:
        return (len(run.inputs), len(run.asides()))

    def begin_at(self, chapter: str, seed: int) -> str | None:
        """A new run rebuilt up to the chapter's first scene from the inputs that first reached it.

        Returns a notice when the run cannot begin exactly there.
        """
        engine = self._engine()
        mark = self.memories.of(engine.story.id).chapters.get(chapter)
        if mark is None:
            self.new_run(seed)
            return f"The chapter “{chapter}” has not been reached yet."
        run, stop = Run.replay(engine, Recording.of(engine.story, mark.seed, mark.inputs))
        self._start(run, 0.0)
        self._reveal = True
        if stop is not None:
            return "The story has changed since this chapter was first reached; the run starts where the old way still leads."
        return None

    def end_run(self) -> None:
        self._run = None
        self._saved = None
        self.clock.run(False)

    def _start(self, run: Run, seconds: float) -> None:
        self._run = run
        self._saved = None
        self._reveal = False
        self.clock.reset(seconds)
        self.remember()

    def _engine(self) -> Engine:
        if self.engine is None:
            raise RuntimeError("the story is not loaded")
        return self.engine

    # ---- saves ------------------------------------------------------------------------------------
    @property
    def store(self) -> SaveStore:
        if self._store is None:
            self._store = saves_module().SaveStore(self.saves_dir)
        return self._store

    def save(self, slot: str, name: str = "") -> tuple[bool, str]:
        """Save the run (a slot keeps `name`), with a picture of the page beside it."""
        run, seconds = self.run, self.clock.seconds
        try:
            if slot == "quick":
                info = self.store.quicksave(run, seconds)
                message = "Quicksaved."
            elif slot == "auto":
                thumbs.move_autos_along(self.saves_dir)
                info = self.store.autosave(run, seconds)
                message = "Saved."
            else:
                info = self.store.save(run, slot, seconds, name)
                message = f"Saved in slot {slot}."
        except saves_module().SaveError as exc:
            return False, f"Could not save: {exc}"
        self._saved = self._mark(run)
        picture = self.picture()
        problem = thumbs.write(info.path, picture) if picture is not None else None
        if problem:
            print(problem, file=sys.stderr)  # the save itself is good: only its picture is missing
        return True, message

    def rename(self, slot: str, name: str) -> str:
        """Give a slot's save a name: its header rewritten, the run untouched (saves/rename.py). One sentence saying what happened."""
        try:
            info = self.store.rename(slot, name)
        except saves_module().SaveError as exc:
            return f"Could not rename it: {exc}"
        return f"Slot {slot} is now called “{info.name}”." if info.name else f"Slot {slot} has no name now."

    def delete(self, slot: str) -> None:
        """Delete a save and its picture (SaveError if it cannot be)."""
        path = self.store.find(slot)
        self.store.delete(slot)
        thumbs.remove(path)

    def load(self, slot: str) -> tuple[bool, str | None]:
        """Replace the run with a saved one. (ok, message): the message is a notice or the reason it failed.

        A save that will not load leaves everything as it was, including no run at all.
        """
        try:
            loaded = self.store.load(slot, self._engine())
        except saves_module().SaveError as exc:
            return False, str(exc)
        self._start(loaded.run, loaded.play_seconds)
        self._saved = self._mark(loaded.run)
        return True, loaded.notice

    def autosave(self) -> str | None:
        """Save a run still going (leaving it, closing the window). The reason it failed, if it did."""
        if self._run is None or self._run.ended:
            return None
        ok, message = self.save("auto")
        return None if ok else message

    # ---- memories ---------------------------------------------------------------------------------
    def remember(self) -> bool:
        """Note the chapter and ending the run is in now. True when something new was found."""
        run = self.run
        state = run.state
        story_id = run.story.id
        self.memories.reach_scene(story_id, state.scene)
        new = self.memories.reach_chapter(story_id, run.scene.chapter, run.seed, run.inputs)
        if state.ended is not None:
            new = self.memories.reach_ending(story_id, state.ended) or new
        return new

    def save_memories(self) -> None:
        """The memories, and the text read so far, beside the saves."""
        for problem in (memories_file.save(self.saves_dir, self.memories), readmarks.save(self.saves_dir, self.read)):
            if problem:
                print(problem, file=sys.stderr)

    # ---- live reload ------------------------------------------------------------------------------
    def reload(self) -> ReloadResult:
        """Read the scene files again and replay this run's inputs on the new story.

        A broken edit leaves everything as it was and returns the errors as file:line: message;
        the player keeps playing the last good story.
        """
        try:
            story = read_story(self.story_dir)
        except StoryError as exc:
            errors = tuple(f"{d.path}:{d.line}: {d.message}" for d in exc.errors)
            return ReloadResult(False, f"The edited story has {plural(len(exc.errors), 'error')}; still playing the last good version.", errors)
        engine = Engine(story)
        current = self.run
        try:  # the asides (look, examine) come along too, so the history still reads as it was played
            run, stop = Run.replay(engine, current.recording, asides=current.asides())
        except RunError as exc:
            return ReloadResult(False, "The edited story went wrong while replaying this run; still playing the last good version.", (str(exc),))
        self.story, self.engine, self.title, self._run = story, engine, story.title, run
        if stop is not None:
            return ReloadResult(True, f"Reloaded. The run stops at move {stop.index + 1}: {stop.reason}.")
        return ReloadResult(True, f"Reloaded the story ({len(story.scenes)} scenes); the run is where it was.")
