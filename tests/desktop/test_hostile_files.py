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
