"""The story map as the page draws it: each chapter's scenes placed in the window's columns, the ways between
them marked by who took them, and the endings.

The window draws the map as a flowchart (desktop/flowchart.py); the page draws the same chart
(static/storymap.js: SVG paths behind a list of scenes set out in columns), from the same engine graph
(game.engine.storymap), the same trace of the run's inputs and the same columns (frontends/maplayout.py).
The list is the chart's text too: its scenes in reading order, column by column, each with the ways
from it taken and not. The ending hints are shared through game/frontends/endings_map.py.

What a scene shows: this run's scenes and earlier runs' are named; the rest are placed but nameless,
as on the desktop, so the map never tells a player what they have not found. Scenes are referred to by
their place in the list, never by id, so an unfound scene's name is not in the data either.
"""

from __future__ import annotations

from typing import Any

from game.engine.model import Story
from game.engine.storymap import StoryMap, Trace
from game.frontends.endings_map import ending_hints
from game.frontends.maplayout import ordered_columns

ENDINGS = "Endings"  # the map's last page, as on the desktop


def reading_order(chapter: StoryMap, start: str) -> list[tuple[str, int, int, int]]:
    """The chapter's scenes as the chart reads, column by column and down each: (scene, column, place in
    the column, scenes in the column)."""
    columns = ordered_columns(chapter, start)
    return [(sid, k, i, len(columns[k])) for k in sorted(columns) for i, sid in enumerate(columns[k])]


def ways(part: StoryMap, run_trace: Trace, index: dict[str, int]) -> tuple[list[list[Any]], list[list[Any]]]:
    """The chapter's ways between its scenes, [from, to, how], how being "taken" (this run went that way),
    "between" (both ends found, the way not taken) or "faint"; and its ways out of the chapter, [from, taken]."""
    pairs: dict[tuple[int, int], str] = {}
    exits: dict[int, bool] = {}
    rank = {"faint": 0, "between": 1, "taken": 2}
    for e in part.edges:
        if e.source not in index:
            continue
        a = index[e.source]
        went = run_trace.went(e)
        if e.target in index:
            b = index[e.target]
            if a == b:
                continue
            how = "taken" if went else ("between" if e.source in run_trace.nodes and e.target in run_trace.nodes else "faint")
            if rank[how] >= rank[pairs.get((a, b), "faint")]:  # two ways between the same scenes: the brighter shows
                pairs[(a, b)] = how
        else:
            exits[a] = exits.get(a, False) or went
    return [[a, b, how] for (a, b), how in pairs.items()], [[a, taken] for a, taken in exits.items()]


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
        placed = reading_order(part, story.start)
        index = {sid: i for i, (sid, *_) in enumerate(placed)}
        for sid, column, place, of in placed:
            node = part.nodes[sid]
            state = "here" if sid == here else ("run" if sid in run_trace.nodes else ("earlier" if sid in seen_before else "unseen"))
            named = state != "unseen"
            if state == "here":
                here_chapter = len(chapters)
            scenes.append({"id": sid if named else "", "title": node.title if named else "", "state": state,
                           "ending": bool(node.ending) and named, "column": column, "place": place, "of": of})
        edges, exits = ways(part, run_trace, index)
        found = sum(1 for s in part.nodes if s in run_trace.nodes)
        earlier = sum(1 for s in part.nodes if s in seen_before and s not in run_trace.nodes)
        chapters.append({"title": title, "scenes": scenes, "edges": edges, "exits": exits, "found": found, "earlier": earlier,
                         "total": len(part.nodes), "reached": title in reached or found > 0})
    hints = ending_hints(story, full, endings_found, seen_before | run_trace.nodes, reached)
    return {
        "chapters": chapters,
        "endings": [{"title": h.title, "note": h.note, "found": h.found} for h in hints],
        "endings_found": sum(1 for h in hints if h.found),
        "here": here_chapter,
    }


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
