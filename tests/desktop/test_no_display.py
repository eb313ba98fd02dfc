"""With no display at all (an ssh session, a container), `nlmg play` says so and plays in the terminal."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, TINY


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY and WAYLAND_DISPLAY are how Linux names a display")
def test_no_display_plays_in_the_terminal_instead_of_an_invisible_window(tmp_path) -> None:
    """Failed before: SDL fell back to its offscreen driver, so the game ran in a window nobody could see and the
    player, at a bare terminal, met what looked like a hang (the process never ended; 15 s timeout here)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), NLMG_CACHE="off")
    done = subprocess.run([sys.executable, "-m", "game.cli", "play", "--scenes", str(TINY), "--saves", str(tmp_path / "saves")],
                          input="q\n", capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
    assert "there is no display to show a window on" in done.stderr and "playing in the terminal instead" in done.stderr
    assert "XDG_RUNTIME_DIR" not in done.stderr  # said before SDL probes for a display, and complains about it
    assert done.stdout.strip() and done.returncode == 0
