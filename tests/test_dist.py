"""The standalone build (`make dist`): PyInstaller's one folder, run with no Python of ours around it.

Builds it from packaging/nlmg.spec into a temporary folder (the slowest test in the suite, about
half a minute of CPU), then runs the binary as a player would: `check` is clean, a scripted game
in the terminal reaches an ending, and the window draws its first frame (kept as a picture through NLMG_FIRST_FRAME)
with the build's font under the dummy driver, and keeps running.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pygame
import pytest

from game.engine import Engine, Run, load_story
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # builds the binary: make test-slow

pytest.importorskip("PyInstaller", reason="PyInstaller is not installed: make test installs it (the test extra)")


@pytest.fixture(scope="module")
def binary(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(work / "dist"),
         "--workpath", str(work / "build"), str(ROOT / "packaging" / "nlmg.spec")],
        cwd=work, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    exe = work / "dist" / "nlmg" / ("nlmg.exe" if os.name == "nt" else "nlmg")
    assert exe.is_file()
    return exe


def player_env(tmp_path: Path) -> dict[str, str]:
    """A player's environment: no PYTHONPATH, no venv, nothing of this checkout on the path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "NLMG_"))}
    env.update(NLMG_SAVES=str(tmp_path / "saves"), HOME=str(tmp_path), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    return env


def test_check_is_clean(binary, tmp_path) -> None:
    done = subprocess.run([str(binary), "check"], cwd=tmp_path, env=player_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    scenes = len(load_story(ROOT / "scenes").scenes)
    assert f"{scenes} scenes" in done.stdout and "0 warnings" in done.stdout
    assert str(binary.parent) in done.stdout  # the story the build carries, not this checkout's


def test_a_scripted_terminal_game_reaches_an_ending(binary, tmp_path) -> None:
    engine = Engine(load_story(ROOT / "scenes"))
    run = Run(engine, 5)
    numbers = []
    while not run.ended:
        options = list(run.view().options)
        n = next(i for i, o in enumerate(options) if o.enabled)
        numbers.append(str(n + 1))
        run.choose(options[n].id)
    ending = engine.ending(run.state)
    script = "look\n" + "\n".join(numbers) + "\n"
    done = subprocess.run([str(binary), "play", "--text", "--seed", "5", "--width", "80"], input=script, cwd=tmp_path,
                          env=player_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "THE END" in done.stdout and ending.title in done.stdout


def _open_fonts(pid: int) -> list[str]:
    """The font files a process holds open (Linux: /proc/PID/fd). SDL_ttf keeps a font's file open while it is in use."""
    fds = Path(f"/proc/{pid}/fd")
    found = []
    for fd in fds.iterdir() if fds.is_dir() else []:
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.endswith((".otf", ".ttf")):
            found.append(target)
    return found


def _first_line(proc: subprocess.Popen[str], seconds: float) -> str:
    """The first line the process writes to standard output, or "" if it writes none in time."""
    assert proc.stdout is not None
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        if select.select([proc.stdout], [], [], 0.1)[0]:
            return proc.stdout.readline()
    return ""


def test_the_window_draws_its_first_frame_with_the_builds_font_and_keeps_running(binary, tmp_path) -> None:
    """The window under the dummy driver draws its first frame: NLMG_FIRST_FRAME has the binary keep that frame as a
    PNG (game/frontends/desktop/firstframe.py) and say so; the picture is the window's size and not blank. The app
    holds open the font the build carries, and is still running its loop a second later. It is then stopped."""
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("reads /proc to see the open font: Linux only (the release workflow runs the build itself elsewhere)")
    shot = tmp_path / "first-frame.png"
    env = {**player_env(tmp_path), "NLMG_FIRST_FRAME": str(shot)}
    proc = subprocess.Popen([str(binary)], cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = _first_line(proc, 120)  # generous: a loaded machine starts a one-folder build slowly
        fonts = _open_fonts(proc.pid)
        time.sleep(1.0)  # a frame or two more: it must still be running after drawing
        alive = proc.poll() is None
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    assert alive, line + out + err
    assert line.startswith("nlmg: first frame drawn (") and str(shot) in line, line + out + err
    w, h = (int(n) for n in line.split("(")[1].split(")")[0].split("x"))
    assert w >= 640 and h >= 480
    picture = pygame.image.load(str(shot))
    assert picture.get_size() == (w, h)
    colours = {tuple(picture.get_at((x, y))) for x in range(0, w, 8) for y in range(0, h, 8)}
    assert len(colours) > 200, len(colours)  # the painted title, its text and menu: a blank or flat frame has a handful
    assert fonts and all(str(binary.parent) in f for f in fonts), fonts  # the build's own font, not one from this checkout
    assert "Traceback" not in err and "playing in the terminal" not in err, err  # the window itself, not the fallback


def test_the_build_is_one_folder_with_the_story_and_font(binary) -> None:
    internal = binary.parent / "_internal" / "game"
    assert (internal / "scenes" / "story.yaml").is_file() and (internal / "assets" / "fonts" / "GaramondLining-Regular.otf").is_file()
    assert (internal / "frontends" / "web" / "static" / "index.html").is_file()  # --collect-data game
    assert (internal / "engine" / "english_words.txt").is_file()  # the parser's word list, read from beside words.py
