"""`pip install .` must give a working game: the wheel carries scenes/ and assets/, and finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_the_wheel_carries_the_story_and_assets_and_finds_them(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path / "wheel"), str(ROOT)],
        check=True, capture_output=True, text=True, timeout=300,
    )
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for f in (ROOT / "scenes").rglob("*.yaml"):
        assert "game/scenes/" + f.relative_to(ROOT / "scenes").as_posix() in names
    fonts = [f for f in (ROOT / "assets").rglob("*") if f.is_file()]
    assert fonts, "assets/ is empty"
    for f in fonts:
        assert "game/assets/" + f.relative_to(ROOT / "assets").as_posix() in names
    assert not any(n.startswith(("tests/", "bench/", "drafts/")) for n in names)
    assert {"game/frontends/web/bridge.py", "game/frontends/web/static/index.html", "game/frontends/web/static/app.js"} <= names
    assert "game/py.typed" in names  # typed: mypy reads the game's hints from an installed copy
    assert "game/engine/saves/format.py" in names
    assert "game/engine/english_words.txt" in names  # the parser reads it on the first typo

    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    env = dict(os.environ, PYTHONPATH=str(unpacked), NLMG_CACHE="off")
    where = subprocess.run(
        [sys.executable, "-c", "from game import paths; print(paths.scenes_dir()); print(paths.assets_dir())"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert Path(where[0]) == unpacked / "game" / "scenes"
    assert Path(where[1]) == unpacked / "game" / "assets"
    check = subprocess.run([sys.executable, "-m", "game", "check", "--quick"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "91 scenes" in check.stdout or "scenes," in check.stdout
