"""A save this store wrote loads from its snapshot and is replayed later; every other save is replayed before it loads."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from game.engine import Engine, Run, load_story, loadcache
from game.engine import run as run_module
from game.engine.recording import Input
from game.engine.replay import random_walk
from game.engine.saves import SaveStore, read_save, state_hash, trust
from game.engine.saves.format import SEPARATOR, _input_texts
from game.engine.state import canonical_json
from tests.conftest import TINY


@pytest.fixture
def engine() -> Engine:
    return Engine(load_story(TINY))


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "saves")


class Steps:
    """Counts the engine's steps: how a test tells a replay from a restore."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = run_module.apply_input

        def counted(engine: Engine, state, inp):  # type: ignore[no-untyped-def]
            self.count += 1
            return real(engine, state, inp)

        monkeypatch.setattr(run_module, "apply_input", counted)


def walked(engine: Engine, steps: int = 120) -> Run:
    run = random_walk(engine, seed=5, steps=steps, walk_seed=3, avoid_endings=True)
    run.command("examine the gate")
    return run


def edited(path: Path, run: Run) -> None:
    """A variable of the save's state changed, and its fingerprint made to match, as a careful hand would."""
    head, _, body = path.read_text().partition(SEPARATOR)
    data = json.loads(body)
    state = read_save(path).state
    state.vars["rested"] = 99
    data["state"]["vars"]["rested"] = 99
    data["state_hash"] = state_hash(state, 2, run.inputs)
    path.write_text(head + SEPARATOR + json.dumps(data))


def test_own_save_loads_without_a_replay_and_the_first_need_rebuilds_it_exactly(engine, store, monkeypatch):
    run = walked(engine)
    store.save(run, "1")
    steps = Steps(monkeypatch)
    loaded = store.load("1", engine)
    assert steps.count == 0 and loaded.notice is None
    assert loaded.run.state == run.state and loaded.run.inputs == run.inputs
    assert loaded.run.fingerprints() == run.fingerprints()  # saved again at once, it writes the same checks
    assert loaded.run.log == run.log  # the first need: the replay happens now
    assert steps.count >= run.moves
    full, _ = Run.replay(engine, run.recording, asides=run.asides())
    assert loaded.run.checkpoint_states() == full.checkpoint_states()
    assert loaded.run.fingerprints() == full.fingerprints()


def test_own_save_undoes_to_the_start_and_goes_on_as_the_original(engine, store):
    run = walked(engine, 60)
    store.save(run, "quick")
    again = store.load("quick", engine).run
    other = store.load("quick", engine).run
    for r in (run, again):
        r.choose("in") if r.state.scene == "yard.gate" else r.choose("back")
        r.command("look")
    assert again.state.hash() == run.state.hash() and again.log == run.log
    moves = 0
    while other.undo():
        moves += 1
    assert moves == 60 and other.state == Run(engine, 5).state


def test_a_save_copied_in_is_replayed_before_it_loads(engine, store, tmp_path, monkeypatch):
    run = walked(engine)
    store.save(run, "1")
    elsewhere = SaveStore(tmp_path / "elsewhere")
    elsewhere.folder.mkdir()
    shutil.copy(store.path("1"), elsewhere.path("2"))
    steps = Steps(monkeypatch)
    loaded = elsewhere.load("2", engine)
    assert steps.count == run.moves and loaded.run.state == run.state


def test_a_save_edited_by_hand_is_replayed_as_before(engine, store, monkeypatch):
    run = walked(engine)
    store.save(run, "1")
    path = store.path("1")
    edited(path, run)
    steps = Steps(monkeypatch)
    loaded = store.load("1", engine)
    assert steps.count == run.moves
    assert loaded.notice is not None and "does not replay exactly" in loaded.notice
    assert loaded.run.state == run.state  # the state its inputs reach, not the one written in


def test_another_engine_or_story_version_replays(engine, store, tmp_path, monkeypatch):
    run = walked(engine)
    store.save(run, "1")
    steps = Steps(monkeypatch)
    monkeypatch.setattr(trust, "code_fingerprint", lambda: "another version of the engine")
    assert store.load("1", engine).notice is None and steps.count == run.moves
    monkeypatch.undo()
    folder = tmp_path / "story"
    shutil.copytree(TINY, folder)
    (folder / "story.yaml").write_text((folder / "story.yaml").read_text() + "\n# an edit\n")
    changed = Engine(load_story(folder))
    assert changed.story.content_hash != engine.story.content_hash
    steps = Steps(monkeypatch)
    store.load("1", changed)
    assert steps.count == run.moves


def test_a_garbage_record_costs_only_speed(engine, store, monkeypatch):
    run = walked(engine)
    store.save(run, "1")
    for garbage in ("", "{", "[1, 2]", '{"engine": 3, "saves": "x"}', "\x00" * 5000):
        (store.folder / trust.TRUST_FILE).write_text(garbage)
        steps = Steps(monkeypatch)
        loaded = store.load("1", engine)
        assert steps.count == run.moves and loaded.run.state == run.state
        monkeypatch.undo()
    store.save(run, "2")  # a save mends the record
    steps = Steps(monkeypatch)
    store.load("2", engine)
    assert steps.count == 0


def test_a_forged_record_gains_nothing_once_the_run_is_replayed(engine, store):
    """Write access to the saves folder can make a state its inputs do not reach load at once: the first replay puts it right."""
    run = walked(engine)
    store.save(run, "1")
    path = store.path("1")
    edited(path, run)
    trust.Trust(store.folder).add(path.read_bytes())
    loaded = store.load("1", engine).run
    assert loaded.state.vars["rested"] == 99
    assert loaded.log  # read: the first replay
    assert loaded.state == run.state


def test_the_fast_fingerprint_text_is_the_canonical_json_exactly():
    state = Run(Engine(load_story(TINY)), 3).state
    for texts in (["a", "choose", "b"], ["yard.gate", "command", "examine the gate"], ["x", "command", 'say "hi"'],
                  ["x", "command", "back\\slash"], ["x", "command", "caf\u00e9"], ["x", "command", "tab\there"],
                  ["x", "command", "del\x7f"], ["x", "command", "a/b <c> & 'd'"]):
        inputs = [Input(*texts), Input("s", "choose", "on")]
        lines, listed = _input_texts(inputs)
        assert lines == [json.dumps(list(i), ensure_ascii=False, separators=(",", ":")) for i in inputs]
        assert listed is None or listed == canonical_json(inputs)
        want = json.dumps({"state": state.to_dict(), "inputs": inputs}, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        assert state_hash(state, 2, inputs) == hashlib.sha256(want.encode("ascii")).hexdigest()
    assert _input_texts([]) == ([], "[]")
    assert _input_texts([Input("a", "choose", "b")]) == (['["a","choose","b"]'], '[["a","choose","b"]]')


def test_any_file_of_the_engine_changes_its_fingerprint(tmp_path, monkeypatch):
    """A word list or a saves module is as much the engine as engine.py: saves written before such a change replay,
    and story caches it wrote are read again."""
    engine_copy = tmp_path / "engine"
    shutil.copytree(loadcache.ENGINE, engine_copy, ignore=shutil.ignore_patterns("__pycache__"))

    def fresh() -> str:
        monkeypatch.setattr(loadcache, "_sources", {})
        return loadcache.source_fingerprint(engine_copy)

    before = fresh()
    assert fresh() == before == loadcache.code_fingerprint()  # the same files anywhere: where they are does not count
    (engine_copy / "saves" / "words.txt").write_text("door\n")
    with_data = fresh()
    (engine_copy / "saves" / "trust.py").write_text((engine_copy / "saves" / "trust.py").read_text() + "\n# changed\n")
    (engine_copy / "engine.py").write_text((engine_copy / "engine.py").read_text() + "\n# changed\n")
    assert len({before, with_data, fresh()}) == 3


def test_a_save_file_is_the_bytes_of_its_documents_with_the_state_as_its_fingerprint_reads_it(engine):
    """save_file serialises the state and inputs once for the file and the fingerprint: the same bytes and hash as
    the plain documents give, for plain runs and for texts that need escaping or lie beyond ASCII."""
    from game.engine.saves import dump_save, encode_save
    from game.engine.saves.format import save_file

    for seed, extra in ((1, None), (2, "caf\u00e9 \u201cquoted\u201d"), (3, 'say "hi" \\ back\tslash\x7f')):
        run = random_walk(engine, seed, 12)
        if extra is not None:
            run.state.vars["note"] = extra
            run.recording.inputs.append(Input(run.state.scene, "command", extra))
        header, data = save_file(run, "manual", "2026-05-01T12:00:00+00:00", 3.0, "mine")
        assert (header, data) == (lambda h, b: (h, dump_save(h, b)))(*encode_save(run, "manual", "2026-05-01T12:00:00+00:00", 3.0, "mine"))
        body = json.loads(data.decode("utf-8").partition(SEPARATOR)[2])
        assert body["state_hash"] == state_hash(run.state, 2, run.recording.inputs)
        state_line = next(line for line in data.decode("utf-8").splitlines() if line.startswith(' "state": '))
        assert state_line.removeprefix(' "state": ').rstrip(",") == json.dumps(
            run.state.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
