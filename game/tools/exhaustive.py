"""`nlmg explore --exhaustive`: a breadth-first search over game states, to prove what random runs only sample.

Every state the search holds was reached by real inputs through the one engine step, so each
choice or action it reports as taken comes with a witness (the inputs that take it), and each
ending with a route to it. States are deduplicated by a compact key of what can still change the
story's future (scene, variables, items, and only the visit and choice counts that some condition
or `once` can see, capped just above the largest number the story compares with); the search
stops at a bound on states and says when the bound cut it short. When it is not cut short, it
also proves which states can never reach an ending (loops that never end).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from game.engine import Engine, GameState, Input, Recording, Run, RunError, expr
from game.engine.expr import ExprRuntimeError
from game.engine.model import Cond, Story
from game.engine.storymap import build_map

MAX_EXAMPLES = 5


@dataclass
class SearchResult:
    states: int = 0
    bound: int = 0
    cut_short: bool = False
    depth: int = 0
    covered: set[str] = field(default_factory=set)
    endings: dict[str, int] = field(default_factory=dict)  # ending -> 1 when some route reaches it
    witnesses: dict[str, list[Input]] = field(default_factory=dict)  # covered key -> inputs that first covered it
    problems: dict[str, list[dict]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    traps_checked: bool = False
    crowded: set[str] = field(default_factory=set)  # scenes where the per-scene share of the bound ran out

    def problem(self, place: str, record: dict) -> None:
        self.counts[place] = self.counts.get(place, 0) + 1
        examples = self.problems.setdefault(place, [])
        if len(examples) < MAX_EXAMPLES:
            examples.append(record)

    def summary(self) -> dict:
        return {"states": self.states, "bound": self.bound, "cut_short": self.cut_short, "depth": self.depth,
                "traps_checked": self.traps_checked,
                "witnesses": {k: v for k, v in sorted(self.witnesses.items())}}


class StateKey:
    """Builds the compact, hashable key of a state: only what can still change what happens next.

    A variable, item or count is kept in the key only if some scene still reachable from the
    state's scene (on the story map) reads it, so two states that differ in what no future
    condition can see are one state. Numbers are capped just above the largest number the story
    writes in a condition: past that, conditions that compare with numbers cannot tell them apart.
    """

    def __init__(self, story: Story):
        reads: dict[str, tuple[set[str], set[str], set[str]]] = {}  # scene -> (vars, items, counts)
        numbers: list[int] = [1]
        self.rolls = False
        self.counted: set[str] = set()  # choices whose count a chosen() reads (not just once)
        for sid, scene in story.scenes.items():
            vs, its, cs = set(), set(), set()
            for cond in _conds(scene):
                if "visited()" in cond.source.replace(" ", ""):
                    cs.add("v:" + sid)
                for ref in expr.refs(cond.tree):
                    if ref.kind == "var":
                        vs.add(ref.name)
                    elif ref.kind == "item":
                        its.add(ref.name)
                    elif ref.kind == "scene":
                        cs.add("v:" + ref.name)
                    elif ref.kind == "choice":
                        cs.add("c:" + f"{ref.scene or sid}/{ref.name}")
                        self.counted.add(f"{ref.scene or sid}/{ref.name}")
                _numbers(cond.tree, numbers)
            for e in scene.all_effects():
                if e.op == "add":
                    vs.add(e.target)  # adding reads the old value
                elif e.op == "roll":
                    self.rolls = True
            cs.update("c:" + c.key for c in scene.choices if c.once)
            cs.update(f"c:{sid}/{a.id}" for a in scene.actions if a.once)
            its.update(a.thing for a in scene.actions if a.thing and a.thing in story.items)
            reads[sid] = (vs, its, cs)
        self.cap = min(max(numbers) + 2, 64)
        self.clamped = False  # did capping ever merge states that differ?
        growing = {e.target for sc in story.scenes.values() for e in sc.all_effects()
                   if e.op == "add" or (e.op == "set" and e.value is not None and e.value.tree[0] != "const")}
        once = {c.key for sc in story.scenes.values() for c in sc.choices if c.once}
        once |= {f"{sid}/{a.id}" for sid, sc in story.scenes.items() for a in sc.actions if a.once}
        self.relevant: dict[str, tuple] = {}
        self.items_seen: dict[str, frozenset] = {}
        for sid, (vs, its, visits_seen, chosen_seen) in _future_union(story, reads).items():
            counted = tuple(k for k in chosen_seen if k in self.counted)
            self.relevant[sid] = (
                tuple(v for v in vs if v not in growing), tuple(v for v in vs if v in growing),
                frozenset(k for k in chosen_seen if k in once and k not in self.counted), visits_seen, counted,
            )
            self.items_seen[sid] = frozenset(its)

    def _growing(self, vars_: dict, names: tuple[str, ...]) -> tuple:
        """Numbers that effects add to, capped; notes when a cap really merged states (then traps are not proven)."""
        cap = self.cap
        out = []
        for k in names:
            v = vars_.get(k, 0)
            if isinstance(v, (int, float)) and not isinstance(v, bool) and not -cap <= v <= cap:
                self.clamped = True
                v = cap if v > 0 else -cap
            out.append(v)
        return tuple(out)

    def __call__(self, s: GameState) -> tuple:
        plain, growing, once, visits_seen, counts_seen = self.relevant[s.scene]
        cap, vars_, visits, chosen = self.cap, s.vars, s.visits, s.chosen
        return (
            s.scene, s.ended,
            tuple(map(vars_.get, plain)),
            self._growing(vars_, growing) if growing else (),
            frozenset(s.items.keys() & self.items_seen[s.scene]) if s.items else frozenset(),
            frozenset(chosen.keys() & once),
            tuple(min(visits.get(k, 0), cap) for k in visits_seen) if visits_seen else (),
            tuple(min(chosen.get(k, 0), cap) for k in counts_seen) if counts_seen else (),
            s.rng if self.rolls else 0,
        )


def _future_union(story: Story, reads: dict[str, tuple[set[str], set[str], set[str]]]) -> dict[str, tuple]:
    """For each scene, what any scene reachable from it reads: unions over the map's strongly connected parts."""
    smap = build_map(story)
    succ = {sid: sorted({e.target for e in smap.out_edges(sid) if e.target in story.scenes}) for sid in story.scenes}
    comp = _sccs(list(story.scenes), succ)  # scene -> component index, components numbered in reverse topological order
    members: dict[int, list[str]] = {}
    for sid, c in comp.items():
        members.setdefault(c, []).append(sid)
    acc: dict[int, tuple[set[str], set[str], set[str]]] = {}
    for c in sorted(members):  # sinks first: every successor component is done before its predecessors
        vs, its, cs = set(), set(), set()
        for sid in members[c]:
            a, b, d = reads[sid]
            vs |= a
            its |= b
            cs |= d
            for t in succ[sid]:
                if comp[t] != c:
                    a, b, d = acc[comp[t]]
                    vs |= a
                    its |= b
                    cs |= d
        acc[c] = (vs, its, cs)
    out = {}
    for sid, c in comp.items():
        vs, its, cs = acc[c]
        out[sid] = (tuple(sorted(vs)), tuple(sorted(its)),
                    tuple(sorted(k[2:] for k in cs if k.startswith("v:"))), tuple(sorted(k[2:] for k in cs if k.startswith("c:"))))
    return out


def _sccs(nodes: list[str], succ: dict[str, list[str]]) -> dict[str, int]:
    """Tarjan's algorithm, iteratively (stories can be deeper than Python's recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    comp: dict[str, int] = {}
    counter = 0
    found = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            recurse = False
            for j in range(i, len(succ[v])):
                w = succ[v][j]
                if w not in index:
                    work.append((v, j + 1))
                    work.append((w, 0))
                    recurse = True
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            if recurse:
                continue
            if low[v] == index[v]:
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp[w] = found
                    if w == v:
                        break
                found += 1
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return comp


def search(engine: Engine, seed: int, bound: int, depth_limit: int = 10**9, report: Callable[[int], None] | None = None,
           start: Recording | None = None, stop_at_ending: bool = False, share: int = 64) -> SearchResult:
    """Breadth-first over states from a new run (or from where the recording `start` leads), fair between scenes.

    A real story's state space is the product of everything its flags remember, and plain
    breadth-first order spends any bound in the first hub scene. So each scene gets a share of
    states (`share`, doubled whenever the search runs out of other work); a state beyond its
    scene's share waits in an overflow queue unless it opens options no state of that scene
    opened before. Every state is still expanded in breadth-first order within its turn.
    """
    story = engine.story
    key_of = StateKey(story)
    res = SearchResult(bound=bound)
    paragraphs = {
        sid: tuple((f"{sid}#{n}", p.cond, bool(p.else_text)) for n, p in enumerate(s.paragraphs) if p.cond is not None)
        for sid, s in story.scenes.items()
    }
    try:
        if start is not None:
            run, _ = Run.replay(engine, start, lazy_log=True)
            root, base_inputs = run.state, list(run.inputs)
        else:
            root, base_inputs = engine.new_state(seed), []
    except RunError as exc:
        res.problem(f"error:{exc}", {"run": 0, "seed": seed, "kind": "error", "scene": story.start, "where": exc.where,
                                     "message": str(exc), "inputs": [], "failing": None})
        return res
    parents: list[int] = [-1]
    via: list[Input | None] = [None]
    depth: list[int] = [0]
    edges: list[list[int]] = [[]]
    ending_nodes: list[int] = []
    seen: dict[tuple, int] = {key_of(root): 0}
    states: list[GameState | None] = [root]
    in_scene: dict[str, int] = {root.scene: 1}
    signatures: set[tuple] = set()
    overflow: deque[int] = deque()

    def inputs_to(node: int) -> list[Input]:
        out: list[Input] = []
        while node > 0:
            out.append(via[node])  # type: ignore[arg-type]
            node = parents[node]
        return base_inputs + out[::-1]

    def cover(key: str, node: int) -> None:
        if key not in res.covered:
            res.covered.add(key)
            res.witnesses[key] = inputs_to(node)

    for sid in root.visits:
        cover(sid, 0)
    _cover_paragraphs(root, paragraphs, cover, 0)
    if root.ended is not None:
        ending_nodes.append(0)
        res.endings[root.ended] = 1
    queue: deque[int] = deque([0])
    while queue or overflow:
        if not queue:  # everything else is done: widen every scene's share and let the waiting states in
            share *= 2
            waiting, overflow = overflow, deque()
            for n in waiting:
                st = states[n]
                sid = st.scene if st is not None else ""
                if in_scene.get(sid, 0) < share:
                    in_scene[sid] = in_scene.get(sid, 0) + 1
                    queue.append(n)
                else:
                    overflow.append(n)
            continue
        node = queue.popleft()
        state = states[node]
        states[node] = None  # expanded: free it (keys and parent links are all the search still needs)
        if state is None or state.ended is not None:
            continue
        if depth[node] >= depth_limit:
            res.cut_short = True  # a state left unexpanded: the search is not complete
            continue
        moves = list(_moves(engine, state))
        if not moves:
            scene = story.scenes[state.scene]
            res.problem(f"dead:{state.scene}", {"run": node, "seed": seed, "kind": "dead end", "scene": state.scene, "where": str(scene.pos),
                                                "message": f"a run can get stuck in '{state.scene}': no choice is open and no action works",
                                                "inputs": _plain(inputs_to(node))})
            continue
        for inp, option_key in moves:
            child = state.copy()
            try:
                outcome = engine.choose(child, inp[2]) if inp[1] == "choose" else engine.command(child, inp[2])
                _check_paragraphs(child, paragraphs)
            except RunError as exc:
                res.problem(f"error:{exc}", {"run": node, "seed": seed, "kind": "error", "scene": state.scene, "where": exc.where,
                                             "message": str(exc), "inputs": _plain(inputs_to(node)), "failing": inp.to_plain()})
                continue
            if not outcome.recorded:
                continue
            if inp.kind == "command" and child.chosen.get(option_key, 0) <= state.chosen.get(option_key, 0):
                scene = story.scenes[state.scene]
                action = next((a for a in scene.actions if f"{scene.id}/{a.id}" == option_key), None)
                res.problem(f"typing:{option_key}", {"run": node, "seed": seed, "kind": "typing", "scene": state.scene,
                                                     "where": str(action.pos if action else scene.pos),
                                                     "message": f"typing '{inp[2]}' in '{state.scene}' does not trigger action '{option_key.split('/', 1)[1]}'",
                                                     "inputs": _plain(inputs_to(node))})
                option_key = next((k for k, v in child.chosen.items() if v != state.chosen.get(k, 0)), option_key)
            k = key_of(child)
            known = seen.get(k)
            if known is not None:
                edges[node].append(known)
                if option_key not in res.covered:  # a known state, reached by a new option: still a witness
                    res.covered.add(option_key)
                    res.witnesses[option_key] = inputs_to(node) + [inp]
                continue
            if len(states) >= bound:
                res.cut_short = True
                queue.clear()
                overflow.clear()
                break
            new = len(states)
            seen[k] = new
            states.append(child)
            parents.append(node)
            via.append(inp)
            depth.append(depth[node] + 1)
            edges.append([])
            edges[node].append(new)
            res.depth = max(res.depth, depth[new])
            cover(option_key, new)
            for sid in outcome.entered:
                cover(sid, new)
            _cover_paragraphs(child, paragraphs, cover, new)
            if child.ended is not None:
                ending_nodes.append(new)
                if child.ended not in res.endings:
                    res.endings[child.ended] = 1
                    res.witnesses[f"ending:{child.ended}"] = inputs_to(new)
                if stop_at_ending:
                    res.states = len(states)
                    return res
                continue
            sid = child.scene
            here = in_scene.get(sid, 0)
            if here < share or _signature_is_new(engine, child, signatures):
                in_scene[sid] = here + 1
                queue.append(new)
            else:
                overflow.append(new)
            if report is not None and new % 1000 == 0:
                report(1000)
    res.states = len(states)
    if not res.cut_short and not key_of.clamped:
        res.traps_checked = True
        _find_traps(res, story, edges, ending_nodes, parents, via, base_inputs, seen, seed)
    return res


def _plain(inputs: list[Input]) -> list[list[str]]:
    """Inputs as a problem record holds them: plain lists, as JSON reports and worker processes carry them."""
    return [i.to_plain() for i in inputs]


def _signature_is_new(engine: Engine, state: GameState, signatures: set[tuple]) -> bool:
    """Does this state open a set of options (and open actions) no earlier state of its scene opened?"""
    try:
        sig = (state.scene, tuple(o.id for o in engine.options(state) if o.enabled), tuple(a.id for a in engine.open_actions(state)))
    except RunError:
        return True
    if sig in signatures:
        return False
    signatures.add(sig)
    return True


def _moves(engine: Engine, state: GameState) -> Iterator[tuple[Input, str]]:
    """Every input worth trying here: each enabled option, and each open action not offered as one (typed)."""
    scene = engine.scenes[state.scene]
    for o in engine.options(state):
        if o.enabled:
            yield Input(scene.id, "choose", o.id), f"{scene.id}/{o.id}"
    for a in engine.open_actions(state):
        if a.option is None:
            yield Input(scene.id, "command", engine.command_text(scene, a)), f"{scene.id}/{a.id}"


def _check_paragraphs(state: GameState, paragraphs: dict) -> None:
    for _key, cond, _else in paragraphs.get(state.scene, ()):
        try:
            cond.fn(state)
        except ExprRuntimeError as exc:
            raise RunError(str(exc), str(cond.pos)) from None


def _cover_paragraphs(state: GameState, paragraphs: dict, cover: Callable[[str, int], None], node: int) -> None:
    for key, cond, has_else in paragraphs.get(state.scene, ()):
        try:
            shown = cond.fn(state)
        except ExprRuntimeError:
            continue
        if shown:
            cover(key, node)
        elif has_else:
            cover(key + ":else", node)


def _find_traps(res: SearchResult, story: Story, edges: list[list[int]], ending_nodes: list[int], parents: list[int],
                via: list, base_inputs: list, seen: dict, seed: int) -> None:
    """States from which no ending can be reached, once the whole state space is known."""
    back: list[list[int]] = [[] for _ in edges]
    for src, targets in enumerate(edges):
        for t in targets:
            back[t].append(src)
    can_end = [False] * len(edges)
    queue = deque(ending_nodes)
    for n in ending_nodes:
        can_end[n] = True
    while queue:
        for src in back[queue.popleft()]:
            if not can_end[src]:
                can_end[src] = True
                queue.append(src)
    scene_of = {node: k[0] for k, node in seen.items()}
    for node, ok in enumerate(can_end):
        if ok or not edges[node]:
            continue  # nodes with no moves were reported as dead ends (or were never expanded)
        sid = scene_of.get(node, "")
        parent = parents[node]
        if parent < 0 or can_end[parent]:  # report where runs fall in, not every state inside the trap
            inputs: list[Input] = []
            n = node
            while n > 0:
                inputs.append(via[n])
                n = parents[n]
            scene = story.scenes.get(sid)
            res.problem(f"loop:{sid}", {"run": node, "seed": seed, "kind": "loop", "scene": sid, "where": str(scene.pos) if scene else "",
                                        "message": f"a run can reach a state in '{sid}' from which no ending can ever be reached",
                                        "inputs": _plain(base_inputs + inputs[::-1])})


def _conds(scene: Any) -> Iterator[Cond]:
    for p in scene.paragraphs + scene.look:
        if p.cond:
            yield p.cond
    for t in scene.things.values():
        if t.cond:
            yield t.cond
    for a in scene.actions:
        if a.cond:
            yield a.cond
        for p in a.say + a.blocked:
            if p.cond:
                yield p.cond
    for c in scene.choices:
        if c.cond:
            yield c.cond
        for p in c.say:
            if p.cond:
                yield p.cond
    for e in scene.all_effects():
        if e.value is not None:
            yield e.value



def _numbers(tree: Any, out: list[int]) -> None:
    """Every number written in an expression tree (to know how high counts need telling apart)."""
    if isinstance(tree, list):
        if len(tree) == 2 and tree[0] == "const":
            if isinstance(tree[1], (int, float)) and not isinstance(tree[1], bool):
                out.append(int(abs(tree[1])))
            return
        for part in tree:
            _numbers(part, out)
