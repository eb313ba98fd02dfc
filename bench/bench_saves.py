"""Saves benchmark: long runs (issue 13), a hostile 30 MB save (issue 12), a 1,000-input run, replay, listing, undo.

Prints figures against issues 4 and 13's targets; asserts nothing (the machine is noisy: figures are
medians, and the minimum is shown beside them). The 1,000-input run is a random walk on the
tiny fixture that never ends (it loops gate <-> middle), with a look now and then.

Long runs: a ring of 10,000 scenes, walked round and round, so a run's state grows with every
input up to 10,000 visits and 10,000 choice counts (the worst case for a save's fingerprints and
undo's copies, both of which hold the state's size), at 1,000, 10,000 and 100,000 inputs. Save,
load and the memory undo holds are each printed with their targets, and as ratios between the
sizes (linear: about 10x for 10x the inputs), beside the floor of replaying the same inputs; times
are CPU time (process_time), medians, as the machine is shared, and the sizes are timed in alternated
rounds so that a ratio compares samples taken at the same moments. The load is of a save the store
wrote itself, which is restored from its snapshot (saves/trust.py); the same file copied in from
elsewhere is replayed before it loads, and that is printed beside it, as is a load followed by
reading the whole history (the window's page reads it, which replays the run once).
Usage: python bench/bench_saves.py [--inputs 1000] [--saves 500] [--repeat 30] [--long 1000,10000,100000] [--ring 10000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import figure  # noqa: E402

from game.engine import Engine, Run, load_story  # noqa: E402
from game.engine.recording import Input, Recording  # noqa: E402
from game.engine.replay import random_walk, verify  # noqa: E402
from game.engine.saves import SaveError, SaveStore, dump_save, encode_save, read_save, state_hash  # noqa: E402
from game.engine.saves.format import SEPARATOR  # noqa: E402
from game.engine.state import GameState  # noqa: E402

TINY = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "tiny"


def times(fn: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None,
          clock: Callable[[], float] = time.perf_counter) -> tuple[float, float]:
    """(median, min) seconds over `repeat` calls; `setup` runs untimed before each."""
    out = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        t = clock()
        fn()
        out.append(clock() - t)
    return statistics.median(out), min(out)


def row(label: str, median: float, best: float, target: str = "") -> None:
    print(f"  {label:<52} {median * 1000:8.2f} ms  (min {best * 1000:6.2f})  {target}")


def write_ring(folder: Path, scenes: int, per_file: int = 1000) -> Path:
    """A ring of `scenes` scenes, each with a way on (to the next) and a way to stay: a run can be any length."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.yaml").write_text(
        "id: ring\ntitle: The long lane\nstart: c0\nchapters:\n  - title: The Lane\n    card: A lane that comes round again.\n"
        "variables:\n  rests: 0\nlocations: [lane]\n", encoding="utf-8")
    for f in range(0, scenes, per_file):
        body = [f"- id: c{i}\n  chapter: The Lane\n  title: Milestone {i}\n  location: lane\n  text: The lane goes on between hedges.\n"
                f"  choices:\n    - {{id: on, text: Walk on., goto: c{(i + 1) % scenes}}}\n"
                f"    - {{id: rest, text: Rest a while., do: [{{add: {{rests: 1}}}}]}}\n" for i in range(f, min(scenes, f + per_file))]
        (folder / f"part{f // per_file:03d}.yaml").write_text("\n".join(body), encoding="utf-8")
    return folder


def long_runs(folder: Path, sizes: list[int], ring: int, rounds: int) -> None:
    """Save, load and undo's memory at each size, as figures with targets, and the ratios between sizes.

    The sizes are timed in alternated rounds (1k, 10k, 100k, then 100k, 10k, 1k, ...), so a busy
    moment on the shared machine falls on every size alike; a ratio between two sizes is the median
    of the ratios within each round, and an absolute figure the median of every sample of its size.
    """
    t = time.perf_counter()
    engine = Engine(load_story(write_ring(folder / "ring", ring)))
    print(f"\nLong runs on a ring of {ring:,} scenes (loaded in {time.perf_counter() - t:.1f} s); each input enters a scene; "
          f"{rounds} alternated rounds")
    cpu = time.process_time  # CPU time: the machine is shared, and wall time counts other helpers' work
    made: dict[int, tuple[Recording, Run, SaveStore, float]] = {}
    for n in sizes:
        recording = Recording(engine.story.id, engine.story.content_hash, 1, [Input(f"c{i % ring}", "choose", "on") for i in range(n)])
        gc.collect()
        run, stop = Run.replay(engine, recording, lazy_log=True)
        assert stop is None and run.moves == n
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        copies = run.checkpoint_states()  # the same copies the run holds for undo: their size is what undo holds
        held = (tracemalloc.get_traced_memory()[0] - before) / 1e6
        tracemalloc.stop()
        del copies
        store = SaveStore(folder / f"long-{n}")
        store.save(run, "1")
        made[n] = (recording, run, store, held)
    # samples per round: short runs are quick and noisy, so they get more (at least 15 of save and load at 10k)
    per_round = {n: max(1, -(-15 // rounds) * 10_000 // n) for n in sizes}
    samples: dict[int, dict[str, list[list[float]]]] = {n: {"save": [], "load": [], "replay": []} for n in sizes}
    for r in range(rounds):
        for n in sizes if r % 2 == 0 else sizes[::-1]:
            recording, run, store, _ = made[n]
            k = per_round[n]
            got = samples[n]
            got["replay"].append(list(timed(lambda rec=recording: Run.replay(engine, rec, lazy_log=True), max(1, k // 3), cpu)))
            got["save"].append(list(timed(lambda r=run, s=store: s.save(r, "1"), k, cpu)))
            got["load"].append(list(timed(lambda s=store: s.load("1", engine), k, cpu)))  # a save this store wrote: restored (trust.py)

    def median_of(n: int, what: str) -> float:
        return statistics.median(x for round_ in samples[n][what] for x in round_)

    for n in sizes:
        recording, run, store, held = made[n]
        save, load, replay = (median_of(n, w) for w in ("save", "load", "replay"))
        fastest = min(x for round_ in samples[n]["save"] for x in round_)
        count = sum(map(len, samples[n]["save"]))
        # each round's first save of this run follows another size's, so its input lines are not kept yet (format.py)
        cold = statistics.median(round_[0] for round_ in samples[n]["save"])
        gc.collect()
        tracemalloc.start()
        store.load("1", engine)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        size = store.path("1").stat().st_size / 1e6
        print(f"  {n:,} inputs: state of {len(run.state.visits):,} visits and {len(run.state.chosen):,} choice counts, "
              f"save file {size:.1f} MB, {len(read_save(store.path('1')).checks)} fingerprints; replay alone {replay * 1000:.1f} ms; "
              f"load peaks at {peak:.0f} MB; save: median of {count}, fastest {fastest * 1000:.1f} ms, "
              f"the first in each round (no input lines kept from an earlier save of the run) {cold * 1000:.1f} ms")
        label = f"{n // 1000}k-input run"
        on_target = n == 10_000
        figure(f"save of a {label}", save * 1000, "ms", target="< 50 ms" if on_target else "",
               met=save < 0.05 if on_target else None, floor=f"replay alone {replay * 1000:.1f} ms; fastest save {fastest * 1000:.1f} ms")
        figure(f"load of a {label} (a save the game wrote)", load * 1000, "ms", target="< 50 ms" if on_target else "",
               met=load < 0.05 if on_target else None, floor=f"replay alone {replay * 1000:.1f} ms")
        if on_target:
            elsewhere = SaveStore(folder / "elsewhere")
            elsewhere.folder.mkdir(parents=True, exist_ok=True)
            shutil.copy(store.path("1"), elsewhere.path("1"))
            copied = times(lambda e=elsewhere: e.load("1", engine), 5, clock=cpu)[0]  # replayed before it loads
            first = times(lambda s=store: s.load("1", engine).run.log, 5, clock=cpu)[0]  # and then its history read
            print(f"  a {label} copied in from elsewhere is replayed before it loads: {copied * 1000:.1f} ms; "
                  f"load and read its whole history (what the window's page does): {first * 1000:.1f} ms")
            figure(f"load of a {label} copied in (replayed first)", copied * 1000, "ms",
                   floor=f"replay alone {replay * 1000:.1f} ms")
        figure(f"memory undo holds, {label}", held, "MB", target="< 50 MB" if on_target else "",
               met=held < 50 if on_target else None, floor="tracemalloc of the run's state copies")
        one_undo = times(lambda r=run: (r.undo(), r.redo()), 5)[0]
        print(f"  one undo and redo at {n:,} inputs: {one_undo * 1000:.1f} ms")
    pairs = [(a, b) for a, b in zip(sizes, sizes[1:], strict=False) if b == 10 * a]
    for a, b in pairs:
        replay = statistics.median(_round_ratios(samples[b]["replay"], samples[a]["replay"]))
        for what in ("save", "load"):
            ratio = statistics.median(_round_ratios(samples[b][what], samples[a][what]))
            figure(f"{what}, {b // 1000}k / {a // 1000}k inputs", ratio, "x", target="<= 13x (linear: 10x)",
                   met=ratio <= 13, floor=f"median of {rounds} rounds' ratios; replay alone {replay:.1f}x")
        ratio = made[b][3] / made[a][3]
        figure(f"memory undo holds, {b // 1000}k / {a // 1000}k inputs", ratio, "x", target="<= 13x (linear: 10x)",
               met=ratio <= 13, floor="tracemalloc, one measure each")


def timed(fn: Callable[[], object], repeat: int, clock: Callable[[], float]) -> list[float]:
    """`repeat` timings of fn, each alone."""
    out = []
    for _ in range(repeat):
        t = clock()
        fn()
        out.append(clock() - t)
    return out


def _round_ratios(big: list[list[float]], small: list[list[float]]) -> list[float]:
    """Within each round, the median of the larger size's samples over the smaller's."""
    return [statistics.median(b) / statistics.median(s) for b, s in zip(big, small, strict=True)]


def hostile_save(folder: Path) -> None:
    """Issue 12: a 30 MB save of 840,000 inputs whose fingerprints stop after its first 2,000 (the rest a walk
    there and back, every input applying) was replayed in full before the load could tell (22 s here)."""
    engine = Engine(load_story(TINY))
    run = random_walk(engine, 3, 2000, 5, avoid_endings=True, commands=False)
    store = SaveStore(folder / "hostile")
    store.save(run, "1")
    head, _, rest = store.path("1").read_text(encoding="utf-8").partition(SEPARATOR)
    header, body = json.loads(head), json.loads(rest)
    inputs = [Input(*i) for i in body["inputs"]]
    k = next(i for i in range(100, 200) if inputs[i].value == "in")
    inputs = inputs[:k] + inputs[k:k + 2] * 420_000
    body["inputs"], header["moves"] = inputs, len(inputs)
    body["state_hash"] = state_hash(GameState.from_dict(body["state"]), 2, inputs)  # whole and self-consistent
    data = dump_save(header, body)
    store.path("2").write_bytes(data)
    del inputs, body
    t = time.process_time()
    json.loads(data.decode("utf-8").partition(SEPARATOR)[2])
    parse = time.process_time() - t
    t = time.process_time()
    try:
        store.load("2", engine)
        why = "it loaded"
    except SaveError as exc:
        why = exc.reason
    took = time.process_time() - t
    print(f"\nA hostile save of {len(data) / 1e6:.0f} MB: refused in {took:.2f} s ({why[:60]}...)")
    figure("refusing a 30 MB save that diverges", took, "s", target="<= 4x parsing it (nothing replayed)",
           met=took <= 4 * parse and why != "it loaded", floor=f"json.loads of its body {parse:.2f} s")


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
    ap.add_argument("--long", default="1000,10000,100000", help="run lengths for the long-run figures ('' for none)")
    ap.add_argument("--ring", type=int, default=10000, help="scenes in the long runs' ring")
    ap.add_argument("--rounds", type=int, default=7, help="alternated rounds of the long runs' sizes")
    ap.add_argument("--only-long", action="store_true")
    args = ap.parse_args()
    if args.long:
        folder = Path(tempfile.mkdtemp(prefix="nlmg-bench-long-"))
        try:
            long_runs(folder, [int(x) for x in args.long.split(",")], args.ring, args.rounds)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    if args.only_long:
        return 0
    folder = Path(tempfile.mkdtemp(prefix="nlmg-bench-hostile-"))
    try:
        hostile_save(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

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
        row("load (read, check, restore: a save this store wrote)", *times(lambda: store.load("1", engine), args.repeat), "< 10 ms")
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
        row("undo all the way to the start", *times(lambda: work.rewind_to(0), 3, setup=lambda: [None for _ in iter(work.redo, False)]))

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
