"""At a real terminal the line is read through readline (history with Up, editing); piped, it is read plainly and the
transcript is byte for byte what it always was."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
import time

from game.engine import Engine, Run, load_story
from game.frontends.terminal import TerminalGame
from tests.conftest import TINY

ENV = {**os.environ, "NLMG_CACHE": "off", "TERM": "dumb", "PYTHONIOENCODING": "utf-8"}


def read_until(fd: int, marker: bytes, seconds: float = 20.0) -> bytes:
    out = b""
    deadline = time.monotonic() + seconds
    while marker not in out and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                out += os.read(fd, 4096)
            except OSError:
                break
    return out


def test_up_recalls_the_last_command_at_a_real_terminal():
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "game", "play", "--text", "--scenes", str(TINY), "--seed", "1"],
                            stdin=child, stdout=child, stderr=child, env=ENV, close_fds=True)
    os.close(child)
    try:
        read_until(main, b"> ")
        os.write(main, b"examine gate\r")
        first = read_until(main, b"bare wood.")
        assert b"bare wood." in first
        read_until(main, b"> ")  # the next prompt: readline is reading again
        os.write(main, b"\x1b[A\r")  # Up, then Enter: readline brings the line back
        again = read_until(main, b"bare wood.")
        assert b"bare wood." in again, again
        assert b"know how" not in again  # the arrow was not taken as characters of a command
        os.write(main, b"quit\r")
        read_until(main, b"Goodbye.")
    finally:
        proc.kill()
        proc.wait(timeout=10)
        os.close(main)


def test_piped_input_reads_plainly_and_the_transcript_is_unchanged():
    script = "examine gate\n1\nundo\nredo\n1\n"
    done = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--scenes", str(TINY), "--seed", "1", "--width", "70"],
                          input=script, capture_output=True, text=True, env=ENV, timeout=60)
    out = io.StringIO()
    TerminalGame(Run(Engine(load_story(TINY)), 1), out, width=70, echo=True).play(io.StringIO(script))
    assert done.stdout == out.getvalue()
    assert "\x1b" not in done.stdout
