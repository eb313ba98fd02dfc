"""Where each scene of a chapter sits on the story map, for every front end: its column and its place in it.

The window draws the chart with pygame (desktop/flowchart.py) and the page with SVG and HTML
(web/mapview.py, static/storymap.js); both lay it out from these columns, so a reader finds a scene
in the same place on either. This module imports no pygame: the browser runs it (web/site.py ships it).
"""

from __future__ import annotations

from collections import deque

from game.engine.storymap import StoryMap


def layers(cm: StoryMap, start: str) -> dict[str, int]:
    """Column of each scene: the longest way to it from the chapter's entrances, loops ignored.

    Breadth-first order from the entrances (scenes entered from elsewhere) says which edges go
    forward; along those, each scene goes one column past the furthest scene leading to it, so
    a scene reached both directly and by a detour sits after the detour.
    """
    nodes = list(cm.nodes)
    if not nodes:
        return {}
    entries = [e.target for e in cm.entries] + ([start] if start in cm.nodes else [])
    entries = list(dict.fromkeys(entries)) or [nodes[0]]
    bfs: dict[str, int] = {}
    queue: deque[str] = deque()
    for n in entries:
        bfs[n] = 0
        queue.append(n)
    while True:
        while queue:
            cur = queue.popleft()
            for e in cm.out_edges(cur):
                if e.target in cm.nodes and e.target not in bfs:
                    bfs[e.target] = bfs[cur] + 1
                    queue.append(e.target)
        rest = [n for n in nodes if n not in bfs]  # scenes nothing in the chapter leads to
        if not rest:
            break
        bfs[rest[0]] = 0
        queue.append(rest[0])
    index = {n: i for i, n in enumerate(nodes)}
    rank = {n: (bfs[n], index[n]) for n in nodes}
    depth = {n: 0 for n in nodes}
    for n in sorted(nodes, key=rank.__getitem__):  # a topological order of the forward edges
        for e in cm.out_edges(n):
            t = e.target
            if t in cm.nodes and rank[t] > rank[n]:
                depth[t] = max(depth[t], depth[n] + 1)
    return depth


def ordered_columns(cm: StoryMap, start: str) -> dict[int, list[str]]:
    """Each column's scenes from top to bottom, ordered to keep lines from crossing: each scene near
    the scenes that lead to it (barycentre ordering), file order where nothing says otherwise."""
    depth = layers(cm, start)
    columns: dict[int, list[str]] = {}
    for n in cm.nodes:  # file order first: authors write scenes roughly in story order
        columns.setdefault(depth[n], []).append(n)
    preds: dict[str, list[str]] = {}
    for e in cm.edges:
        if e.source in cm.nodes and e.target in cm.nodes and e.source != e.target:
            preds.setdefault(e.target, []).append(e.source)
    order: dict[str, float] = {}
    for k in sorted(columns):
        col = columns[k]
        for i, n in enumerate(col):
            ps = [order[p] for p in preds.get(n, []) if p in order]
            order[n] = sum(ps) / len(ps) if ps else i / max(1, len(col))
        col.sort(key=lambda n: order[n])
        for i, n in enumerate(col):
            order[n] = (i + 0.5) / len(col)
    return columns
