"""The state machine (engine.py): transitions, conditions, effects and determinism.

Following ink's practice, scenarios run twice (the `play` fixture in conftest.py): once
straight, and once with the run sent through a real save file after every input, so every
behaviour is also a save/load test.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from game.engine import Engine, Input, Run, RunError, load_story_from_texts
from tests.conftest import TINY
from tests.engine.pavilion import Player, make_engine, option_ids


def test_start_view(player):
    v = player.view()
    assert v.title == "The pavilion" and v.chapter == "One" and v.location == "hailsham"
    assert list(v.paragraphs) == ["It rains on the pavilion.", "Tommy does not look up."]
    assert option_ids(v) == ["sing", "go_to_tommy", "wait", "secret", "roll"]
    assert [o.enabled for o in v.options] == [True, True, True, False, True]
    assert player.state.vars["entered"] == 1
    assert player.state.vars["trust"] == 1  # declared starting value


def test_choice_moves_and_applies_effects_in_order(player):
    out = player.choose("go_to_tommy")
    assert out.recorded and out.entered == ["b"]
    assert player.state.scene == "b"
    assert player.state.vars["tommy"] == 1
    assert player.state.vars["close"] is False
    player.choose("back")
    assert player.state.vars["entered"] == 2
    assert player.state.visits == {"a": 2, "b": 1}
    assert player.state.chosen["a/go_to_tommy"] == 1


def test_once_choice_disappears_and_stays_in_scene(player):
    out = player.choose("wait")
    assert out.said == ["The rain goes on."] and out.entered == []
    assert "wait" not in option_ids(player.view())
    assert player.choose("wait").kind == "invalid"
    assert player.run.inputs == [Input("a", "choose", "wait")]


def test_conditional_paragraphs_follow_state(player):
    player.choose("wait")
    player.choose("go_to_tommy")
    assert player.state.vars["close"] is True
    player.choose("back")
    assert "Tommy catches my eye." in player.view().paragraphs


def test_disabled_choice_cannot_be_taken(player):
    assert player.choose("secret").kind == "invalid"
    assert player.run.inputs == []


def test_roll_is_seeded_and_recorded_in_state(play):
    results = []
    for _ in range(2):
        p = Player(play(make_engine(), 42))
        for _ in range(5):
            p.choose("roll")
        results.append(p.state.vars["dice"])
    assert results[0] == results[1]
    assert 1 <= results[0] <= 6
    values = set()
    p = Player(Run(make_engine(), 7))
    for _ in range(60):
        p.choose("roll")
        values.add(p.state.vars["dice"])
    assert values == {1, 2, 3, 4, 5, 6}


def test_on_enter_goto_loop_is_a_clean_run_error(player):
    player.choose("go_to_tommy")
    out = player.choose("loop")  # the Run reports it as a value and stays where it was
    assert out.kind == "error" and "a loop" in out.error and "<" not in out.error.split(":")[0]
    assert player.state.scene == "b" and player.run.moves == 1
    with pytest.raises(RunError) as info:  # the bare engine raises it
        make_engine().choose(player.state.copy(), "loop")
    assert str(info.value) == out.error


def test_runtime_type_error_names_the_place():
    engine = Engine(load_story_from_texts({
        "story.yaml": "id: t\ntitle: T\nstart: a\n",
        "s.yaml": "id: a\nchapter: C\ntitle: A\ntext: Hi.\nchoices:\n  - text: Go\n    do: [{set: {name: \"'kathy'\"}}, {add: {name: 1}}]\n    goto: a\n",
    }))
    state = engine.new_state(1)
    with pytest.raises(RunError) as info:
        engine.choose(state, "go")
    assert "s.yaml:7:" in str(info.value) and "cannot add 1 to 'name'" in str(info.value)


def test_the_engine_never_imports_pygame():
    code = textwrap.dedent(f"""
        import sys
        from game.engine import Engine, Run, load_story
        run = Run(Engine(load_story({str(TINY)!r})), seed=1)
        run.choose('in'); run.command('look'); run.transcript()
        import game.tools.check, game.frontends.terminal
        bad = [m for m in sys.modules if m.split('.')[0] == 'pygame']
        print('PYGAME' if bad else 'CLEAN')
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "CLEAN"
