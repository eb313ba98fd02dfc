"""The chapter flowchart: the scenes and choices this run went through drawn bright, the rest as faint unnamed paths.

Shown at the end of each chapter and from the pause menu (issue 7). The graph comes from
game.engine.storymap (the same map `nlmg graph` draws); the run's way through it from
Run.trace (storymap.Tracer). Scenes are laid out in columns by their distance from where the chapter is
entered, ordered within a column to keep lines from crossing, and joined by soft curves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.engine.storymap import StoryMap, Trace, build_map
from game.frontends.desktop.atlas import draw_endings, ending_lines, label_lines
from game.frontends.desktop.events import Click, Event, Key, Text, intent
from game.frontends.desktop.framed import FramedScreen
from game.frontends.desktop.screen import Host
from game.frontends.desktop.theme import RGB, Look
from game.frontends.maplayout import ordered_columns


@dataclass(slots=True)
class Placed:
    id: str
    layer: int
    x: int = 0
    y: int = 0
    row: int = 0


def place(cm: StoryMap, start: str, area: pygame.Rect, max_cols: int = 1000) -> dict[str, Placed]:
    """Positions in `area`. A chapter longer than `max_cols` columns is set in rows, read like lines of a page."""
    columns = ordered_columns(cm, start)
    if not columns:
        return {}
    total = max(columns) + 1
    rows = -(-total // max(1, max_cols))
    per_row = -(-total // rows)
    band = area.height / rows
    out: dict[str, Placed] = {}
    for k, col in columns.items():
        row, pos = divmod(k, per_row)
        x = area.left + round(area.width * (pos + 0.5) / per_row)
        for i, n in enumerate(col):
            y = area.top + round(band * row + band * (i + 0.5) / len(col))
            out[n] = Placed(n, k, x, y, row)
    return out


def curve(a: tuple[int, int], b: tuple[int, int], lift: float = 0.0, steps: int = 24) -> list[tuple[float, float]]:
    """A soft S-curve from a to b (a cubic Bézier with horizontal tangents); `lift` bows it upwards,
    so a path that skips a column arcs over the scenes between instead of running through them."""
    (x0, y0), (x3, y3) = a, b
    dx = (x3 - x0) * 0.5 if x3 != x0 else 60
    x1, y1, x2, y2 = x0 + dx, y0 - lift, x3 - dx, y3 - lift
    pts = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        pts.append((u ** 3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t ** 3 * x3,
                    u ** 3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t ** 3 * y3))
    return pts


def return_path(a: tuple[int, int], b: tuple[int, int], right: int, left: int, mid_y: float, radius: float = 10.0) -> list[tuple[float, float]]:
    """From the end of one row of the map to the start of the next, the way a line of text wraps:
    out to the right margin, down, back along the gap between the rows, down, and in."""
    (x0, y0), (x1, y1) = a, b
    r = max(2.0, min(radius, abs(mid_y - y0) / 2, abs(y1 - mid_y) / 2))
    pts: list[tuple[float, float]] = [(x0, y0)]

    def arc(cx: float, cy: float, start: float, end: float) -> None:
        for i in range(1, 7):
            t = start + (end - start) * i / 6
            pts.append((cx + r * math.cos(t), cy + r * math.sin(t)))

    pts.append((right - r, y0))
    arc(right - r, y0 + r, -math.pi / 2, 0)  # turn down
    pts.append((right, mid_y - r))
    arc(right - r, mid_y - r, 0, math.pi / 2)  # turn left
    pts.append((left + r, mid_y))
    arc(left + r, mid_y + r, -math.pi / 2, -math.pi)  # turn down
    pts.append((left, y1 - r))
    arc(left + r, y1 - r, math.pi, math.pi / 2)  # turn right, into the scene
    pts.append((x1, y1))
    return pts


ENDINGS = "Endings"  # the last page of the map


class FlowchartScreen(FramedScreen):
    """The story map, a chapter at a time (Left/Right, the pad, the arrows by the heading), then its endings."""

    name = "map"
    subheading = "Story map"
    wide = 1.6

    def __init__(self, host: Host, chapter: str | None = None, ending: bool = False) -> None:
        """Open at `chapter` (the run's own chapter when None); `ending`: shown because that chapter has just ended."""
        run = host.session.run
        self.run = run
        self.story = run.engine.story
        self.full = build_map(self.story)
        self.pages = [c.title for c in self.story.chapters] + [ENDINGS]
        start = chapter if chapter is not None else run.view().chapter
        self.page = self.pages.index(start) if start in self.pages else 0
        self.ending = ending
        self.trace: Trace = run.trace()
        self.memories = host.session.memories.of(self.story.id)
        self.placed: dict[str, Placed] = {}
        self.continue_rect = pygame.Rect(0, 0, 0, 0)
        self.arrows: tuple[pygame.Rect, pygame.Rect] = (pygame.Rect(0, 0, 0, 0), pygame.Rect(0, 0, 0, 0))
        self._show(self.page)
        super().__init__(host)

    def _show(self, page: int) -> None:
        self.page = page % len(self.pages)
        self.chapter = self.pages[self.page]
        self.heading = self.chapter
        self.map = self.full.for_chapter(self.chapter)

    def turn(self, step: int) -> None:
        self._show(self.page + step)
        self.layout()
        self.host.dirty = True

    @property
    def location(self) -> str:
        for sid in reversed(self.trace.order):
            node = self.map.nodes.get(sid)
            if node is not None:
                return self.run.engine.scenes[sid].location
        return super().location

    def layout(self) -> None:
        super().layout()
        m = self.host.metrics
        c = self.content
        top = c.top + round(m.small * 2.6)
        self.area = pygame.Rect(c.left + m.body, top, c.width - 2 * m.body - round(m.body * 1.5), c.bottom - top - round(m.ui * 2.4))
        label_room = self.host.fonts.word_width("regular", m.small, "The road to Norfolk")  # a typical scene title
        self.max_cols = max(3, self.area.width // max(40, label_room))
        self.placed = place(self.map, self.story.start, self.area, self.max_cols)

    def on_event(self, ev: Event) -> None:
        if isinstance(ev, Text):
            return
        if self.handle_back(ev):
            return
        what = intent(ev)
        if what in ("left", "right"):
            self.turn(-1 if what == "left" else 1)
        elif isinstance(ev, Click) and ev.button == 1 and any(r.collidepoint(ev.x, ev.y) for r in self.arrows):
            self.turn(-1 if self.arrows[0].collidepoint(ev.x, ev.y) else 1)
        elif what == "accept" or (isinstance(ev, Key) and ev.name == "space") or (isinstance(ev, Click) and ev.button == 1):
            self.close()

    def speech(self) -> tuple[object, str] | None:
        if self.chapter == ENDINGS:
            lines = ending_lines(self.story, self.full, self.memories)
            return ("map", self.page), "Endings. " + " ".join(f"{x.title}: {x.note}" for x in lines)
        return ("map", self.page), f"Story map: {self.chapter}. {self.note()} Left and right for other chapters."

    def stats(self) -> tuple[int, int]:
        seen = sum(1 for n in self.map.nodes if n in self.trace.nodes)
        return seen, len(self.map.nodes)

    def ways(self) -> tuple[dict[tuple[str, str], bool], dict[str, bool]]:
        """The ways drawn: between two of the chapter's scenes (taken or not) and out of it from a scene (taken or not).
        Two ways between the same scenes are one line, taken if either was."""
        placed, tr = self.placed, self.trace
        pairs: dict[tuple[str, str], bool] = {}
        exits: dict[str, bool] = {}
        for e in self.map.edges:
            if e.source in placed and e.target in placed:
                pairs[(e.source, e.target)] = pairs.get((e.source, e.target), False) or tr.went(e)
            elif e.source in placed:
                exits[e.source] = exits.get(e.source, False) or tr.went(e)
        return pairs, exits

    def untaken_ways(self) -> bool:
        """Whether any way not taken is drawn, faint or (between two scenes this run found) quieter: the note speaks of
        them only then. A way from a scene to itself is not drawn."""
        pairs, exits = self.ways()
        return any(not taken and a != b for (a, b), taken in pairs.items()) or not all(exits.values())

    def note(self) -> str:
        seen, total = self.stats()
        before = sum(1 for n in self.map.nodes if n in self.memories.scenes and n not in self.trace.nodes)
        earlier = f" Earlier runs found {before} more." if before else ""
        faint = " The faint paths are the ways not yet taken." if self.untaken_ways() else ""
        return f"This run found {seen} of the {total} scenes of this chapter.{earlier}{faint}"

    def on_draw(self, surface: pygame.Surface) -> None:
        host = self.host
        m = host.metrics
        look = self.draw_frame(surface)
        self.draw_arrows(surface, look)
        if self.chapter == ENDINGS:
            found = sum(1 for e in self.story.endings if e in self.memories.endings)
            note = f"Found {found} of {len(self.story.endings)}. Each one not yet found has a hint."
            lines = ending_lines(self.story, self.full, self.memories)
            draw_endings(host.pen, surface, look, self.area, lines, m.ui, m.small)
        else:
            note = self.note()
            self.draw_graph(surface, look)
        s = host.pen.label(note, "italic", m.small, look.muted, self.content.width)
        host.pen.put(surface, s, (self.content.centerx - s.get_width() // 2, self.content.top), note)
        label = "Continue" if self.ending else "Back to the story"
        c = host.pen.label(label, "regular", m.ui, look.accent)
        pos = (self.content.centerx - c.get_width() // 2, m.h - m.margin - c.get_height())
        host.pen.put(surface, c, pos, label)
        self.continue_rect = pygame.Rect(pos, c.get_size()).inflate(24, 12)

    def draw_arrows(self, surface: pygame.Surface, look: Look) -> None:
        """‹ and › either side of the heading: the chapter before and after (the endings come last)."""
        m = self.host.metrics
        pen = self.host.pen
        head_w = pen.label(self.heading, "regular", m.heading, look.accent, self.panel.width - 2 * m.body).get_width()
        y = self.heading_y
        rects = []
        for mark, x in (("‹", m.w // 2 - head_w // 2 - m.heading * 2), ("›", m.w // 2 + head_w // 2 + m.heading)):
            s = pen.label(mark, "regular", m.heading, look.muted)
            x = max(self.panel.left + m.body, min(self.panel.right - m.body - s.get_width(), x))
            pen.put(surface, s, (x, y), mark)
            rects.append(pygame.Rect(x - m.small, y, s.get_width() + 2 * m.small, s.get_height()))
        self.arrows = (rects[0], rects[1])
        where = f"{self.page + 1} of {len(self.pages)}"
        w = pen.label(where, "italic", m.small, look.faint)
        pen.put(surface, w, (m.w // 2 - w.get_width() // 2, y + round(m.heading * 1.25)), where)

    def draw_graph(self, surface: pygame.Surface, look: Look) -> None:
        host = self.host
        m = host.metrics
        cm, tr, placed = self.map, self.trace, self.placed
        bright, faint, mid = look.accent, look.faint, look.muted
        r = max(4, round(m.body * 0.26))
        rows = max((p.row for p in placed.values()), default=0) + 1
        band = self.area.height / rows
        # edges: taken ones last, so they lie on top
        pairs, exits = self.ways()
        for went in (False, True):
            for (a, b), taken in pairs.items():
                if taken != went:
                    continue
                pa, pb = placed[a], placed[b]
                color: RGB = bright if taken else (mid if a in tr.nodes and b in tr.nodes else faint)
                if a == b:
                    continue
                span = abs(pb.layer - pa.layer)
                if pb.row > pa.row:  # on to the next row of the map
                    gap = round(m.body * 0.6)
                    pts = return_path((pa.x, pa.y), (pb.x, pb.y), self.area.right + gap, self.area.left - gap,
                                      self.area.top + band * pa.row + band - 2, r * 2)
                else:
                    lift = 0.0 if span == 1 or pa.row != pb.row else min(band * 0.3, m.body * 1.6 * span)
                    if pb.layer < pa.layer:
                        lift = -lift  # a way back runs below
                    pts = curve((pa.x, pa.y), (pb.x, pb.y), lift)
                pygame.draw.aalines(surface, color, False, pts)
                if taken:
                    pygame.draw.aalines(surface, color, False, [(x, y + 1) for x, y in pts])
            for a, taken in exits.items():
                if taken != went:
                    continue
                pa = placed[a]
                end = (min(self.area.right + round(m.body * 1.2), self.panel.right - m.body), pa.y)
                pygame.draw.aaline(surface, bright if taken else faint, (pa.x, pa.y), end)
                pygame.draw.polygon(surface, bright if taken else faint,
                                    [(end[0], end[1] - 4), (end[0] + 7, end[1]), (end[0], end[1] + 4)])
        # nodes: this run's bright and named, earlier runs' quieter and named, the rest faint and nameless
        current = self.run.state.scene
        earlier = set(self.memories.scenes)
        cols = -(-(max((p.layer for p in placed.values()), default=0) + 1) // rows)
        label_w = max(40, round(self.area.width / cols * 0.92))
        per_col: dict[int, int] = {}
        for p in placed.values():
            per_col[p.layer] = per_col.get(p.layer, 0) + 1
        for sid, p in placed.items():
            node = cm.nodes[sid]
            visited = sid in tr.nodes
            if visited or sid in earlier:
                color = bright if visited else mid
                pygame.draw.circle(surface, color, (p.x, p.y), r if visited else max(3, r - 1), 0 if visited else 2)
                if node.ending:
                    pygame.draw.circle(surface, color, (p.x, p.y), r + 4, 1)
                if sid == current:
                    pygame.draw.circle(surface, look.ink, (p.x, p.y), r + 3, 2)
                self.draw_label(surface, look, node.title, p, r, round(band / per_col[p.layer]), label_w, visited)
            else:
                pygame.draw.circle(surface, look.page, (p.x, p.y), max(3, r - 2))
                pygame.draw.circle(surface, faint, (p.x, p.y), max(3, r - 2), 1)

    def draw_label(self, surface: pygame.Surface, look: Look, title: str, p: Placed, r: int, room: int, width: int,
                   visited: bool) -> None:
        """A scene's name under it, in two lines if need be, kept inside the scene's own slot of the map."""
        host = self.host
        size = host.metrics.small
        lines = label_lines(host.fonts, size, title, width)
        line_h = host.fonts.get("regular", size).get_linesize()
        while len(lines) > 1 and room // 2 < r + 3 + line_h * len(lines):
            lines = label_lines(host.fonts, size, title, width, len(lines) - 1)
        if room // 2 < r + 3 + line_h:
            return
        y = p.y + r + 3
        for text in lines:
            s = host.pen.label(text, "regular", size, look.ink if visited else look.muted)
            host.pen.put(surface, s, (p.x - s.get_width() // 2, y), text)
            y += line_h
