"""Whole-story analysis for `nlmg check`: what can never happen, and what was written but never used.

The loader already rejects what cannot be played; this finds what can be played but is surely a
mistake: scenes nobody reaches, loops with no way to an ending, variables and items set up but
never used, and conditions that can never hold given everything the story can ever set. All of
it is sound: the checker over-approximates what a run can do (abstract.py), so every warning
is true of every possible run. Anything it cannot prove it leaves to `nlmg explore`.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from game.engine import expr
from game.engine.commands import canonical_verb
from game.engine.diagnostics import Diagnostic, Pos
from game.engine.model import Cond, Effect, Paragraph, Scene, Story
from game.tools.abstract import INF, Facts, failure, fin, truth
from game.tools.solver import Solver, Walk


def analyse(story: Story) -> list[Diagnostic]:
    """Every whole-story warning, sorted by position."""
    return sorted(Analysis(story).run(), key=Diagnostic.sort_key)


class Analysis(Solver):
    """Every whole-story check, over what the Solver finds possible."""

    def __init__(self, story: Story):
        super().__init__(story)
        self.out: list[Diagnostic] = []
        self.never_true: list[tuple[Cond, str]] = []  # (condition, scene id) proven never true: for tests and tools
        self.unreachable: set[str] = set()  # scenes no run can enter
        self.never_set: set[str] = set()  # variables read but neither declared nor set: the build warns at each read

    # ---- the checks ---------------------------------------------------------------------------
    def run(self) -> list[Diagnostic]:
        ignoring = self.walk(None)
        facts, w = self.solve(ignoring)
        self.check_reachability(ignoring.scenes, w)
        self.check_traps(w)
        self.check_variables_and_items()
        self.check_things()
        self.check_builtin_verbs()
        self.check_conditions(facts, w)
        self.check_endings_and_chapters()
        return self.out

    def warn(self, pos: Pos, message: str) -> None:
        self.out.append(pos.warning(message))

    def check_reachability(self, graph_reach: set[str], w: Walk) -> None:
        start = self.story.start
        self.unreachable = set(self.scenes) - w.scenes
        for sid, scene in self.scenes.items():
            ending = f"; its ending '{scene.ending}' is never reached this way" if scene.ending else ""
            if sid not in graph_reach:
                self.warn(scene.pos, f"scene '{sid}' cannot be reached from the start ('{start}'): no choice, action or goto leads to it{ending}")
            elif sid not in w.scenes:
                self.warn(scene.pos, f"scene '{sid}' can only be reached through choices or gotos whose conditions can never be true{ending}")

    def check_traps(self, w: Walk) -> None:
        back: dict[str, list[str]] = {}
        for src, targets in w.edges.items():
            for t in targets:
                back.setdefault(t, []).append(src)
        ends = {sid for sid in w.scenes if self.scenes[sid].ending}
        can_end, queue = set(ends), deque(ends)
        while queue:
            for src in back.get(queue.popleft(), ()):
                if src not in can_end:
                    can_end.add(src)
                    queue.append(src)
        for sid in sorted(w.scenes - can_end):
            scene = self.scenes[sid]
            onward = sorted(w.edges.get(sid, ()))
            where = f" (every way on leads to {_names(onward)}, and from there never to an ending)" if onward else " (no choice or goto that can be taken leads out of it)"
            self.warn(scene.pos, f"no ending can be reached from scene '{sid}': a run that gets here can never finish{where}")

    def check_variables_and_items(self) -> None:
        reads: set[str] = set()
        sets: dict[str, Pos] = {}
        given: dict[str, Pos] = {}
        needed: dict[str, Pos] = {}
        used: set[str] = set()
        for scene in self.scenes.values():
            for e in scene.all_effects():
                op = e.op
                if op in ("set", "add", "roll"):
                    sets.setdefault(e.target, e.pos)
                elif op == "give":
                    given.setdefault(e.target, e.pos)
                elif op == "take":
                    used.add(e.target)
            for a in scene.actions:
                if a.thing and a.thing not in scene.things:
                    used.add(a.thing)
            for cond, target in _scene_conds(scene):
                for ref in self.refs(cond):
                    if ref.kind == "var":
                        if ref.name != target:
                            reads.add(ref.name)
                    elif ref.kind == "item":
                        used.add(ref.name)
                        needed.setdefault(ref.name, Pos(cond.pos.path, cond.pos.line, cond.pos.col + ref.offset))
        for item in self.story.items.values():
            for p in item.look:
                if p.cond:
                    reads.update(r.name for r in expr.refs(p.cond.tree) if r.kind == "var")
        self.never_set = reads - sets.keys() - set(self.story.variables)
        for name, pos in sets.items():
            if name not in reads:
                self.warn(pos, f"variable '{name}' is set here but never read: no condition or value uses it")
        for name in self.story.variables:
            if name not in reads and name not in sets:
                self.warn(self.declared_at("variables", name), f"variable '{name}' is declared in story.yaml but never set or read")
        for name, pos in given.items():
            if name not in used:
                self.warn(pos, f"item '{name}' is given here but never used: no has('{name}'), take or action refers to it")
        for name, pos in needed.items():
            if name not in given:
                self.warn(pos, f"item '{name}' is needed here but no effect ever gives it, so has('{name}') is always false")
        for name, item in self.story.items.items():
            if name not in given and name not in used:
                self.warn(item.pos, f"item '{name}' is never given and nothing refers to it")

    def check_builtin_verbs(self) -> None:
        """Typed 'help' and 'inventory' are answered before any action is tried, so such verbs never reach one."""
        for scene in self.scenes.values():
            for a in scene.actions:
                for written in a.verb_text:
                    if canonical_verb(written) in ("help", "inventory"):
                        how = "it can only be taken as a choice" if a.choice_text else "and the action has no other verb or choice, so it can never be taken"
                        if not a.choice_text and len(a.verbs) > 1:
                            how = "only its other verbs work"
                        self.warn(a.pos, f"action '{a.id}' uses the verb '{written}', which is a built-in command: typing it shows {canonical_verb(written)}, never this action; {how}")

    def check_things(self) -> None:
        for scene in self.scenes.values():
            acted = {a.thing for a in scene.actions if a.thing}
            for t in scene.things.values():
                if t.id not in acted and not any(p.text for p in t.look):
                    self.warn(t.pos, f"thing '{t.id}' has no look and no action refers to it, so typing its name does nothing")

    def check_conditions(self, facts: Facts, w: Walk) -> None:
        for sid in self.scenes:
            if sid not in w.scenes:
                continue  # already reported as unreachable; its conditions are moot
            scene = self.scenes[sid]
            self._paragraph_conds(scene.paragraphs, sid, facts, "this paragraph is never shown")
            self._paragraph_conds(scene.look, sid, facts, "this paragraph is never shown")
            self._effect_conds(scene.on_enter, sid, facts)
            for t in scene.things.values():
                if t.cond:
                    self._cond(t.cond, sid, facts, f"thing '{t.id}' is never here")
                self._paragraph_conds(t.look, sid, facts, "this paragraph is never shown")
            for a in scene.actions:
                if a.cond and not self._cond(a.cond, sid, facts, f"action '{a.id}' never works (only its 'blocked' reply is ever shown)"):
                    continue
                self._effect_conds(a.effects, sid, facts)
                self._paragraph_conds(a.say, sid, facts, "this paragraph is never shown")
            for c in scene.choices:
                never = "is never takeable (it is always shown disabled)" if c.show_disabled else "is never offered"
                if c.cond and not self._cond(c.cond, sid, facts, f"choice '{c.id}' {never}"):
                    continue
                self._effect_conds(c.effects, sid, facts)
                self._paragraph_conds(c.say, sid, facts, "this paragraph is never shown")

    def _cond(self, cond: Cond, sid: str, facts: Facts, consequence: str) -> bool:
        """Warn when `cond` can never be true; returns whether it can."""
        value = self.value(cond, facts, sid)
        if truth(value)[0]:
            return True
        self.never_true.append((cond, sid))
        error = failure(cond.tree, facts, sid) if value.vals == frozenset() else None
        if error:  # no value at all: testing it is a run-time error (the step is refused), not merely false
            self.warn(cond.pos, f"the condition '{cond.source}' fails at run time whenever it is tested"
                                f"{self.reasons(cond, facts, sid)}: {error}")
        elif not self._only_never_set(cond):
            self.warn(cond.pos, f"the condition '{cond.source}' can never be true{self.reasons(cond, facts, sid)}: {consequence}")
        return False

    def _only_never_set(self, cond: Cond) -> bool:
        """Whether `cond` reads nothing but variables nothing sets (a misspelt flag, most often): the build has already
        said so at this very place, with the name it was likely meant to be, and a second warning would only repeat it."""
        refs = self.refs(cond)
        return bool(refs) and all(r.kind == "var" and r.name in self.never_set for r in refs)

    def _paragraph_conds(self, paragraphs: tuple[Paragraph, ...], sid: str, facts: Facts, consequence: str) -> None:
        for p in paragraphs:
            if p.cond:
                self._cond(p.cond, sid, facts, consequence + (" (only its 'else' text is)" if p.else_text else ""))

    def _effect_conds(self, effects: tuple[Effect, ...], sid: str, facts: Facts) -> None:
        for e in effects:
            if e.op == "if" and e.value is not None:
                if self._cond(e.value, sid, facts, "its 'then' effects never run"):
                    self._effect_conds(e.then, sid, facts)
                self._effect_conds(e.otherwise, sid, facts)

    def reasons(self, cond: Cond, facts: Facts, sid: str) -> str:
        out: list[str] = []
        for ref in expr.refs(cond.tree):
            if ref.kind == "var":
                d = facts.variables.get(ref.name, fin(0))
                if not d.top and not (d.vals is None and d.lo == -INF and d.hi == INF):
                    out.append(f"'{ref.name}' is only ever {d.describe()}" if d.vals is not None else f"'{ref.name}' is always {d.describe()}")
            elif ref.kind == "item" and ref.name not in facts.given:
                out.append(f"'{ref.name}' is never given")
            elif ref.kind == "scene" and ref.name not in facts.scenes:
                out.append(f"scene '{ref.name}' is never reached")
            elif ref.kind == "choice":
                key = f"{ref.scene or sid}/{ref.name}"
                if facts.options is not None and key not in facts.options:
                    out.append(f"'{key}' is never taken")
        out = list(dict.fromkeys(out))
        return f" ({'; '.join(out)})" if out else ""

    def check_endings_and_chapters(self) -> None:
        scenes = self.scenes.values()
        used_endings = {s.ending for s in scenes if s.ending}
        for name, ending in self.story.endings.items():
            if name not in used_endings:
                self.warn(ending.pos, f"ending '{name}' is declared but no scene ends with it, so no route reaches it")
        used_chapters = {s.chapter for s in scenes}
        for ch in self.story.chapters:
            if ch.title not in used_chapters:
                self.warn(ch.pos, f"chapter '{ch.title}' has no scenes")

    def declared_at(self, section: str, name: str) -> Pos:
        """Where story.yaml declares `name` under `section:` (the model keeps no position for variables)."""
        path = self.story.pos.path
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return self.story.pos
        inside = False
        key = re.compile(rf"(^|[\s{{,]){re.escape(name)}\s*:")
        for i, line in enumerate(lines, 1):
            if re.match(rf"{section}\s*:", line):
                inside = True
                m = key.search(line, len(section) + 1)
                if m:
                    return Pos(path, i, m.start() + len(m.group(1)) + 1)
                continue
            if inside:
                if line and not line[0].isspace() and not line.startswith("#"):
                    break
                m = key.search(line)
                if m and not line.lstrip().startswith("#"):
                    return Pos(path, i, m.start() + len(m.group(1)) + 1)
        return self.story.pos


def _scene_conds(scene: Scene) -> Iterator[tuple[Cond, str]]:
    """(condition, variable it assigns or "") for every expression in a scene."""

    def paras(ps: tuple[Paragraph, ...]) -> Iterator[tuple[Cond, str]]:
        return ((p.cond, "") for p in ps if p.cond)

    yield from paras(scene.paragraphs)
    yield from paras(scene.look)
    for t in scene.things.values():
        if t.cond:
            yield t.cond, ""
        yield from paras(t.look)
    for a in scene.actions:
        if a.cond:
            yield a.cond, ""
        yield from paras(a.say)
        yield from paras(a.blocked)
    for c in scene.choices:
        if c.cond:
            yield c.cond, ""
        yield from paras(c.say)
    for e in scene.all_effects():
        if e.value is not None:
            yield e.value, (e.target if e.op in ("set", "add", "roll") else "")


def _names(ids: list[str], most: int = 3) -> str:
    shown = ", ".join(f"'{i}'" for i in ids[:most])
    return shown + (f" and {len(ids) - most} more" if len(ids) > most else "")
