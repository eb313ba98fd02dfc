"""What a true/false flag must be, scene by scene and under a condition: the reasoning behind the continuity check.

Read from the model alone, never by playing. A flag's value is *settled* in a scene when every way in
brings the same value: before any choice can change it, it still has its default; a choice that sets it
to a constant settles it; a choice open only when a condition fixes it carries that value; a choice
that does not touch it carries the value its scene was entered with. A condition settles a flag when,
whenever it holds (or fails, for an else), the flag can only have one value. Anything the analysis
cannot be sure of counts as unsettled, so the check errs towards a warning, never towards silence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.engine.model import Cond, Effect, Story

Guard = tuple[list[Any], bool]  # a condition's tree, and whether it must be true (False: an else branch)
UNSETTLED = "unsettled"
Value = bool | str | None  # True/False settled, UNSETTLED, None: no way in found (yet)


@dataclass(frozen=True)
class Way:
    """One way out of a scene: a choice, an action, or the scene's on_enter, with what its effects do."""

    source: str
    key: str  # "scene/option"; "scene/" for on_enter
    guards: tuple[Guard, ...]
    consts: dict[str, bool]  # flags its top-level effects set to a constant
    touched: frozenset[str]  # every variable any of its effects may change
    gives: frozenset[str]
    targets: frozenset[str]  # scenes it may go to


def _flatten(effects: tuple[Effect, ...]) -> list[Effect]:
    out: list[Effect] = []
    stack = list(effects)
    while stack:
        e = stack.pop()
        out.append(e)
        stack.extend(e.then)
        stack.extend(e.otherwise)
    return out


def _way(sid: str, key: str, cond: Cond | None, effects: tuple[Effect, ...], goto: str | None) -> Way:
    flat = _flatten(effects)
    consts = {e.target: e.value.tree[1] for e in effects if e.op == "set" and e.value is not None
              and e.value.tree[0] == "const" and isinstance(e.value.tree[1], bool)}
    targets = {e.target for e in flat if e.op == "goto"} | ({goto} if goto else set())
    return Way(sid, f"{sid}/{key}", () if cond is None else ((cond.tree, True),), consts,
               frozenset(e.target for e in flat if e.op in ("set", "add", "roll")),
               frozenset(e.target for e in flat if e.op == "give"), frozenset(targets))


@dataclass
class FlagFlow:
    """Every way between scenes, and (per flag, on demand) the value each scene is entered with."""

    story: Story
    ways: dict[str, list[Way]] = field(default_factory=dict)  # scene -> its ways out
    by_key: dict[str, Way] = field(default_factory=dict)
    _values: dict[str, dict[str, Value]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for sid, s in self.story.scenes.items():
            ways = [_way(sid, c.id, c.cond, c.effects, c.goto) for c in s.choices]
            ways += [_way(sid, a.id, a.cond, a.effects, a.goto) for a in s.actions]
            ways.append(_way(sid, "", None, s.on_enter, None))
            self.ways[sid] = ways
            self.by_key.update((w.key, w) for w in ways)

    def setters(self, flag: str) -> set[str]:
        return {sid for sid, ways in self.ways.items() if any(flag in w.touched for w in ways)}

    def entered_with(self, flag: str) -> dict[str, Value]:
        """Per scene, the flag's value on entering it: True/False when every way in agrees, else UNSETTLED."""
        if flag in self._values:
            return self._values[flag]
        default = self.story.variables.get(flag)
        values: dict[str, Value] = {sid: None for sid in self.story.scenes}
        if self.story.start in values:
            values[self.story.start] = default if isinstance(default, bool) else UNSETTLED
        changed = True
        while changed:  # values only rise (None -> a value -> UNSETTLED), so this ends
            changed = False
            for sid, ways in self.ways.items():
                here = values[sid]
                if here is None:
                    continue
                for w in ways:
                    carried = self._carried(w, flag, here)
                    for target in w.targets:
                        if target in values:
                            now = _join(values[target], carried)
                            if now != values[target]:
                                values[target] = now
                                changed = True
        self._values[flag] = values
        return values

    def _carried(self, way: Way, flag: str, here: Value) -> Value:
        if flag in way.consts:
            return way.consts[flag]
        if flag in way.touched:
            return UNSETTLED
        value = settled(way.guards, flag)
        if value is not None:
            return value
        if here is not UNSETTLED and any(flag in w.touched for w in self.ways[way.source] if not w.targets and w is not way):
            return UNSETTLED  # an action here that stays may have changed it before this way was taken
        return here

    def chosen_value(self, flag: str, key: str) -> bool | None:
        """What `chosen(key)` settles about `flag`: the value taking it left, if nothing can change the flag afterwards."""
        way = self.by_key.get(key)
        if way is None:
            return None
        setters = self.setters(flag)
        if setters - {way.source} or self._on_cycle(way.source):
            return None  # the flag may change after the choice, so having taken it settles nothing
        here = self.entered_with(flag)[way.source]
        carried = self._carried(way, flag, here)
        return carried if isinstance(carried, bool) else None

    def given_value(self, flag: str, item: str) -> bool | None:
        """What `has(item)` settles: the constant every way of getting the item sets the flag to."""
        values = {w.consts.get(flag) for ways in self.ways.values() for w in ways if item in w.gives}
        return values.pop() if len(values) == 1 and None not in values else None

    def _on_cycle(self, sid: str) -> bool:
        seen: set[str] = set()
        todo = [t for w in self.ways[sid] for t in w.targets]
        while todo:
            s = todo.pop()
            if s == sid:
                return True
            if s in seen or s not in self.ways:
                continue
            seen.add(s)
            todo.extend(t for w in self.ways[s] for t in w.targets)
        return False


def _join(a: Value, b: Value) -> Value:
    if a is None:
        return b
    if b is None or a == b:
        return a
    return UNSETTLED


# ---- conditions ---------------------------------------------------------------------------------------

Hook = Callable[[str, list[Any]], "bool | None"]  # (function name, its arguments) -> the flag's value it implies


def implied(tree: list[Any], positive: bool, flag: str, hook: Hook | None = None) -> bool | None:
    """The value `flag` must have whenever `tree` evaluates to `positive` (True, or False for an else), or None."""
    kind = tree[0]
    if kind == "var":
        return positive if tree[1] == flag else None
    if kind == "not":
        return implied(tree[1], not positive, flag, hook)
    if kind in ("and", "or"):
        parts = [implied(t, positive, flag, hook) for t in tree[1]]
        if (kind == "and") == positive:  # and-true / or-false: every part holds, so any part that settles it does
            return next((p for p in parts if p is not None), None)
        return parts[0] if parts and all(p is not None and p == parts[0] for p in parts) else None
    if kind == "cmp" and len(tree[2]) == 1:
        op, right = tree[2][0]
        left = tree[1]
        if left[0] == "const" and right[0] == "var":
            left, right = right, left
        if op in ("==", "!=") and left[0] == "var" and left[1] == flag and right[0] == "const" and isinstance(right[1], bool):
            value = right[1] if op == "==" else not right[1]
            return value if positive else not value
    if kind == "call" and positive and hook is not None:
        return hook(tree[1], [a[1] for a in tree[2]])
    return None


def settled(guards: tuple[Guard, ...], flag: str, hook: Hook | None = None) -> bool | None:
    """The value the guards (all of which hold) fix the flag to, or None."""
    for tree, must in guards:
        value = implied(tree, must, flag, hook)
        if value is not None:
            return value
    return None
