"""Saves: round trips, slots, listing, atomic writing, bad files, and saves that outlive story edits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from game.engine import Engine, Input, Run, load_story
from game.engine.replay import random_walk
from game.engine.saves import SAVE_FORMAT, Loaded, SaveError, SaveStore, read_save, slot_kind, state_hash, trust
from tests.conftest import ROOT, TINY


class Clock:
    """A clock the test moves on by a second at each save, so 'newest first' is certain."""

    def __init__(self) -> None:
        self.now = datetime(2026, 5, 1, 12, 0, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def engine() -> Engine:
    return Engine(load_story(TINY))


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "saves", clock=Clock())


def long_run(engine: Engine, steps: int = 200, walk_seed: int = 1) -> Run:
    run = random_walk(engine, seed=11, steps=steps, walk_seed=walk_seed, avoid_endings=True)
    run.command("examine the gate")  # an aside: changes nothing, but the player read it
    return run


def tiny_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    shutil.copytree(TINY, folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new))


# ---- round trips ----------------------------------------------------------------------------
def test_save_then_load_gives_the_same_state_history_and_asides(engine, store):
    run = long_run(engine)
    info = store.save(run, "1", play_seconds=75.5, name="Before the door")
    loaded = store.load("1", engine)
    assert isinstance(loaded, Loaded)
    assert loaded.notice is None
    assert loaded.run.state.hash() == run.state.hash()
    assert loaded.run.log == run.log
    assert loaded.run.asides() == run.asides() and run.asides()
    assert loaded.play_seconds == 75.5
    assert (info.slot, info.kind, info.name, info.moves) == ("1", "manual", "Before the door", run.moves)
    assert loaded.run.recording == run.recording
    assert (info.chapter, info.title) == (run.view().chapter, run.view().title)
    assert info.excerpt == run.view().paragraphs[0]
    assert info.story_id == "tiny" and info.error is None
    assert loaded.info == info


def test_a_loaded_run_goes_on_exactly_as_the_original(engine, store):
    run = long_run(engine, 40)
    store.save(run, "quick")
    loaded = store.load("quick", engine).run
    for r in (run, loaded):
        r.choose("in") if r.state.scene == "yard.gate" else r.choose("back")
        r.command("look")
    assert loaded.state.hash() == run.state.hash()
    assert loaded.log == run.log


def test_a_loaded_run_undoes_back_to_the_start(engine, store):
    run = long_run(engine, 50)
    store.save(run, "2")
    loaded = store.load("2", engine).run
    steps = 0
    while loaded.undo():
        steps += 1
    assert steps == 50
    assert loaded.state.hash() == Run(engine, 11).state.hash()
    assert loaded.log == Run(engine, 11).log


def test_saving_a_loaded_run_again_gives_the_same_file_body(engine, store):
    run = long_run(engine, 30)
    store.save(run, "1")
    store.save(store.load("1", engine).run, "2")
    one, two = (read_save(store.path(s)) for s in ("1", "2"))
    assert (one.inputs, one.asides, one.checks, one.state_hash) == (two.inputs, two.asides, two.checks, two.state_hash)


def test_the_save_file_is_json_that_yaml_reads_too_with_the_header_first(engine, store):
    run = long_run(engine, 20)
    store.save(run, "7", name="Seven")
    text = store.path("7").read_text(encoding="utf-8")
    first_line, separator, rest = text.partition("\n---\n")
    header, body = json.loads(first_line), json.loads(rest)  # the standard library alone reads it
    assert SAVE_FORMAT == 2 and separator and "\n" not in first_line
    assert header["nlmg_save"] == SAVE_FORMAT and header["name"] == "Seven" and header["story_id"] == "tiny"
    assert list(body) == ["story", "seed", "state", "inputs", "asides", "checks", "state_hash"]
    assert body["inputs"] == [list(i) for i in run.inputs] and body["asides"] == [list(a) for a in run.asides()]
    assert body["story"] == {"id": "tiny", "version": 1, "content_hash": engine.story.content_hash} and body["seed"] == 11
    assert "inputs" not in body["state"] and body["state_hash"] == state_hash(run.state, 2, run.inputs)
    first = run.inputs[0]
    assert f'\n  ["{first[0]}","{first[1]}","{first[2]}"],\n' in text  # one input a line
    assert list(yaml.safe_load_all(text)) == [header, body]  # and JSON is YAML: older readers read it too


def test_a_header_rewritten_by_hand_as_block_yaml_still_lists_and_loads(engine, store):
    run = long_run(engine, 20)
    store.save(run, "6", name="json")
    text = store.path("6").read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    header = next(yaml.safe_load_all(head))
    header["name"] = "edited: by hand"
    store.path("6").write_text(yaml.safe_dump(header, sort_keys=False) + "---\n" + body, encoding="utf-8")
    assert "{" not in store.path("6").read_text(encoding="utf-8").split("---")[0]
    (info,) = store.list()
    assert info.error is None and info.name == "edited: by hand"
    assert store.load("6", engine).run.state.hash() == run.state.hash()


def test_header_text_is_kept_to_one_printable_line(engine, store):
    info = store.save(Run(engine, 1), "1", name="a\tname\nwith\x85 breaks\x00 \ud800 and a very long tail " + "x" * 200)
    assert info.name.startswith("a name with breaks ? and a very long tail") and len(info.name) == 80
    assert store.list()[0].name == info.name
    assert store.load("1", engine).info.name == info.name


def test_inputs_that_do_not_fit_on_a_line_are_kept_exactly(engine, store):
    run = Run(engine, 3)
    outcome = run.command("take\tthe   stone")  # a tab: format 1 wrote such an input as a list
    assert outcome.recorded
    run.command("examine the gate: #1 'quoted' \"twice\" — ünïcödé\u2028")
    store.save(run, "1")
    loaded = store.load("1", engine).run
    assert loaded.inputs == run.inputs == [Input("yard.gate", "command", "take\tthe   stone")]
    assert loaded.asides() == run.asides()
    assert loaded.state.hash() == run.state.hash()


def test_an_ended_run_saves_and_loads(engine, store):
    run = Run(engine, 5)
    run.choose("leave")
    assert run.ended
    info = store.save(run, "3")
    loaded = store.load("3", engine)
    assert loaded.run.ended and loaded.run.state.hash() == run.state.hash()
    assert info.title == "The end of the lane"


def test_load_takes_a_path_as_well_as_a_slot(engine, store, tmp_path):
    run = long_run(engine, 10)
    store.save(run, "4")
    elsewhere = tmp_path / "copied.yaml"
    shutil.copy(store.path("4"), elsewhere)
    assert store.load(elsewhere, engine).run.state.hash() == run.state.hash()
    assert store.load(str(elsewhere), engine).run.state.hash() == run.state.hash()


def test_load_finds_a_save_by_its_name(engine, store):
    run = long_run(engine, 10)
    store.save(run, "12", name="By the Bench")
    assert store.load("by the bench", engine).info.slot == "12"


# ---- slots and listing ----------------------------------------------------------------------
def test_slot_names():
    assert [slot_kind(s) for s in ("1", "99", "quick", "auto-1", "auto-3")] == ["manual", "manual", "quick", "auto", "auto"]
    assert [slot_kind(s) for s in ("0", "100", "01", "auto-4", "auto-0", "x", "", "../1", "1.yaml")] == [None] * 9


@pytest.mark.parametrize("slot", ["0", "100", "../escape", "auto-4", "name with spaces", ""])
def test_saving_to_a_slot_that_is_not_one_is_refused(engine, store, slot):
    with pytest.raises(SaveError, match="is not a slot"):
        store.save(Run(engine, 1), slot)
    assert not (store.folder.parent / "escape.yaml").exists()


def test_autosaves_keep_the_last_three_newest_in_auto_1(engine, store):
    run = Run(engine, 1)
    moves = []
    for _ in range(5):
        run.choose("in") if run.state.scene == "yard.gate" else run.choose("back")
        store.autosave(run, play_seconds=len(moves))
        moves.append(run.moves)
    infos = {i.slot: i for i in store.list()}
    assert sorted(infos) == ["auto-1", "auto-2", "auto-3"]
    assert [infos[s].moves for s in ("auto-1", "auto-2", "auto-3")] == [5, 4, 3]
    assert all(infos[s].kind == "auto" for s in infos)
    assert store.load("auto-3", engine).run.inputs == run.inputs[:3]


def test_list_is_newest_first_and_latest_is_the_newest_good_save(engine, store):
    run = Run(engine, 1)
    store.save(run, "1")
    run.choose("in")
    store.quicksave(run)
    run.choose("back")
    store.save(run, "2")
    assert [i.slot for i in store.list()] == ["2", "quick", "1"]
    assert store.latest().slot == "2"
    store.path("2").write_text("nlmg_save: 1\n")  # broken, and now the newest file
    assert store.latest().slot == "quick"
    assert {i.slot: i.error is not None for i in store.list()} == {"1": False, "quick": False, "2": True}


def test_an_empty_or_missing_folder_lists_nothing(tmp_path):
    assert SaveStore(tmp_path / "none").list() == []
    assert SaveStore(tmp_path / "none").latest() is None


def test_broken_saves_still_list_with_their_error_and_the_others_load(engine, store):
    run = long_run(engine, 20)
    store.save(run, "1")
    store.save(run, "2")
    good = store.path("1").read_bytes()
    store.path("3").write_bytes(good[: len(good) // 2])  # cut off mid-body
    store.path("4").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    store.path("5").write_text("- just\n- a list\n")
    (store.folder / "notes.txt").write_text("not a save, not listed")
    infos = {i.slot: i for i in store.list()}
    assert set(infos) == {"1", "2", "3", "4", "5"}
    assert infos["1"].error is None and infos["2"].error is None
    assert "cut off" in infos["3"].error and "3.yaml" in infos["3"].error
    assert "4.yaml" in infos["4"].error and "5.yaml" in infos["5"].error
    assert "not a Never Let Me Go save" in infos["5"].error
    assert store.load("1", engine).run.state.hash() == run.state.hash()


def test_the_listing_cache_follows_changes_and_survives_being_garbage(engine, store):
    run = Run(engine, 1)
    store.save(run, "1", name="first")
    assert [i.name for i in store.list()] == ["first"]
    assert (store.folder / ".index.json").exists()
    store.save(run, "1", name="second")
    assert [i.name for i in store.list()] == ["second"]
    (store.folder / ".index.json").write_text('{"format": 1, "saves": {"1.yaml": [0, 0, ["x"]], "zz": 5}}')
    assert [i.name for i in store.list()] == ["second"]
    (store.folder / ".index.json").write_bytes(b"\xff\x00garbage")
    assert [i.name for i in store.list()] == ["second"]
    store.path("1").unlink()
    assert store.list() == []


def test_delete(engine, store):
    store.save(Run(engine, 1), "9")
    store.delete("9")
    assert not store.path("9").exists()
    with pytest.raises(SaveError, match="no save here"):
        store.delete("9")


def test_delete_never_touches_files_outside_the_folder(engine, store, tmp_path):
    outside = tmp_path / "precious.yaml"
    outside.write_text("keep me")
    store.save(Run(engine, 1), "1")
    for target in (str(outside), "../precious.yaml", str(store.folder / ".." / "precious.yaml")):
        with pytest.raises(SaveError, match="can be deleted here"):
            store.delete(target)
    assert outside.read_text() == "keep me"
    store.delete(str(store.path("1")))  # a path inside the folder is fine
    assert store.list() == []


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-14:00", "2026-05-01"])
def test_strange_but_valid_dates_list_and_sort(engine, store, when):
    store.save(Run(engine, 1), "1")
    store.save(Run(engine, 2), "2")
    data = store.path("1").read_text(encoding="utf-8")
    saved_at = yaml.safe_load(data.split("\n---\n")[0])["saved_at"]
    store.path("1").write_text(data.replace(saved_at, when), encoding="utf-8")
    assert {i.slot: i.error for i in store.list()} == {"1": None, "2": None}
    assert store.load("1", engine).info.saved_at == when


# ---- atomic writing -------------------------------------------------------------------------
def test_a_crash_between_write_and_replace_leaves_the_old_save_whole(engine, store, monkeypatch):
    old = Run(engine, 1)
    store.save(old, "1", name="old")
    before = store.path("1").read_bytes()

    def crash(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(SaveError) as err:
        store.save(long_run(engine, 30), "1", name="new")
    assert "1.yaml" in str(err.value) and "unchanged" in str(err.value)
    monkeypatch.undo()
    assert store.path("1").read_bytes() == before
    assert [p.name for p in store.folder.iterdir() if p.name.endswith(".tmp")] == []
    assert store.load("1", engine).run.state.hash() == old.state.hash()


def test_a_full_disk_leaves_the_old_save_whole(engine, store, monkeypatch):
    store.save(Run(engine, 1), "quick")
    before = store.path("quick").read_bytes()

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SaveError, match="No space left"):
        store.quicksave(long_run(engine, 30))
    monkeypatch.undo()
    assert store.path("quick").read_bytes() == before
    assert [p.name for p in store.folder.iterdir() if p.name.endswith(".tmp")] == []


# ---- saves that outlive story edits ---------------------------------------------------------
def test_a_text_edit_changes_nothing_and_says_nothing(engine, store, tmp_path):
    run = long_run(engine, 60)
    store.save(run, "1")
    folder = tiny_copy(tmp_path)
    edit(folder, "middle.yaml", "There is a bench.", "There is a wooden bench.")
    loaded = store.load("1", Engine(load_story(folder)))
    assert loaded.notice is None
    assert loaded.run.state.hash() == run.state.hash()
    assert any("wooden bench" in e.text for e in loaded.run.log)


def test_a_renamed_choice_stops_the_run_just_before_it_and_says_so(engine, store, tmp_path):
    run = Run(engine, 4)
    for option in ("in", "back", "in", "shout", "back"):
        assert run.choose(option).recorded
    store.save(run, "1")
    folder = tiny_copy(tmp_path)
    edit(folder, "middle.yaml", "id: shout", "id: call")
    loaded = store.load("1", Engine(load_story(folder)))
    assert loaded.notice == (
        "The story has changed since this save: at move 4, the choice 'shout' is no longer in 'yard.middle', "
        "so the run stops just before it."
    )
    assert loaded.run.inputs == run.inputs[:3]
    assert loaded.run.state.scene == "yard.middle"
    assert loaded.run.undo() and loaded.run.inputs == run.inputs[:2]


def test_a_removed_scene_stops_the_run_where_it_was_entered(engine, store, tmp_path):
    run = Run(engine, 4)
    for option in ("in", "back", "in"):
        run.choose(option)
    store.save(run, "1")
    folder = tiny_copy(tmp_path)
    edit(folder, "yard.yaml", "    goto: yard.middle\n", "    goto: lane.end\n")
    text = (folder / "middle.yaml").read_text()
    (folder / "middle.yaml").write_text(text[text.index("- id: lane.end"):])
    loaded = store.load("1", Engine(load_story(folder)))
    assert loaded.notice is not None and loaded.notice.startswith("The story has changed since this save: at move 2,")
    assert "'yard.middle' is no longer in the story" in loaded.notice
    assert loaded.run.inputs == [Input("yard.gate", "choose", "in")]
    assert loaded.run.state.scene == "lane.end"


def test_a_changed_effect_replays_and_says_the_run_may_differ(engine, store, tmp_path):
    run = long_run(engine, 30)
    store.save(run, "1")
    folder = tiny_copy(tmp_path)
    edit(folder, "middle.yaml", "add: {courage: 1}", "add: {courage: 2}")
    loaded = store.load("1", Engine(load_story(folder)))
    assert loaded.notice is not None and "may differ" in loaded.notice
    assert loaded.run.inputs == run.inputs
    assert loaded.run.state.vars["courage"] > run.state.vars["courage"]


def test_the_same_story_played_differently_by_the_engine_is_told_not_hidden(engine, store, monkeypatch):
    run = Run(engine, 2)
    for option in ("in", "shout", "back", "in"):
        run.choose(option)
    store.save(run, "1")
    real_choose = Engine.choose

    def changed_engine(self, state, option_id):  # as if a new game version refused shouting
        if option_id == "shout":
            return real_choose(self, state, "no-such-choice")
        return real_choose(self, state, option_id)

    monkeypatch.setattr(Engine, "choose", changed_engine)
    monkeypatch.setattr(trust, "code_fingerprint", lambda: "another version of the engine")
    loaded = store.load("1", engine)
    assert loaded.notice is not None and loaded.notice.startswith("This save does not replay exactly in this version of the game: at move 2")
    assert loaded.run.inputs == run.inputs[:1]


def test_the_save_modules_never_import_pygame_or_front_ends():
    code = (
        "import sys, game.engine.saves, game.engine.replay\n"
        "bad = [m for m in sys.modules if m.startswith(('pygame', 'game.frontends', 'game.tools'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
