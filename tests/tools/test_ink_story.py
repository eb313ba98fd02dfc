"""bench/ink_story.py: the benchmark's generated story written as ink is the same graph, and what it cannot say it refuses."""

from __future__ import annotations

import importlib.util
import json
import random
import re
import shutil
import subprocess
import sys

import pytest

from game.engine import Engine, load_story
from tests.conftest import ROOT


def bench_module(name: str):
    sys.path.insert(0, str(ROOT / "bench"))  # ink_story and gen_story import each other's neighbours by name
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_every_scene_is_a_knot_and_every_goto_a_divert_to_one(tmp_path):
    ink = bench_module("ink_story")
    folder = bench_module("gen_story").generate(tmp_path / "g", 200, 3, 4)
    source = ink.to_ink(folder)
    story = load_story(folder)
    knots = re.findall(r"^=== (\w+) ===$", source, re.M)
    assert knots == [ink.knot(s) for s in story.scenes]  # every scene, in the same order
    diverts = set(re.findall(r"-> (\w+)$", source, re.M)) - {"top", "END"}
    gotos = {ink.knot(c.goto) for s in story.scenes.values() for c in s.choices if c.goto}
    assert gotos <= diverts <= gotos | {ink.knot(story.start)}  # the start is diverted to from the top
    assert "has(" not in source and "visited(" not in source
    assert source.count("-> END") == sum(1 for s in story.scenes.values() if s.ending)
    once = sum(1 for s in story.scenes.values() for c in s.choices if c.once)
    assert len(re.findall(r"^\* ", source, re.M)) >= once  # once choices are ink's once-only `*` (and so are once actions)


def test_conditions_effects_and_prose_translate_or_are_refused():
    ink = bench_module("ink_story")
    assert ink.condition("not has('item3') and v2 < 4") == "not item3 and v2 < 4"
    assert ink.condition("visited('gen.p0.s12') > 0") == "gen_p0_s12 > 0"
    assert ink.effect({"roll": {"v1": 3}}) == "~ v1 = RANDOM(1, 3)"
    assert ink.effect({"give": "item0"}) == "~ item0 = true"
    assert ink.text("a {b} [c] // d | e") == r"a \{b\} \[c\] \/\/ d \| e"
    with pytest.raises(ValueError, match="cannot translate"):
        ink.condition("chosen('x') > 0")  # a function ink_story does not know is refused, never passed on
    with pytest.raises(ValueError, match="cannot translate"):
        ink.effect({"goto": "gen.p0.s1"})
    with pytest.raises(ValueError, match="cannot translate"):
        ink.scene({"id": "a.b", "people": ["ruth"], "text": ["x"]})


@pytest.mark.slow
def test_inkjs_offers_the_choices_ours_offers_at_every_step_of_random_runs(tmp_path):
    """Compiled by inkjs and replayed in node with our walk's picks, the ink story offers, at every step, exactly the
    options our engine offers, in our order, and ends where ours ends: the same graph, not a lookalike."""
    assert shutil.which("node"), "node is needed (apt-get install nodejs npm)"
    assert (ROOT / "node_modules" / "inkjs" / "package.json").exists(), f"node_modules/inkjs is missing: run npm ci in {ROOT}"
    folder = bench_module("gen_story").generate(tmp_path / "g", 300, 3, 6)
    for f in folder.glob("part*.yaml"):  # rolls draw from two different generators: make them fixed sets
        f.write_text(re.sub(r"\{roll: \{(v\d+): 3\}\}", r"{set: {\1: 2}}", f.read_text(encoding="utf-8")), encoding="utf-8")
    (tmp_path / "g.ink").write_text(bench_module("ink_story").to_ink(folder), encoding="utf-8")
    walker = ROOT / "bench" / "ink_walk.cjs"
    subprocess.run(["node", str(walker), "compile", str(tmp_path / "g.ink"), str(tmp_path / "g.json")], check=True, timeout=120)
    engine, rand = Engine(load_story(folder)), random.Random(3).random
    picks: list[list[int]] = []
    offered: list[list[list[str]]] = []
    for run in range(60):
        state, picks_run, offered_run = engine.new_state(run), [], []
        while True:
            texts = [o.text for o in engine.view(state).options if o.enabled] if state.ended is None else []
            offered_run.append(texts)
            if not texts or len(picks_run) == 400:
                break
            i = int(rand() * len(texts))
            engine.choose(state, [o for o in engine.view(state).options if o.enabled][i].id)
            picks_run.append(i)
        picks.append(picks_run)
        offered.append(offered_run)
    assert sum(1 for run in offered if not run[-1]) > 50  # most runs reach an ending
    done = subprocess.run(["node", str(walker), "replay", str(tmp_path / "g.json")], input=json.dumps({"runs": picks}),
                          capture_output=True, text=True, check=True, timeout=300)
    theirs = json.loads(done.stdout)["runs"]
    for run, (ours_run, theirs_run) in enumerate(zip(offered, theirs, strict=True)):
        assert ours_run == theirs_run, f"run {run} differs at step {next(k for k, (a, b) in enumerate(zip(ours_run, theirs_run)) if a != b)}"
