"""Engine benchmark: `nlmg check` of a generated 10,000-scene story, cold and warm, as whole processes against
libyaml's parse of the same files; building every scene; and choices per second in a headless walk (its ratio
to the ink runtimes on the same stories is bench_peers.py's).

Every figure with a target goes through report.figure (issue 13). Times are CPU seconds (user + system) of
fresh processes, so the other jobs on this shared 2-core machine count against nobody; each is the best of a
few runs, alternated so a busy moment hurts every figure alike. Asserts nothing.
Usage: python bench/bench_engine.py [--scenes 10000] [--files 100] [--steps 200000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from gen_story import generate  # noqa: E402
from report import figure  # noqa: E402

from game.engine import Engine, load_story  # noqa: E402

# The floor: what the simplest program that reads the story with libyaml does. Every document is kept (a
# parse that throws its result away is not a load), and the collector is left as Python ships it.
YAML_PARSE = """
import gc, sys, yaml
from pathlib import Path
if sys.argv[2] == "paused":
    gc.disable()
docs = []
for f in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    with open(f, "rb") as fh:
        docs.append(list(yaml.load_all(fh, Loader=yaml.CSafeLoader)))
"""

# The stories the walk is measured on, by scene count: (files, seed) for gen_story.generate. bench_peers walks
# the same ones in ink; the 10,000 is the story the whole-process figures load (--scenes and --files change it).
WALK_STORIES = {100: (4, 2), 1_000: (10, 2), 10_000: (100, 1)}


def child_cpu(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """CPU seconds (user + system) a fresh process spends on `cmd`, read from the kernel's account of children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1 is a story with problems: still a finished check
        raise RuntimeError(f"{cmd} failed: {done.stderr.decode(errors='replace')[-400:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def whole_process_figures(story: Path, cache: Path, repeat: int) -> None:
    env = dict(os.environ, NLMG_CACHE=str(cache))
    check = [sys.executable, "-m", "game", "check", str(story)]
    yaml_cmd = [sys.executable, "-c", YAML_PARSE, str(story)]
    times: dict[str, list[float]] = {"yaml": [], "yaml_paused": [], "cold": [], "warm": [], "warm_quick": [], "edited": []}
    edited = sorted(story.glob("*.yaml"))[-1]
    for _ in range(repeat):
        times["yaml"].append(child_cpu([*yaml_cmd, "default"]))
        times["yaml_paused"].append(child_cpu([*yaml_cmd, "paused"]))
        shutil.rmtree(cache, ignore_errors=True)
        times["cold"].append(child_cpu(check, env))
        times["warm"].append(child_cpu(check, env))
        times["warm_quick"].append(child_cpu([*check, "--quick"], env))
        with open(edited, "a", encoding="utf-8") as out:  # an author's edit: one file read again, every check run again
            out.write(f"# edited {len(times['edited'])}\n")
        times["edited"].append(child_cpu(check, env))
    best = {k: min(v) for k, v in times.items()}
    floor = f"libyaml parse of the same files, fresh process, {best['yaml']:.2f} s CPU at best; median of {repeat} rounds"
    figure("yaml.load_all(CSafeLoader), fresh process", best["yaml"], "s", floor="every document kept; collector as shipped")
    figure("  the same, collector paused", best["yaml_paused"], "s")
    figure("nlmg check, whole process, empty cache", best["cold"], "s")
    figure("nlmg check, whole process, warm cache", best["warm"], "s")
    figure("nlmg check --quick, whole process, warm", best["warm_quick"], "s")
    figure("nlmg check, whole process, one file edited", best["edited"], "s", floor="that file parsed, every check run")
    # Each ratio is taken within one round (the floor measured moments before), and the median round counts:
    # the floor itself swings with the machine's load (4.4-6.4 s over one evening), so min over min would not do.
    cold = statistics.median(c / y for c, y in zip(times["cold"], times["yaml"]))
    warm = statistics.median(w / y for w, y in zip(times["warm"], times["yaml"]))
    figure("check cold / libyaml parse", cold, "x", target="<= 1.3x", met=cold <= 1.3, floor=floor)
    figure("check warm / libyaml parse", warm, "x", target="<= 0.25x", met=warm <= 0.25, floor=floor)
    figure("  cold / libyaml parse with collector paused", statistics.median(c / y for c, y in zip(times["cold"], times["yaml_paused"])), "x",
           floor=f"libyaml, collector paused, {best['yaml_paused']:.2f} s CPU")


def build_figure(story: Path, cache: Path) -> None:
    """Building every scene of a loaded story, as check and the tools do it: Scenes.build_all (collector paused)."""
    best = float("inf")
    for _ in range(3):
        loaded = load_story(story, cache)
        t = time.process_time()
        loaded.scenes.build_all()  # type: ignore[attr-defined]
        best = min(best, time.process_time() - t)
        del loaded
    n = len(load_story(story, cache).scenes)
    figure(f"building all {n:,} scenes (CPU)", best, "s", target="< 0.5 s", met=best < 0.5,
           floor="each distinct condition compiled once")


def walk(engine: Engine, steps: int, seed: int = 1) -> float:
    """Headless random walk: each step is view, pick, choose. Returns choices per second of CPU time."""
    rng = random.Random(seed)
    rand = rng.random
    state = engine.new_state(seed)
    done = 0
    t = time.process_time()  # CPU time: other processes on this 2-core machine do not count against us
    while done < steps:
        if state.ended is not None:
            state = engine.new_state(seed + done)
        view = engine.view(state)
        options = [o for o in view.options if o.enabled]
        if not options:
            state = engine.new_state(seed + done)
            continue
        engine.choose(state, options[int(rand() * len(options))].id)
        done += 1
    return steps / (time.process_time() - t)


def walk_figures(tmp: Path, big: Path, scenes: int, cache: Path, steps: int) -> None:
    stories = {n: generate(tmp / f"w{n}", n, *WALK_STORIES[n]) for n in WALK_STORIES if n < scenes}
    stories[scenes] = big
    for n, folder in stories.items():
        story = load_story(folder, cache if folder == big else None)
        engine = Engine(story)
        walk(engine, steps // 4, 99)  # a first walk builds the scenes it enters: building is counted as loading, above
        rate = statistics.median(walk(engine, steps, seed) for seed in (1, 2, 3))
        entered = len(story.scenes.built)  # type: ignore[attr-defined]  # scenes are built when first entered
        figure(f"headless random walk, {n:,} scenes", rate, "choices/s", target=">= 100,000", met=rate >= 100_000,
               floor=f"the walks entered {entered:,} of {n:,} scenes")
    real = ROOT / "scenes"
    if (real / "story.yaml").exists():
        rate = statistics.median(walk(Engine(load_story(real)), steps, seed) for seed in (1, 2, 3))
        figure("headless random walk, shipped story", rate, "choices/s")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenes", type=int, default=10000)
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--steps", type=int, default=200000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each whole process; the best counts")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="nlmg-bench-"))
    try:
        story = generate(tmp / "story", args.scenes, args.files, 1)
        size = sum(f.stat().st_size for f in story.rglob("*.yaml")) / 1e6
        print(f"generated {args.scenes:,} scenes in {args.files} files, {size:.1f} MB of YAML")
        cache = tmp / "cache"
        whole_process_figures(story, cache, args.repeat)
        gc.collect()
        build_figure(story, cache)
        walk_figures(tmp, story, args.scenes, cache, args.steps)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
