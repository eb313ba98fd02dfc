"""The story map: a plain graph of scenes and the ways between them, extracted from the frozen model.

Author tools (`nlmg graph`, `nlmg check`'s reachability) and the game's chapter flowchart all
draw or reason about the same picture, so it is extracted once, here, from the model alone: it
never evaluates a condition and never imports a front end. `trace` marks which scenes and edges a
run's recorded inputs went through, by replaying them with the one engine step (Tracer: only what is new).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from game.engine.engine import Engine
from game.engine.model import Effect, Story
from game.engine.recording import Input, Recording
from game.engine.state import GameState


@dataclass(frozen=True, slots=True)
class Node:
    """A scene on the map. `ending` is the ending's id when the scene is one, else None."""

    id: str
    title: str
    chapter: str
    path: str
    line: int
    ending: str | None = None
    ending_title: str | None = None

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Edge:
    """One way from a scene to another.

    kind is "choice" (a choice's goto), "action" (a typed action's goto) or "effect" (a goto
    inside effects: a choice's or action's `do`, or the scene's `on_enter`, where `option` is "").
    `condition` is the source of every condition that must hold for the edge to be taken
    (the option's `if` and any enclosing effect `if`s, joined by `and`), "" when unconditional.
    """

    source: str
    option: str
    label: str
    target: str
    kind: str
    condition: str = ""
    path: str = ""
    line: int = 0

    @property
    def key(self) -> tuple[str, str, str]:
        """(source, option, target): what `trace` marks, and stable across reloads of the story."""
        return (self.source, self.option, self.target)


@dataclass(frozen=True)
class StoryMap:
    """Nodes by scene id (in file order) and edges (in file order). Whole story or one chapter.

    For a chapter map, `nodes` holds the chapter's scenes and `edges` every edge that starts or
    ends in the chapter; edges to or from other chapters have an endpoint outside `nodes`
    (see `exits` and `entries`), so a drawing can show where the chapter leads.
    """

    nodes: dict[str, Node]
    edges: tuple[Edge, ...]
    start: str
    chapters: tuple[str, ...] = ()
    chapter: str | None = None
    _out: dict[str, tuple[Edge, ...]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        out: dict[str, list[Edge]] = {}
        for e in self.edges:
            out.setdefault(e.source, []).append(e)
        self._out.update({k: tuple(v) for k, v in out.items()})

    def out_edges(self, scene_id: str) -> tuple[Edge, ...]:
        return self._out.get(scene_id, ())

    @property
    def exits(self) -> tuple[Edge, ...]:
        """Edges leaving this map's nodes for scenes outside it (another chapter)."""
        return tuple(e for e in self.edges if e.source in self.nodes and e.target not in self.nodes)

    @property
    def entries(self) -> tuple[Edge, ...]:
        """Edges arriving in this map's nodes from scenes outside it."""
        return tuple(e for e in self.edges if e.source not in self.nodes and e.target in self.nodes)

    @property
    def endings(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.ending]

    def reachable(self, frm: Iterable[str] | None = None) -> set[str]:
        """Scenes reachable from `frm` (default: the story's start) following every edge, ignoring conditions."""
        seeds = [self.start] if frm is None else list(frm)
        seen = {s for s in seeds if s}
        queue = deque(seen)
        while queue:
            for e in self.out_edges(queue.popleft()):
                if e.target not in seen:
                    seen.add(e.target)
                    queue.append(e.target)
        return seen

    def can_end(self) -> set[str]:
        """Scenes from which some ending scene is reachable (ignoring conditions)."""
        back: dict[str, list[str]] = {}
        for e in self.edges:
            back.setdefault(e.target, []).append(e.source)
        done = {n.id for n in self.nodes.values() if n.ending}
        queue = deque(done)
        while queue:
            for src in back.get(queue.popleft(), ()):
                if src not in done:
                    done.add(src)
                    queue.append(src)
        return done

    def for_chapter(self, title: str) -> StoryMap:
        """The map of one chapter: its scenes, and the edges that touch them."""
        nodes = {k: n for k, n in self.nodes.items() if n.chapter == title}
        edges = tuple(e for e in self.edges if e.source in nodes or e.target in nodes)
        return StoryMap(nodes, edges, self.start, self.chapters, title)


def build_map(story: Story) -> StoryMap:
    """The whole story's map. Cheap (one pass over the model); call again after a reload."""
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    for sid, scene in story.scenes.items():
        ending = story.endings.get(scene.ending) if scene.ending else None
        nodes[sid] = Node(
            sid, scene.title, scene.chapter, scene.pos.path, scene.pos.line, scene.ending,
            ending.title if ending else (scene.ending.replace("_", " ").capitalize() if scene.ending else None),
        )
        _effect_edges(edges, sid, "", "", scene.on_enter, ())
        for a in scene.actions:
            label = a.choice_text or " ".join(
                [a.verb_text[0]] + ([a.thing] if a.thing else []) + (["about", a.about[0]] if a.about else [])
            )
            conds = (a.cond.source,) if a.cond else ()
            _effect_edges(edges, sid, a.id, label, a.effects, conds)
            if a.goto:
                edges.append(Edge(sid, a.id, label, a.goto, "action", _join(conds), a.pos.path, a.pos.line))
        for c in scene.choices:
            conds = (c.cond.source,) if c.cond else ()
            _effect_edges(edges, sid, c.id, c.text, c.effects, conds)
            if c.goto:
                edges.append(Edge(sid, c.id, c.text, c.goto, "choice", _join(conds), c.pos.path, c.pos.line))
    chapters = tuple(ch.title for ch in story.chapters) or tuple(dict.fromkeys(n.chapter for n in nodes.values()))
    return StoryMap(nodes, tuple(edges), story.start, chapters)


def _effect_edges(out: list[Edge], sid: str, option: str, label: str, effects: tuple[Effect, ...], conds: tuple[str, ...]) -> None:
    for e in effects:
        if e.op == "goto":
            out.append(Edge(sid, option, label, e.target, "effect", _join(conds), e.pos.path, e.pos.line))
        elif e.op == "if" and e.value is not None:
            src = e.value.source
            _effect_edges(out, sid, option, label, e.then, (*conds, src))
            _effect_edges(out, sid, option, label, e.otherwise, (*conds, f"not ({src})"))


def _join(conds: tuple[str, ...]) -> str:
    if len(conds) <= 1:
        return conds[0] if conds else ""
    return " and ".join(f"({c})" for c in conds)


@dataclass
class Trace:
    """What one run went through: scenes entered, options taken, and edges followed (by Edge.key)."""

    nodes: set[str] = field(default_factory=set)
    taken: set[tuple[str, str]] = field(default_factory=set)  # (scene, option id) for choices and actions
    edges: set[tuple[str, str, str]] = field(default_factory=set)
    order: list[str] = field(default_factory=list)  # scenes in the order entered
    stopped_at: int | None = None  # index of the first input that no longer applied, if any

    def went(self, edge: Edge) -> bool:
        return edge.key in self.edges


def trace(engine: Engine, recording: Recording) -> Trace:
    """Replay a recording from a new state and mark the way taken.

    A command input is matched to the action it triggered by which `chosen` count went up, so typed
    commands light the same edges as the choices that offer those actions. Stops quietly at the first
    input that no longer applies (the story was edited), noting its index in `stopped_at`.
    """
    state = engine.new_state(recording.seed)
    t = _started(state)
    _follow(engine, state, t, recording.inputs, 0)
    return t


class Tracer:
    """trace() of one run as it grows: the map at a chapter's end replays only what was played since it was last
    drawn, not the whole run again (in the browser that replay was most of the map's quarter of a second).

    It keeps its own state where its last trace stopped; a recording that is not that one carried on (an undo, a
    load, another seed) is traced again from the start. Each call gives a Trace of its own to keep.
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        self._seed = 0
        self._inputs: list[Input] = []
        self._state: GameState | None = None
        self._trace = Trace()

    def trace(self, recording: Recording) -> Trace:
        inputs, done = recording.inputs, len(self._inputs)
        state, t = self._state, self._trace
        if (state is None or t.stopped_at is not None or recording.seed != self._seed or len(inputs) < done
                or inputs[:done] != self._inputs):
            state = self._state = self.engine.new_state(recording.seed)
            t = self._trace = _started(state)
            self._seed, done = recording.seed, 0
        _follow(self.engine, state, t, inputs, done)
        self._inputs = list(inputs)
        return Trace(set(t.nodes), set(t.taken), set(t.edges), list(t.order), t.stopped_at)


def _started(state: GameState) -> Trace:
    """The trace of a run that has not yet had an input: the start and any on_enter chain from it, in order."""
    t = Trace()
    t.order = list(state.visits)
    t.nodes.update(t.order)
    for a, b in zip(t.order, t.order[1:]):
        t.edges.add((a, "", b))
    return t


def _follow(engine: Engine, state: GameState, t: Trace, inputs: list[Input], done: int) -> None:
    """Play inputs[done:] on `state`, marking in `t` the options taken and the scenes and edges they led through."""
    for i in range(done, len(inputs)):
        inp = inputs[i]
        if state.ended is not None or inp.scene != state.scene:
            t.stopped_at = i
            return
        before = state.scene
        chosen_before = dict(state.chosen) if inp[1] == "command" else None
        outcome = engine.choose(state, inp[2]) if inp[1] == "choose" else engine.command(state, inp[2])
        if not outcome.recorded:
            t.stopped_at = i
            return
        option = inp[2]
        if chosen_before is not None:
            prefix = before + "/"
            option = next(
                (k[len(prefix):] for k, v in state.chosen.items() if k.startswith(prefix) and v != chosen_before.get(k, 0)),
                "",
            )
        t.taken.add((before, option))
        prev, via = before, option
        for sid in outcome.entered:
            t.edges.add((prev, via, sid))
            t.nodes.add(sid)
            t.order.append(sid)
            prev, via = sid, ""
