"""The whole story map's words: scene labels that fit, and the endings page with a hint for each one not yet found.

The flowchart (flowchart.py) draws one chapter's graph; this module gives it what it writes.
Hints never spoil: an ending not yet found is placed by its chapter, and by the scene that leads
to it only when the player has stood in that scene in some run.
"""

from __future__ import annotations

import pygame

from game.engine.model import Story
from game.engine.storymap import StoryMap
from game.frontends.desktop.memories import StoryMemories
from game.frontends.desktop.pen import Pen
from game.frontends.desktop.text import Fonts, fit, wrap
from game.frontends.desktop.theme import Look
from game.frontends.endings_map import EndingHint, ending_hints


def label_lines(fonts: Fonts, size: int, text: str, width: int, most: int = 2) -> list[str]:
    """A scene's title in at most `most` lines of `width`: whole words, an ellipsis only past the last line."""
    lines = wrap(fonts, "regular", size, text, width)
    if len(lines) <= most:
        return lines
    return [*lines[:most - 1], fit(fonts, "regular", size, " ".join(lines[most - 1:]), width)]


EndingLine = EndingHint  # the window's name for what the map says of an ending


def ending_lines(story: Story, full: StoryMap, memories: StoryMemories) -> list[EndingLine]:
    """Each ending: found (its name and words), or a hint where it lies that gives nothing away."""
    return ending_hints(story, full, memories.endings, set(memories.scenes), set(memories.chapters))


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
