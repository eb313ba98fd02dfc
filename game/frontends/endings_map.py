"""What the story map says of the endings, for every front end: found ones by name, the rest by a hint that
never spoils. The window draws it (desktop/atlas.py) and the page lists it (web/mapview.py); it imports no
pygame, so the browser can run it too (web/site.py ships it).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.model import Story
from game.engine.storymap import StoryMap


@dataclass(frozen=True, slots=True)
class EndingHint:
    title: str  # the ending's name, or "Not yet found"
    note: str  # its closing words, or where it lies
    found: bool


def ending_hints(story: Story, full: StoryMap, endings_found: list[str], scenes_seen: set[str],
                 chapters_reached: set[str]) -> list[EndingHint]:
    """Each ending: found (its name and first words), or a hint placed by its chapter, and by the scene that
    leads to it only when the player has stood there (desktop/atlas.py's ending_lines, word for word)."""
    into: dict[str, list[str]] = {}
    for e in full.edges:
        into.setdefault(e.target, []).append(e.source)
    out: list[EndingHint] = []
    for ending in story.endings.values():
        if ending.id in endings_found:
            out.append(EndingHint(ending.title, ending.text.split("\n")[0], True))
            continue
        nodes = [n for n in full.nodes.values() if n.ending == ending.id]
        chapter = nodes[0].chapter if nodes else ""
        before = [full.nodes[s].title for n in nodes for s in into.get(n.id, []) if s in scenes_seen and s in full.nodes]
        if before:
            hint = f"Somewhere in {chapter}, after “{before[0]}”."
        elif chapter in chapters_reached:
            hint = f"Somewhere in {chapter}."
        else:
            hint = "In a chapter not yet reached."
        out.append(EndingHint("Not yet found", hint, False))
    return out
