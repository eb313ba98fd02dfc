"""Long runs (issue 13) and saves that diverge from their own fingerprints (issue 12).

What undo holds and what a save serialises grow with the run, never with the run times the state's
size; a load checks a save's snapshot before replaying anything and its fingerprints as it
replays, so a save that does not match them is refused by name having replayed only a little.
Work is counted (states held, inputs replayed), never timed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from game.engine import Engine, Run, load_story
from game.engine.checkpoints import CHECK_EVERY, CHECK_SHARE, CHECKPOINT_SHARE, state_size
from game.engine.loader import load_story_from_texts
from game.engine.recording import Input, Recording
from game.engine.replay import random_walk, verify
from game.engine.saves import SaveError, SaveStore, dump_save, read_save, state_digest, state_hash
from game.engine.saves.format import SEPARATOR
from game.engine.state import GameState
from tests.conftest import TINY

RING = 600


def ring_engine(scenes: int = RING) -> Engine:
    """A ring of scenes: every input enters a new one, so the state grows by a visit and a choice count an input."""
    story = "id: ring\ntitle: Ring\nstart: c0\nchapters:\n  - {title: Lane, card: A lane.}\nvariables:\n  rests: 0\nlocations: [lane]\n"
    body = "\n".join(
        f"- id: c{i}\n  chapter: Lane\n  title: Milestone {i}\n  location: lane\n  text: The lane goes on.\n  choices:\n"
        f"    - {{id: on, text: Walk on., goto: c{(i + 1) % scenes}}}\n"
        f"    - {{id: rest, text: Rest., do: [{{add: {{rests: 1}}}}]}}\n" for i in range(scenes))
    return Engine(load_story_from_texts({"story.yaml": story, "scenes.yaml": body}))


@pytest.fixture(scope="module")
def ring() -> Engine:
    return ring_engine()


@pytest.fixture(scope="module")
def tiny() -> Engine:
    return Engine(load_story(TINY))


def walk_on(engine: Engine, n: int, rest_every: int = 0) -> Recording:
    inputs = []
    scene = 0
    for i in range(n):
        if rest_every and i % rest_every == rest_every - 1:
            inputs.append(Input(f"c{scene}", "choose", "rest"))
        else:
            inputs.append(Input(f"c{scene}", "choose", "on"))
            scene = (scene + 1) % RING
    return Recording.of(engine.story, 1, inputs)


class Counting:
    """Counts the inputs the engine takes (choose and command), to show how much of a save a load replayed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.steps = 0
        for name in ("choose", "command"):
            real = getattr(Engine, name)

            def counted(engine: Engine, state: GameState, value: str, _real: Any = real, **kw: Any) -> Any:
                self.steps += 1
                return _real(engine, state, value, **kw)

            monkeypatch.setattr(Engine, name, counted)


def rewrite(path: Path, change: Any) -> None:
    """Change a save's body with `change(body)` and write it back as the game would, its state_hash made to match
    its snapshot and inputs again: a save whole and self-consistent, whose fingerprints are all that can catch it."""
    head, _, rest = path.read_text(encoding="utf-8").partition(SEPARATOR)
    header, body = json.loads(head), json.loads(rest)
    change(body)
    body["inputs"] = [Input(*i) for i in body["inputs"]]
    header["moves"] = len(body["inputs"])
    body["state_hash"] = state_hash(GameState.from_dict(body["state"]), 2, body["inputs"])
    path.write_bytes(dump_save(header, body))


# ---- what undo holds and what a save serialises ----------------------------------------------
def test_undo_holds_copies_linear_in_the_run_not_in_the_run_times_the_state(ring: Engine) -> None:
    n = 1200  # the state grows by two entries an input: copies every 16 inputs would hold about n * n / 16 entries
    run, stop = Run.replay(ring, walk_on(ring, n, rest_every=7), lazy_log=True)
    assert stop is None
    held = sum(state_size(s) for s in run.checkpoint_states().values())
    assert held <= CHECKPOINT_SHARE * n + 2 * state_size(run.state), held
    printed = sum(state_size(s) for k, s in _states_at(ring, run.recording, set(run.fingerprints())).items())
    assert printed <= CHECK_SHARE * n + 2 * state_size(run.state) * 11, printed  # and the doublings: log2(1200) < 11
    assert len(run.fingerprints()) >= 4 and all(k % CHECK_EVERY == 0 for k in run.fingerprints())


def _states_at(engine: Engine, recording: Recording, at: set[int]) -> dict[int, GameState]:
    state = engine.new_state(recording.seed)
    out = {}
    for n, inp in enumerate(recording.inputs, 1):
        engine.choose(state, inp.value)
        if n in at:
            out[n] = state.copy()
    return out


def test_undo_through_sparse_checkpoints_is_exact_and_saves_after_it_load(ring: Engine, tmp_path: Path) -> None:
    recording = walk_on(ring, 900, rest_every=5)
    run, _ = Run.replay(ring, recording)
    store = SaveStore(tmp_path)
    for back_to in (897, 700, 333, 64, 1):
        run.rewind_to(back_to)
        fresh, _ = Run.replay(ring, Recording.of(ring.story, 1, recording.inputs[:back_to]))
        assert run.state == fresh.state and run.log == fresh.log
        assert run.fingerprints() == fresh.fingerprints()
    while run.redo():
        pass
    assert run.moves == 900 and run.fingerprints() == Run.replay(ring, recording, lazy_log=True)[0].fingerprints()
    store.save(run, "1")
    loaded = store.load("1", ring)
    assert loaded.notice is None and loaded.run.state == run.state and loaded.run.log == run.log


# ---- a load checks fingerprints as it goes -----------------------------------------------------
@pytest.fixture
def long_save(tiny: Engine, tmp_path: Path) -> tuple[SaveStore, Run]:
    run = random_walk(tiny, 3, 2000, 5, avoid_endings=True, commands=False)
    assert run.moves == 2000
    store = SaveStore(tmp_path / "saves")
    store.save(run, "1")
    return store, run


def test_a_save_whose_first_fingerprint_is_wrong_is_refused_having_replayed_only_up_to_it(
    tiny: Engine, long_save: tuple[SaveStore, Run], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Failed before: the fingerprints were read only by `replay --verify`; a load replayed all 2,000 inputs and took the save."""
    store, _ = long_save
    rewrite(store.path("1"), lambda body: body["checks"][0].__setitem__(1, "0" * 16))
    counted = Counting(monkeypatch)
    with pytest.raises(SaveError) as err:
        store.load("1", tiny)
    assert counted.steps == CHECK_EVERY
    assert "1.yaml: the run no longer matches its own fingerprints: after move 64 " in str(err.value)


def test_a_save_whose_inputs_diverge_from_its_fingerprints_is_refused_early(
    ring: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One rest cut from the middle: every later input still applies, the file is whole and its state_hash matches,
    but the rests and choice counts differ from the next fingerprint on. Failed before: all 1,999 inputs were
    replayed and the save loaded, with a notice that it 'may differ a little'."""
    run, _ = Run.replay(ring, walk_on(ring, 2000, rest_every=5), lazy_log=True)
    store = SaveStore(tmp_path)
    store.save(run, "1")
    cut = next(i for i in range(300, 2000) if run.inputs[i].value == "rest")
    rewrite(store.path("1"), lambda body: body.__setitem__("inputs", body["inputs"][:cut] + body["inputs"][cut + 1:]))
    counted = Counting(monkeypatch)
    with pytest.raises(SaveError) as err:
        store.load("1", ring)
    first_check_after = min(k for k in run.fingerprints() if k > cut)
    assert counted.steps == first_check_after < 1999
    assert f"after move {first_check_after} it is not in the state the save records there" in str(err.value)
    ok, why = verify(store.path("1"), ring)
    assert not ok and why is not None and "first differs from the save's within inputs" in why


def test_a_save_whose_snapshot_does_not_match_its_fingerprint_is_refused_before_any_replay(
    tiny: Engine, long_save: tuple[SaveStore, Run], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Failed before: the whole run was replayed (18 s and 1.3 GB for a 30 MB save) before the fingerprint refused it."""
    store, _ = long_save
    path = store.path("1")
    path.write_text(path.read_text(encoding="utf-8").replace('"courage":', '"courage":1', 1), encoding="utf-8")
    counted = Counting(monkeypatch)
    with pytest.raises(SaveError, match="does not match its fingerprint"):
        store.load("1", tiny)
    assert counted.steps == 0


def test_a_changed_story_still_loads_a_long_save_with_a_notice(long_save: tuple[SaveStore, Run], tmp_path: Path) -> None:
    """Fingerprints are checked only on the story the save was made on: on a changed one, drifting is expected."""
    store, run = long_save
    folder = tmp_path / "story"
    shutil.copytree(TINY, folder)
    middle = folder / "middle.yaml"
    middle.write_text(middle.read_text().replace("add: {courage: 1}", "add: {courage: 2}"))
    loaded = store.load("1", Engine(load_story(folder)))
    assert loaded.notice is not None and "may differ" in loaded.notice and loaded.run.moves == run.moves


def test_a_save_fingerprinted_every_64_inputs_by_an_earlier_version_still_loads_and_verifies(ring: Engine, tmp_path: Path) -> None:
    """Saves written before this change list a fingerprint every 64 inputs whatever the state's size: read them exactly."""
    recording = walk_on(ring, 1000, rest_every=3)
    run, _ = Run.replay(ring, recording, lazy_log=True)
    store = SaveStore(tmp_path)
    store.save(run, "1")
    every = {k: state_digest(s) for k, s in _states_at(ring, recording, set(range(64, 1001, 64))).items()}
    assert set(run.fingerprints()) < set(every)
    rewrite(store.path("1"), lambda body: body.__setitem__("checks", [[k, p] for k, p in sorted(every.items())]))
    assert read_save(store.path("1")).checks == every
    loaded = store.load("1", ring)
    assert loaded.notice is None and loaded.run.state == run.state
    assert verify(store.path("1"), ring) == (True, None)


def test_a_save_that_leaves_out_fingerprints_the_game_keeps_is_refused_before_any_replay(
    tiny: Engine, long_save: tuple[SaveStore, Run], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without its later fingerprints a save could only be caught at its very end, after replaying all of it.
    Failed before: the 2,000 inputs were replayed and the save taken."""
    store, _ = long_save
    rewrite(store.path("1"), lambda body: body.__setitem__("checks", body["checks"][:3]))
    counted = Counting(monkeypatch)
    with pytest.raises(SaveError, match="lacks fingerprints the game keeps"):
        store.load("1", tiny)
    assert counted.steps == 0
    ok, why = verify(store.path("1"), tiny)
    assert not ok and why is not None and "lacks fingerprints" in why
