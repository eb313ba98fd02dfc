"""The engine's tests run twice, as ink's do: once straight, and once through a real save file after every step.

`play(engine, seed)` gives a Run. In the "saved" pass it is a SavedRun: after every input, undo
and redo it writes the run with the game's own save writer, reads the file back with the game's
own reader, rebuilds the run from it, checks that the state, the view, the history and the asides
came back identical, and goes on playing the loaded run. So every behaviour the engine tests
show is also shown to survive a save and a load.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.engine import Engine, Outcome, Run
from game.engine.saves import dump_save, encode_save, read_save, rebuild, write_atomic
from tests.engine.pavilion import Player, make_engine


class SavedRun:
    """A Run sent through a save file after every step. Everything not overridden here is the Run's own."""

    def __init__(self, run: Run, folder: Path):
        self.run = run
        self.folder = folder
        self.round_trips = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.run, name)

    def choose(self, option_id: str) -> Outcome:
        return self._after(self.run.choose(option_id))

    def command(self, line: str) -> Outcome:
        return self._after(self.run.command(line))

    def undo(self) -> bool:
        return self._after(self.run.undo())

    def redo(self) -> bool:
        return self._after(self.run.redo())

    def _after(self, result: Any) -> Any:
        before = self.run
        path = self.folder / "1.yaml"
        write_atomic(path, dump_save(*encode_save(before, "manual", "2026-05-01T12:00:00+00:00", 0.0, "")))
        loaded, notice = rebuild(read_save(path), before.engine)
        assert notice is None, notice
        assert loaded.state == before.state and list(loaded.state.items) == list(before.state.items)
        assert loaded.state.hash() == before.state.hash()
        assert loaded.recording == before.recording
        view, was = loaded.view(), before.view()
        assert (view.scene, list(view.paragraphs), list(view.options), view.ending) == (
            was.scene, list(was.paragraphs), list(was.options), was.ending)
        assert loaded.log == before.log
        assert loaded.asides() == before.asides()
        loaded._redo = list(before._redo)  # redo belongs to the session, not to the save: carry it over
        self.run = loaded
        self.round_trips += 1
        return result


@pytest.fixture(params=["straight", "saved"])
def play(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[Engine, int], Any]:
    """A function (engine, seed) -> a Run to drive: plain, or one sent through a save file after every step."""
    def make(engine: Engine, seed: int = 1) -> Any:
        run = Run(engine, seed)
        return run if request.param == "straight" else SavedRun(run, tmp_path)

    return make


@pytest.fixture
def player(play):
    return Player(play(make_engine(), 1))
