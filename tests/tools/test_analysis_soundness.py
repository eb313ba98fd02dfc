"""The analysis never raises a false alarm: what it proves impossible never happens in thousands of random runs."""

from __future__ import annotations

import random

from game.engine import Engine, RunError, load_story_from_texts
from game.engine.expr import ExprRuntimeError
from game.tools.analysis import Analysis

HEADER = """\
id: fuzz
title: Fuzz
start: s0
items:
  i1: {name: one, look: One.}
  i2: {name: two, look: Two.}
endings:
  e: {title: E}
variables:
  a: 0
  b: 0
"""
SCENES = 7


def _cond(rng: random.Random) -> str:
    k = rng.randint(-1, 4)
    s = rng.randrange(SCENES - 1)  # the last scene is an ending, with no choices
    return rng.choice([
        f"a == {k}", f"a >= {k}", f"b < {k}", f"b > {k}", "has('i1')", "has('i2')", f"visited('s{s}') > 0",
        f"chosen('s{s}', 'c0') > 0", f"a + b == {k}", f"not (a == {k})", f"max(a, b) >= {k}", f"a * 2 == {k}",
        f"a == {k} and b == {k}", f"a < {k} or has('i2')", f"abs(a - 3) > {k}", f"visited() > {k}",
    ])


def _effect(rng: random.Random) -> str:
    return rng.choice([
        f"{{set: {{a: {rng.randint(0, 2)}}}}}", "{add: {b: 1}}", "{give: i1}", "{take: i1}",
        f"{{if: {_cond(rng)!r}, then: [{{set: {{a: {rng.randint(0, 3)}}}}}], else: [{{give: i2}}]}}",
        "{roll: {a: 3}}",
    ])


def random_story(seed: int) -> str:
    rng = random.Random(seed)
    out = []
    for i in range(SCENES):
        lines = [f"- id: s{i}", "  chapter: C", f"  title: S{i}", "  text:", "    - Here."]
        lines += [f"    - {{if: {_cond(rng)!r}, text: Maybe.}}"]
        if i == SCENES - 1:
            out.append("\n".join(lines + ["  ending: e"]))
            continue
        if rng.random() < 0.3:
            lines += ["  on_enter:", f"    - {_effect(rng)}"]
        lines.append("  choices:")
        for c in range(3):
            target = rng.randrange(SCENES) if c else min(SCENES - 1, i + 1 + rng.randrange(2))
            lines += [f"    - id: c{c}", f"      text: Go {c}.", f"      goto: s{target}"]
            if c and rng.random() < 0.7:
                lines.append(f"      if: {_cond(rng)!r}")
            if rng.random() < 0.6:
                lines.append(f"      do: [{_effect(rng)}]")
        out.append("\n".join(lines))
    return "\n".join(out) + "\n"


def test_random_runs_never_contradict_the_analysis():
    flagged_total = 0
    for seed in range(60):
        story = load_story_from_texts({"story.yaml": HEADER, "scenes.yaml": random_story(seed)})
        a = Analysis(story)
        a.run()
        by_scene: dict[str, list] = {}
        for cond, sid in a.never_true:
            by_scene.setdefault(sid, []).append(cond)
        flagged_total += len(a.never_true) + len(a.unreachable)
        engine = Engine(story)
        rng = random.Random(seed)
        for run in range(40):
            try:
                state = engine.new_state(run)
            except RunError:
                continue
            for _ in range(40):
                assert state.scene not in a.unreachable, (seed, run, state.visits)
                for cond in by_scene.get(state.scene, ()):
                    try:
                        value = cond.fn(state)
                    except ExprRuntimeError:
                        value = False
                    assert not value, (seed, cond.source, state.to_dict())
                if state.ended:
                    break
                options = [o for o in engine.options(state) if o.enabled]
                if not options:
                    break
                try:
                    engine.choose(state, rng.choice(options).id)
                except RunError:
                    break
                assert not set(state.visits) & a.unreachable
    assert flagged_total > 50  # the fuzz really exercises the checker
