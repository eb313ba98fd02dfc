"""The terminal against hostile typing and hostile text (issue 12): no traceback, nothing raw printed, the run goes on."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Engine, Run, load_story
from game.engine.bounds import clean_line
from game.frontends import terminal_saves
from game.frontends.terminal import TerminalGame, wrap
from tests.conftest import TINY

ENGINE = Engine(load_story(TINY))


class Args:
    def __init__(self, saves: Path):
        self.saves = str(saves)
        self.load = None


def game_for(saves: Path | None = None, width: int = 70) -> tuple[TerminalGame, io.StringIO]:
    out = io.StringIO()
    game = TerminalGame(Run(ENGINE, 1), out, width=width, echo=True)
    if saves is not None:
        assert terminal_saves.attach(game, Args(saves)) is None  # type: ignore[arg-type]
    return game, out


def test_odd_numbers_are_answered_not_crashed(tmp_path: Path) -> None:
    """Failed before: `²`, `①`, a 5,000-digit number and `save ²` raised ValueError out of the game."""
    game, out = game_for(tmp_path / "saves")
    for line in ["²", "①", "9" * 5000, "save ²", "load ²", "save " + "9" * 5000, "٣"]:
        assert game.handle(line + "\n") is True
    assert "Traceback" not in out.getvalue()
    assert game.run.view().options


def test_a_negative_width_still_wraps() -> None:
    """Failed before: `--width -5` raised ValueError in textwrap."""
    game, out = game_for(width=-5)
    game.say("A gate stands open onto a yard, and the grass is long.")
    assert out.getvalue().strip()


def test_control_characters_never_reach_the_terminal() -> None:
    """Failed before: escape sequences in typed lines (echoed) and text were printed raw."""
    game, out = game_for()
    game.play(io.StringIO("look \x1b]0;owned\x07\x1b[2J\nexamine gate\x9b31m\n"))
    game.say("Story text with \x1b[31mred\x1b[0m and a bell\x07.")
    text = out.getvalue()
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text


def test_an_invalid_utf8_byte_typed_does_not_break_the_next_save(tmp_path: Path) -> None:
    """Failed before: `printf 'look \\xff'` became a lone surrogate and `save` crashed in the encoder."""
    game, out = game_for(tmp_path / "saves")
    game.handle("look \udcff\n")
    game.handle("save 4\n")
    assert "Saved in slot 4" in out.getvalue()


def test_a_long_unbroken_word_is_cut_without_textwraps_quadratic_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Failed before: textwrap slices the rest of a long word once a line (its _handle_long_word), quadratic in the
    word's length: a 20 MB word in a scene hung `play`. bench/fuzz.py measures the time; here, that path is never taken."""

    def quadratic(*args: object) -> None:
        raise AssertionError("textwrap's long-word path was used")

    monkeypatch.setattr(textwrap.TextWrapper, "_handle_long_word", quadratic)
    game, out = game_for()
    game.say("A word: " + "a" * 100_000 + " and after it, more.")
    lines = out.getvalue().split("\n")
    assert all(len(line) <= 70 for line in lines) and "".join(lines).count("a") >= 100_000
    assert wrap("short words stay as textwrap puts them", 12) == "short words\nstay as\ntextwrap\nputs them"


def test_an_unexpected_fault_becomes_a_message_and_the_run_goes_on() -> None:
    game, out = game_for()

    def broken(arg: str) -> list[str]:
        raise RuntimeError("a fault\nacross two lines")

    game.extra_commands["xyzzy"] = broken
    assert game.handle("xyzzy\n") is True
    said = " ".join(out.getvalue().split())
    assert "Something went wrong with that" in said and "a fault across two lines" in said
    assert game.handle("1\n") is True


TYPED = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TYPED, max_size=8))
def test_any_typed_lines_answer_and_never_print_a_control_character(lines: list[str]) -> None:
    game, out = game_for()
    for line in lines:
        if clean_line(line).strip().lower() in ("quit", "exit", "q"):  # "q" with a stray escape after it is still q
            continue
        assert game.handle(line) is True
    text = out.getvalue()
    assert not any(ord(c) < 32 and c not in "\n\t" for c in text)
    assert "Something went wrong" not in text
