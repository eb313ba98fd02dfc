"""Loading a story folder: find the files, read each (through a cache keyed by content), build, validate.

A cold load parses every file; a warm load only parses files whose bytes changed since the last
load, reading the rest from one cache file in `.cache/` (see loadcache.py: never pickle, checked
before it is trusted, safe to delete at any time). The same path serves the game's start,
`nlmg check` and live reload in the window.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from game.engine.build import Checker
from game.engine.diagnostics import Diagnostic, Pos, StoryError
from game.engine.files import UnreadableFile, read_limited
from game.engine.gcpause import collector_paused
from game.engine.loadcache import RecordCache
from game.engine.model import Story
from game.engine.reader import read_scene_file
from game.engine.startcheck import start_problems

STORY_FILE = "story.yaml"
CACHE_FORMAT = 5  # bump when the shape of reader records changes (5: people, scenery, responses, places, words); the cache and compiled stories carry it
SCENE_SUFFIXES = (".yaml", ".yml")
MAX_SCENE_FILE_BYTES = 64 * 1024 * 1024  # a whole novel is under 2 MB: more is a mistake or a trap (a pipe, /dev/zero)


def display_path(path: Path) -> str:
    """Paths in messages are relative to where the author stands, as compilers print them."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(Path(path).resolve()) if rel.startswith("..") else rel


def find_files(root: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith(SCENE_SUFFIXES) and not name.startswith("."):
                out.append(Path(dirpath) / name)
    return out


_Cache = RecordCache  # the name bench/fuzz.py builds its (disabled) cache by


def load_story(root: str | Path, cache: str | Path | None = None) -> Story:
    """Load and validate the story in `root`. Raises StoryError with every problem found.

    `cache` is the folder for parsed files (the caller's choice: see game.paths.cache_dir); None parses every file.
    """
    root = Path(root)
    if not root.is_dir():
        raise StoryError([Diagnostic(str(root), 0, 0, "error", "no such folder of scene files")])
    texts: dict[str, bytes] = {}
    shown: dict[str, str] = {}
    for f in find_files(root):
        rel = f.relative_to(root).as_posix()
        shown[rel] = display_path(f)
        try:
            texts[rel] = read_limited(f, MAX_SCENE_FILE_BYTES, "scene file")
        except UnreadableFile as exc:
            raise StoryError([Diagnostic(shown[rel], 0, 0, "error", exc.reason)]) from None
    shown.setdefault(STORY_FILE, display_path(root / STORY_FILE))
    return build_story(texts, str(root), RecordCache(Path(cache) if cache is not None else None, root, CACHE_FORMAT), shown)


def load_story_from_texts(texts: dict[str, str]) -> Story:
    """Load a story from in-memory files (path relative to the story folder -> text): for tests and tools."""
    return build_story({p: t.encode("utf-8") for p, t in texts.items()}, "<memory>", RecordCache(None))


def build_story(texts: dict[str, bytes], root: str, cache: RecordCache, shown: dict[str, str] | None = None) -> Story:
    """`texts` maps paths relative to the story folder to bytes; `shown` maps them to the paths messages print.

    The garbage collector is paused for the whole load: loading makes hundreds of thousands of
    small objects that all live on, and the collector's passes over them cost more than the parse.
    The cache is written back whether or not the story has errors: an author mending one file
    should not wait for the others to be read again.
    """
    with collector_paused():
        try:
            return _build_story(texts, root, cache, shown or {})
        except StoryError:
            raise
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            if not cache.hits:
                raise
            # Records from the cache that do not fit what the checks expect: the cache is wrong, not the story.
            cache.forget()
            return _build_story(texts, root, cache, shown or {})
        finally:
            cache.save()


def _build_story(texts: dict[str, bytes], root: str, cache: RecordCache, shown: dict[str, str]) -> Story:
    story_path = shown.get(STORY_FILE, STORY_FILE)
    diagnostics: list[Diagnostic] = []
    files: list[tuple[str, list[dict[str, Any]]]] = []
    story_rec: dict[str, Any] | None = None
    whole = hashlib.sha256()
    for rel in sorted(texts):
        data = texts[rel]
        path = shown.get(rel, rel)
        digest = hashlib.sha256(data).hexdigest()
        is_story = rel == STORY_FILE
        whole.update(rel.encode() + b"\0" + digest.encode() + b"\0")
        cached = cache.get(digest + ("s" if is_story else ""))
        if cached is None:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                line, column = data.count(b"\n", 0, exc.start) + 1, exc.start - data.rfind(b"\n", 0, exc.start)
                diagnostics.append(Diagnostic(path, line, column, "error", "the file is not UTF-8 text here (a byte that is not a character)"))
                continue
            records, problems = read_scene_file(text, is_story_file=is_story)
            cache.put(digest + ("s" if is_story else ""), records, problems)
        else:
            records, problems = cached
        diagnostics.extend(Diagnostic(path, p[0], p[1], p[2], p[3]) for p in problems)
        if is_story:
            story_rec = records[0] if records else None
        else:
            files.append((path, records))

    if story_rec is None:
        if STORY_FILE in texts and not any(d.severity == "error" and d.path == story_path for d in diagnostics):
            diagnostics.append(Diagnostic(story_path, 1, 1, "error", "story.yaml holds nothing: it needs at least `id:`, `title:` and `start: <first scene id>`"))
        if STORY_FILE not in texts:
            diagnostics.append(
                Diagnostic(story_path, 0, 0, "error", "there is no story.yaml: create one with at least `id:`, `title:` and `start: <first scene id>`")
            )
        story_rec = {"id": "story", "title": "Untitled", "version": 1, "start": None, "start_pos": [0, 0],
                     "chapters": [], "items": [], "endings": [], "variables": {}, "locations": None, "pos": [0, 0]}
    if not any(records for _, records in files) and not any(d.severity == "error" for d in diagnostics):
        diagnostics.append(Diagnostic(root, 0, 0, "error", "the story has no scenes: add .yaml files under the folder"))

    builder = Checker(incomplete=any(d.message.startswith(("YAML", "the file is not UTF-8")) for d in diagnostics))
    story = builder.story(story_rec, story_path, files, whole.hexdigest(), root)
    diagnostics.extend(builder.diagnostics)
    if not any(d.severity == "error" for d in diagnostics):
        diagnostics.extend(start_problems(story, story_path))  # what passes every check may still fail as it begins
    if any(d.severity == "error" for d in diagnostics):
        raise StoryError(diagnostics)
    if len(story.warnings) != sum(d.severity == "warning" for d in diagnostics):
        object.__setattr__(story, "warnings", tuple(sorted((d for d in diagnostics if d.severity == "warning"), key=Diagnostic.sort_key)))
    return story


def check_story(root: str | Path, cache: str | Path | None = None) -> tuple[Story | None, list[Diagnostic]]:
    """Load for `nlmg check`: the story (None if it has errors) and every diagnostic, warnings included."""
    try:
        story = load_story(root, cache)
    except StoryError as exc:
        return None, exc.diagnostics
    return story, list(story.warnings)


__all__ = ["Pos", "StoryError", "check_story", "find_files", "load_story", "load_story_from_texts"]
