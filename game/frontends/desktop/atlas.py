"""The whole story map's words: scene labels that fit, and the endings page with a hint for each one not yet found.

The flowchart (flowchart.py) draws one chapter's graph; this module gives it what it writes.
Hints never spoil: an ending not yet found is placed by its chapter, and by the scene that leads
to it only when the player has stood in that scene in some run.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.engine.model import Story
from game.engine.storymap import StoryMap
from game.frontends.desktop.memories import StoryMemories
from game.frontends.desktop.pen import Pen
from game.frontends.desktop.text import Fonts, fit, wrap
from game.frontends.desktop.theme import Look


def label_lines(fonts: Fonts, size: int, text: str, width: int, most: int = 2) -> list[str]:
    """A scene's title in at most `most` lines of `width`: whole words, an ellipsis only past the last line."""
    lines = wrap(fonts, "regular", size, text, width)
    if len(lines) <= most:
        return lines
    return [*lines[:most - 1], fit(fonts, "regular", size, " ".join(lines[most - 1:]), width)]


@dataclass(frozen=True, slots=True)
class EndingLine:
    title: str  # the ending's name, or "Not yet found"
    note: str  # its closing words, or a hint
    found: bool


def ending_lines(story: Story, full: StoryMap, memories: StoryMemories) -> list[EndingLine]:
    """Each ending: found (its name and words), or a hint where it lies that gives nothing away."""
    seen = set(memories.scenes)
    reached = set(memories.chapters)
    into: dict[str, list[str]] = {}
    for e in full.edges:
        into.setdefault(e.target, []).append(e.source)
    out: list[EndingLine] = []
    for ending in story.endings.values():
        if ending.id in memories.endings:
            out.append(EndingLine(ending.title, ending.text.split("\n")[0], True))
            continue
        nodes = [n for n in full.nodes.values() if n.ending == ending.id]
        chapter = nodes[0].chapter if nodes else ""
        before = [full.nodes[s].title for n in nodes for s in into.get(n.id, []) if s in seen and s in full.nodes]
        if before:
            hint = f"Somewhere in {chapter}, after “{before[0]}”."
        elif chapter in reached:
            hint = f"Somewhere in {chapter}."
        else:
            hint = "In a chapter not yet reached."
        out.append(EndingLine("Not yet found", hint, False))
    return out


def draw_endings(pen: Pen, surface: pygame.Surface, look: Look, area: pygame.Rect, lines: list[EndingLine],
                 big: int, small: int) -> None:
    """The endings page: one entry under another, each name over its words or its hint."""
    y = area.top
    for line in lines:
        if y + big + small > area.bottom:
            break
        head = pen.label(line.title, "regular" if line.found else "italic", big, look.accent if line.found else look.muted,
                         area.width)
        pen.put(surface, head, (area.left, y), line.title)
        y += round(big * 1.3)
        note = pen.label(line.note, "italic", small, look.muted if line.found else look.faint, area.width)
        pen.put(surface, note, (area.left, y), line.note)
        y += round(small * 2.2)
