"""One story being played in the window: its run, play time, saves, memories and live reload.

The screens draw and take input; everything that touches the engine's run, the saves folder or
the memories file goes through here, so the rules (autosave on every scene entry, remember each
chapter and ending, reload keeps the run) are written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.engine import Engine, Recording, Run, Story, StoryError
from game.engine.diagnostics import plural
from game.frontends.common import read_story
from game.engine.engine import RunError
from game.frontends.desktop.memories import Memories


@dataclass(frozen=True, slots=True)
class ReloadResult:
    ok: bool
    message: str  # one sentence for a notice
    errors: tuple[str, ...] = ()  # file:line: message, for the overlay


def saves_module():
    """game.engine.saves, imported when first needed so the title frame does not wait for it."""
    from game.engine import saves

    return saves


class Session:
    def __init__(self, story: Story, story_dir: Path, saves_dir: Path, memories: Memories, seed: int):
        self.story = story
        self.story_dir = story_dir
        self.saves_dir = saves_dir
        self.engine = Engine(story)
        self.memories = memories
        self.run = Run(self.engine, seed)
        self.play_seconds = 0.0
        self._store = None
        self.remember()

    # ---- saves ----------------------------------------------------------------------------------
    @property
    def store(self):
        if self._store is None:
            self._store = saves_module().SaveStore(self.saves_dir)
        return self._store

    def save(self, slot: str) -> tuple[bool, str]:
        saves = saves_module()
        try:
            if slot == "quick":
                self.store.quicksave(self.run, self.play_seconds)
                return True, "Quicksaved."
            if slot == "auto":
                self.store.autosave(self.run, self.play_seconds)
                return True, "Saved."
            self.store.save(self.run, slot, self.play_seconds)
            return True, f"Saved in slot {slot}."
        except saves.SaveError as exc:
            return False, f"Could not save: {exc}"

    def load(self, slot: str) -> tuple[bool, str | None]:
        """Replace the run with a saved one. (ok, message): the message is a notice or the reason it failed."""
        saves = saves_module()
        try:
            loaded = self.store.load(slot, self.engine)
        except saves.SaveError as exc:
            return False, str(exc)
        self.run = loaded.run
        self.play_seconds = loaded.play_seconds
        self.remember()
        return True, loaded.notice

    # ---- memories -------------------------------------------------------------------------------
    def remember(self) -> bool:
        """Note the chapter and ending the run is in now. True when something new was found."""
        state = self.run.state
        scene = self.engine.scenes[state.scene]
        new = self.memories.reach_chapter(self.story.id, scene.chapter, self.run.seed, self.run.inputs)
        if state.ended is not None:
            new = self.memories.reach_ending(self.story.id, state.ended) or new
        return new

    def start_at_chapter(self, title: str) -> str | None:
        """A new run rebuilt up to the chapter's first scene from the inputs that first reached it."""
        mark = self.memories.of(self.story.id).chapters.get(title)
        if mark is None:
            return f"The chapter “{title}” has not been reached yet."
        run, stop = Run.replay(self.engine, Recording.of(self.story, mark.seed, mark.inputs))
        self.run = run
        self.play_seconds = 0.0
        if stop is not None:
            return "The story has changed since this chapter was first reached; the run starts where the old way still leads."
        return None

    # ---- live reload ----------------------------------------------------------------------------
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
        try:  # the asides (look, examine) come along too, so the history still reads as it was played
            run, stop = Run.replay(engine, self.run.recording, asides=self.run.asides())
        except RunError as exc:
            return ReloadResult(False, "The edited story went wrong while replaying this run; still playing the last good version.", (str(exc),))
        self.story, self.engine, self.run = story, engine, run
        if stop is not None:
            return ReloadResult(True, f"Reloaded. The run stops at move {stop.index + 1}: {stop.reason}.")
        return ReloadResult(True, f"Reloaded the story ({len(story.scenes)} scenes); the run is where it was.")
