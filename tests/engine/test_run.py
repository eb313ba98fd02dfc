"""Undo and redo, hard: to the start and back, across checkpoints, through asides, after a load, and lazily rebuilt history."""

from __future__ import annotations

import pytest

from game.engine import Engine, Input, Recording, Run, load_story, load_story_from_texts
from game.engine.replay import random_walk
from tests.conftest import TINY
from tests.engine.pavilion import make_engine


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_story(TINY))


def reference(engine: Engine, seed: int, inputs: list[Input], asides: list[tuple[int, str]]) -> Run:
    """The run as a fresh replay of the first inputs: what undo must agree with exactly."""
    run, stop = Run.replay(engine, Recording.of(engine.story, seed, inputs), asides=[a for a in asides if a[0] <= len(inputs)])
    assert stop is None
    return run


@pytest.mark.parametrize("walk_seed", [1, 2, 3])
def test_undo_to_the_start_agrees_with_replay_at_every_step(engine, walk_seed):
    run = random_walk(engine, 5, 70, walk_seed, avoid_endings=True)  # over four checkpoints
    inputs = list(run.inputs)
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
    end_hash, end_inputs, end_log, asides = run.state.hash(), list(run.inputs), list(run.log), run.asides()
    assert asides  # the walk looked about it: each look comes back with redo, a step of its own
    run.rewind_to(0)
    assert run.inputs == [] and run.can_redo
    steps = 0
    while run.redo():
        steps += 1
    assert steps == 50 + len(asides) and not run.can_redo
    assert run.state.hash() == end_hash and run.inputs == end_inputs and run.log == end_log


def test_retaking_the_undone_path_keeps_the_redo_stack(engine, play):
    run = play(engine, 1)
    for option in ("in", "back", "in", "shout", "back"):
        run.choose(option)
    full = run.state.hash()
    for _ in range(4):
        run.undo()
    assert run.inputs == [Input("yard.gate", "choose", "in")]
    run.choose("back")  # the same as the first undone input
    run.command("look")  # a look changes nothing and keeps the stack too
    assert run.can_redo
    while run.redo():
        pass
    assert run.state.hash() == full


def test_a_different_choice_ends_the_redo_stack(engine, play):
    run = play(engine, 1)
    for option in ("in", "back", "in"):
        run.choose(option)
    run.undo()
    run.undo()
    assert run.can_redo
    run.choose("shout")
    assert not run.can_redo and not run.redo()
    assert run.inputs[-1] == Input("yard.middle", "choose", "shout")


def test_undo_and_redo_as_typed_words(engine, play):
    run = play(engine, 1)
    for word in ("undo", "back", "u", " UNDO "):
        run.choose("in")
        outcome = run.command(word)
        assert outcome.kind == "undo" and run.inputs == []
    assert run.command("undo").said == ["There was nothing to undo: this was where it began."]
    assert run.command("redo").kind == "redo" and run.inputs == [Input("yard.gate", "choose", "in")]
    assert run.command("redo").said == ["There was nothing to redo."]


def test_undo_drops_the_asides_typed_after_the_input_it_undoes(engine, play):
    run = play(engine, 1)
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
    recording, asides = played.recording, played.asides()
    eager, _ = Run.replay(engine, recording, asides=asides)
    lazy, stop = Run.replay(engine, recording, asides=asides, lazy_log=True)
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
    lazy, _ = Run.replay(engine, played.recording, asides=played.asides(), lazy_log=True)
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


# ---- a story that fails while it is played: the run puts itself back and says so ----------------
FAULTY = {
    "story.yaml": "id: faulty\ntitle: Faulty\nstart: a\n",
    "scenes.yaml": """\
- id: a
  chapter: One
  title: A
  text: The start.
  choices:
    - id: on
      text: On.
      do: [{add: {n: 1}}]
      goto: b
- id: b
  chapter: One
  title: B
  text: The middle.
  things:
    lamp:
      look: A lamp.
      if: word < 3
  choices:
    - id: spoil
      text: Set the word to something a condition here cannot compare.
      do: [{set: {word: "'x'"}}]
    - id: boom
      text: An effect that fails.
      do: [{set: {name: "'kathy'"}}, {add: {name: 1}}]
      goto: c
    - id: dark
      text: Into a room whose text cannot be worked out.
      do: [{set: {word: "'x'"}}]
      goto: bad
    - id: fine
      text: On again.
      goto: c
- id: bad
  chapter: Two
  title: Bad
  text:
    - A bad room.
    - if: word < 3
      text: Never shown.
  choices: [{text: Back., goto: b}]
- id: c
  chapter: Two
  title: C
  text: The end.
  ending: done
""",
}


@pytest.fixture
def faulty() -> Engine:
    return Engine(load_story_from_texts(FAULTY))


@pytest.mark.parametrize("option, where", [("boom", "cannot add 1 to 'name'"), ("dark", "cannot compare 'x' < 3")])
def test_a_story_error_puts_the_whole_run_back_and_is_reported_as_a_value(play, faulty, option, where):
    run = play(faulty, 3)
    run.choose("on")
    run.choose("fine")
    run.undo()  # a redo waiting, to be kept through the failure
    state, log, inputs = run.state.copy(), list(run.log), list(run.inputs)
    outcome = run.choose(option)  # never raises: the error comes back as a value
    assert outcome.kind == "error" and not outcome.recorded and not outcome.ok
    assert where in outcome.error and "scenes.yaml:" in outcome.error
    assert run.state == state and run.inputs == inputs and run.log == log
    assert not any(e.kind == "choice" and e.text != "On." for e in run.log)  # no trace of the choice that failed
    assert run.can_redo and run.redo() and run.state.scene == "c"  # the redo waiting was kept
    run.undo()
    assert run.undo() and run.state.scene == "a" and run.inputs == []  # undo goes back exactly one real move
    assert run.log == Run(faulty, 3).log and not run.can_undo


def test_after_a_story_error_play_goes_on_and_saves_replay(faulty, tmp_path):
    run = Run(faulty, 1)
    run.choose("on")
    for _ in range(20):  # across a checkpoint: a failure never leaves one behind for a move not made
        assert run.choose("boom").kind == "error"
        assert run.command("  ").kind == "empty"
    assert run.choose("fine").ended == "done"
    again, stop = Run.replay(faulty, run.recording, asides=run.asides())
    assert stop is None and again.state == run.state and again.log == run.log
    assert sorted(run.checkpoint_states()) == [0]


def test_reading_what_a_failing_scene_offers_never_raises(faulty):
    run = Run(faulty, 1)
    run.choose("on")
    assert run.completions() == ["examine", "help", "inventory", "look", "lamp"]
    assert run.visible_names() == ["lamp"]
    assert run.choose("spoil").recorded  # now the lamp's condition compares 'x' with 3
    assert run.completions() == [] and run.visible_names() == []
    look = run.command("look")
    assert look.kind == "error" and "cannot compare 'x' < 3" in look.error and run.moves == 2
    assert run.scene.id == "b" and run.ending is None and run.story.title == "Faulty"
    assert run.trace().order == ["a", "b"]


def test_run_undo_redo_and_log(play):
    run = play(make_engine(), 3)
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


def test_undo_is_exact_across_checkpoints(play):
    engine = Engine(load_story(TINY))
    run = play(engine, 5)
    states = [run.state.hash()]
    for i in range(70):
        run.choose("in" if run.state.scene == "yard.gate" else "back")
        states.append(run.state.hash())
    for expected in reversed(states[:-1]):
        assert run.undo()
        assert run.state.hash() == expected


def test_take_back_steps_back_one_aside_at_a_time_and_names_it(engine):
    """Issue 14, trap 4: look and examine are things the player did; undoing one never takes the choice before it."""
    run = Run(engine, 1)
    run.choose("in")
    before_look = list(run.log)
    run.command("look")
    after_look = list(run.log)
    run.command("examine gate")
    undone = run.take_back()
    assert undone.kind == "undo" and undone.said == ["I let it go from my mind: examine gate."]
    assert run.log == after_look and run.inputs == [Input("yard.gate", "choose", "in")]
    assert run.take_back().said == ["I let it go from my mind: look."]
    assert run.log == before_look and run.inputs == [Input("yard.gate", "choose", "in")]
    assert run.take_back().said == ["I went back on it, as though I never had: Go into the yard."] and run.inputs == []
    assert run.take_back().said == ["There was nothing to undo: this was where it began."] and not run.can_undo


def test_do_again_restores_exactly_what_take_back_took_back_and_says_so(engine):
    run = Run(engine, 1)
    run.choose("in")
    run.command("look")
    run.command("examine gate")
    full = list(run.log)
    for _ in range(3):
        run.take_back()
    again = run.do_again()
    assert again.kind == "redo" and again.recorded and again.said == ["I did it again, just as before: Go into the yard."]
    assert run.asides() == [] and run.inputs == [Input("yard.gate", "choose", "in")]
    assert run.do_again().said == ["I did it again, just as before: look."] and not run.do_again().recorded
    assert run.log == full and not run.can_redo
    assert run.do_again().said == ["There was nothing to redo."]
    assert run.asides() == [(1, "look"), (1, "examine gate")]


LINE = "lift the stone, then examine the gate and then go into the yard"


def test_one_undo_takes_back_a_whole_typed_line_and_one_redo_brings_it_all_again(engine):
    """Failed before: clauses.py records each clause as its own input, and undo took back only the last one."""
    run = Run(engine, 1)
    run.command("look")
    before = list(run.log)
    outcome = run.command(LINE)
    assert [i.value for i in run.inputs] == ["lift the stone", "in"]  # two inputs and an aside between them
    after, state = list(run.log), run.state.hash()
    undone = run.take_back()
    assert undone.said == [f"I took it all back, every part of it: {LINE}."]
    assert run.inputs == [] and run.log == before and run.state.hash() == Run(engine, 1).state.hash()
    again = run.do_again()
    assert again.recorded and again.said == [f"I did it again, just as before: {LINE}."]
    assert run.log == after and run.state.hash() == state and not run.can_redo
    assert outcome.entered == ["yard.middle"]
    run.take_back()  # and it is still one step after being done again
    assert run.log == before
    assert run.take_back().said == ["I let it go from my mind: look."]


def test_a_line_keeps_its_recording_clause_by_clause_so_replay_and_saves_do_not_change(engine):
    typed, alone = Run(engine, 1), Run(engine, 1)
    typed.command(LINE)
    for clause in ("lift the stone", "examine the gate", "go into the yard"):
        alone.command(clause)
    assert typed.recording == alone.recording and typed.asides() == alone.asides() and typed.log == alone.log


def test_after_a_replay_lines_typed_before_it_are_undone_a_clause_at_a_time(engine):
    """What a loaded run does: which clauses made one line is never saved, so each is the input it was recorded as;
    lines typed after the load are whole steps again."""
    played = Run(engine, 1)
    played.command(LINE)
    loaded, stop = Run.replay(engine, played.recording, asides=played.asides(), lazy_log=True)
    assert stop is None
    assert loaded.take_back().said == ["I went back on it, as though I never had: Go into the yard."]
    assert loaded.take_back().said == ["I let it go from my mind: examine the gate."]
    assert loaded.take_back().said == ["I went back on it, as though I never had: lift the stone."]
    assert loaded.inputs == []
    loaded.command(LINE)
    assert loaded.take_back().said == [f"I took it all back, every part of it: {LINE}."] and loaded.inputs == []


def test_typing_the_undone_line_again_walks_forward_and_keeps_what_came_after(engine):
    run = Run(engine, 1)
    run.command(LINE)
    run.choose("shout")
    full = run.state.hash()
    run.take_back()
    run.take_back()
    assert run.inputs == [] and run.can_redo
    run.command(LINE)  # the step waiting on the redo stack: it is used up, the shout still waits
    assert run.can_redo and run.do_again().said == ["I did it again, just as before: Shout for someone."]
    assert run.state.hash() == full and not run.can_redo
    run.take_back()
    run.take_back()
    run.command("lift the stone")  # only part of the line: another way, and the redo stack goes
    assert not run.can_redo


def test_undo_to_goes_back_before_a_moment_and_redo_brings_each_step_in_turn(engine):
    run = Run(engine, 1)
    run.command("look")
    run.command(LINE)
    run.choose("shout")
    full, log = run.state.hash(), list(run.log)
    clause = next(i for i, e in enumerate(log) if e.text == "examine the gate")
    prose = next(i for i, e in enumerate(log) if e.kind == "text")
    refused = run.undo_to(prose)
    assert refused.kind == "invalid" and refused.said == ["That wasn't a moment I could go back to."] and run.log == log
    assert run.undo_to(len(log)).kind == "invalid" and run.undo_to(-1).kind == "invalid"
    back = run.undo_to(clause)  # a clause of a line: before the whole line
    assert back.kind == "undo" and back.said == [f"I went back to just before it, and let all that came after go: {LINE}."]
    assert run.inputs == [] and run.asides() == [(0, "look")]
    assert run.do_again().said == [f"I did it again, just as before: {LINE}."]
    assert run.do_again().said == ["I did it again, just as before: Shout for someone."]
    assert run.log == log and run.state.hash() == full and not run.can_redo


def test_undo_to_the_first_moment_is_one_replay_however_far_back(engine):
    run = Run(engine, 1)
    for _ in range(300):
        run.choose("in" if run.state.scene == "yard.gate" else "back")
    first = next(i for i, e in enumerate(run.log) if e.kind == "choice")
    assert run.undo_to(first).kind == "undo" and run.inputs == [] and run.log == Run(engine, 1).log
    steps = 0
    while run.redo():
        steps += 1
    assert steps == 300 and len(run.inputs) == 300


def test_typed_undo_takes_back_the_aside_and_typing_it_again_uses_up_its_redo(engine):
    run = Run(engine, 1)
    run.choose("in")
    run.command("look")
    assert run.command("undo").kind == "undo" and run.inputs == [Input("yard.gate", "choose", "in")]
    assert run.asides() == [] and run.can_redo
    run.command("look")  # the same aside again: nothing left to redo
    assert not run.can_redo and run.asides() == [(1, "look")]


def test_a_step_that_no_longer_applies_on_redo_says_so_and_forgets_the_rest(engine, monkeypatch):
    """Cannot happen with a deterministic engine; if it did, redo must neither crash nor leave the stack half used."""
    from game.engine import Outcome

    run = Run(engine, 1)
    run.choose("in")
    run.choose("back")
    run.take_back()
    run.take_back()
    monkeypatch.setattr(run, "_step", lambda inp, log: Outcome("invalid"))
    again = run.do_again()
    assert again.kind == "redo" and again.said == ["There was nothing to redo."]
    assert not run.can_redo and run.inputs == []
