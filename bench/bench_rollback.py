"""Undo's going back and a save's rename, each beside the way it was done before, in the same process.

Going back to a moment in the history used to be a loop in each front end, one undo at a time, each
undo a replay from the nearest checkpoint; Run.undo_to now makes one replay however far back it
goes. Renaming a save used to load it (a replay of every input) and save it again; it now rewrites
the header and reads the file back (saves/rename.py). Both are printed as ratios of the old way to
the new, medians of CPU time (the machine is shared), on a random walk of the tiny fixture.
Usage: python bench/bench_rollback.py [--inputs 10000] [--back 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import figure  # noqa: E402

from game.engine import Engine, load_story  # noqa: E402
from game.engine.replay import random_walk  # noqa: E402
from game.engine.saves import SaveStore  # noqa: E402

TINY = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "tiny"


def cpu(fn: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None) -> float:
    out = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        t = time.process_time()
        fn()
        out.append(time.process_time() - t)
    return statistics.median(out)


def going_back(engine: Engine, inputs: int, back: int, repeat: int) -> None:
    run = random_walk(engine, seed=5, steps=inputs, walk_seed=3, avoid_endings=True)
    moments = [i for i, e in enumerate(run.log) if e.kind in ("choice", "command")]
    index = moments[-back]

    def redo_all() -> None:
        while run.redo():
            pass

    def one_at_a_time() -> None:  # what the front ends did: undo until the log is no longer than the moment
        while len(run.log) > index:
            run.take_back()

    new = cpu(lambda: run.undo_to(index), repeat, setup=redo_all)
    old = cpu(one_at_a_time, repeat, setup=redo_all)
    redo_all()
    figure(f"go back {back:,} steps in a {inputs:,}-input run", new * 1000, "ms", floor="Run.undo_to: one replay")
    figure("  one undo at a time / undo_to", old / new, "x", floor=f"{old * 1000:,.0f} ms the old way, in this run")


def renaming(engine: Engine, inputs: int, repeat: int) -> None:
    run = random_walk(engine, seed=7, steps=inputs, walk_seed=4, avoid_endings=True)
    folder = Path(tempfile.mkdtemp(prefix="nlmg-bench-rename-"))
    try:
        store = SaveStore(folder)
        store.save(run, "4", 60.0, "First")

        def load_and_save_again() -> None:  # what the window and the page did: the run rebuilt, then written whole
            loaded = store.load("4", engine)
            loaded.run.log  # noqa: B018  (the load is lazy; reading the history is the replay a rebuild made)
            store.save(loaded.run, "4", loaded.play_seconds, "Second")

        # the old way is timed on a copied-in file, which a load replays (as the page's rename always did)
        untrusted = lambda: (folder / ".trusted.json").unlink(missing_ok=True)  # noqa: E731
        old = cpu(load_and_save_again, repeat, setup=untrusted)
        new = cpu(lambda: store.rename("4", "Third"), repeat)
        size = (folder / "4.yaml").stat().st_size
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    figure(f"rename a {inputs:,}-input save ({size / 1024:,.0f} KB)", new * 1000, "ms", floor="header rewritten, file read back")
    figure("  load and save again / rename", old / new, "x", floor=f"{old * 1000:,.0f} ms the old way, in this run")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--back", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    engine = Engine(load_story(TINY))
    print("Going back to a moment, and renaming a save")
    going_back(engine, args.inputs, args.back, args.repeat)
    renaming(engine, args.inputs, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
