"""The desktop package passes `mypy --strict` and `ruff` (both configured in pyproject.toml), so CI keeps it that way.

mypy follows the desktop's imports into the engine silently: the engine's own errors are the
engine's to fix, and are reported where it is checked.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

DESKTOP = "game/frontends/desktop"


def test_desktop_is_clean_under_mypy_strict():
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", DESKTOP, "game/frontends/launch.py"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def test_desktop_is_clean_under_ruff():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", DESKTOP, "game/frontends/launch.py", "tests/desktop",
                           "tests/test_architecture.py", "bench/bench_desktop.py", "bench/desktop_probe.py"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
