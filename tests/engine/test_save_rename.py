"""Renaming a save: only its header changes, nothing is replayed, and the game never writes a save it would refuse."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.engine import Engine, Run, load_story
from game.engine.replay import random_walk
from game.engine.saves import SaveError, SaveStore, read_save, rebuild, renamed
from game.engine.saves import store as store_module
from game.engine.saves.format import SEPARATOR
from tests.conftest import TINY


@pytest.fixture
def engine() -> Engine:
    return Engine(load_story(TINY))


def saved(engine: Engine, folder: Path, steps: int = 120) -> tuple[SaveStore, Run, Path]:
    run = random_walk(engine, seed=3, steps=steps, walk_seed=2, avoid_endings=True)
    run.command("examine the gate")
    store = SaveStore(folder)
    info = store.save(run, "4", play_seconds=42.5, name="First")
    return store, run, info.path


def no_replay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any replay or restore of a run fails the test: a rename must need neither."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a rename replayed the run")
    monkeypatch.setattr(Run, "replay", classmethod(refuse))
    monkeypatch.setattr(Run, "restored", classmethod(refuse))


def test_a_rename_rewrites_the_header_alone_and_replays_nothing(engine, tmp_path, monkeypatch):
    store, run, path = saved(engine, tmp_path)
    before = path.read_bytes()
    no_replay(monkeypatch)
    info = store.rename("4", "  By the   pond\n")
    after = path.read_bytes()
    assert info.name == "By the pond" and info.moves == run.moves and info.play_seconds == 42.5
    assert after.partition(SEPARATOR.encode())[2] == before.partition(SEPARATOR.encode())[2]  # the run's bytes, untouched
    old, new = json.loads(before.partition(b"\n")[0]), json.loads(after.partition(b"\n")[0])
    assert {**old, "name": "By the pond"} == new  # when it was made, how long was played: all kept
    assert after.count(b"\n") == before.count(b"\n")  # still one header line
    monkeypatch.undo()
    loaded = store.load("4", engine)
    assert loaded.notice is None and loaded.info.name == "By the pond"
    assert loaded.run.recording == run.recording and loaded.run.log == run.log and loaded.run.asides() == run.asides()


def test_a_renamed_save_this_store_wrote_still_loads_without_a_replay(engine, tmp_path, monkeypatch):
    store, run, _ = saved(engine, tmp_path)
    store.rename("4", "Second")
    monkeypatch.setattr(store_module, "rebuild", lambda *a: (_ for _ in ()).throw(AssertionError("replayed")))
    loaded = store.load("4", engine)  # restored from its snapshot (trust.py), as before the rename
    assert loaded.run.state.hash() == run.state.hash() and loaded.info.name == "Second"


def test_a_save_from_another_version_of_the_story_is_renamed_whole(engine, tmp_path):
    """Failed before: renaming rebuilt the run, so a save the changed story no longer replays exactly was refused
    ("it keeps its name"), since writing its replayed run again would have lost the rest of it."""
    store, run, path = saved(engine, tmp_path / "saves")
    folder = tmp_path / "story"
    shutil.copytree(TINY, folder)
    middle = folder / "middle.yaml"
    middle.write_text(middle.read_text().replace("      text: Shout for someone.\n      once: true\n", "      text: Shout.\n      if: false\n"))
    changed = Engine(load_story(folder))
    assert rebuild(read_save(path), changed)[1] is not None  # this save no longer replays exactly on the new story
    store.rename("4", "Kept whole")
    again = read_save(path)
    assert again.info.name == "Kept whole" and again.recording == run.recording  # every input kept, none lost


@pytest.mark.parametrize("damage", [
    lambda b: b.replace(b'"courage":', b'"courage":9', 1) if b'"courage":' in b else b + b"x",  # the snapshot edited
    lambda b: b[: len(b) // 2],  # cut off
    lambda b: b"Dear Kathy,\nthis is a letter, not a save.\n",
    lambda b: b.replace(b'"nlmg_save": 2', b'"nlmg_save": 9'),
])
def test_a_save_the_game_would_refuse_is_not_renamed_and_stays_as_it_was(engine, tmp_path, damage):
    store, _, path = saved(engine, tmp_path)
    bad = damage(path.read_bytes())
    path.write_bytes(bad)
    with pytest.raises(SaveError) as caught:
        store.rename("4", "Never")
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)
    assert path.read_bytes() == bad


@pytest.mark.parametrize("name", ['a "quoted" name', "back\\u0041slash", "\u202eright to left\x00", "---", "x" * 300, "Ruth’s"])
def test_any_name_reads_back_as_the_name_it_was_given(engine, tmp_path, name):
    store, run, path = saved(engine, tmp_path, steps=8)
    data, info = renamed(path, path.read_bytes(), name)
    assert read_save(path).recording == run.recording  # nothing written by renamed() itself
    path.write_bytes(data)
    save = read_save(path)
    assert save.info == info and save.recording == run.recording and len(info.name) <= 80
    assert "\x00" not in info.name and info.name.strip() == info.name
