"""GameState (state.py): plain data in and out, every field checked, and a fingerprint equal for equal runs."""

from __future__ import annotations

import random

import pytest

from game.engine import Engine, GameState, Input, Recording, Run, load_story
from tests.conftest import TINY


def walk(engine: Engine, seed: int, steps: int) -> tuple[GameState, list[Input]]:
    """A random walk on the bare engine, keeping the inputs that changed the state as a Run would."""
    rng = random.Random(seed)
    state = engine.new_state(seed)
    inputs = []
    for _ in range(steps):
        if state.ended:
            break
        options = [o for o in engine.view(state).options if o.enabled]
        actions = engine.open_actions(state)
        scene = state.scene
        if actions and rng.random() < 0.3:
            line = engine.command_text(engine.scenes[scene], rng.choice(actions))
            if engine.command(state, line).recorded:
                inputs.append(Input(scene, "command", line))
        elif options:
            option = rng.choice(options).id
            if engine.choose(state, option).recorded:
                inputs.append(Input(scene, "choose", option))
    return state, inputs


def test_same_story_seed_and_inputs_give_the_same_hash():
    engine = Engine(load_story(TINY))
    for seed in range(20):
        first, inputs = walk(engine, seed, 40)
        replayed, stop = Run.replay(engine, Recording.of(engine.story, seed, inputs))
        assert stop is None
        assert replayed.state.hash() == first.hash()
        again = GameState.from_dict(first.to_dict())
        assert again.hash() == first.hash()


def test_hash_differs_when_anything_differs():
    engine = Engine(load_story(TINY))
    a = engine.new_state(1)
    b = engine.new_state(2)
    assert a.hash() != b.hash()
    c = engine.new_state(1)
    c.vars["x"] = 1
    assert c.hash() != a.hash()


@pytest.mark.parametrize("bad", [
    None, [], {"scene": "a"}, {"scene": 1, "seed": 1, "rng": 1, "vars": {}, "items": [], "visits": {}, "chosen": {}},
    {"scene": "a", "seed": 1, "rng": -1, "vars": {}, "items": [], "visits": {}, "chosen": {}},
    {"scene": "a", "seed": 1, "rng": 1, "vars": {"x": [1]}, "items": [], "visits": {}, "chosen": {}},
    {"scene": "a", "seed": 1, "rng": 1, "vars": {}, "items": [], "visits": {"a": -1}, "chosen": {}},
    {"scene": "a", "seed": 1, "rng": 1, "vars": {}, "items": [], "visits": {}, "chosen": {}, "inputs": []},  # a run's, not a state's
    {"format": 99, "scene": "a"},
])
def test_state_from_bad_data_is_a_clean_value_error(bad):
    with pytest.raises(ValueError):
        GameState.from_dict(bad)


def test_a_state_round_trips_through_plain_data_and_reads_format_1():
    engine = Engine(load_story(TINY))
    state, _ = walk(engine, 3, 30)
    data = state.to_dict()
    assert data["format"] == 2 and "inputs" not in data
    assert GameState.from_dict(data) == state and GameState.from_dict(data).hash() == state.hash()
    old = {**data, "format": 1}  # format 1's fields, as a format-1 save holds them
    assert GameState.from_dict(old) == state
    good = {"scene": "a", "seed": 1, "rng": 1, "vars": {}, "items": [], "visits": {}, "chosen": {}}
    assert GameState.from_dict(good).scene == "a"
