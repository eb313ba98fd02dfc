"""The state machine: transitions, conditions, effects, typed commands and determinism.

Following ink's practice, scenarios run twice: once straight, and once with the state sent
through a plain-data round trip (to_dict -> from_dict) after every input, so every behaviour
is also a save/load test.
"""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap

import pytest

from game.engine import Engine, GameState, Run, RunError, load_story, load_story_from_texts
from tests.conftest import TINY

HEADER = """\
id: test
title: Test
start: a
items:
  tape: {name: the tape, names: [tape, cassette, judy bridgewater], look: A tape with a woman on the cover.}
  case: {name: a pencil case, names: [pencil case, case], look: Shiny.}
variables:
  trust: 1
"""

STORY = """\
- id: a
  chapter: One
  title: The pavilion
  location: hailsham
  text:
    - It rains on the pavilion.
    - if: tommy >= 2
      text: Tommy catches my eye.
      else: Tommy does not look up.
    - if: has('tape')
      text: The tape is in my pocket.
  on_enter:
    - add: {entered: 1}
  things:
    tape:
      names: [tape, cassette, judy bridgewater]
      look: A cassette, its case cracked.
      if: not has('tape')
    ruth:
      name: Ruth
      names: [ruth]
      look: Ruth pretends not to watch the boys.
  actions:
    - verbs: [take, pick up]
      thing: tape
      if: not has('tape')
      do: [{give: tape}]
      say: I slip the tape into my pocket.
      blocked: I have it already.
    - verbs: [ask]
      thing: ruth
      about: [chess, chess set]
      do: [{add: {trust: -1}}]
      say: Ruth says she will teach me some time.
    - verbs: [give]
      thing: tape
      about: [ruth]
      if: has('tape')
      do: [{take: tape}, {set: {gave: true}}]
      say: Ruth turns it over in her hands.
    - verbs: [sing]
      say: I hum the song under my breath.
      once: true
      choice: Hum the song.
  choices:
    - id: go_to_tommy
      text: Go down to the field, to Tommy.
      goto: b
      do: [{add: {tommy: 1}}]
    - id: wait
      text: Wait at the window.
      once: true
      say: The rain goes on.
      do: [{add: {tommy: 1}}]
    - id: secret
      text: Ask Miss Lucy what she meant.
      if: gave
      show: disabled
      goto: c
    - id: roll
      text: Throw a stone.
      do: [{roll: {dice: 6}}]
      goto: a

- id: b
  chapter: One
  title: The field
  text: Mud.
  on_enter:
    - if: tommy >= 2
      then: [{set: {close: true}}]
      else: [{set: {close: false}}]
  choices:
    - id: back
      text: Go back.
      goto: a
    - id: loop
      text: Step into the loop.
      goto: loop1

- id: c
  chapter: Two
  title: The end
  text: Done.
  ending: done

- id: loop1
  chapter: One
  title: Loop
  text: Round.
  on_enter: [{goto: loop2}]
  choices: [{text: x, goto: a}]

- id: loop2
  chapter: One
  title: Loop
  text: And round.
  on_enter: [{goto: loop1}]
  choices: [{text: x, goto: a}]
"""


def make_engine() -> Engine:
    return Engine(load_story_from_texts({"story.yaml": HEADER, "scenes.yaml": STORY}))


class Player:
    """Drives an engine; with `roundtrip`, the state goes through plain data after every input."""

    def __init__(self, roundtrip: bool, seed: int = 1):
        self.engine = make_engine()
        self.state = self.engine.new_state(seed)
        self.roundtrip = roundtrip

    def _after(self):
        if self.roundtrip:
            self.state = GameState.from_dict(self.state.to_dict())

    def choose(self, cid):
        out = self.engine.choose(self.state, cid)
        self._after()
        return out

    def command(self, line):
        out = self.engine.command(self.state, line)
        self._after()
        return out

    def view(self):
        return self.engine.view(self.state)


@pytest.fixture(params=[False, True], ids=["straight", "roundtrip"])
def player(request):
    return Player(request.param)


def option_ids(view):
    return [o.id for o in view.options]


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
    assert player.state.inputs == [["a", "choose", "wait"]]


def test_conditional_paragraphs_follow_state(player):
    player.choose("wait")
    player.choose("go_to_tommy")
    assert player.state.vars["close"] is True
    player.choose("back")
    assert "Tommy catches my eye." in player.view().paragraphs


def test_disabled_choice_cannot_be_taken(player):
    assert player.choose("secret").kind == "invalid"
    assert player.state.inputs == []


def test_typed_actions_with_synonyms_articles_and_names(player):
    out = player.command("Pick up the old Judy Bridgewater")
    assert out.kind == "action" and out.said == ["I slip the tape into my pocket."]
    assert "tape" in player.state.items
    assert player.command("grab the cassette").said == ["I have it already."]
    assert "The tape is in my pocket." in player.view().paragraphs


def test_ask_about_and_give_to(player):
    out = player.command("ask Ruth about the chess set")
    assert out.kind == "action" and player.state.vars["trust"] == 0
    assert player.command("ask ruth about tommy").said == ["Ruth had nothing to say about that."]
    assert player.command("ask ruth about chessboards").kind == "reply"  # whole words: 'chess' is not in it
    assert player.command("ask ruth about the set").kind == "action"  # part of the topic 'chess set'
    player.state.vars["trust"] = 0
    player.command("take tape")
    out = player.command("give the tape to Ruth")
    assert out.kind == "action" and "tape" not in player.state.items and player.state.vars["gave"] is True
    assert [o.enabled for o in player.view().options if o.id == "secret"] == [True]
    assert player.choose("secret").ended == "done"
    assert player.view().ending.id == "done"
    assert player.choose("secret").kind == "ended"


def test_taking_what_kathy_already_carries(player):
    player.command("take tape")
    player.choose("go_to_tommy")
    assert player.command("take the cassette").said == ["I had it with me already."]


def test_action_offered_as_choice_once(player):
    out = player.choose("sing")
    assert out.said == ["I hum the song under my breath."]
    assert "sing" not in option_ids(player.view())
    assert player.command("sing").kind == "blocked"


def test_builtins_and_helpful_replies(player):
    look = player.command("look")
    assert look.kind == "look" and "I noticed the tape and Ruth." in look.said
    assert player.command("examine ruth").said == ["Ruth pretends not to watch the boys."]
    assert player.command("x cassette").said == ["A cassette, its case cracked."]
    assert player.command("examine Rut").said == ["Ruth pretends not to watch the boys."]  # one letter mended
    ruthy = player.command("examine Ruthie")  # too far to mend: a hint, in plain words
    assert ruthy.said == ["I couldn't see anything like that.", "Perhaps I meant Ruth."]
    assert player.command("listen to Ruth").said == ["I listened. Nothing I heard was meant for me."]
    spoon = player.command("take the Spoon")
    assert spoon.said == ["I couldn't see anything like that."] and spoon.source == "parser-failure"
    assert player.command("snifff").said == ["There was no smell I could put a name to."]  # mended to sniff
    assert player.command("inventory").said == ["I was carrying nothing that mattered."]
    player.command("take tape")
    assert player.command("i").said == ["I had with me the tape."]
    assert player.command("examine tape").said == ["A tape with a woman on the cover."]  # the item, now carried
    assert player.command("take the tape").said == ["I have it already."]  # the author's blocked line
    assert player.command("take pencil case").said == ["I couldn't see anything like that."]
    assert player.command("help").kind == "help"
    assert player.state.inputs == [["a", "command", "take tape"]]  # only what changed the state
    for typed in ("Ruthie", "Spoon", "xyzzy", "song"):  # never a template with the typed word in quotes
        for line in ("examine " + typed, "take the " + typed, typed, "sing " + typed):
            assert all(f"'{typed}" not in said and f'"{typed}' not in said for said in player.command(line).said)


def test_roll_is_seeded_and_recorded_in_state():
    results = []
    for _ in range(2):
        p = Player(False, seed=42)
        for _ in range(5):
            p.choose("roll")
        results.append(p.state.vars["dice"])
    assert results[0] == results[1]
    assert 1 <= results[0] <= 6
    values = set()
    p = Player(False, seed=7)
    for _ in range(60):
        p.choose("roll")
        values.add(p.state.vars["dice"])
    assert values == {1, 2, 3, 4, 5, 6}


def test_on_enter_goto_loop_is_a_clean_run_error(player):
    player.choose("go_to_tommy")
    with pytest.raises(RunError) as info:
        player.choose("loop")
    assert "a loop" in str(info.value) and "<" not in str(info.value).split(":")[0]


def test_runtime_type_error_names_the_place():
    engine = Engine(load_story_from_texts({
        "story.yaml": "id: t\ntitle: T\nstart: a\n",
        "s.yaml": "id: a\nchapter: C\ntitle: A\ntext: Hi.\nchoices:\n  - text: Go\n    do: [{set: {name: \"'kathy'\"}}, {add: {name: 1}}]\n    goto: a\n",
    }))
    state = engine.new_state(1)
    with pytest.raises(RunError) as info:
        engine.choose(state, "go")
    assert "s.yaml:7:" in str(info.value) and "cannot add 1 to 'name'" in str(info.value)


def walk(engine: Engine, seed: int, steps: int) -> GameState:
    rng = random.Random(seed)
    state = engine.new_state(seed)
    for _ in range(steps):
        if state.ended:
            break
        options = [o for o in engine.view(state).options if o.enabled]
        actions = engine.open_actions(state)
        if actions and rng.random() < 0.3:
            a = rng.choice(actions)
            engine.command(state, engine.command_text(engine.scenes[state.scene], a))
        elif options:
            engine.choose(state, rng.choice(options).id)
    return state


def test_same_story_seed_and_inputs_give_the_same_hash():
    engine = Engine(load_story(TINY))
    for seed in range(20):
        first = walk(engine, seed, 40)
        replayed, stop = Run.replay(engine, seed, first.inputs)
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
    None, [], {"scene": "a"}, {"scene": 1, "seed": 1, "rng": 1, "vars": {}, "items": [], "visits": {}, "chosen": {}, "inputs": []},
    {"scene": "a", "seed": 1, "rng": -1, "vars": {}, "items": [], "visits": {}, "chosen": {}, "inputs": []},
    {"scene": "a", "seed": 1, "rng": 1, "vars": {"x": [1]}, "items": [], "visits": {}, "chosen": {}, "inputs": []},
    {"scene": "a", "seed": 1, "rng": 1, "vars": {}, "items": [], "visits": {"a": -1}, "chosen": {}, "inputs": []},
    {"scene": "a", "seed": 1, "rng": 1, "vars": {}, "items": [], "visits": {}, "chosen": {}, "inputs": [["a", "eval", "x"]]},
    {"format": 99, "scene": "a"},
])
def test_state_from_bad_data_is_a_clean_value_error(bad):
    with pytest.raises(ValueError):
        GameState.from_dict(bad)


def test_run_undo_redo_and_log():
    run = Run(make_engine(), seed=3)
    run.command("take tape")
    run.choose("go_to_tommy")
    run.choose("back")
    hashes = [run.state.hash()]
    assert run.undo() and run.state.scene == "b"
    assert run.undo() and run.state.scene == "a" and "tape" in run.state.items
    assert run.undo() and "tape" not in run.state.items
    assert not run.undo()
    assert run.command("undo").said  # nothing left: says so
    assert run.redo() and run.redo() and run.redo()
    assert run.state.hash() == hashes[0]
    assert not run.redo()
    run.undo()
    run.undo()  # back in 'a' with the tape; redo holds go_to_tommy, back
    run.choose("go_to_tommy")  # the same path: redo keeps the rest
    assert run.can_redo
    run.undo()
    run.choose("wait")  # a different choice: redo is gone
    assert not run.can_redo
    kinds = [e.kind for e in run.log]
    assert kinds[:3] == ["chapter", "title", "text"]
    assert run.log[-1].kind == "reply" and run.log[-1].text == "The rain goes on."


def test_undo_is_exact_across_checkpoints():
    engine = Engine(load_story(TINY))
    run = Run(engine, seed=5)
    states = [run.state.hash()]
    for i in range(70):
        run.choose("in" if run.state.scene == "yard.gate" else "back")
        states.append(run.state.hash())
    for expected in reversed(states[:-1]):
        assert run.undo()
        assert run.state.hash() == expected


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
