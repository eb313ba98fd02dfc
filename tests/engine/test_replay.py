"""Replay: the steps model the window draws, verify on random walks (tiny and the real story), and what verify says when a run drifts."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from game import paths
from game.engine import Engine, Recording, Run, load_story
from game.engine.replay import ReplayModel, build_steps, describe_difference, random_walk, verify
from game.engine.saves import SaveError, SaveStore, read_save
from tests.conftest import TINY


def stories() -> list:
    """The tiny fixture always; the game's own story as soon as it exists in scenes/."""
    found = [pytest.param(TINY, 25, id="tiny")]
    real = paths.scenes_dir()
    if (real / "story.yaml").is_file():
        found.append(pytest.param(real, 12, id="real-story"))
    return found


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_story(TINY))


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "saves", clock=lambda: datetime(2026, 5, 1, tzinfo=timezone.utc))


def tiny_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    shutil.copytree(TINY, folder)
    return folder


# ---- verify on random walks -----------------------------------------------------------------
@pytest.mark.parametrize("folder, walks", stories())
def test_random_walks_save_load_and_verify_exactly(folder, walks, tmp_path):
    engine = Engine(load_story(folder))
    store = SaveStore(tmp_path / "saves")
    for walk in range(walks):
        run = random_walk(engine, seed=walk, steps=150, walk_seed=walk)
        store.save(run, "1")
        assert verify(store.path("1"), engine) == (True, None), walk
        loaded = store.load("1", engine)
        assert loaded.notice is None and loaded.run.state.hash() == run.state.hash()
        assert loaded.run.log == run.log
        if walk % 5 == 0:  # the steps model replays once more: every fifth walk is enough
            model = ReplayModel.from_save(store.path("1"), engine)
            assert model.stop is None
            assert sum(1 for s in model.steps if s.taken is not None and s.taken.changed) == run.moves


# ---- the steps model ------------------------------------------------------------------------
def test_steps_follow_the_run_and_highlight_what_was_taken(engine, store):
    run = Run(engine, 1)
    run.choose("in")
    run.command("examine bench")  # an aside
    run.command("sit")  # a typed action
    run.choose("back")
    run.command("lift the stone")
    run.choose("in")
    run.choose("door")
    store.save(run, "1")
    model = ReplayModel.from_save(store.path("1"), engine)
    steps = model.steps
    assert len(model) == run.moves + len(run.asides()) + 1 == 8
    taken = [(s.taken.kind, s.taken.value, s.taken.changed) for s in steps[:-1]]
    assert taken == [
        ("choose", "in", True), ("command", "examine bench", False), ("command", "sit", True), ("choose", "back", True),
        ("command", "lift the stone", True), ("choose", "in", True), ("choose", "door", True),
        ]
    first = steps[0]
    assert first.title == "The gate" and first.new_scene and first.new_chapter and first.moves == 0
    assert first.options[first.taken.option_index].id == "in"
    assert first.taken.text == "Go into the yard."
    assert steps[1].scene == "yard.middle" and steps[1].new_scene and not steps[1].new_chapter
    assert steps[2].replies and not steps[2].new_scene  # what the look said, then the same scene
    assert steps[3].replies == ("I sit for a while on the bench.",)
    assert steps[4].title == "The gate" and "I have been here before." in steps[4].paragraphs
    door = steps[6]
    assert door.options[door.taken.option_index].text == "Unlock the door." and door.options[door.taken.option_index].enabled
    last = steps[-1]
    assert last.taken is None and last.ending == "Home" and last.options == () and last.new_chapter
    assert last.moves == run.moves


def test_moving_through_the_steps(engine):
    run = random_walk(engine, 1, 10, 3, avoid_endings=True)
    model = ReplayModel.from_run(run)
    assert model.at_start and not model.back()
    n = 0
    while model.forward():
        n += 1
    assert n == len(model) - 1 and model.at_end and not model.forward()
    assert model.back() and model.position == len(model) - 2
    assert model.seek(-5).index == 0 and model.seek(10_000).index == len(model) - 1
    assert model.transcript() == run.transcript()


def test_a_replay_of_a_save_made_before_a_story_edit_stops_and_says_why(engine, store, tmp_path):
    run = Run(engine, 4)
    for option in ("in", "back", "in", "shout", "back"):
        run.choose(option)
    store.save(run, "1")
    folder = tiny_copy(tmp_path)
    text = (folder / "middle.yaml").read_text()
    (folder / "middle.yaml").write_text(text.replace("id: shout", "id: call"))
    model = ReplayModel.from_save(store.path("1"), Engine(load_story(folder)))
    assert model.stop is not None and model.stop.index == 3
    assert "'shout'" in model.notice
    assert len(model) == 4 and model.steps[-1].taken is None and model.steps[-1].scene == "yard.middle"


def test_from_save_refuses_a_bad_file(engine, store):
    store.path("1").parent.mkdir(parents=True)
    store.path("1").write_text("hello: world\n")
    with pytest.raises(SaveError, match="not a Never Let Me Go save"):
        ReplayModel.from_save(store.path("1"), engine)


def test_build_steps_without_inputs_is_one_step(engine):
    steps, stop = build_steps(engine, Recording.of(engine.story, 1))
    assert stop is None and len(steps) == 1 and steps[0].taken is None and steps[0].title == "The gate"


# ---- what verify says ----------------------------------------------------------------------
def test_verify_names_the_first_input_that_no_longer_applies(engine, store, tmp_path):
    run = Run(engine, 4)
    for option in ("in", "back", "in", "shout", "back"):
        run.choose(option)
    store.save(run, "1")
    folder = tiny_copy(tmp_path)
    text = (folder / "middle.yaml").read_text()
    (folder / "middle.yaml").write_text(text.replace("id: shout", "id: call"))
    ok, message = verify(store.path("1"), Engine(load_story(folder)))
    assert not ok
    assert message == (
        "The story has changed since this save was made. Input 4 of 5 (in 'yard.middle', choose 'shout') no longer applies: "
        "the choice 'shout' is no longer in 'yard.middle'."
    )


def test_verify_finds_where_a_run_drifted_when_every_input_still_applies(engine, store, tmp_path):
    run = random_walk(engine, 6, 300, 1, avoid_endings=True, commands=False)
    store.save(run, "1")
    folder = tiny_copy(tmp_path)
    # From the 100th visit on, the bench gives courage 2: the path is the same, the state is not.
    text = (folder / "middle.yaml").read_text()
    (folder / "middle.yaml").write_text(text.replace(
        "  on_enter:\n    - add: {courage: 1}\n",
        "  on_enter:\n    - if: visited('yard.middle') >= 100\n      then: [{add: {courage: 2}}]\n      else: [{add: {courage: 1}}]\n",
    ))
    changed = Engine(load_story(folder))
    ok, message = verify(store.path("1"), changed)
    assert not ok
    moves = [i for i, inp in enumerate(run.inputs, 1) if inp.value == "in"]
    hundredth = moves[99]  # the input that entered the middle for the 100th time
    start = (hundredth - 1) // 64 * 64 + 1
    assert f"first differs from the save's within inputs {start} to {start + 63}" in message
    assert "vars.courage is" in message and "in the replay" in message
    assert verify(store.path("1"), engine) == (True, None)


def test_verify_of_a_bad_or_missing_file_says_so(engine, store):
    ok, message = verify(store.path("3"), engine)
    assert not ok and message.endswith("3.yaml: there is no save here")


def test_verify_of_another_story(engine, store, tmp_path):
    store.save(Run(engine, 1), "1")
    folder = tiny_copy(tmp_path)
    text = (folder / "story.yaml").read_text()
    (folder / "story.yaml").write_text(text.replace("id: tiny", "id: other"))
    ok, message = verify(store.path("1"), Engine(load_story(folder)))
    assert not ok and "belongs to the story 'tiny', not to 'other'" in message


def test_describe_difference_is_plain(engine):
    a = engine.new_state(1)
    b = a.copy()
    b.vars["courage"] = True
    b.items["key"] = 1
    b.scene = "yard.middle"
    text = describe_difference(a, b)
    assert text.startswith("the replay is in 'yard.gate', the save in 'yard.middle'")
    assert "vars.courage is 0 in the replay, True in the save" in text
    assert describe_difference(a, a.copy()) == "the inputs recorded differ"


def test_the_checks_are_kept_every_64_inputs(engine, store):
    run = random_walk(engine, 2, 200, 4, avoid_endings=True)
    store.save(run, "1")
    assert sorted(read_save(store.path("1")).checks) == [64, 128, 192]
