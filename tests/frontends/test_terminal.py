"""The terminal front end, driven as a script would drive it: standard input in, transcript out."""

from __future__ import annotations

import io
import subprocess
import sys

from game.engine import Engine, Run, load_story
from game.frontends.terminal import TerminalGame
from tests.conftest import TINY


def play(script: str, seed: int = 1) -> tuple[int, str]:
    run = Run(Engine(load_story(TINY)), seed)
    out = io.StringIO()
    game = TerminalGame(run, out, width=70, echo=True)
    code = game.play(io.StringIO(script))
    return code, out.getvalue()


def test_scripted_playthrough_reaches_an_ending():
    code, text = play("lift the stone\n1\n2\n")
    assert code == 0
    assert "THE YARD" in text and "Where the test begins." in text
    assert "Under the stone there is a key. I take it." in text
    assert "THE HOUSE" in text
    assert "THE END" in text and "Home" in text and "The door closes behind me." in text


def test_numbers_commands_and_helpful_errors():
    code, text = play("9\nxyzzy\nexamine gate\n1\n2\n")
    assert "There is no choice 9. Choose 1 to 2" in text
    assert "That wasn't something I knew how to do." in text
    assert "The paint has flaked away to bare wood." in text
    assert "-. Unlock the door. (not open to me now)" in text
    assert "That is not open to me now." in text
    assert code == 0  # input ran out before an ending: a quiet stop


def test_undo_in_the_terminal():
    code, text = play("1\nundo\n2\n")
    assert "\nI went back on it, as though I never had: Go into the yard.\n" in text  # the Run's words, as every front end says them
    assert "THE END" in text and "Away" in text


LINE = "lift the stone, then examine the gate and then go into the yard"


def test_one_undo_takes_back_a_whole_typed_line_and_redo_brings_it_again():
    """Failed before: the line is played as three clauses, and undo took back only the last (the move into the yard)."""
    _, before = play(f"{LINE}\n")
    _, text = play(f"{LINE}\nundo\nredo\n")
    after = " ".join(text[len(before):].split())  # the terminal wraps long lines
    assert f"I took it all back, every part of it: {LINE}. The gate 1. Go into the yard." in after
    assert "Under the stone" not in after.split("I did it again")[0]  # the undo says what it took back, nothing more
    assert f"I did it again, just as before: {LINE}. Under the stone there is a key. I take it. The paint has" in after
    assert after.count("The middle of the yard") == 1 and "The house is locked" not in after  # named, not reprinted


def test_undo_and_redo_print_only_what_changed():
    """Issue 14: no chapter banner and no prose again; the step named, the scene named if it changed, the choices."""
    _, before = play("examine gate\n1\n")
    _, text = play("examine gate\n1\nundo\nundo\nredo\nredo\n")
    after = text[len(before):]
    assert "THE YARD" not in after and "Where the test begins." not in after  # no banner
    assert "A " not in after.split("I went back on it")[0]  # nothing reprinted before the first step back
    lines = [line for line in after.splitlines() if line.strip()]
    assert lines[1] == "I went back on it, as though I never had: Go into the yard." and lines[2] == "The gate"  # back at the gate
    assert "I let it go from my mind: examine gate." in after and "I did it again, just as before: examine gate." in after
    assert after.count("The paint has flaked away to bare wood.") == 1  # the look's reply, once, on redo
    assert text.count("The gate\n--------") == 1  # the scene's heading and prose never printed again


def test_undo_at_the_start_says_so_and_nothing_else():
    code, text = play("undo\n")
    assert "There was nothing to undo" in text
    assert "I went back on it" not in text and "I let it go" not in text


def test_a_single_choice_is_not_one_to_one():
    from game.frontends.terminal import no_such_choice

    assert "Choose 1 to 1" not in no_such_choice(4, 1) and "only choice 1" in no_such_choice(4, 1)
    assert "Choose 1 to 3" in no_such_choice(4, 3)


def test_quit_word():
    code, text = play("quit\n1\n")
    assert code == 0 and text.rstrip().endswith("Goodbye.")


def test_nlmg_play_text_as_a_real_process():
    proc = subprocess.run(
        [sys.executable, "-m", "game", "play", "--text", "--scenes", str(TINY), "--seed", "4"],
        input="2\n", capture_output=True, text=True, timeout=30,
    )
    assert proc.returncode == 0, proc.stderr
    assert "The end of the lane" in proc.stdout and "THE END" in proc.stdout
    assert "pygame" not in proc.stderr.lower()


def test_broken_story_in_play_is_reported_without_traceback(tmp_path):
    (tmp_path / "story.yaml").write_text("id: t\ntitle: T\nstart: a\n")
    (tmp_path / "a.yaml").write_text("id: a\nchapter: C\ntitle: A\ntext: Hi.\nchoices: [{text: Go, goto: b}]\n")
    proc = subprocess.run(
        [sys.executable, "-m", "game", "play", "--text", "--scenes", str(tmp_path)],
        input="", capture_output=True, text=True, timeout=30,
    )
    assert proc.returncode == 1
    assert "a.yaml:5:28: error: choice 1 of scene 'a' goes to 'b', which does not exist" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_nlmg_without_a_subcommand_takes_plays_options():
    proc = subprocess.run(
        [sys.executable, "-m", "game", "--text", "--scenes", str(TINY), "--seed", "4"],
        input="2\n", capture_output=True, text=True, timeout=30,
    )
    assert proc.returncode == 0, proc.stderr
    assert "THE END" in proc.stdout


def test_how_to_play_is_the_front_ends_to_say():
    """The engine says only what the scene offers; the terminal adds how to play (numbers, save, undo)."""
    engine = Engine(load_story(TINY))
    state = engine.new_state(1)
    empty = engine.command(state, "the")
    assert (empty.kind, empty.said, empty.recorded) == ("empty", [], False)
    help_ = engine.command(state, "help")
    assert help_.kind == "help" and not any("number" in line or "Save" in line for line in help_.said)
    code, text = play("the\nhelp\n")
    text = " ".join(text.split())  # as read, not as wrapped
    assert "Type what Kathy should do (look, examine a thing, take it), or a choice's number." in text
    assert "Choose by number, or type what Kathy should do" in text and "Undo takes back a step and redo brings it again" in text
    assert text.index("Choose by number") < text.index("Here I might try take.")


def test_help_gives_real_examples_from_the_moment_and_no_placeholders():
    """Failed before: help said `examine <thing>, ask <someone> about <something>`, template brackets a new player
    has to decode. Now its examples are what the moment holds: a thing Kathy can see, and it answers them."""
    _code, text = play("help\n")
    text = " ".join(text.split())
    assert "<" not in text and "thing>" not in text
    assert "look, examine the gate, or inventory to see what she carries." in text
    run = Run(Engine(load_story(TINY)), 1)
    said = run.command("examine the gate")  # the example works where it is offered
    assert said.kind == "examine" and said.said


def test_a_story_fault_is_shown_and_the_terminal_keeps_the_run(tmp_path):
    """It used to print the error and exit with code 1; now the run is put back and play goes on."""
    (tmp_path / "story.yaml").write_text("id: t\ntitle: T\nstart: a\n")
    (tmp_path / "a.yaml").write_text(
        "- id: a\n  chapter: C\n  title: A\n  text: Hi.\n  choices:\n"
        "    - {id: boom, text: Boom., do: [{set: {name: \"'kathy'\"}}, {add: {name: 1}}], goto: b}\n"
        "    - {id: on, text: On., goto: b}\n"
        "- {id: b, chapter: C, title: B, text: Bye., ending: done}\n")
    run = Run(Engine(load_story(tmp_path)), 1)
    out = io.StringIO()
    code = TerminalGame(run, out, width=200, echo=True).play(io.StringIO("1\nundo\n2\n"))
    text = out.getvalue()
    assert code == 0
    assert "The story went wrong here:" in text and "cannot add 1 to 'name'" in text and "a.yaml:" in text
    assert "There was nothing to undo" in text  # the failed choice left nothing behind to undo
    assert "THE END" in text and run.ended and [i.value for i in run.inputs] == ["on"]
