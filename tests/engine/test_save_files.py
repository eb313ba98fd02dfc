"""Save files on disk, in both formats the game reads: every kind of bad file refused by name with its reason, and real
format-1 saves (written by the game before format 2, kept in tests/fixtures/saves-format1) still loading exactly."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine import Engine, Input, Run, load_story
from game.engine.replay import random_walk, verify
from game.engine.saves import SaveError, SaveStore, read_save
from tests.conftest import FIXTURES, TINY

FORMAT1 = FIXTURES / "saves-format1"
EXPECTED = json.loads((FORMAT1 / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def engine() -> Engine:
    return Engine(load_story(TINY))


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "saves")


def long_run(engine: Engine, steps: int = 40) -> Run:
    run = random_walk(engine, seed=11, steps=steps, walk_seed=1, avoid_endings=True)
    run.command("examine the gate")
    return run


def swap(data: bytes, old: str, new: str) -> bytes:
    assert old.encode() in data, old
    return data.replace(old.encode(), new.encode(), 1)


Bad = dict[str, tuple[Callable[[bytes], bytes], str]]
ANY_FORMAT: Bad = {
    "empty": (lambda g: b"", "empty"),
    "blank": (lambda g: b"  \n\n", "empty"),
    "binary": (lambda g: bytes(range(256)) * 4, "not UTF-8"),
    "not yaml": (lambda g: b"nlmg_save: 1\n  bad: [unclosed\n", "not valid YAML at line"),
    "a list": (lambda g: b"- 1\n- 2\n", "not a Never Let Me Go save"),
    "a scene file": (lambda g: (TINY / "middle.yaml").read_bytes(), "not a Never Let Me Go save"),
    "header only": (lambda g: g[: g.index(b"\n---") + 1], "cut off after its header"),
    "three documents": (lambda g: g + b"---\nmore: 1\n", "this file has 3"),
    "many aliases": (lambda g: b"a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c, *c]\n", "no 'nlmg_save' header"),
    "deep nesting": (lambda g: b"nlmg_save: " + b"[" * 5000 + b"]" * 5000 + b"\n", "not valid YAML"),
    "json nested deep": (lambda g: b'{"nlmg_save": ' + b"[" * 100000 + b"]" * 100000 + b"}\n---\n{}\n", "not"),
}
FORMAT_2: Bad = {
    **ANY_FORMAT,
    "cut off in the inputs": (lambda g: g[: g.index(b'"inputs"') + 40], "not valid JSON at line 8"),
    "cut off in the hash": (lambda g: g[:-20], "cut off"),
    "newer format": (lambda g: swap(g, '"nlmg_save": 2', '"nlmg_save": 3'), "newer version of the game"),
    "format not a number": (lambda g: swap(g, '"nlmg_save": 2', '"nlmg_save": "two"'), "save format 'two'"),
    "format zero": (lambda g: swap(g, '"nlmg_save": 2', '"nlmg_save": 0'), "save format 0"),
    "bad date": (lambda g: swap(g, '"saved_at": "2026', '"saved_at": "tuesday'), "not a date"),
    "python tag": (lambda g: swap(g, '"seed": 11,', "\"seed\": !!python/object/apply:os.system ['echo hi'],"), "not valid"),
    "seed is text": (lambda g: swap(g, '"seed": 11,', '"seed": "eleven",'), "'seed' should be a int"),
    "state is a list": (lambda g: swap(g, '"state": {', '"state": [], "x": {'), "'state' should be a dict"),
    "negative rng": (lambda g: swap(g, '"rng":', '"rng":-'), "'rng' is out of range"),
    "state with inputs": (lambda g: swap(g, '"state": {', '"state": {"inputs": [], '), "repeats 'inputs'"),
    "edited variable": (lambda g: swap(g, '"courage":', '"courage":9'), "does not match its fingerprint"),
    "edited input": (lambda g: swap(g, '["yard.gate","choose","in"]', '["yard.gate","choose","leave"]'), "does not match its fingerprint"),
    "bad input kind": (lambda g: swap(g, '["yard.gate","choose","in"]', '["yard.gate","jump","in"]'), "input 1 is not"),
    "input not three texts": (lambda g: swap(g, '["yard.gate","choose","in"]', '["yard.gate","choose",1]'), "input 1 is not"),
    "no story": (lambda g: swap(g, '"story": {', '"stori": {'), "'story' is missing"),
    "aside beyond the run": (lambda g: swap(g, '"asides": [[', '"asides": [[9999'), "asides"),
    "check beyond the run": (lambda g: swap(g, '"checks": [', '"checks": [[500, "x"], '), "checks"),
    "seed differs from the state's": (lambda g: swap(g, '"seed": 11,\n', '"seed": 12,\n'), "is not the run's seed"),
}
FORMAT_1: Bad = {
    **ANY_FORMAT,
    "cut off in the inputs": (lambda g: g[: g.index(b"inputs:") + 40], "'state_hash' is missing"),
    "cut off in the hash": (lambda g: g[:-20], "not a fingerprint"),
    "format not a number": (lambda g: swap(g, '"nlmg_save": 1', '"nlmg_save": "one"'), "save format 'one'"),
    "bad date": (lambda g: swap(g, '"saved_at": "2026', '"saved_at": "tuesday'), "not a date"),
    "python tag": (lambda g: swap(g, "seed: 11", "seed: !!python/object/apply:os.system ['echo hi']"), "not valid YAML"),
    "seed is text": (lambda g: swap(g, "seed: 11", "seed: eleven"), "'seed' should be a int"),
    "state is a list": (lambda g: swap(g, "state:\n", "state: []\nx:\n"), "'state' should be a dict"),
    "negative rng": (lambda g: swap(g, "rng: ", "rng: -"), "'rng' is out of range"),
    "edited variable": (lambda g: swap(g, "courage: ", "courage: 9"), "does not match its fingerprint"),
    "edited input": (lambda g: swap(g, "yard.gate choose in\n", "yard.gate choose leave\n"), "does not match its fingerprint"),
    "bad input kind": (lambda g: swap(g, "yard.gate choose in\n", "yard.gate jump in\n"), "input line 1 is not"),
    "no story": (lambda g: swap(g, "story:\n", "stori:\n"), "'story' is missing"),
    "aside beyond the run": (lambda g: swap(g, "asides: |\n  ", "asides: |\n  9999"), "asides"),
    "checks not a mapping": (lambda g: swap(g, "checks: {}", "checks: []") if b"checks: {}" in g else swap(g, "checks:\n", "checks: 7\nx:\n"), "'checks' should be a dict"),
    "seed differs from the state's": (lambda g: swap(g, "seed: 11\nstate:", "seed: 12\nstate:"), "is not the run's seed"),
}


def refused(store: SaveStore, engine: Engine, data: bytes, reason: str) -> None:
    store.path("2").write_bytes(data)
    with pytest.raises(SaveError) as err:
        store.load("2", engine)
    message = str(err.value)
    assert message.startswith(str(store.path("2")) + ": "), message
    assert reason in message, message
    assert "\n" not in message
    assert store.load("1", engine).notice is None  # the good slot beside it still loads
    assert any(i.slot == "2" for i in store.list())  # and the bad one still lists
    ok, why = verify(store.path("2"), engine)
    assert not ok and why is not None and why.startswith(str(store.path("2")))


@pytest.mark.parametrize("case", sorted(FORMAT_2))
def test_every_kind_of_bad_save_is_refused_with_the_file_and_reason(engine, store, case):
    store.save(long_run(engine), "1")
    make, reason = FORMAT_2[case]
    refused(store, engine, make(store.path("1").read_bytes()), reason)


@pytest.mark.parametrize("case", sorted(FORMAT_1))
def test_every_kind_of_bad_format_1_save_is_refused_too(engine, store, case):
    store.folder.mkdir(parents=True)
    shutil.copy(FORMAT1 / "1.yaml", store.path("1"))
    make, reason = FORMAT_1[case]
    refused(store, engine, make(store.path("1").read_bytes()), reason)


def test_the_format_1_newer_format_case_reads_as_a_newer_game(engine, store):
    store.folder.mkdir(parents=True)
    shutil.copy(FORMAT1 / "1.yaml", store.path("1"))
    refused(store, engine, swap(store.path("1").read_bytes(), '"nlmg_save": 1', '"nlmg_save": 3'), "newer version of the game")


# ---- real format-1 saves --------------------------------------------------------------------
@pytest.mark.parametrize("slot", sorted(EXPECTED))
def test_format_1_saves_load_and_verify_exactly(engine, tmp_path, slot):
    store = SaveStore(tmp_path / "saves")
    shutil.copytree(FORMAT1, store.folder)
    want = EXPECTED[slot]
    loaded = store.load(slot, engine)
    assert loaded.notice is None
    state = loaded.run.state.to_dict()
    assert {k: v for k, v in state.items() if k != "format"} == {k: v for k, v in want["state"].items() if k != "format"}
    assert [list(i) for i in loaded.run.inputs] == want["inputs"]
    assert [list(a) for a in loaded.run.asides()] == want["asides"]
    assert hashlib.sha256(loaded.run.transcript().encode()).hexdigest() == want["transcript_sha256"]
    assert loaded.run.view().title == want["view_title"]
    assert loaded.info.moves == len(want["inputs"]) and loaded.info.error is None
    assert read_save(store.path(slot)).format == 1
    assert verify(store.path(slot), engine) == (True, None)


def test_format_1_saves_list_and_a_resave_is_format_2_with_the_same_run(engine, tmp_path):
    store = SaveStore(tmp_path / "saves")
    shutil.copytree(FORMAT1, store.folder)
    infos = {i.slot: i for i in store.list()}
    assert set(infos) == set(EXPECTED) and all(i.error is None for i in infos.values())
    assert infos["1"].name == "Before the door" and infos["1"].play_seconds == 75.5 and infos["auto-1"].moves == 1000
    old = store.load("auto-1", engine)
    store.save(old.run, "5", old.play_seconds, "again")
    again = read_save(store.path("5"))
    assert again.format == 2 and again.recording == old.run.recording and again.asides == old.run.asides()
    new = store.load("5", engine)
    assert new.notice is None and new.run.state == old.run.state and new.run.log == old.run.log
    assert verify(store.path("5"), engine) == (True, None)


def test_a_format_1_input_edited_by_hand_is_still_caught(engine, tmp_path):
    store = SaveStore(tmp_path / "saves")
    shutil.copytree(FORMAT1, store.folder)
    data = store.path("quick").read_bytes()
    store.path("quick").write_bytes(swap(data, "yard.middle choose shout\n", "yard.middle choose sit\n"))
    with pytest.raises(SaveError, match="does not match its fingerprint"):
        store.load("quick", engine)


def test_inputs_come_back_as_inputs_in_both_formats(engine, store):
    run = Run(engine, 4)
    for option in ("in", "back"):
        run.choose(option)
    store.save(run, "1")
    assert read_save(store.path("1")).inputs == [Input("yard.gate", "choose", "in"), Input("yard.middle", "choose", "back")]
    assert all(type(i) is Input for i in read_save(FORMAT1 / "1.yaml").inputs)
