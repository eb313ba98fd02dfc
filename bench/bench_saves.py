"""Saves benchmark: save and load of a 1,000-input run, headless replay speed, listing 500 saves, undo and redo.

Prints figures against issue 4's targets; asserts nothing (the machine is noisy: figures are
medians, and the minimum is shown beside them). The 1,000-input run is a random walk on the
tiny fixture that never ends (it loops gate <-> middle), with a look now and then.
Usage: python bench/bench_saves.py [--inputs 1000] [--saves 500] [--repeat 30]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.engine import Engine, Run, load_story  # noqa: E402
from game.engine.replay import random_walk, verify  # noqa: E402
from game.engine.saves import SaveStore, dump_save, encode_save, read_save  # noqa: E402

TINY = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "tiny"


def times(fn: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None) -> tuple[float, float]:
    """(median, min) seconds over `repeat` calls; `setup` runs untimed before each."""
    out = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out), min(out)


def row(label: str, median: float, best: float, target: str = "") -> None:
    print(f"  {label:<52} {median * 1000:8.2f} ms  (min {best * 1000:6.2f})  {target}")


def real_story(store: SaveStore, repeat: int) -> None:
    """The same figures on the game's own story, when scenes/ holds it: runs end at an ending, so they are shorter."""
    from game import paths

    folder = paths.scenes_dir()
    if not (folder / "story.yaml").is_file():
        print("\n(The game's own story is not in scenes/ yet.)")
        return
    engine = Engine(load_story(folder))
    runs = [random_walk(engine, seed=n, steps=1000, walk_seed=n) for n in range(100)]
    total = sum(r.moves for r in runs)
    longest = max(runs, key=lambda r: r.moves)
    print(f"\nThe game's own story ({len(engine.story.scenes)} scenes): 100 random walks, {total} inputs, the longest {longest.moves}")
    t = time.perf_counter()
    for r in runs:
        Run.replay(engine, r.recording, lazy_log=True)
    print(f"  {'replay, state only':<52} {total / (time.perf_counter() - t):10,.0f} inputs/s")
    t = time.perf_counter()
    for r in runs:
        Run.replay(engine, r.recording, asides=r.asides())
    print(f"  {'replay with the history log':<52} {total / (time.perf_counter() - t):10,.0f} inputs/s")
    row("save of the longest run", *times(lambda: store.save(longest, "2"), repeat), "< 10 ms")
    row("load of the longest run", *times(lambda: store.load("2", engine), repeat), "< 10 ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", type=int, default=1000)
    ap.add_argument("--saves", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()

    engine = Engine(load_story(TINY))
    run = random_walk(engine, seed=7, steps=args.inputs, walk_seed=1, avoid_endings=True)
    assert run.moves == args.inputs, "the walk ended early"
    print(f"A run of {run.moves} inputs and {len(run.asides())} looks on the tiny story; {args.repeat} repeats each.")
    folder = Path(tempfile.mkdtemp(prefix="nlmg-bench-saves-"))
    try:
        store = SaveStore(folder / "saves")
        store.save(run, "1")
        size = store.path("1").stat().st_size

        print("\nSave and load (target: under 10 ms each)")
        row("save (encode, JSON, write, fsync, rename)", *times(lambda: store.save(run, "1"), args.repeat), "< 10 ms")
        row("  of which encode + JSON, no disk", *times(lambda: dump_save(*encode_save(run, "manual", "2026-01-01T00:00:00", 0.0, "")), args.repeat))
        row("load (read, check, replay state, compare)", *times(lambda: store.load("1", engine), args.repeat), "< 10 ms")
        row("  of which reading and checking the file", *times(lambda: read_save(store.path("1")), args.repeat))
        row("load and then read the whole history (log)", *times(lambda: store.load("1", engine).run.log, args.repeat))
        print(f"  file size: {size / 1024:.1f} KB")

        print("\nHeadless replay (target: at least 50,000 inputs per second)")
        inputs = run.inputs
        recording = run.recording
        for label, fn in (
            ("state only (Run.replay, lazy_log=True)", lambda: Run.replay(engine, recording, lazy_log=True)),
            ("with the history log (Run.replay)", lambda: Run.replay(engine, recording, asides=run.asides())),
            ("verify (whole file: read, replay, compare)", lambda: verify(store.path("1"), engine)),
        ):
            med, best = times(fn, args.repeat)
            print(f"  {label:<52} {len(inputs) / med:10,.0f} inputs/s  (best {len(inputs) / best:10,.0f})")

        print("\nUndo and redo on the 1,000-input run (cheap enough to hold down)")
        work = Run.replay(engine, recording)[0]
        row("one undo", *times(work.undo, args.repeat, setup=lambda: work.redo() if work.can_redo else None))
        row("one redo", *times(work.redo, args.repeat, setup=work.undo))
        row("undo 100 in a row", *times(lambda: [work.undo() for _ in range(100)], 5, setup=lambda: [work.redo() for _ in range(100)]))
        row("undo all the way to the start", *times(lambda: work.rewind_to(0), 3, setup=lambda: [work.redo() for _ in range(len(inputs))]))

        print(f"\nListing {args.saves} saves (target: under 100 ms)")
        many = SaveStore(folder / "many")
        many.save(run, "1")
        many.folder.joinpath(".index.json").unlink(missing_ok=True)
        for n in range(2, args.saves + 1):
            shutil.copy(many.path("1"), many.folder / f"copy-{n}.yaml")
        drop_index = lambda: many.folder.joinpath(".index.json").unlink(missing_ok=True)  # noqa: E731
        row("cold: every header read and parsed", *times(many.list, 5, setup=drop_index), "< 100 ms")
        many.list()
        row("warm: headers from .index.json, one stat per file", *times(many.list, args.repeat), "< 100 ms")
        assert len(many.list()) == args.saves
        real_story(store, args.repeat)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
