"""Routes through a story, as a reader meets them: random ones, walked as `nlmg explore` walks, and two opposite policies.

Each route is played with a Run (the game's own history log), so the words counted are exactly what a
player reads and a policy route's transcript is the one `nlmg replay --transcript` would write.
A route step is one choice made from the list: how many options were open there is what issue 16's
single-option share measures. A greyed-out (disabled) option is shown but cannot be taken, so it does
not make a step a decision; only open options are counted.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.engine.engine import Engine, Outcome
from game.engine.expr import ExprRuntimeError
from game.engine.model import Effect, Option
from game.engine.run import LogEntry, Run
from game.engine.state import GameState
from game.tools.explore import ACTION_CHANCE, run_seed
from game.tools.prose import word_count


@dataclass
class Route:
    """What one route met and read."""

    name: str
    seed: int
    steps: list[tuple[str, int]] = field(default_factory=list)  # (scene id, open options) per choice made
    words: dict[str, int] = field(default_factory=dict)  # chapter title -> words of scene text and replies to choices
    typed_words: int = 0  # words of replies to typed commands (not in `words`)
    scenes: list[str] = field(default_factory=list)  # every scene entered, in order
    ending: str | None = None
    stopped: str = ""  # why a route ended without an ending, in a few words
    ties: int = 0  # policy routes: choices where the scores could not tell the options apart
    run: Run | None = None  # policy routes keep theirs, for the transcript

    @property
    def total_words(self) -> int:
        return sum(self.words.values())

    def paragraphs(self) -> list[str]:
        """The prose read, one entry per paragraph or reply (the route's Run must have been kept)."""
        assert self.run is not None
        return [e.text for e in self.run.log if e.kind in ("text", "reply")]


class Walker:
    """Plays routes on one engine, tallying words by chapter as the log grows."""

    def __init__(self, engine: Engine, steps: int = 500):
        self.engine = engine
        self.steps = steps
        self.chapter_of = {sid: s.chapter for sid, s in engine.story.scenes.items()}

    def _read(self, route: Route, entries: list[LogEntry], typed: bool) -> None:
        for e in entries:
            if e.kind == "text" or (e.kind == "reply" and not typed):
                chapter = self.chapter_of.get(e.scene, "")
                route.words[chapter] = route.words.get(chapter, 0) + word_count(e.text)
            elif e.kind == "reply":
                route.typed_words += word_count(e.text)
            elif e.kind == "title":
                route.scenes.append(e.scene)

    def _start(self, name: str, seed: int) -> tuple[Route, Run]:
        route = Route(name, seed)
        run = Run(self.engine, seed)
        self._read(route, run.log, typed=False)
        return route, run

    def _input(self, route: Route, run: Run, kind: str, value: str) -> Outcome:
        mark = len(run.log)
        outcome = run.choose(value) if kind == "choose" else run.command(value)
        self._read(route, run.log[mark:], typed=kind != "choose")
        return outcome

    def _finish(self, route: Route, run: Run) -> Route:
        route.ending = run.state.ended
        if route.ending is None and not route.stopped:
            route.stopped = f"no ending after {self.steps} inputs"
        return route

    def random_route(self, index: int, base_seed: int, typing: float = ACTION_CHANCE) -> Route:
        """Route `index`, picked as the explorer picks: uniformly among open options, typing an open action now and then."""
        seed = run_seed(base_seed, index)
        route, run = self._start(f"random {index}", seed)
        rand = random.Random(seed).random
        engine = self.engine
        for _ in range(self.steps):
            state = run.state
            if state.ended is not None:
                break
            scene = engine.scenes[state.scene]
            options = [o for o in engine.options(state) if o.enabled]
            actions = engine.open_actions(state) if scene.actions and (not options or rand() < typing) else None
            if actions:
                action = actions[int(rand() * len(actions))]
                if self._input(route, run, "command", engine.command_text(scene, action)).recorded or not options:
                    continue
            if not options:
                route.stopped = f"stuck in '{scene.id}'"
                break
            route.steps.append((scene.id, len(options)))
            self._input(route, run, "choose", options[int(rand() * len(options))].id)
        return self._finish(route, run)

    def policy_route(self, policy: Policy, seed: int) -> Route:
        """The route `policy` takes: at each choice the open option whose effects score best; no typing."""
        route, run = self._start(policy.name, seed)
        route.run = run
        engine = self.engine
        for _ in range(self.steps):
            state = run.state
            if state.ended is not None:
                break
            options = [o for o in engine.options(state) if o.enabled]
            if not options:
                route.stopped = f"stuck in '{state.scene}' (no open choice)"
                break
            route.steps.append((state.scene, len(options)))
            option, tied = policy.pick(engine, state, options)
            route.ties += tied
            self._input(route, run, "choose", option.id)
        return self._finish(route, run)


# ---- policies -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Policy:
    """A reader with a purpose: weights on how a choice moves the story's variables.

    A choice's score is the sum of weight x change over the variables it sets or adds to (nested `if`
    effects follow the branch the current state would take). Ties, which are choices that move none of the
    weighted variables differently, are broken by list order: `first` takes the earliest tied option, and
    the opposite policy the latest, as a reader deliberately playing the other way would.
    """

    name: str
    weights: Mapping[str, float]
    first: bool = True

    def score(self, engine: Engine, state: GameState, option: Option) -> float:
        target: Any = engine.scenes[state.scene].choice_index.get(option.id)
        effects: tuple[Effect, ...] = getattr(target, "effects", ())
        changed = effect_changes(effects, state)
        return sum(w * changed.get(var, 0) for var, w in self.weights.items())

    def pick(self, engine: Engine, state: GameState, options: list[Option]) -> tuple[Option, bool]:
        """The option to take, and whether the scores tied for it.

        Only the options taken least often on this route so far are weighed (at first, all of them), so
        a reader in a hub takes each way once before repeating any and never circles a looping choice forever.
        """
        index = engine.scenes[state.scene].choice_index
        taken = [state.chosen.get(getattr(index.get(o.id), "key", ""), 0) for o in options]
        least = min(taken)
        weighed = [o for o, n in zip(options, taken) if n == least]
        scores = [self.score(engine, state, o) for o in weighed]
        best = max(scores)
        tied = [o for o, s in zip(weighed, scores) if s == best]
        return (tied[0] if self.first else tied[-1]), len(tied) > 1


def effect_changes(effects: tuple[Effect, ...], state: GameState) -> dict[str, float]:
    """How much each numeric variable would change if `effects` ran now, without running them (no goto, no roll)."""
    # Only the variables change, so the probe shares everything else with the state (read, never written).
    probe = GameState(state.scene, state.seed, state.rng, dict(state.vars), state.items, state.visits, state.chosen)
    _apply(effects, probe)
    out: dict[str, float] = {}
    for var, new in probe.vars.items():
        old = state.vars.get(var, 0)
        if _number(new) and _number(old) and new != old:
            out[var] = float(new) - float(old)
    return out


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _apply(effects: tuple[Effect, ...], probe: GameState) -> None:
    for e in effects:
        try:
            if e.op == "set" and e.value is not None:
                probe.vars[e.target] = e.value(probe)
            elif e.op == "add" and e.value is not None:
                have, more = probe.vars.get(e.target, 0), e.value(probe)
                if _number(have) and _number(more):
                    probe.vars[e.target] = have + more
            elif e.op == "if" and e.value is not None:
                _apply(e.then if e.value(probe) else e.otherwise, probe)
        except ExprRuntimeError:
            continue  # the engine would stop the run here; a score just ignores the effect


def opposite_policies(guarded: Mapping[str, float]) -> tuple[Policy, Policy]:
    """Issue 16's two readers: guarded and loyal to Ruth, and the exact opposite, candid and close to Tommy."""
    return (
        Policy("guarded and loyal to Ruth", dict(guarded), first=True),
        Policy("candid and close to Tommy", {v: -w for v, w in guarded.items()}, first=False),
    )


GUARDED = {"candour": -1.0, "ruth": 1.0, "tommy": -1.0}


def shared_prose(a: list[str], b: list[str]) -> tuple[int, int, int]:
    """Words in paragraphs both routes read word for word (each paragraph counted as often as both read it),
    and each route's words: (shared, words of a, words of b)."""
    count_a: dict[str, int] = {}
    for p in a:
        count_a[p] = count_a.get(p, 0) + 1
    count_b: dict[str, int] = {}
    for p in b:
        count_b[p] = count_b.get(p, 0) + 1
    shared = sum(word_count(p) * min(n, count_b.get(p, 0)) for p, n in count_a.items())
    return shared, sum(word_count(p) for p in a), sum(word_count(p) for p in b)
