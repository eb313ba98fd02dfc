"""Undo and redo, hard: to the start and back, across checkpoints, through asides, after a load, and lazily rebuilt history."""

from __future__ import annotations

import pytest

from game.engine import Engine, Run, load_story
from game.engine.replay import random_walk
from tests.conftest import TINY


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_story(TINY))


def reference(engine: Engine, seed: int, inputs: list[list], asides: list) -> Run:
    """The run as a fresh replay of the first inputs: what undo must agree with exactly."""
    run, stop = Run.replay(engine, seed, inputs, asides=[a for a in asides if a[0] <= len(inputs)])
    assert stop is None
    return run


@pytest.mark.parametrize("walk_seed", [1, 2, 3])
def test_undo_to_the_start_agrees_with_replay_at_every_step(engine, walk_seed):
    run = random_walk(engine, 5, 70, walk_seed, avoid_endings=True)  # over four checkpoints
    inputs = [list(i) for i in run.state.inputs]
    asides = run.asides()
    n = len(inputs)
    assert n == 70
    for k in range(n - 1, -1, -1):
        assert run.undo()
        ref = reference(engine, 5, inputs[:k], asides)
        assert run.state.hash() == ref.state.hash(), k
        assert run.log == ref.log, k
    assert not run.undo() and not run.can_undo
    assert run.state.hash() == Run(engine, 5).state.hash()
    assert run.log == Run(engine, 5).log


def test_redo_all_the_way_back_gives_the_same_run(engine):
    run = random_walk(engine, 9, 50, 4, avoid_endings=True)
    end_hash, end_inputs = run.state.hash(), [list(i) for i in run.state.inputs]
    run.rewind_to(0)
    assert run.state.inputs == [] and run.can_redo
    steps = 0
    while run.redo():
        steps += 1
    assert steps == 50 and not run.can_redo
    assert run.state.hash() == end_hash and run.state.inputs == end_inputs


def test_retaking_the_undone_path_keeps_the_redo_stack(engine):
    run = Run(engine, 1)
    for option in ("in", "back", "in", "shout", "back"):
        run.choose(option)
    full = run.state.hash()
    for _ in range(4):
        run.undo()
    assert run.state.inputs == [["yard.gate", "choose", "in"]]
    run.choose("back")  # the same as the first undone input
    run.command("look")  # a look changes nothing and keeps the stack too
    assert run.can_redo
    while run.redo():
        pass
    assert run.state.hash() == full


def test_a_different_choice_ends_the_redo_stack(engine):
    run = Run(engine, 1)
    for option in ("in", "back", "in"):
        run.choose(option)
    run.undo()
    run.undo()
    assert run.can_redo
    run.choose("shout")
    assert not run.can_redo and not run.redo()
    assert run.state.inputs[-1] == ["yard.middle", "choose", "shout"]


def test_undo_and_redo_as_typed_words(engine):
    run = Run(engine, 1)
    for word in ("undo", "back", "u", " UNDO "):
        run.choose("in")
        outcome = run.command(word)
        assert outcome.kind == "undo" and run.state.inputs == []
    assert run.command("undo").said == ["There was nothing to undo: this was where it began."]
    assert run.command("redo").kind == "redo" and run.state.inputs == [["yard.gate", "choose", "in"]]
    assert run.command("redo").said == ["There was nothing to redo."]


def test_undo_drops_the_asides_typed_after_the_input_it_undoes(engine):
    run = Run(engine, 1)
    run.choose("in")
    run.command("look")
    run.choose("back")
    run.command("examine gate")
    assert run.asides() == [(1, "look"), (2, "examine gate")]
    run.undo()
    assert run.asides() == [(1, "look")]
    run.undo()
    assert run.asides() == []


def test_a_lazily_replayed_run_has_the_same_history_and_undo(engine):
    played = random_walk(engine, 2, 100, 7, avoid_endings=True)
    inputs, asides = played.state.inputs, played.asides()
    eager, _ = Run.replay(engine, 2, inputs, asides=asides)
    lazy, stop = Run.replay(engine, 2, inputs, asides=asides, lazy_log=True)
    assert stop is None and lazy.state.hash() == eager.state.hash()
    assert lazy.asides() == asides  # answered without rebuilding the log
    assert lazy.log == eager.log == played.log
    for r in (eager, lazy):
        for _ in range(37):
            r.undo()
        r.choose(r.view().options[-1].id)
    assert lazy.log == eager.log and lazy.state.hash() == eager.state.hash()


@pytest.mark.parametrize("first", ["undo", "choose", "command", "log"])
def test_whatever_touches_a_lazy_run_first_the_history_comes_out_right(engine, first):
    played = random_walk(engine, 3, 40, 2, avoid_endings=True)
    lazy, _ = Run.replay(engine, 3, played.state.inputs, asides=played.asides(), lazy_log=True)
    if first == "undo":
        lazy.undo()
        played.undo()
    elif first == "choose":
        option = played.view().options[-1].id
        lazy.choose(option)
        played.choose(option)
    elif first == "command":
        lazy.command("look")
        played.command("look")
    assert lazy.log == played.log
    assert lazy.transcript() == played.transcript()


def test_many_undos_and_redos_do_not_drift(engine):
    run = random_walk(engine, 4, 200, 3, avoid_endings=True)
    target = run.state.hash()
    for depth in (1, 15, 16, 17, 33, 200):
        run.rewind_to(200 - depth)
        while run.redo():
            pass
        assert run.state.hash() == target, depth
