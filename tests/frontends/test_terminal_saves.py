"""Saves in the terminal: save, load and saves typed in `nlmg play --text`, --load, and autosaves only where asked."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from game import cli
from game.engine.saves import SaveStore
from tests.conftest import TINY


def play(monkeypatch, capsys, script: str, *extra: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(script))
    code = cli.main(["play", "--text", "--seed", "3", "--scenes", str(TINY), "--width", "200", *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_save_quit_and_continue_with_load(monkeypatch, capsys, tmp_path):
    saves = str(tmp_path / "saves")
    code, out, _ = play(monkeypatch, capsys, "lift the stone\n1\nsave by the bench\nquit\n", "--saves", saves)
    assert code == 0 and "Saved in slot 1 (\u201cby the bench\u201d)." in out
    code, out, _ = play(monkeypatch, capsys, "2\n", "--saves", saves, "--load", "1")
    assert code == 0
    assert "Loaded slot 1 (\u201cby the bench\u201d)." in out
    assert "The middle of the yard" in out and "The hall smells of dust." in out and "THE END" in out  # the key was kept


def test_typed_save_load_and_saves(monkeypatch, capsys, tmp_path):
    saves = tmp_path / "saves"
    script = "1\nsave\nsave 5\nsave mine\n3\nsaves\nload quick\nload mine\nload 7\nload\n"
    code, out, _ = play(monkeypatch, capsys, script, "--saves", str(saves))
    assert code == 0
    assert "Saved in the quicksave slot." in out and "Saved in slot 5." in out and "Saved in slot 1 (\u201cmine\u201d)." in out
    assert f"Saves in {saves}, newest first:" in out
    assert "[quick] The Yard: The middle of the yard. 1 move," in out
    assert "Loaded the quicksave slot." in out and "Loaded slot 1 (\u201cmine\u201d)." in out
    assert "Not loaded: " in out and "7.yaml: there is no save here" in out
    assert "Loaded autosave 1." in out  # plain `load` takes the newest: the autosave made on going back


def test_saving_again_under_the_same_name_reuses_its_slot(monkeypatch, capsys, tmp_path):
    saves = tmp_path / "saves"
    code, out, _ = play(monkeypatch, capsys, "save mine\n1\nsave mine\n", "--saves", str(saves))
    assert out.count("Saved in slot 1 (\u201cmine\u201d).") == 2
    assert [i.moves for i in SaveStore(saves).list() if i.slot == "1"] == [1]


def test_autosaves_on_scene_entry_when_a_folder_is_named(monkeypatch, capsys, tmp_path):
    saves = tmp_path / "saves"
    play(monkeypatch, capsys, "1\n3\n1\nlook\n", "--saves", str(saves))
    infos = SaveStore(saves).list()
    assert [i.slot for i in infos] == ["auto-1", "auto-2", "auto-3"]
    assert [i.moves for i in infos] == [3, 2, 1]


def test_a_piped_script_without_a_saves_folder_never_autosaves(monkeypatch, capsys, tmp_path):
    monkeypatch.delenv("NLMG_SAVES", raising=False)
    monkeypatch.setattr("game.paths.saves_dir", lambda override=None: Path(override) if override else tmp_path / "default")
    play(monkeypatch, capsys, "1\n3\n1\n")
    assert not (tmp_path / "default").exists()


def test_load_of_a_bad_save_stops_with_a_clear_message(monkeypatch, capsys, tmp_path):
    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / "2.yaml").write_text("nlmg_save: 99\n---\n{}\n")
    code, out, err = play(monkeypatch, capsys, "", "--saves", str(saves), "--load", "2")
    assert code == 1
    assert "Cannot load the save: " in err and "newer version of the game" in err and "Traceback" not in err


def test_load_continue_takes_the_newest(monkeypatch, capsys, tmp_path):
    saves = str(tmp_path / "saves")
    play(monkeypatch, capsys, "1\nsave 4\n", "--saves", saves)
    code, out, _ = play(monkeypatch, capsys, "", "--saves", saves, "--load", "continue")
    assert code == 0 and "Loaded" in out and "The middle of the yard" in out


def test_a_load_after_a_story_edit_tells_the_player(monkeypatch, capsys, tmp_path):
    import shutil

    saves = str(tmp_path / "saves")
    play(monkeypatch, capsys, "1\n4\nsave 2\n", "--saves", saves)
    story = tmp_path / "story"
    shutil.copytree(TINY, story)
    (story / "middle.yaml").write_text((story / "middle.yaml").read_text().replace("id: shout", "id: call"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.main(["play", "--text", "--scenes", str(story), "--saves", saves, "--load", "2", "--width", "300"])
    out = capsys.readouterr().out
    assert code == 0
    assert "The story has changed since this save: at move 2, the choice 'shout' is no longer in 'yard.middle', so the run stops just before it." in out


@pytest.mark.parametrize("word", ["undo", "back"])
def test_undo_after_load_goes_back_through_the_saved_moves(monkeypatch, capsys, tmp_path, word):
    saves = str(tmp_path / "saves")
    play(monkeypatch, capsys, "1\n3\nsave 1\n", "--saves", saves)
    code, out, _ = play(monkeypatch, capsys, f"{word}\n{word}\n{word}\n", "--saves", saves, "--load", "1")
    assert "There was nothing to undo: this was where it began." in out
    assert out.rstrip().endswith("There was nothing to undo: this was where it began.\n\n>")
    assert out.count("The middle of the yard") == 1  # loaded at the gate; one undo goes back into the yard
