"""The window against hostile settings and memories files and unforeseen faults (issue 12): it starts, and plays on."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pygame
import pytest

from game.frontends.desktop import memories as memories_file
from game.frontends.desktop import settings as settings_file
from game.frontends.desktop.settings import Settings


@pytest.mark.parametrize("content", [
    json.dumps({"theme": ["dark"], "text_size": {"a": 1}, "text_speed": [1]}),
    "[" * 30000 + "]" * 30000,
    json.dumps({"volume": int("9" * 4000)}),
    "[1, 2, 3]",
])
def test_settings_of_the_wrong_shape_fall_back_to_defaults(tmp_path: Path, content: str) -> None:
    """Failed before: a list where a name belongs raised TypeError (unhashable) and the window could not start."""
    (tmp_path / "settings.json").write_text(content)
    loaded, _ = settings_file.load(tmp_path)
    assert loaded == Settings()


def test_a_pipe_in_place_of_settings_does_not_hang(tmp_path: Path) -> None:
    """Failed before: reading a FIFO as settings.json blocked for ever."""
    os.mkfifo(tmp_path / "settings.json")
    os.mkfifo(tmp_path / "memories.json")
    loaded, problem = settings_file.load(tmp_path)
    assert loaded == Settings() and problem is not None and "settings.json" in problem
    assert memories_file.load(tmp_path)[1] is not None


def test_memories_that_could_not_be_written_back_are_refused_on_reading(tmp_path: Path) -> None:
    """Failed before: a lone surrogate in memories.json was read, and writing the file back then raised."""
    (tmp_path / "memories.json").write_text('{"format": 1, "stories": {"\\udc00": {"endings": ["\\udc00"]}}}')
    memories, problem = memories_file.load(tmp_path)
    assert problem is not None
    assert memories_file.save(tmp_path, memories) is None


def test_a_fault_answering_a_key_is_a_notice_and_play_goes_on(launch) -> None:
    d = launch()
    screen = d.top

    def broken(ev: object) -> None:
        raise RuntimeError("an unforeseen fault")

    screen.on_event = broken  # type: ignore[method-assign]
    d.key(pygame.K_SPACE, text=" ")
    assert d.app.running
    assert any("unforeseen fault" in t.text for t in d.app.notices.toasts)


@pytest.mark.parametrize("memories", [
    json.dumps({"format": 1, "stories": {"garden": {"endings": {"a": 1}, "scenes": 5, "chapters": [1, 2]}}}),
    json.dumps({"format": 1, "stories": {"garden": {"chapters": {"One": {"seed": "7", "inputs": [[1, 2]]}}}}}),
    json.dumps({"format": 1, "stories": [["garden"]]}),
    "{\"format\": 1, \"stories\": " + "[" * 30000 + "]" * 30000 + "}",
    json.dumps({"format": 1, "stories": {"garden": {"endings": ["x" * 10, 10 ** 4000]}}}),
])
def test_memories_of_the_wrong_shape_keep_what_is_well_formed(tmp_path: Path, memories: str) -> None:
    """Failed before: memories.json nested 30,000 deep raised RecursionError, and the window could not start."""
    (tmp_path / "memories.json").write_text(memories)
    loaded, _ = memories_file.load(tmp_path)
    assert memories_file.save(tmp_path, loaded) is None
    assert memories_file.load(tmp_path)[0] == loaded  # what is kept writes back and reads again the same


def test_the_window_starts_and_plays_over_a_hostile_saves_folder(launch, tmp_path: Path) -> None:
    """Issue 12: settings, memories, the saves index and the saves themselves all hostile at once: the window opens,
    lists what it can, says what it could not read, and a new game plays."""
    saves = tmp_path / "hostile"
    saves.mkdir()
    (saves / "settings.json").write_text(json.dumps({"theme": ["dark"], "text_size": {"a": 1}, "tip_shown": True}))
    (saves / "memories.json").write_text("[" * 30000 + "]" * 30000)
    (saves / ".index.json").write_text('{"format": 2, "saves": {"1.yaml": 5}}')
    (saves / "².yaml").write_text("nlmg_save: 2\n")
    (saves / "2.yaml").write_text('{"a": ' * 30000 + "1" + "}" * 30000)
    (saves / "3.yaml").write_bytes(b"\xff\xfe" * 100)
    os.mkfifo(saves / "4.yaml")
    (saves / ".5.yaml.999999999.tmp").write_text("half a save")
    os.utime(saves / ".5.yaml.999999999.tmp", (1_000_000_000, 1_000_000_000))
    d = launch(saves=saves)
    d.pump(3)
    assert d.top.name == "title" and d.app.running
    assert any("memories.json" in w for w in d.app.warnings)
    for name in ("load", "memories", "settings"):
        d.app.open(name)
        d.settle(0.5)
        assert d.top.name == name, name
        d.press("escape")
        d.settle(0.5)
    assert d.top.name == "title"
    d.app.new_game()
    d.settle(1.0)
    d.press("space")
    d.settle(1.0)
    assert d.top.name in ("card", "play") and d.app.running
    assert not (saves / ".5.yaml.999999999.tmp").exists()  # a killed save's leftover, cleaned at the listing
