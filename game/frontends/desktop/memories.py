"""Memories: what the player has found across every playthrough (endings, chapters), kept in memories.json.

A chapter is remembered with the seed and inputs of the first run that reached it, so chapter
select can rebuild a true state at that point with Run.replay instead of inventing one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.frontends.desktop.files import read_json, write_if_changed

FILE_NAME = "memories.json"
FORMAT = 1


@dataclass(slots=True)
class ChapterMark:
    seed: int
    inputs: list[list[str]]


@dataclass(slots=True)
class StoryMemories:
    endings: list[str] = field(default_factory=list)  # in the order they were first reached
    chapters: dict[str, ChapterMark] = field(default_factory=dict)  # chapter title -> how to get there
    scenes: list[str] = field(default_factory=list)  # scene ids entered in any run (the story map's "seen before")


@dataclass(slots=True)
class Memories:
    stories: dict[str, StoryMemories] = field(default_factory=dict)
    # Something not yet in memories.json. save() writes only then: the file is written each time a run starts or
    # loads, and a chapter's mark holds every input that first reached it (10,000 of them in a long loaded run).
    changed: bool = field(default=True, compare=False)

    def of(self, story_id: str) -> StoryMemories:
        return self.stories.setdefault(story_id, StoryMemories())

    def reach_ending(self, story_id: str, ending: str) -> bool:
        """Remember an ending; True when it is new."""
        mem = self.of(story_id)
        if ending in mem.endings:
            return False
        mem.endings.append(ending)
        self.changed = True
        return True

    def reach_scene(self, story_id: str, scene: str) -> None:
        mem = self.of(story_id)
        if scene not in mem.scenes:
            mem.scenes.append(scene)
            self.changed = True

    def reach_chapter(self, story_id: str, title: str, seed: int, inputs: Sequence[Sequence[str]]) -> bool:
        """Remember how a chapter was first reached; True when it is new."""
        mem = self.of(story_id)
        if title in mem.chapters:
            return False
        mem.chapters[title] = ChapterMark(seed, [list(i) for i in inputs])
        self.changed = True
        return True

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "stories": {
                sid: {
                    "endings": list(m.endings),
                    "scenes": list(m.scenes),
                    "chapters": {t: {"seed": c.seed, "inputs": c.inputs} for t, c in m.chapters.items()},
                }
                for sid, m in self.stories.items()
            },
        }

    @classmethod
    def from_dict(cls, data: Any) -> Memories:
        """Keeps every well-formed entry and drops the rest: a damaged file costs a memory, never the game."""
        out = cls()
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("stories"), dict):
            return out
        for sid, raw in data["stories"].items():
            if not isinstance(sid, str) or not isinstance(raw, dict):
                continue
            mem = out.of(sid)
            endings = raw.get("endings")
            if isinstance(endings, list):
                mem.endings = [e for e in endings if isinstance(e, str)]
            scenes = raw.get("scenes")  # absent in files written before issue 14: nothing seen yet
            if isinstance(scenes, list):
                mem.scenes = [s for s in scenes if isinstance(s, str)]
            chapters = raw.get("chapters")
            if isinstance(chapters, dict):
                for title, mark in chapters.items():
                    if isinstance(title, str) and _valid_mark(mark):
                        mem.chapters[title] = ChapterMark(mark["seed"], [list(i) for i in mark["inputs"]])
        return out


def _valid_mark(mark: Any) -> bool:
    if not isinstance(mark, dict):
        return False
    seed, inputs = mark.get("seed"), mark.get("inputs")
    if not isinstance(seed, int) or isinstance(seed, bool) or not isinstance(inputs, list):
        return False
    return all(isinstance(i, list) and len(i) == 3 and all(isinstance(x, str) for x in i) for i in inputs)


def load(folder: Path) -> tuple[Memories, str | None]:
    data, problem = read_json(folder / FILE_NAME)
    memories = Memories.from_dict(data)
    memories.changed = data is not None and memories.to_dict() != data  # a damaged file is written back clean once
    return memories, problem


def save(folder: Path, memories: Memories) -> str | None:
    """Write memories.json if anything is new since it was read or last written (None: written, or nothing to write)."""
    return write_if_changed(folder / FILE_NAME, memories)
