"""`nlmg build-web OUT/`: write the web edition, a static site that plays the whole game offline.

What goes in: the page (static/), the story compiled to JSON (engine/compiled.py), the engine's
Python files and the bridge in one zip the page unpacks into Pyodide, the Pyodide runtime from
the npm package (node_modules/pyodide, installed by `npm ci`), the game's own font, and the desktop's
backgrounds painted once per place and theme by the desktop's own painter, with the same colours
(look.css is written from the desktop's theme.py), and the desktop's ambience as data (sound.json: the
page makes the same loops itself, so no sound file ships). Nothing on the page is fetched from another host.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from game import __version__, paths
from game.engine.compiled import compile_story
from game.engine.diagnostics import StoryError
from game.frontends.desktop.theme import ALIASES, PALETTES, RGB, THEMES, look

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json", "package.json")
FONTS = ("GaramondLining-Regular.otf", "GaramondLining-Italic.otf", "EBGaramond-COPYRIGHT-and-OFL.txt",
         "OpenDyslexic-Regular.otf", "OpenDyslexic-Italic.otf", "OpenDyslexic-COPYRIGHT.txt")  # the book face, and Settings' easy-reading one
ART_SIZE = (960, 540)  # the desktop paints a third of this and blurs it: larger files would show nothing more


class BuildError(Exception):
    """Why the site could not be built, in one sentence."""


@dataclass(frozen=True)
class Built:
    out: Path
    files: int
    bytes: int
    seconds: float
    scenes: int
    notes: tuple[str, ...] = ()


def default_pyodide() -> Path:
    return paths.SOURCE_TREE / "node_modules" / "pyodide"


def engine_zip() -> bytes:
    """game/__init__.py, the whole engine (with its word list), and the web bridge: everything the browser imports, and nothing else."""
    package = paths.PACKAGE
    wanted = [package / "__init__.py", package / "frontends" / "__init__.py", HERE / "__init__.py", HERE / "bridge.py", HERE / "mapview.py", package / "frontends" / "maplayout.py", package / "frontends" / "readmark.py", package / "frontends" / "goback.py", package / "frontends" / "howto.py",
              package / "frontends" / "endings_map.py"]
    wanted += sorted((package / "engine").rglob("*.py"))  # saves/ too
    wanted.append(package / "engine" / "english_words.txt")  # read by the parser on its first typo (engine/words.py)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for f in wanted:
            info = zipfile.ZipInfo(f.relative_to(package.parent).as_posix(), date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, f.read_bytes())
    return buf.getvalue()


def _hex(c: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*c)


def look_css() -> str:
    """The desktop's themes and place palettes as CSS custom properties: one source of colour for both."""
    out = ["/* Written by nlmg build-web from game/frontends/desktop/theme.py: edit the colours there. */"]
    for name, theme in THEMES.items():
        r, g, b = theme.page
        out.append(
            f':root[data-theme="{name}"] {{ --page: {_hex(theme.page)}; --page-glass: rgba({r}, {g}, {b}, {theme.page_alpha / 255:.3f}); '
            f"--ink: {_hex(theme.ink)}; --muted: {_hex(theme.muted)}; --faint: {_hex(theme.faint)}; {_place_vars(name, None)} }}"
        )
    for name in THEMES:
        for place in sorted(set(PALETTES) | set(ALIASES)):  # a place the art does not know keeps the theme's default
            out.append(f':root[data-theme="{name}"] [data-place="{place}"] {{ {_place_vars(name, place)} }}')
    return "\n".join(out) + "\n"


def _place_vars(theme: str, place: str | None) -> str:
    lk = look(theme, place)
    return (f"--accent: {_hex(lk.accent)}; --select: {_hex(lk.select_bg)}; --disabled: {_hex(lk.disabled)}; "
            f"--glow: {_hex(lk.palette.glow)}; --art: url(art/{lk.palette.name}-{theme}.jpg);")


def paint_art(folder: Path) -> int:
    """Each place in each theme, painted by the desktop's own painter (pygame, at build time only)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    # Imported here: pygame is needed to build the site, never to import this module or to play it.
    import pygame

    # Here too, for the same reason: the painter imports pygame.
    from game.frontends.desktop import art

    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for place in PALETTES:
        for theme in THEMES:
            surface = art.paint(place, ART_SIZE, theme)
            pygame.image.save(surface, str(folder / f"{place}-{theme}.jpg"))
            n += 1
    return n


def sound_json() -> bytes:
    """The desktop's ambience as data for the page's sound.js, which makes each loop as desktop/sound.py does:
    its constants, each mood (with the swell phases its seeded generator picks), and the mood of each place."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    # Imported here: sound.py imports pygame, which building the site needs and importing this module does not.
    from game.frontends.desktop import sound

    moods = {}
    for name, mood in sound.MOODS.items():
        seed = len(name)  # as Ambience._make seeds it
        phases = [random.Random(seed + k).uniform(0, math.tau) for k in range(len(mood.harmonics))]
        moods[name] = {"harmonics": list(mood.harmonics), "swell": list(mood.swell), "wind": mood.wind, "level": mood.level,
                       "phases": phases}
    places = {place: sound.mood_for(place) for place in sorted(set(PALETTES) | set(ALIASES))}
    data = {"rate": sound.RATE, "period": sound.PERIOD, "loop_periods": sound.LOOP_PERIODS, "fade_ms": sound.FADE_MS,
            "moods": moods, "places": places}
    return json.dumps(data, separators=(",", ":")).encode("utf-8")


def make_snapshot(out: Path, runtime: Path) -> str | None:
    """Write out/snapshot.bin.gz: Pyodide started with the story open (snapshot.mjs, under node).

    Returns why there is none, or None. Without it the page still plays: it starts Python itself
    (a few seconds) and keeps its own snapshot in the browser for the next visit.
    """
    node = shutil.which("node")
    if node is None:
        return "node is not installed, so the site has no Python snapshot: a first visit starts Python itself"
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "snapshot.bin"
        try:
            done = subprocess.run([node, str(HERE / "snapshot.mjs"), str(runtime), str(out / "engine.zip"), str(out / "story.json"), str(raw)],
                                  capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired:
            return "making the Python snapshot took over five minutes, so the site has none"
        if done.returncode != 0 or not raw.is_file():
            last = (done.stderr.strip().splitlines() or ["no message"])[-1][:300]
            return f"the Python snapshot could not be made ({last}), so the site has none"
        with open(raw, "rb") as src, gzip.open(out / "snapshot.bin.gz", "wb", compresslevel=6) as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    return None


def _version(files: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return h.hexdigest()[:12]


def build(out: str | Path, scenes: str | Path | None = None, pyodide: str | Path | None = None, snapshot: bool = True) -> Built:
    """Write the site into `out` (created or emptied first). Raises BuildError or StoryError.

    With `snapshot`, a started Python with the story open is written too (make_snapshot).
    """
    t0 = time.perf_counter()
    out = Path(out)
    scenes = Path(scenes) if scenes else paths.scenes_dir()
    runtime = Path(pyodide) if pyodide else default_pyodide()
    missing = [f for f in PYODIDE_FILES if not (runtime / f).is_file()]
    if missing:
        raise BuildError(f"the Pyodide runtime is not in {runtime} (missing {', '.join(missing)}): run `npm ci` in {paths.SOURCE_TREE} first")
    story = compile_story(scenes)
    if out.exists() and any(out.iterdir()):
        if not (out / "index.html").exists() or not (out / "story.json").exists():
            raise BuildError(f"{out} is not empty and is not a site this command built; give an empty or new folder")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)

    files: dict[str, bytes] = {
        "story.json": json.dumps(story, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        "engine.zip": engine_zip(),
        "look.css": look_css().encode("utf-8"),
        "sound.json": sound_json(),
    }
    for f in sorted(STATIC.iterdir()):
        if f.is_file() and f.name != "index.html":
            files[f.name] = f.read_bytes()
    fonts = paths.assets_dir() / "fonts"
    for name in FONTS:
        files[f"fonts/{name}"] = (fonts / name).read_bytes()
    for name in PYODIDE_FILES:
        files[f"pyodide/{name}"] = (runtime / name).read_bytes()
    version = _version(files)
    pyodide_version = json.loads(files["pyodide/package.json"]).get("version", "?")
    page = (STATIC / "index.html").read_text("utf-8")
    page = page.replace("{{v}}", version).replace("{{title}}", story["title"]).replace("{{game_version}}", __version__)
    for name, data in files.items():
        dest = out / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
    notes = []
    why_not = make_snapshot(out, runtime) if snapshot else "built without a Python snapshot, as asked"
    if why_not:
        notes.append(why_not)
    (out / "index.html").write_text(page.replace("{{snapshot}}", "" if why_not else f"snapshot.bin.gz?v={version}"), encoding="utf-8")
    (out / "build.json").write_text(json.dumps({
        "version": version, "game": __version__, "story": story["id"], "content_hash": story["content_hash"],
        "pyodide": pyodide_version, "snapshot": why_not is None, "built_with": sys.version.split()[0],
    }, indent=1), encoding="utf-8")
    paint_art(out / "art")
    total = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    count = sum(1 for f in out.rglob("*") if f.is_file())
    return Built(out, count, total, time.perf_counter() - t0, sum(len(recs) for _, recs in story["files"]), tuple(notes))


def main(args: argparse.Namespace) -> int:
    try:
        built = build(args.out, args.scenes, args.pyodide, snapshot=not args.no_snapshot)
    except StoryError as exc:
        print(exc.report(), file=sys.stderr)
        print("The story has errors, so the site was not built (nlmg check shows them too).", file=sys.stderr)
        return 1
    except BuildError as exc:
        print(f"nlmg build-web: {exc}", file=sys.stderr)
        return 1
    for note in built.notes:
        print(f"nlmg build-web: {note}", file=sys.stderr)
    print(f"Wrote the web edition ({built.scenes} scenes) to {built.out}: {built.files} files, {built.bytes / 1e6:.1f} MB, in {built.seconds:.1f} s.")
    print(f"Serve it with any static server, e.g. python3 -m http.server --bind 127.0.0.1 8000 --directory {built.out}")
    return 0
