"""Recording (recording.py): a run as data, the story's id and content hash, the seed and typed inputs, checked."""

from __future__ import annotations

import json

import pytest

from game.engine import Engine, Input, Recording, Run, load_story
from game.engine.replay import random_walk
from tests.conftest import TINY


def test_an_input_is_a_small_typed_value():
    inp = Input("yard.gate", "choose", "in")
    assert (inp.scene, inp.kind, inp.value) == ("yard.gate", "choose", "in")
    assert Input.from_plain(["yard.gate", "choose", "in"]) == inp and inp.to_plain() == ["yard.gate", "choose", "in"]
    assert json.loads(json.dumps(inp)) == ["yard.gate", "choose", "in"]  # as plain data, a list
    with pytest.raises(AttributeError):
        inp.value = "leave"  # type: ignore[misc]


@pytest.mark.parametrize("bad", [None, "a choose b", ["a", "choose"], ["a", "eval", "x"], ["a", "choose", 1], ("a", "choose", "b", "c")])
def test_anything_else_is_a_clean_value_error(bad):
    with pytest.raises(ValueError):
        Input.from_plain(bad)


def test_a_run_holds_its_recording_and_the_state_holds_none():
    engine = Engine(load_story(TINY))
    run = random_walk(engine, 5, 30, 1, avoid_endings=True)
    rec = run.recording
    assert (rec.story_id, rec.content_hash, rec.seed) == ("tiny", engine.story.content_hash, 5)
    assert rec.inputs == run.inputs and len(rec) == run.moves == 30
    assert all(type(i) is Input for i in rec.inputs)
    assert not hasattr(run.state, "inputs")
    again, stop = Run.replay(engine, Recording.from_plain(json.loads(json.dumps(rec.to_plain()))))
    assert stop is None and again.state == run.state and again.recording == rec


def test_recording_of_takes_plain_inputs_and_checks_them():
    engine = Engine(load_story(TINY))
    rec = Recording.of(engine.story, 2, [["yard.gate", "choose", "in"], Input("yard.middle", "choose", "back")])
    assert rec.inputs == [Input("yard.gate", "choose", "in"), Input("yard.middle", "choose", "back")]
    with pytest.raises(ValueError):
        Recording.of(engine.story, 2, [["yard.gate", "jump", "in"]])


@pytest.mark.parametrize("bad", [
    [], {"story": "t", "content_hash": "h", "seed": "1", "inputs": []}, {"story": 1, "content_hash": "h", "seed": 1, "inputs": []},
    {"story": "t", "content_hash": "h", "seed": True, "inputs": []}, {"story": "t", "content_hash": "h", "seed": 1, "inputs": {}},
    {"story": "t", "content_hash": "h", "seed": 1, "inputs": [["a", "choose"]]},
])
def test_a_bad_plain_recording_is_a_clean_value_error(bad):
    with pytest.raises(ValueError):
        Recording.from_plain(bad)
