"""Engine benchmark: cold and warm load of a generated 10,000-scene story, and choices per second.

Prints figures against issue 3's targets; asserts nothing (the machine is noisy: compare ratios
within one run). Usage: python bench/bench_engine.py [--scenes 10000] [--files 100]
"""

from __future__ import annotations

import argparse
import gc
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_story import generate  # noqa: E402

from game.engine import Engine, load_story  # noqa: E402
from game.engine.loader import find_files  # noqa: E402


def timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def plain_yaml(root: Path, gc_off: bool) -> None:
    for f in find_files(root):
        with open(f, "rb") as fh:
            if gc_off:
                gc.disable()
            try:
                yaml.load(fh, Loader=yaml.CSafeLoader)
            finally:
                gc.enable()


def walk(engine: Engine, steps: int, seed: int = 1) -> float:
    """Headless random walk: each step is view, pick, choose. Returns choices per second."""
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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenes", type=int, default=10000)
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--steps", type=int, default=200000)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="nlmg-bench-"))
    try:
        root = generate(tmp / "story", args.scenes, args.files, 1)
        size = sum(f.stat().st_size for f in find_files(root)) / 1e6
        print(f"generated {args.scenes:,} scenes in {args.files} files, {size:.1f} MB of YAML")

        yaml_plain = timed(lambda: plain_yaml(root, gc_off=False), 2)
        yaml_nogc = timed(lambda: plain_yaml(root, gc_off=True), 2)
        cold = timed(lambda: load_story(root), 2)
        print(f"yaml.load(CSafeLoader) alone:        {yaml_plain:6.2f} s   (with gc paused: {yaml_nogc:.2f} s)")
        print(f"cold load + validate (no cache):     {cold:6.2f} s   = {cold / yaml_plain:.2f}x plain yaml.load, "
              f"{cold / yaml_nogc:.2f}x gc-paused yaml.load   (target: <= 1.5x)")

        cache = tmp / "cache"
        load_story(root, cache)  # fill the cache
        warm = timed(lambda: load_story(root, cache), 3)
        print(f"warm load + validate (JSON cache):   {warm:6.2f} s   (target: < 1 s)")

        story = load_story(root, cache)
        t = time.perf_counter()
        for _ in story.scenes.values():  # scenes build on first use; count that as loading, not as play
            pass
        print(f"building all 10,000 scenes:          {time.perf_counter() - t:6.2f} s   (done lazily, scene by scene, in play)")
        engine = Engine(story)
        rates = [walk(engine, args.steps, seed) for seed in (1, 2, 3)]
        print(f"headless random walk, 10k scenes:    {statistics.median(rates):,.0f} choices/s   (target: >= 100,000)")
        small = generate(tmp / "small", 100, 4, 2)
        rates = [walk(Engine(load_story(small)), args.steps, seed) for seed in (1, 2, 3)]
        print(f"headless random walk, 100 scenes:    {statistics.median(rates):,.0f} choices/s")
        real = Path(__file__).resolve().parent.parent / "scenes"
        if (real / "story.yaml").exists():
            rates = [walk(Engine(load_story(real)), args.steps, seed) for seed in (1, 2, 3)]
            print(f"headless random walk, shipped story: {statistics.median(rates):,.0f} choices/s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
