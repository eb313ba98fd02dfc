"""`nlmg replay`: --text, --transcript, --verify, slot names, bad saves, and the window fallback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game import cli
from game.engine import Engine, Run, load_story
from game.engine.saves import SaveStore
from tests.conftest import TINY


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A saves folder holding slot 1: a run to the 'home' ending, with a look on the way."""
    run = Run(Engine(load_story(TINY)), 2)
    run.command("lift the stone")
    run.command("examine the key")
    run.choose("in")
    run.choose("door")
    store = SaveStore(tmp_path / "saves")
    store.save(run, "1", name="home")
    return store.folder


def nlmg(*argv: str) -> int:
    return cli.main(["replay", *argv, "--scenes", str(TINY)])


def test_text_prints_the_transcript(saved, capsys):
    assert nlmg("1", "--saves", str(saved), "--text") == 0
    out = capsys.readouterr().out
    assert out.startswith("# A Tiny Story\n")
    assert "> `lift the stone`" in out and "Under the stone there is a key. I take it." in out
    assert "> `examine the key`" in out and "A heavy key, cold in the hand." in out
    assert "> **Unlock the door.**" in out and "**The end: Home**" in out


def test_transcript_writes_markdown(saved, tmp_path, capsys):
    out = tmp_path / "run.md"
    assert nlmg(str(saved / "1.yaml"), "--transcript", str(out)) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# A Tiny Story") and "### The hall" in text
    assert "Wrote the transcript" in capsys.readouterr().err


def test_verify_passes_on_an_exact_save(saved, capsys):
    assert nlmg("1", "--saves", str(saved), "--verify") == 0
    assert "replays exactly: 3 moves reach the saved state" in capsys.readouterr().out


def test_verify_fails_with_the_first_diverging_input(saved, tmp_path, capsys):
    story = tmp_path / "edited"
    shutil.copytree(TINY, story)
    text = (story / "middle.yaml").read_text()
    (story / "middle.yaml").write_text(text.replace("id: door", "id: open_door").replace("goto: house.hall", "goto: house.hall"))
    code = cli.main(["replay", "1", "--saves", str(saved), "--scenes", str(story), "--verify"])
    out = capsys.readouterr().out
    assert code == 1
    assert "does not replay exactly" in out
    assert "Input 3 of 3 (in 'yard.middle', choose 'door') no longer applies: the choice 'door' is no longer in 'yard.middle'." in out


@pytest.mark.parametrize("content", [b"", b"\x00\x01garbage", b"nlmg_save: 1\n"])
def test_a_bad_save_is_one_line_and_exit_1(saved, capsys, content):
    (saved / "2.yaml").write_bytes(content)
    for flag in ("--verify", "--text"):
        assert nlmg("2", "--saves", str(saved), flag) == 1
        captured = capsys.readouterr()
        message = (captured.out + captured.err).strip()
        assert "2.yaml: " in message and "Traceback" not in message and len(message.splitlines()) == 1


def test_without_a_window_the_run_is_printed_with_a_note(saved, capsys, monkeypatch):
    import sys

    import game.frontends.desktop as desktop

    monkeypatch.setitem(sys.modules, "game.frontends.desktop.replay", None)  # as if pygame could not be imported
    monkeypatch.delattr(desktop, "replay", raising=False)
    assert nlmg("1", "--saves", str(saved)) == 0
    captured = capsys.readouterr()
    assert "No window can be opened here" in captured.err
    assert captured.out.startswith("# A Tiny Story")


def test_with_a_window_the_model_is_handed_to_it(saved, monkeypatch):
    import sys
    import types

    seen = {}
    fake = types.ModuleType("game.frontends.desktop.replay")

    def window_main(args, model):
        seen["model"] = model
        return 0

    fake.main = window_main  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "game.frontends.desktop.replay", fake)
    import game.frontends.desktop as desktop

    monkeypatch.setattr(desktop, "replay", fake, raising=False)
    assert nlmg("1", "--saves", str(saved)) == 0
    model = seen["model"]
    assert model.steps[-1].ending == "Home" and model.info.name == "home"
