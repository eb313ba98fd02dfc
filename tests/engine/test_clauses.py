"""Lines of several clauses: `look at the sea and then sit down` does both, each recorded as its own input, and a
line a choice answers to whole is never split."""

from __future__ import annotations

import pytest

from game.engine.bounds import MAX_LINE
from game.engine.clauses import split
from game.engine.run import Run
from tests import storykit

STORY = storykit.story("car", """
    items:
      letter: {name: the letter, names: [letter], look: Folded in three.}
    responses:
      sit: I sat a while.
      wait: I waited.
      switch_off: I left {name} as {it} was.
      no_pronoun: I wasn't sure what I meant.
      cannot_see: I couldn't see anything like that.
    """)

SCENES = (
    storykit.scene("car", "The car", "The radio is off and the letter on the seat.", """
        scenery:
          sea: The sea, a long way off.
        things:
          radio: {names: [radio], look: One good knob.}
          note: {names: [letter, note], look: A letter on the seat.}
        actions:
          - id: radio_on
            verbs: [turn on]
            thing: radio
            say: A man talking about roses.
        choices:
          - id: bag
            text: Put the letter in my bag, and go in.
            goto: room
          - id: over
            text: Leave the letter on the seat.
            words: [turn it over]
            goto: room
        """),
    storykit.scene("room", "The room", "A narrow green room.", to="car", way="Go back."),
)


@pytest.fixture()
def run() -> Run:
    return Run(storykit.engine(STORY, *SCENES), 1)


@pytest.mark.parametrize(("line", "parts"), [
    ("look at the sea and then sit down", ["look at the sea", "sit down"]),
    ("sit and wait", ["sit", "wait"]),
    ("take the tape, look at it", ["take the tape", "look at it"]),
    ("x radio. turn it on", ["x radio", "turn it on"]),
    ("wait, then follow her", ["wait", "follow her"]),
    ("look; wait", ["look", "wait"]),
    ("fish and chips", ["fish and chips"]),
    ("hug ruth and tommy", ["hug ruth and tommy"]),
    ("ask ruth about chess, please", ["ask ruth about chess, please"]),
    ("look at the boat and the marsh", ["look at the boat and the marsh"]),
])
def test_a_line_splits_where_one_thing_follows_another(line, parts):
    assert split(line) == parts


def test_each_clause_is_played_and_recorded_on_its_own(run):
    """Failed before: `look at the sea and then sit down` looked at the sea and never sat."""
    out = run.command("look at the sea and then sit down")
    assert out.said == ["The sea, a long way off.", "I sat a while."]
    out = run.command("turn on the radio, then turn it off")
    assert out.said == ["A man talking about roses.", "I left the radio as it was."] and out.recorded
    assert [(i.kind, i.value) for i in run.inputs] == [("command", "turn on the radio")]
    replayed, stop = Run.replay(run.engine, run.recording)  # a replay plays the clauses recorded, never splits
    assert stop is None and replayed.state.hash() == run.state.hash()


def test_a_line_a_choice_answers_to_whole_is_not_split_and_a_move_ends_the_line(run):
    out = run.command("Put the letter in my bag, and go in.")
    assert out.kind == "choice" and run.state.scene == "room"
    out = run.command("wait and then go back and sit")  # `go back` leaves the room: `sit` was meant for the room
    assert run.state.scene == "car" and out.said == ["I waited."] and out.entered == ["car"]


def test_turn_it_off_takes_no_choice_that_turns_it_over(run):
    """Failed before: `turn it off` left the letter on the seat, by the choice's words `turn it over`."""
    run.command("x radio")
    out = run.command("turn it off")
    assert run.state.scene == "car" and out.said == ["I left the radio as it was."]
    assert run.command("turn it over").kind == "choice"


def test_a_long_line_of_spaces_and_commas_is_split_at_once():
    """The longest line a player can type (bounds.MAX_LINE), with runs of spaces and commas where a regex could try
    every way of matching them: split as quickly as any line. Guarded by an alarm, as `make fuzz` guards each case:
    before the spaces were made single, the first of these took the regex engine most of a minute."""
    import signal

    def hang(*_):
        raise TimeoutError("splitting one typed line took more than five seconds")

    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(5)
    try:
        assert split("a" + " " * (MAX_LINE - 2) + "b") == ["a b"]
        assert split("look" + " \t" * 990 + "and sit") == ["look", "sit"]
        assert split(", " * (MAX_LINE // 2)) == [", " * (MAX_LINE // 2)]
        assert split("sit" + " and" * 495) == ["sit" + " and" * 495]  # no verb follows any of them: one clause
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
