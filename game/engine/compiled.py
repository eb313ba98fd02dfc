"""A story compiled to plain JSON records, and the Story built back from them without reading any YAML.

The web edition has no PyYAML: `nlmg build-web` compiles the story folder here, with every check
the desktop runs, and the page builds the same Story from the records with the same whole-story
builder (build.Checker). The content hash is the folder's own, so a run saved in the browser is a
run of the very story the desktop loads, and replays there exactly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.engine.build import Checker
from game.engine.diagnostics import Diagnostic, StoryError
from game.engine.loader import CACHE_FORMAT, STORY_FILE, find_files, load_story
from game.engine.model import Story
from game.engine.reader import read_scene_file

COMPILED_FORMAT = 1  # the envelope below; the records inside follow loader.CACHE_FORMAT
WHAT = "the compiled story"


def compile_story(root: str | Path) -> dict[str, Any]:
    """The story in `root` as JSON-ready data. Raises StoryError (every problem, by file and line) if it cannot be played."""
    root = Path(root)
    story = load_story(root)  # every check the game runs: a broken story is never compiled
    story_rec: dict[str, Any] | None = None
    files: list[list[Any]] = []
    for f in find_files(root):
        rel = f.relative_to(root).as_posix()
        records, _ = read_scene_file(f.read_bytes().decode("utf-8"), is_story_file=rel == STORY_FILE)
        if rel == STORY_FILE:
            story_rec = records[0]
        elif records:
            files.append([rel, records])
    data = {
        "nlmg_compiled": COMPILED_FORMAT, "records": CACHE_FORMAT, "id": story.id, "title": story.title,
        "content_hash": story.content_hash, "story": story_rec, "files": files,
    }
    load_compiled(data)  # the browser will build exactly this: never write what it would refuse
    return data


def load_compiled(data: Any) -> Story:
    """Build the Story from compiled data (parsed JSON). Raises StoryError saying what is wrong."""
    if not isinstance(data, dict) or data.get("nlmg_compiled") != COMPILED_FORMAT:
        raise StoryError([Diagnostic(WHAT, 0, 0, "error", f"this is not a compiled story of format {COMPILED_FORMAT}; build it again with nlmg build-web")])
    if data.get("records") != CACHE_FORMAT:
        raise StoryError([Diagnostic(WHAT, 0, 0, "error", f"its records are format {data.get('records')!r}, this engine reads {CACHE_FORMAT}; build it again with nlmg build-web")])
    try:
        files = [(str(path), list(records)) for path, records in data["files"]]
        builder = Checker()
        story = builder.story(data["story"], STORY_FILE, files, str(data["content_hash"]), "scenes")
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise StoryError([Diagnostic(WHAT, 0, 0, "error", f"it is damaged ({type(exc).__name__}: {exc})")]) from None
    if any(d.severity == "error" for d in builder.diagnostics):
        raise StoryError(builder.diagnostics)
    return story
