"""The exhaustive search's notion of "the same state": a compact key of only what can still change the story's future.

A variable, item or count is kept in a state's key only if some scene still reachable from the
state's scene (on the story map) reads it, so two states that differ in what no future condition
can see are one state; numbers are capped just above the largest number the story writes in a
condition. This is what keeps a real story's state space small enough to search (exhaustive.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from game.engine import GameState, expr
from game.engine.model import Action, Choice, Cond, Effect, Story
from game.engine.storymap import build_map
from game.tools.bands import apply as clamp
from game.tools.bands import bands


class StateKey:
    """Builds the compact, hashable key of a state: only what can still change what happens next.

    A variable, item or count is kept in the key only if some scene still reachable from the
    state's scene (on the story map) reads it, so two states that differ in what no future
    condition can see are one state. Numbers are capped just above the largest number the story
    writes in a condition: past that, conditions that compare with numbers cannot tell them apart.
    """

    def __init__(self, story: Story, text: bool = True):
        """`text=False` merges states that differ only in what prose reads (paragraphs, look, say).

        Then only reads that can change what happens (choice and action conditions, thing
        conditions the parser sees, `if` effects and values flowing into such reads) keep a
        variable, item or count in the key: endings, dead ends and loops are the same, but a
        conditional paragraph is only covered if some kept state shows it.
        """
        numbers: list[int] = [1]
        self.rolls = any(e.op == "roll" for sc in story.scenes.values() for e in sc.all_effects())
        self.counted: set[str] = set()  # choices whose count a chosen() reads (not just once)
        control: list[Cond] = []
        reads = _reads(story, text, numbers, self.counted, control)
        smap = build_map(story)
        succ = {sid: sorted({e.target for e in smap.out_edges(sid) if e.target in story.scenes}) for sid in story.scenes}
        comp = _sccs(list(story.scenes), succ)  # scene -> component index, components numbered in reverse topological order
        self.bands = bands(story, control, succ, comp)
        self.cap = min(max(numbers) + 2, 64)
        self.clamped = False  # did capping ever merge states that differ?
        growing = {e.target for sc in story.scenes.values() for e in sc.all_effects()
                   if e.op == "add" or (e.op == "set" and e.value is not None and e.value.tree[0] != "const")}
        once = {c.key for sc in story.scenes.values() for c in sc.choices if c.once}
        once |= {f"{sid}/{a.id}" for sid, sc in story.scenes.items() for a in sc.actions if a.once}
        # once options that change nothing and stay put (an `ask` or `touch` that only tells): what they
        # leave behind is read by nothing but their own once, so it is merged away (text=False only); the
        # search then reports a state with nothing else to do as a dead end, which it is once they are used
        options: list[Choice | Action] = [o for sc in story.scenes.values() for o in sc.choices]
        options += [a for sc in story.scenes.values() for a in sc.actions]
        self.noops: set[str] = set() if text else {
            o.key for o in options if o.once and o.goto is None and not o.effects and o.key not in self.counted}
        once -= self.noops
        self.relevant: dict[str, tuple[Any, ...]] = {}
        self.items_seen: dict[str, frozenset[Any]] = {}
        for sid, (vs, its, visits_seen, chosen_seen) in _future_union(story, reads, succ, comp).items():
            counted = tuple(k for k in chosen_seen if k in self.counted)
            self.relevant[sid] = (
                tuple(v for v in vs if v not in growing), tuple(v for v in vs if v in growing),
                frozenset(k for k in chosen_seen if k in once and k not in self.counted), visits_seen, counted,
            )
            self.items_seen[sid] = frozenset(its)

    def _growing(self, vars_: dict[str, Any], names: tuple[str, ...], scene: str) -> tuple[Any, ...]:
        """Numbers that effects add to, clamped into their exact band (bands.py) or else capped;
        notes when a cap really merged states (then traps are not proven)."""
        cap = self.cap
        band = self.bands.get(scene, {})
        out = []
        for k in names:
            v = vars_.get(k, 0)
            if k in band:
                out.append(clamp(band, k, v))
                continue
            if isinstance(v, (int, float)) and not isinstance(v, bool) and not -cap <= v <= cap:
                self.clamped = True
                v = cap if v > 0 else -cap
            out.append(v)
        return tuple(out)

    def __call__(self, s: GameState) -> tuple[Any, ...]:
        plain, growing, once, visits_seen, counts_seen = self.relevant[s.scene]
        cap, vars_, visits, chosen = self.cap, s.vars, s.visits, s.chosen
        return (
            s.scene, s.ended,
            tuple(map(vars_.get, plain)),
            self._growing(vars_, growing, s.scene) if growing else (),
            frozenset(s.items.keys() & self.items_seen[s.scene]) if s.items else frozenset(),
            frozenset(chosen.keys() & once),
            tuple(min(visits.get(k, 0), cap) for k in visits_seen) if visits_seen else (),
            tuple(min(chosen.get(k, 0), cap) for k in counts_seen) if counts_seen else (),
            s.rng if self.rolls else 0,
        )


def _reads(story: Story, text: bool, numbers: list[int], counted: set[str], used_conds: list[Cond]) -> dict[str, tuple[set[str], set[str], set[str]]]:
    """Per scene: the variables, items and counts ("v:scene", "c:scene/choice") its conditions read.

    With `text=False` only reads that can change what happens count. Which effect reads matter
    is a fixpoint: an `if` or a value matters when what it writes is read by something that matters.
    """
    control: dict[str, list[Cond]] = {}
    flows: list[tuple[str, Effect, Cond]] = []  # (scene, effect, the condition or value it reads)
    for sid, scene in story.scenes.items():
        control[sid] = list(_conds(scene, text))
        for e in scene.all_effects():
            if e.value is not None:
                flows.append((sid, e, e.value))
    wanted: set[str] = set()  # variables whose value matters (for text=False)
    used = [False] * len(flows)
    if text:
        used = [True] * len(flows)
    else:
        for conds in control.values():
            wanted.update(r.name for c in conds for r in expr.refs(c.tree) if r.kind == "var")
        changed = True
        while changed:
            changed = False
            for n, (_sid, e, value) in enumerate(flows):
                if not used[n] and _matters(e, wanted):
                    used[n] = changed = True
                    wanted.update(r.name for r in expr.refs(value.tree) if r.kind == "var")
                    if e.op == "add":
                        wanted.add(e.target)
    for n, (sid, _e, value) in enumerate(flows):
        if used[n]:
            control[sid].append(value)
    reads: dict[str, tuple[set[str], set[str], set[str]]] = {}
    for sid, scene in story.scenes.items():
        vs, its, cs = set(), set(), set()
        used_conds.extend(control[sid])
        for cond in control[sid]:
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
                    counted.add(f"{ref.scene or sid}/{ref.name}")
            _numbers(cond.tree, numbers)
        for e in scene.all_effects():
            if e.op == "add" and (text or e.target in wanted):
                vs.add(e.target)  # adding reads the old value
        cs.update("c:" + c.key for c in scene.choices if c.once)
        cs.update(f"c:{sid}/{a.id}" for a in scene.actions if a.once)
        its.update(a.thing for a in scene.actions if a.thing and a.thing in story.items)
        reads[sid] = (vs, its, cs)
    return reads


def _matters(e: Effect, wanted: set[str]) -> bool:
    """Can this effect change what happens, given the variables whose values matter?"""
    if e.op in ("set", "add", "roll"):
        return e.target in wanted
    if e.op == "if":
        return any(b.op in ("goto", "give", "take") or _matters(b, wanted) for b in (*e.then, *e.otherwise))
    return False


def _future_union(story: Story, reads: dict[str, tuple[set[str], set[str], set[str]]], succ: dict[str, list[str]],
                  comp: dict[str, int]) -> dict[str, tuple[Any, ...]]:
    """For each scene, what any scene reachable from it reads: unions over the map's strongly connected parts."""
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


def _conds(scene: Any, text: bool) -> Iterator[Cond]:
    """The scene's conditions (effects' values apart): with `text=False`, only those that decide what happens."""
    if text:
        for p in scene.paragraphs + scene.look:
            if p.cond:
                yield p.cond
    for t in scene.things.values():
        if t.cond:
            yield t.cond
    for a in scene.actions:
        if a.cond:
            yield a.cond
        if text:
            for p in a.say + a.blocked:
                if p.cond:
                    yield p.cond
    for c in scene.choices:
        if c.cond:
            yield c.cond
        if text:
            for p in c.say:
                if p.cond:
                    yield p.cond



def _numbers(tree: Any, out: list[int]) -> None:
    """Every number written in an expression tree (to know how high counts need telling apart)."""
    if isinstance(tree, list):
        if len(tree) == 2 and tree[0] == "const":
            if isinstance(tree[1], (int, float)) and not isinstance(tree[1], bool):
                out.append(int(abs(tree[1])))
            return
        for part in tree:
            _numbers(part, out)
