"""Exact value bands for counters that conditions only compare with numbers: the exhaustive search's second merge.

Relationship scores (`ruth`, `tommy`) are added to all through the story and read at its end
as `ruth >= 6`. From a given scene, the most the rest of the story can still add (P) or take
away (N) is bounded when no cycle of scenes adds to it; then every value at or above
max(thresholds) + N + 1 answers every future comparison alike, and so does every value at or
below min(thresholds) - P - 1. Clamping to that band merges states that cannot differ in the
future, and nothing else (unlike the search's blunt cap, which forfeits the proof of loops).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from game.engine.model import Action, Choice, Cond, Effect, Story


def bands(story: Story, conds: Iterable[Cond], succ: dict[str, list[str]], comp: dict[str, int]) -> dict[str, dict[str, tuple[float, float]]]:
    """scene -> {counter: (lo, hi)}: clamping a counter into its band at that scene loses nothing.

    `conds` are the conditions that decide what happens (the key's reads); `succ` the scene map,
    `comp` its strongly connected components numbered sinks first (statekey._sccs).
    """
    thresholds: dict[str, list[float]] = {}
    bad: set[str] = set()
    for cond in conds:
        _compared(cond.tree, thresholds, bad)
    # scene -> var -> [once up, once down, per-visit up, per-visit down]: what one visit can add or take away.
    # A visit runs on_enter, any staying options (once ones at most once a run) and at most one option that leaves.
    steps: dict[str, dict[str, list[float]]] = {}
    for sid, scene in story.scenes.items():
        here: dict[str, list[float]] = {}
        leaving: dict[str, list[float]] = {}
        options: list[Choice | Action] = [*scene.choices, *scene.actions]
        groups = [(False, False, scene.on_enter)] + [(o.once, _stays(o), o.effects) for o in options]
        for n, (once, stays, effects) in enumerate(groups):
            mine: dict[str, list[float]] = {}
            for e in _nested(effects):
                if e.op not in ("set", "add", "roll"):
                    continue
                d = _const(e.value.tree) if e.value is not None else None
                if e.op == "roll" or d is None:
                    bad.add(e.target)
                elif e.op == "add":
                    acc = mine.setdefault(e.target, [0.0, 0.0])
                    acc[0] += max(d, 0.0)
                    acc[1] += max(-d, 0.0)
            for v, (up, down) in mine.items():
                slot = here.setdefault(v, [0.0, 0.0, 0.0, 0.0])
                if n > 0 and not stays:
                    most = leaving.setdefault(v, [0.0, 0.0])
                    most[0], most[1] = max(most[0], up), max(most[1], down)
                elif once:
                    slot[0] += up
                    slot[1] += down
                elif n > 0:  # an option that stays and is not once may be taken over and over
                    slot[2] += math.inf if up else 0.0
                    slot[3] += math.inf if down else 0.0
                else:
                    slot[2] += up
                    slot[3] += down
        for v, (up, down) in leaving.items():
            slot = here.setdefault(v, [0.0, 0.0, 0.0, 0.0])
            slot[2] += up
            slot[3] += down
        steps[sid] = here
    names = [v for v in thresholds if v not in bad]
    if not names:
        return {}
    members: dict[int, list[str]] = {}
    for sid, c in comp.items():
        members.setdefault(c, []).append(sid)
    reach: dict[int, dict[str, tuple[float, float]]] = {}  # component -> var -> (P, N) from there on
    for c in sorted(members):  # sinks first
        group = members[c]
        cyclic = len(group) > 1 or any(s in succ[s] for s in group)
        out: dict[str, tuple[float, float]] = {}
        for v in names:
            zero = [0.0, 0.0, 0.0, 0.0]
            ou, od, ru, rd = (sum(steps[s].get(v, zero)[i] for s in group) for i in range(4))
            if cyclic:  # options that are not once may be taken again and again round the cycle
                ru, rd = (math.inf if ru else 0.0), (math.inf if rd else 0.0)
            up, down = ou + ru, od + rd
            later = [reach[comp[t]][v] for s in group for t in succ[s] if comp[t] != c]
            out[v] = (up + max((p for p, _ in later), default=0.0), down + max((n for _, n in later), default=0.0))
        reach[c] = out
    result: dict[str, dict[str, tuple[float, float]]] = {}
    for sid, c in comp.items():
        result[sid] = {v: (_whole(min(thresholds[v]) - p - 1), _whole(max(thresholds[v]) + n + 1))
                       for v, (p, n) in reach[c].items() if p < math.inf or n < math.inf}
    return result


def _whole(x: float) -> float:
    """A band's edge as the int it usually is (so a clamped counter still reads 8, not 8.0)."""
    return int(x) if math.isfinite(x) and x == int(x) else x


def _nested(effects: tuple[Effect, ...]) -> list[Effect]:
    out, stack = [], list(effects)
    while stack:
        e = stack.pop()
        out.append(e)
        stack.extend(e.then)
        stack.extend(e.otherwise)
    return out


def _stays(o: Choice | Action) -> bool:
    """May taking this option leave the player in the same scene (so free to take it again)?"""
    return o.goto is None and not any(e.op == "goto" for e in o.effects)


def _const(tree: Any) -> float | None:
    if tree[0] == "const" and isinstance(tree[1], (int, float)) and not isinstance(tree[1], bool):
        return float(tree[1])
    if tree[0] == "neg":
        inner = _const(tree[1])
        return -inner if inner is not None else None
    return None


def _compared(tree: Any, thresholds: dict[str, list[float]], bad: set[str]) -> None:
    """Note each `var op number` comparison; any other use of a variable takes it out of banding."""
    if not isinstance(tree, (list, tuple)) or not tree:
        return
    head = tree[0]
    if head == "var" and len(tree) > 1 and isinstance(tree[1], str):
        bad.add(tree[1])
        return
    if head == "cmp" and len(tree[2]) == 1:
        left, (_op, right) = tree[1], tree[2][0]
        for a, b in ((left, right), (right, left)):
            if isinstance(a, list) and a[0] == "var":
                n = _const(b)
                if n is not None:
                    thresholds.setdefault(a[1], []).append(n)
                    return
    if head == "const":
        return
    for part in (tree[1:] if isinstance(head, str) else tree):
        _compared(part, thresholds, bad)


def apply(band: dict[str, tuple[float, float]], name: str, value: Any) -> Any:
    """`value` clamped into its band (unchanged when the counter has none here)."""
    b = band.get(name)
    if b is None or not isinstance(value, (int, float)) or isinstance(value, bool):
        return value
    lo, hi = b
    return hi if value > hi else lo if value < lo else value

