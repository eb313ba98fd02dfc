"""What a story can ever do, over-approximated: the fixpoint under nlmg check's whole-story analysis.

Solver walks the story model under Facts (abstract values for every variable, the items ever
given, the scenes and options ever reachable), refining them round by round until they describe
the very walk they allow. Every answer errs on the side of "possible" (abstract.py), so what the
analysis (analysis.py) reports as impossible is impossible in every run.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from game.engine import expr
from game.engine.build import all_scenes
from game.engine.model import Cond, Effect, Story
from game.tools.abstract import AV, CAP, INF, TOP, Facts, as_range, evaluate, fin, join, truth, widen

MAX_ROUNDS = 12  # outer refinements; each round is sound on its own, so stopping early is safe
MAX_FIXPOINT = 64


@dataclass
class Walk:
    """What one pass over the story found possible under some Facts."""

    scenes: set[str] = field(default_factory=set)
    options: set[str] = field(default_factory=set)  # "scene/option" keys that may be taken
    given: set[str] = field(default_factory=set)
    assigns: list[tuple[Effect, str]] = field(default_factory=list)  # set/add/roll effects that may run
    edges: dict[str, set[str]] = field(default_factory=dict)


class Solver:
    """The walk and its fixpoint, with the memos that make them fast; Analysis adds the checks."""

    def __init__(self, story: Story):
        self.story = story
        self.scenes = all_scenes(story.scenes)  # every scene built, as a plain dict: the walks look scenes up many times
        self._memo: dict[object, AV] = {}
        self._memo_facts: Facts | None = None
        self._plans: dict[str, list[tuple[Any, ...]]] = {}
        self._refs: dict[str, list[Any]] = {}

    def refs(self, cond: Cond) -> list[Any]:
        """expr.refs(), remembered by source: the same condition is written in many places."""
        got = self._refs.get(cond.source)
        if got is None:
            got = self._refs[cond.source] = expr.refs(cond.tree)
        return got

    def can(self, cond: Cond, facts: Facts | None, sid: str) -> tuple[bool, bool]:
        """(can be true, can be false); with no facts, conditions are ignored (both always possible)."""
        return (True, True) if facts is None else truth(self.value(cond, facts, sid))

    def value(self, cond: Cond, facts: Facts, sid: str) -> AV:
        """evaluate(), remembered per Facts: stories repeat the same conditions in many scenes."""
        if facts is not self._memo_facts:
            self._memo = {}
            self._memo_facts = facts
        src = cond.source
        key: object = (src, sid) if ("chosen(" in src or "visited(" in src) else src
        got = self._memo.get(key)
        if got is None:
            got = self._memo[key] = evaluate(cond.tree, facts, sid)
        return got

    # ---- what can happen ----------------------------------------------------------------------
    def plan(self, sid: str) -> list[tuple[Any, ...]]:
        """A scene's ways of acting, flattened once: [(condition or None, option key, Flat effects, goto)]."""
        got = self._plans.get(sid)
        if got is None:
            scene = self.scenes[sid]
            got = [(None, "", _flat(scene.on_enter), None)]
            got += [(a.cond, f"{sid}/{a.id}", _flat(a.effects), a.goto) for a in scene.actions]
            got += [(c.cond, c.key, _flat(c.effects), c.goto) for c in scene.choices]
            self._plans[sid] = got
        return got

    def walk(self, facts: Facts | None) -> Walk:
        w = Walk()
        story = self.story
        scenes = self.scenes
        if story.start not in scenes:
            return w
        w.scenes.add(story.start)
        queue = deque([story.start])
        options, given, assigns = w.options, w.given, w.assigns
        while queue:
            sid = queue.popleft()
            targets: set[str] = set()
            for cond, key, flat, goto in self.plan(sid):
                if cond is not None and facts is not None and not truth(self.value(cond, facts, sid))[0]:
                    continue
                if key:
                    options.add(key)
                if flat is not NO_EFFECTS:
                    for e in flat.assigns:
                        assigns.append((e, sid))
                    given.update(flat.gives)
                    targets.update(flat.gotos)
                    if flat.ifs:
                        self._effects(flat.ifs, sid, facts, w, targets)
                if goto:
                    targets.add(goto)
            targets = {t for t in targets if t in scenes}
            w.edges[sid] = targets
            for t in targets:
                if t not in w.scenes:
                    w.scenes.add(t)
                    queue.append(t)
        return w

    def _effects(self, effects: tuple[Effect, ...], sid: str, facts: Facts | None, w: Walk, targets: set[str]) -> None:
        for e in effects:
            op = e.op
            if op in ("set", "add", "roll"):
                w.assigns.append((e, sid))
            elif op == "give":
                w.given.add(e.target)
            elif op == "goto":
                targets.add(e.target)
            elif op == "if" and e.value is not None:
                can_true, can_false = self.can(e.value, facts, sid)
                if can_true:
                    self._effects(e.then, sid, facts, w, targets)
                if can_false:
                    self._effects(e.otherwise, sid, facts, w, targets)

    def domains(self, w: Walk, prev: Facts) -> dict[str, AV]:
        """Each variable's possible values, as a fixpoint over the effects that may run."""
        base = {name: fin(value) for name, value in self.story.variables.items()}
        for e, _ in w.assigns:
            base.setdefault(e.target, fin(0))  # the engine reads unset variables as 0
        dom = dict(base)
        distinct: dict[object, tuple[Effect, str]] = {}
        for e, sid in w.assigns:
            src = e.value.source if e.value is not None else ""
            scoped = "chosen(" in src or "visited(" in src
            distinct.setdefault((e.op, e.target, src, sid if scoped else ""), (e, sid))
        assigns = list(distinct.values())
        for _ in range(MAX_FIXPOINT):
            facts = Facts(dom, w.given, w.scenes, w.options)
            new = dict(base)
            increments: dict[str, AV] = {}
            for e, sid in assigns:
                value = self.value(e.value, facts, sid) if e.value is not None else TOP
                if e.op == "set":
                    new[e.target] = join(new[e.target], value)
                elif e.op == "roll":
                    sides = e.value.tree[1] if e.value is not None and e.value.tree[0] == "const" else None
                    rolled = (fin(*range(1, sides + 1)) if sides <= CAP else AV(lo=1, hi=sides)) if isinstance(sides, int) else AV(lo=1)
                    new[e.target] = join(new[e.target], rolled)
                else:
                    increments[e.target] = join(increments[e.target], value) if e.target in increments else value
            for name, inc in increments.items():
                held, step = as_range(join(new[name], dom[name])), as_range(inc)
                if held is None or step is None:
                    new[name] = TOP
                else:
                    new[name] = AV(lo=held.lo if step.lo >= 0 else -INF, hi=held.hi if step.hi <= 0 else INF)
            grown = {k: widen(dom[k], join(dom[k], new[k])) for k in dom}
            if grown == dom:
                return dom
            dom = grown
        return {k: TOP for k in dom}

    def solve(self, w: Walk) -> tuple[Facts, Walk]:
        """Refine, from `w` (the walk that ignores conditions), what can happen, until nothing changes."""
        facts = Facts({k: TOP for k in self.story.variables}, w.given, w.scenes, None)
        for e, _ in w.assigns:
            facts.variables[e.target] = TOP
        for _ in range(MAX_ROUNDS):
            refined = Facts(self.domains(w, facts), w.given, w.scenes, w.options)
            w2 = self.walk(refined)
            same_walk = w2.scenes == w.scenes and w2.options == w.options and w2.given == w.given and w2.assigns == w.assigns
            facts, w = refined, w2
            if same_walk:
                return facts, w  # the facts were made from this very walk: a fixpoint
        # out of rounds: the final facts must describe the final walk, so make them from it
        return Facts(self.domains(w, facts), w.given, w.scenes, w.options), w

# ---- walking the model ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Flat:
    """A list of effects, sorted by what the walk needs; `ifs` still need their condition weighed."""

    assigns: tuple[Effect, ...]
    gives: tuple[str, ...]
    gotos: tuple[str, ...]
    ifs: tuple[Effect, ...]


def _flat(effects: tuple[Effect, ...]) -> Flat:
    if not effects:
        return NO_EFFECTS
    assigns, gives, gotos, ifs = [], [], [], []
    for e in effects:
        op = e.op
        if op in ("set", "add", "roll"):
            assigns.append(e)
        elif op == "give":
            gives.append(e.target)
        elif op == "goto":
            gotos.append(e.target)
        elif op == "if" and e.value is not None:
            ifs.append(e)
    return Flat(tuple(assigns), tuple(gives), tuple(gotos), tuple(ifs))


NO_EFFECTS = Flat((), (), (), ())
