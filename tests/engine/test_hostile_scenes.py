"""Scene files against hostile content (issue 12): a pipe, a device, numbers and texts no save could hold. Each is
an error at its file and line, found by `check` and `play` alike, never a hang or a traceback."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from game.engine import StoryError, load_story
from tests.conftest import TINY


def copy_tiny(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    shutil.copytree(TINY, folder, ignore=shutil.ignore_patterns(".cache"))
    return folder


def errors_of(folder: Path) -> list[str]:
    try:
        load_story(folder, cache=None)
    except StoryError as exc:
        return [d.format() for d in exc.diagnostics if d.severity == "error"]
    return []


def test_a_pipe_or_a_device_among_the_scene_files_is_refused_without_reading_it(tmp_path: Path) -> None:
    """Failed before: the size cap trusted st_size, so a FIFO named like a scene file blocked `check` and `play` for ever."""
    for n, (name, make) in enumerate([("pipe.yaml", os.mkfifo), ("zero.yaml", lambda p: p.symlink_to("/dev/zero"))]):
        folder = copy_tiny(tmp_path / str(n))
        make(folder / name)
        found: list[list[str]] = []
        t = threading.Thread(target=lambda folder=folder: found.append(errors_of(folder)), daemon=True)
        t.start()
        t.join(20)
        assert not t.is_alive(), f"loading a story with {name} among its files hung"
        assert len(found[0]) == 1 and "not an ordinary file" in found[0][0], found  # named by where it leads: /dev/zero
        assert name in found[0][0] or "/dev/zero" in found[0][0]


@pytest.mark.parametrize("where, bad", [
    ("story", "courage: 0x" + "f" * 20_000),  # a hex number: int() takes any length of it
    ("story", "courage: " + "9" * 5_000),  # a decimal one past Python's 4,300-digit limit
    ("story", "courage: " + "9" * 3_900),  # under that limit, past what a save may hold
    ("story", "courage: .nan"),
    ("scene", "do: [{set: {courage: 0x" + "f" * 20_000 + "}}]"),
    ("scene", "say: " + "w" * 1_000_001),  # one word longer than any text a save or the window's wrapping is built for
])
def test_values_no_save_could_hold_are_errors_at_their_line(tmp_path: Path, where: str, bad: str) -> None:
    """Failed before: the hex number crashed `check` in a traceback (int to str digit limit), the 5,000 digits were an
    error with no line that spoke of sys.set_int_max_str_digits, and NaN and the 1,000,001-character word passed."""
    folder = copy_tiny(tmp_path)
    if where == "story":
        path = folder / "story.yaml"
        path.write_text(path.read_text().replace("courage: 0", bad))
        line = 26
    else:
        path = folder / "middle.yaml"
        path.write_text(path.read_text().replace("      say: Nobody answers.", "      " + bad))
        line = 26
    found = errors_of(folder)
    assert found and all(e.startswith(f"{path}:{line}:") for e in found), [e[:200] for e in found]  # nothing else breaks
    assert any("too large" in e or "too long" in e or "not finite" in e for e in found)
    assert all("sys.set_int_max_str_digits" not in e and len(e) < 300 for e in found)
