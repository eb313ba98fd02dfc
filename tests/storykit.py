"""Tiny inline stories for the parser's tests: the parts every one of them repeats, written once.

A parser test types at a story of a few scenes. Each scene opens with the same header (id, chapter, title,
location, text) and most end with one way out; story.yaml names a start, its chapters and locations, and
then what the test is about (people, items, responses). `story()` and `scene()` write the repeated parts;
what the test is about is given as YAML (`body`), so it still reads as a scene file does and an author's
mistake in it is reported as in one. `engine()` loads the texts and `said()` types one line in one scene.

The header is written line for line as a scene file would have it (id on the first line, the text from the
fifth), so a test that checks `file:line` against the text (tests/tools/test_parser_report.py) can count on it.
"""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent, indent

from game.engine import Engine, load_story_from_texts
from game.engine.outcome import Outcome


def story(start: str, body: str = "", *, chapters: tuple[str, ...] = ("Now",),
          locations: tuple[str, ...] | None = ("roads",), story_id: str = "t", title: str = "T") -> str:
    """story.yaml: its id, title, start, chapters and locations (None: left to `body`), then `body` as written."""
    head = [f"id: {story_id}", f"title: {title}", f"start: {start}"]
    if chapters:
        head.append(f"chapters: [{', '.join(chapters)}]")
    if locations is not None:
        head.append(f"locations: [{', '.join(locations)}]")
    rest = dedent(body).strip("\n")
    return "\n".join(head) + "\n" + (rest + "\n" if rest else "")


def scene(scene_id: str, title: str, text: str | list[str], body: str = "", *, chapter: str = "Now",
          location: str = "roads", to: str = "", way: str = "Walk back.", ending: str = "") -> str:
    """One scene, as an item of a scenes file. `text` is one paragraph, or a list of them (a paragraph with line
    breaks is written as a folded block, line for line); `body` holds the scene's other keys as YAML, at the
    scene's own level; `to` adds a last choice (`way`) that goes there, `ending` makes it an ending."""
    lines = [f"- id: {scene_id}", f"  chapter: {chapter}", f"  title: {title}", f"  location: {location}"]
    if isinstance(text, str):
        lines.append(f"  text: {text}")
    else:
        lines.append("  text:")
        for para in text:
            if "\n" in para:
                lines += ["    - >-", indent(dedent(para).strip("\n"), "      ")]
            else:
                lines.append(f"    - {para}")
    rest = dedent(body).strip("\n")
    if rest:
        lines.append(indent(rest, "  "))
    if to:
        lines += ["  choices:", f"    - text: {way}", f"      goto: {to}"]
    if ending:
        lines.append(f"  ending: {ending}")
    return "\n".join(lines) + "\n"


def texts(story_text: str, *scenes: str) -> dict[str, str]:
    """The story as files: story.yaml, and every scene in one scenes.yaml."""
    return {"story.yaml": story_text, "scenes.yaml": "".join(scenes)}


def engine(story_text: str, *scenes: str) -> Engine:
    return Engine(load_story_from_texts(texts(story_text, *scenes)))


def folder(root: Path, story_text: str, *scenes: str, scene_file: str = "scenes.yaml") -> Path:
    """The story written out as a folder under `root` (for the author tools, which read folders)."""
    out = root / "scenes"
    out.mkdir(exist_ok=True)
    (out / "story.yaml").write_text(story_text, encoding="utf-8")
    (out / scene_file).write_text("".join(scenes), encoding="utf-8")
    return out


def typed(eng: Engine, line: str, scene_id: str) -> Outcome:
    """What typing `line` in `scene_id` comes to, from a new state put straight into that scene."""
    state = eng.new_state(1)
    state.scene = scene_id
    return eng.command(state, line)


def said(eng: Engine, line: str, scene_id: str) -> tuple[str, str]:
    """What Kathy says to `line` in `scene_id`, as one string, and where it was written (Outcome.source)."""
    out = typed(eng, line, scene_id)
    return " ".join(out.said or []), out.source
