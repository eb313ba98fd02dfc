"""The story map as the page shows it: each chapter's scenes in reading order, marked by who found them, then the endings.

The window draws the same map as a flowchart (desktop/flowchart.py, desktop/atlas.py); the page
gives it as lists a screen reader can walk, from the same engine graph (game.engine.storymap) and
the same trace of the run's inputs. The desktop's modules import pygame, which the browser does
not have: the ending hints are shared through game/frontends/endings_map.py, and the scene order by
distance from the chapter's entrances is worked out here as the flowchart lays out its columns.

What a scene shows: this run's scenes and earlier runs' are named; the rest are counted but
nameless, as on the desktop, so the map never tells a player what they have not found.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from game.engine.model import Story
from game.engine.storymap import StoryMap, Trace
from game.frontends.endings_map import ending_hints

ENDINGS = "Endings"  # the map's last page, as on the desktop


def reading_order(chapter: StoryMap, start: str) -> list[str]:
    """The chapter's scenes by their distance from where it is entered (ties in file order): the order a
    list reads, as the flowchart's columns read left to right. Scenes nothing leads to come last."""
    nodes = list(chapter.nodes)
    entries = [e.target for e in chapter.entries] + ([start] if start in chapter.nodes else [])
    entries = list(dict.fromkeys(entries)) or nodes[:1]
    depth = dict.fromkeys(entries, 0)
    queue = deque(entries)
    while queue:
        cur = queue.popleft()
        for e in chapter.out_edges(cur):
            if e.target in chapter.nodes and e.target not in depth:
                depth[e.target] = depth[cur] + 1
                queue.append(e.target)
    index = {n: i for i, n in enumerate(nodes)}
    far = len(nodes) + 1
    return sorted(nodes, key=lambda n: (depth.get(n, far), index[n]))


def story_map(story: Story, full: StoryMap, run_trace: Trace, here: str, memories: dict[str, Any]) -> dict[str, Any]:
    """The whole map as plain data for the page. `memories` is the page's record for this story
    (endings, chapters, scenes: the desktop's memories.json shape); anything malformed in it is ignored."""
    seen_before = set(_strings(memories.get("scenes")))
    endings_found = _strings(memories.get("endings"))
    chapters_raw = memories.get("chapters")
    reached = set(chapters_raw) if isinstance(chapters_raw, dict) else set()
    chapters: list[dict[str, Any]] = []
    here_chapter = 0
    for title in [c.title for c in story.chapters] or list(full.chapters):
        part = full.for_chapter(title)
        scenes: list[dict[str, Any]] = []
        for sid in reading_order(part, story.start):
            node = part.nodes[sid]
            state = "here" if sid == here else ("run" if sid in run_trace.nodes else ("earlier" if sid in seen_before else "unseen"))
            named = state != "unseen"
            if state == "here":
                here_chapter = len(chapters)
            scenes.append({"id": sid if named else "", "title": node.title if named else "", "state": state,
                           "ending": bool(node.ending) and named})
        found = sum(1 for s in part.nodes if s in run_trace.nodes)
        earlier = sum(1 for s in part.nodes if s in seen_before and s not in run_trace.nodes)
        chapters.append({"title": title, "scenes": scenes, "found": found, "earlier": earlier, "total": len(part.nodes),
                         "reached": title in reached or found > 0})
    hints = ending_hints(story, full, endings_found, seen_before | run_trace.nodes, reached)
    return {
        "chapters": chapters,
        "endings": [{"title": h.title, "note": h.note, "found": h.found} for h in hints],
        "endings_found": sum(1 for h in hints if h.found),
        "here": here_chapter,
    }


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
