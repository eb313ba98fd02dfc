"""Fuzzing the game's inputs: random typed lines, mutated scene files and mutated saves (`make fuzz`).

Issue 12's promise, measured: whatever is typed, whatever a scene file or a save holds, the game
answers with a message. Each case runs under an alarm (a case over HANG_SECONDS counts as a hang);
any exception other than the one each surface promises (StoryError, SaveError) counts as a
traceback; the good saves kept beside the mutated ones must load back identically at the end
(a lost save otherwise). The figures are printed; the exit status is 1 if any of them is not zero.

    python bench/fuzz.py                      # 100,000 lines, 10,000 scene files, 10,000 saves
    python bench/fuzz.py --lines 500 --scenes 50 --saves 50   # a smoke run (the test suite does this)
"""

from __future__ import annotations

import argparse
import io
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))  # report.py, when this file is loaded by the tests

from report import figure  # noqa: E402 - bench/report.py, beside this file

from game.engine import Engine, Run, StoryError, load_story  # noqa: E402 - after the path is set
from game.engine.bounds import MAX_LINE  # noqa: E402
from game.engine.loader import build_story, find_files  # noqa: E402
from game.engine.saves import SaveError, SaveStore  # noqa: E402
from game.frontends.terminal import TerminalGame  # noqa: E402

HANG_SECONDS = 5.0
STORY = ROOT / "tests" / "fixtures" / "tiny"
WORDS = ("look", "examine", "take", "lift", "stone", "gate", "key", "the", "at", "go", "open", "door", "undo", "redo",
         "help", "inventory", "again", "it", "him", "her", "yes", "no", "wait", "north", "save", "load", "saves", "1", "2")
ODD = ("²", "①", "٣", "\x1b[2J", "\x1b]0;t\x07", "\udcff", "\x00", "\ufffe", "9" * 5000, "-1", "0", "1e999", "NaN",
       "'", '"', "\\", "{", "[", "*", "&a", "!!python/object", "%", "\u202e", "\t", "a" * 3000, "🙂", "ß", "İ")
YAML_BITS = (": ", "- ", "\n  ", "{", "}", "[", "]", "&a ", "*a", "<<: *a", "!!str ", "!!python/name:os.system ", "'", '"',
             "\t", "\x00", "\ufffe", "0x" + "f" * 300, "1e999", ".nan", "if: ", "goto: ", "text: ", "on_enter:\n  - goto: yard.gate\n",
             "set: {x: x * x}\n", "~", "null", "---\n", "...\n", "#", "\\", "\xff")


class Hang(Exception):
    pass


@contextmanager
def alarm(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: object) -> None:
        raise Hang()

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


class Tally:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, str] = {}

    def case(self, surface: str, fn: Callable[[], object], expected: tuple[type[BaseException], ...] = ()) -> None:
        self.counts[f"{surface} cases"] += 1
        try:
            with alarm(HANG_SECONDS):
                fn()
        except Hang:
            self._bad(f"{surface} hangs", "over the time limit")
        except expected:
            self.counts[f"{surface} refused cleanly"] += 1
        except BaseException as exc:  # the whole point: any other escape is a traceback the player would see
            if isinstance(exc, KeyboardInterrupt):
                raise
            self._bad(f"{surface} tracebacks", "".join(traceback.format_exception_only(type(exc), exc)).strip()[:300])

    def _bad(self, key: str, example: str) -> None:
        self.counts[key] += 1
        self.examples.setdefault(key, example)

    def bad(self) -> int:
        return sum(n for k, n in self.counts.items() if k.endswith(("hangs", "tracebacks", "lost saves", "faults shown")))


def random_line(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.03:  # as long as a line can be, words apart by runs of spaces, commas or `and` where a pattern could backtrack
        room = MAX_LINE - 40
        gap = rng.choice((" " * room, ", " * (room // 2), " and" * (room // 4), " \t" * (room // 2)))
        return gap.join(rng.choice(WORDS) for _ in range(2))
    if roll < 0.45:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5)))
    if roll < 0.6:
        return rng.choice(ODD) + rng.choice(("", " ", " " + rng.choice(WORDS)))
    if roll < 0.8:
        return "".join(chr(rng.choice((rng.randint(0, 0x7F), rng.randint(0, 0x2FFF), rng.randint(0, 0x10FFFF))))
                       for _ in range(rng.randint(0, 30)))
    words = list(WORDS + ODD)
    rng.shuffle(words)
    return " ".join(words[: rng.randint(1, 8)])


def fuzz_lines(n: int, rng: random.Random, tally: Tally, folder: Path) -> None:
    """Typed lines into the terminal front end, with saving and loading among them."""
    engine = Engine(load_story(STORY))
    store = SaveStore(folder / "lines")
    out = io.StringIO()
    game = TerminalGame(Run(engine, 1), out, width=70)
    game.extra_commands["save"] = lambda arg: [_save(store, game, arg)]
    game.extra_commands["load"] = lambda arg: [_load(store, game, arg, engine)]
    for i in range(n):
        line = random_line(rng)
        tally.case("typed line", lambda line=line: game.handle(line) or _restart(game, engine, rng))
        if game.run.ended:
            _restart(game, engine, rng)
        if i % 500 == 499:
            expected = game.run.state.hash()
            tally.case("typed line", lambda: _save(store, game, "7"))
            if store.path("7").exists():
                try:
                    if store.load("7", engine).run.state.hash() != expected:
                        tally._bad("typed line lost saves", "a save did not load back as it was made")
                except SaveError as exc:
                    tally._bad("typed line lost saves", str(exc)[:300])
        if out.tell() > 1 << 20:
            text = out.getvalue()
            if "Something went wrong" in text:
                tally._bad("typed line faults shown", text[text.index("Something went wrong"):][:300])
            out.seek(0)
            out.truncate()
    if "Something went wrong" in out.getvalue():
        tally._bad("typed line faults shown", "the top-level handler caught a fault")


def _save(store: SaveStore, game: TerminalGame, arg: str) -> str:
    try:
        store.save(game.run, arg if arg in ("7", "8") else "8")
    except SaveError as exc:
        return f"Not saved: {exc}"
    return "Saved."


def _load(store: SaveStore, game: TerminalGame, arg: str, engine: Engine) -> str:
    try:
        game.run = store.load("7", engine).run
    except SaveError as exc:
        return f"Not loaded: {exc}"
    return "Loaded."


def _restart(game: TerminalGame, engine: Engine, rng: random.Random) -> bool:
    if game.run.ended:
        game.run = Run(engine, rng.randint(0, 2**32))
    return True


def mutate(data: bytes, rng: random.Random, bits: tuple[str, ...]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        kind = rng.random()
        at = rng.randint(0, len(out))
        if kind < 0.3 and out:
            del out[at: at + rng.randint(1, 40)]
        elif kind < 0.6:
            out[at:at] = rng.choice(bits).encode("utf-8", "surrogatepass")
        elif kind < 0.75 and out:
            out[at: at + 1] = bytes([rng.randint(0, 255)])
        elif kind < 0.9:
            lines = bytes(out).split(b"\n")
            if lines:
                k = rng.randrange(len(lines))
                lines.insert(rng.randrange(len(lines) + 1), lines[k] * rng.randint(1, 3))
            out = bytearray(b"\n".join(lines))
        else:
            out = out[: rng.randint(0, len(out))]
    return bytes(out)


def fuzz_scenes(n: int, rng: random.Random, tally: Tally) -> None:
    """Mutated scene files through the loader and, when they load, the first moves of a run."""
    texts = {f.relative_to(STORY).as_posix(): f.read_bytes() for f in find_files(STORY)}
    from game.engine.loader import _Cache  # the loader's own (disabled) cache, as load_story_from_texts uses

    def one(mutated: dict[str, bytes]) -> None:
        story = build_story(mutated, "<fuzz>", _Cache(None))
        run = Run(Engine(story), rng.randint(0, 2**32))
        for _ in range(6):
            options = [o for o in run.view().options if o.enabled]
            if options and rng.random() < 0.6:
                run.choose(rng.choice(options).id)
            else:
                run.command(random_line(rng))
            if run.ended:
                break

    for _ in range(n):
        mutated = dict(texts)
        name = rng.choice(sorted(texts))
        mutated[name] = mutate(texts[name], rng, YAML_BITS)
        tally.case("scene file", lambda mutated=mutated: one(mutated), (StoryError,))


def fuzz_saves(n: int, rng: random.Random, tally: Tally, folder: Path) -> None:
    """Mutated saves through listing and loading; the good saves beside them must stay loadable and unchanged."""
    engine = Engine(load_story(STORY))
    store = SaveStore(folder / "saves")
    run = Run(engine, 5)
    for line in ("lift the stone", "examine gate"):
        run.command(line)
    store.save(run, "1")
    store.autosave(run)
    good = {slot: store.path(slot).read_bytes() for slot in ("1", "auto-1")}
    want = run.state.hash()
    bits = ("\n---\n", '"seed": ' + "9" * 5000, "NaN", "Infinity", "[" * 3000, '"\\udc00"', "1e999", '{"a":', "\x00",
            "\xff", '"nlmg_save": 2', "null", "-1", "0x" + "f" * 400)
    for i in range(n):
        blob = mutate(good["1"], rng, bits)
        store.path("2").write_bytes(blob)
        tally.case("save", lambda: store.load("2", engine), (SaveError,))
        if i % 50 == 0:
            tally.case("save", store.list)
    for slot, data in good.items():
        try:
            ok = store.path(slot).read_bytes() == data and store.load(slot, engine).run.state.hash() == want
        except SaveError:
            ok = False
        if not ok:
            tally._bad("save lost saves", f"{slot} changed or no longer loads")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--lines", type=int, default=100_000)
    p.add_argument("--scenes", type=int, default=10_000)
    p.add_argument("--saves", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=12)
    args = p.parse_args(argv)
    rng = random.Random(args.seed)
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="nlmg-fuzz-") as tmp:
        for label, run_it in (("typed lines", lambda: fuzz_lines(args.lines, rng, tally, Path(tmp))),
                              ("scene files", lambda: fuzz_scenes(args.scenes, rng, tally)),
                              ("saves", lambda: fuzz_saves(args.saves, rng, tally, Path(tmp)))):
            start = time.perf_counter()
            run_it()
            print(f"{label}: done in {time.perf_counter() - start:.1f} s", flush=True)
    for key in sorted(tally.counts):
        print(f"  {key}: {tally.counts[key]:,}")
    for key, example in tally.examples.items():
        print(f"  first of {key}: {example}")
    bad = tally.bad()
    print(f"fuzz: {bad} tracebacks, hangs, lost saves or faults shown" + (" (none)" if not bad else ""))
    cases = sum(n for k, n in tally.counts.items() if k.endswith(" cases"))
    for kind in ("tracebacks", "hangs", "lost saves", "faults shown"):  # issue 12's targets, in make bench's table form
        n = sum(v for k, v in tally.counts.items() if k.endswith(kind))
        figure(f"fuzz: {kind}", n, "", target="0", met=n == 0, floor=f"of {cases:,} cases ({args.lines:,} typed lines, "
               f"{args.scenes:,} scene files, {args.saves:,} saves)")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
