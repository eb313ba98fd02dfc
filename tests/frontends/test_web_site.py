"""`nlmg build-web`: what the static site holds, built here with a stand-in for the Pyodide runtime
(the browser tests in tests/web/ play the real one). No browser and no npm are needed for these."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from game.engine import load_story
from game.frontends.web import site
from game.frontends.web.bridge import WebGame
from tests.conftest import ROOT, TINY


@pytest.fixture(scope="module")
def fake_pyodide(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pyodide")
    for name in site.PYODIDE_FILES:
        (folder / name).write_text('{"version": "0.0-test"}' if name == "package.json" else "stand-in")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory, fake_pyodide) -> Path:
    out = tmp_path_factory.mktemp("site") / "web"
    site.build(out, pyodide=fake_pyodide, snapshot=False)
    return out


def test_the_site_holds_the_page_the_story_the_engine_and_the_runtime(built) -> None:
    for name in ("index.html", "app.js", "play.js", "dialogs.js", "store.js", "typography.js", "style.css", "look.css",
                 "story.json", "engine.zip", "build.json", "fonts/GaramondLining-Regular.otf", "fonts/GaramondLining-Italic.otf",
                 "fonts/EBGaramond-COPYRIGHT-and-OFL.txt", "pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip",
                 "art/title-light.jpg", "art/hailsham-dark.jpg", "art/default-contrast.jpg"):
        assert (built / name).is_file(), name
    info = json.loads((built / "build.json").read_text())
    story = load_story(ROOT / "scenes")
    assert info["content_hash"] == story.content_hash and info["pyodide"] == "0.0-test"
    page = (built / "index.html").read_text()
    assert "{{" not in page and f"app.js?v={info['version']}" in page and "<title>Never Let Me Go" in page


def test_the_engine_zip_holds_the_engine_and_the_bridge_and_nothing_of_the_desktop(built, tmp_path) -> None:
    with zipfile.ZipFile(built / "engine.zip") as z:
        names = set(z.namelist())
        z.extractall(tmp_path)
    assert {"game/__init__.py", "game/engine/engine.py", "game/engine/compiled.py", "game/engine/saves/format.py",
            "game/engine/english_words.txt", "game/frontends/web/bridge.py"} <= names
    assert not any("desktop" in n or "tools" in n or n.endswith("site.py") for n in names)
    script = ("import sys; sys.path.insert(0, sys.argv[1]); import json; from game.frontends.web.bridge import WebGame; "
              "g = WebGame(open(sys.argv[2]).read()); print(json.loads(g.new_game(1))['view']['title'])")
    done = subprocess.run([sys.executable, "-S", "-c", script, str(tmp_path), str(built / "story.json")],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr  # the zip alone, without site-packages (-S): no PyYAML, no pygame
    assert done.stdout.strip() == WebGame((built / "story.json").read_text()).story.scenes[load_story(ROOT / "scenes").start].title
    # the parser's word list comes in the zip: a slip is mended, a real word is not (engine/words.py reads the file)
    typed = ("import sys; sys.path.insert(0, sys.argv[1]); import json; from game.frontends.web.bridge import WebGame; "
             "g = WebGame(open(sys.argv[2]).read()); g.new_game(1); "
             "print(json.dumps([json.loads(g.command(line)) for line in ('exmaine letter', 'examine widow')]))")
    done = subprocess.run([sys.executable, "-S", "-c", typed, str(tmp_path), str(built / "story.json")],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    mended, real = (json.dumps(step) for step in json.loads(done.stdout))
    assert "brown envelope" in mended and "brown envelope" not in real


def test_nothing_on_the_page_names_another_host(built) -> None:
    for name in ("index.html", "app.js", "play.js", "dialogs.js", "store.js", "typography.js", "style.css", "look.css"):
        text = (built / name).read_text()
        assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.I), name


def test_colours_come_from_the_desktop_theme(built) -> None:
    from game.frontends.desktop.theme import look

    css = (built / "look.css").read_text()
    lk = look("dark", "hailsham")
    assert '[data-theme="dark"] [data-place="hailsham"] {{ --accent: #{:02x}{:02x}{:02x};'.format(*lk.accent) in css
    assert "art/carer-light.jpg" in css  # 'roads' is the desktop's alias for the carer's palette


def test_build_web_from_the_command_line_and_its_errors(tmp_path, fake_pyodide) -> None:
    def nlmg(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "game.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)

    done = nlmg("build-web", str(tmp_path / "tiny"), "--scenes", str(TINY), "--pyodide", str(fake_pyodide), "--no-snapshot")
    assert done.returncode == 0 and "Wrote the web edition" in done.stdout, done.stderr
    assert json.loads((tmp_path / "tiny" / "story.json").read_text())["id"] == "tiny"
    again = nlmg("build-web", str(tmp_path / "tiny"), "--scenes", str(TINY), "--pyodide", str(fake_pyodide))
    assert again.returncode == 0  # an earlier build is replaced; a stand-in runtime makes no snapshot, and says so
    assert "snapshot" in again.stderr and not (tmp_path / "tiny" / "snapshot.bin.gz").exists()
    assert 'data-snapshot=""' in (tmp_path / "tiny" / "index.html").read_text()
    missing = nlmg("build-web", str(tmp_path / "x"), "--pyodide", str(tmp_path / "nowhere"))
    assert missing.returncode == 1 and "npm ci" in missing.stderr
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    refused = nlmg("build-web", str(tmp_path / "mine"), "--pyodide", str(fake_pyodide), "--no-snapshot")
    assert refused.returncode == 1 and (tmp_path / "mine" / "notes.txt").exists()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "story.yaml").write_text("id: b\ntitle: B\nstart: nowhere\n")
    (broken / "a.yaml").write_text("id: a\nchapter: C\ntitle: A\ntext: Hi.\nending: end\n")
    bad = nlmg("build-web", str(tmp_path / "b"), "--scenes", str(broken), "--pyodide", str(fake_pyodide), "--no-snapshot")
    assert bad.returncode == 1 and "story.yaml" in bad.stderr and "nowhere" in bad.stderr
