"""`nlmg explore`: thousands of random playthroughs (or a bounded exhaustive search), and what they covered.

Each random run gets its own seed, derived from the base seed and the run's number (run_seed),
used both for the run's state and for the explorer's picks, so a run is reproduced by its seed and inputs alone, and the
report is the same whether the runs are split over one process or many. Runs use the Engine
directly (a Run keeps a log the explorer does not need), choosing uniformly among the enabled
options and, now and then, typing one of the scene's open actions as a player would.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, cast

from game.engine import Engine, GameState, RunError
from game.engine.expr import ExprRuntimeError
from game.frontends.common import load_or_report
from game.tools import battery, progress, wordnet
from game.tools.exhaustive import search
from game.tools.explore_report import (
    Item,
    Report,
    classify_loops,
    render_route,
    render_text,
    save_problem_runs,
    universe,
)

__all__ = [
    "Explorer", "Item", "Report", "Tally", "classify_loops", "default_jobs", "main", "render_route", "render_text",
    "run_random", "run_seed", "save_problem_runs", "universe",
]

ACTION_CHANCE = 0.2  # how often a run types an open action instead of picking an option
EXAMPLES = 5  # problem runs kept per place (the lowest run numbers, so reports are deterministic)
PROGRESS_EVERY = 100


# ---- one random run ---------------------------------------------------------------------------


@dataclass
class Tally:
    """What a batch of runs found. Merged across workers as plain JSON."""

    runs: int = 0
    steps: int = 0
    endings: dict[str, int] = field(default_factory=dict)
    covered: set[str] = field(default_factory=set)
    problems: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # place -> example runs (lowest index first)
    counts: dict[str, int] = field(default_factory=dict)  # place -> how many runs

    def problem(self, place: str, record: dict[str, Any]) -> None:
        self.counts[place] = self.counts.get(place, 0) + 1
        examples = self.problems.setdefault(place, [])
        if len(examples) < EXAMPLES:
            examples.append(record)

    def to_json(self) -> dict[str, Any]:
        return {"runs": self.runs, "steps": self.steps, "endings": self.endings, "covered": sorted(self.covered),
                "problems": self.problems, "counts": self.counts}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Tally:
        return cls(d["runs"], d["steps"], d["endings"], set(d["covered"]), d["problems"], d["counts"])

    def merge(self, other: Tally) -> None:
        self.runs += other.runs
        self.steps += other.steps
        for k, v in other.endings.items():
            self.endings[k] = self.endings.get(k, 0) + v
        self.covered |= other.covered
        for place, n in other.counts.items():
            self.counts[place] = self.counts.get(place, 0) + n
        for place, examples in other.problems.items():
            merged = sorted(self.problems.get(place, []) + examples, key=lambda r: r["run"])
            self.problems[place] = merged[:EXAMPLES]


class Explorer:
    """Plays random runs on one engine. Holds only what it precomputes from the frozen story."""

    def __init__(self, engine: Engine, steps: int, action_chance: float = ACTION_CHANCE, probe: Any = None):
        self.engine = engine
        self.probe = probe  # called as probe(index, seed, state, inputs, tally) after each step: battery.Battery
        self.steps = steps
        self.action_chance = action_chance
        self.scenes = dict(engine.story.scenes.items())  # a plain dict: the lazy story mapping costs a call per lookup
        # only scenes with conditional paragraphs are listed: most scenes cost one failed dict lookup
        self.cond_paragraphs = {
            sid: tuple((f"{sid}#{n}", p.cond.fn, f"{sid}#{n}:else" if p.else_text else None, p.pos)
                       for n, p in enumerate(s.paragraphs) if p.cond is not None)
            for sid, s in engine.story.scenes.items()
            if any(p.cond is not None for p in s.paragraphs)
        }

    def play(self, index: int, seed: int, tally: Tally) -> None:
        """One run from the start to an ending, a dead end, an error or the step limit."""
        engine, scenes = self.engine, self.scenes
        rand = random.Random(seed).random  # int(rand() * n) picks uniformly, and faster than randrange
        chance = self.action_chance
        options_of, choose = engine.options, engine.choose
        conditional = self.cond_paragraphs
        covered = tally.covered
        tally.runs += 1
        state = None
        kind, value = "", ""  # the input being tried, should an error strike (a list is made only then)
        scene = None
        inputs: list[tuple[str, str, str]] = []  # what the run's Recording would hold: plain tuples, made fast
        record = inputs.append
        try:
            state = engine.new_state(seed)
            if state.scene in conditional:
                self._paragraphs(state, covered)
            probe = self.probe
            for _ in range(self.steps):
                if probe is not None:
                    probe(index, seed, state, inputs, tally)
                if state.ended is not None:
                    break
                kind = ""
                scene = scenes[state.scene]
                options = options_of(state)
                if scene.static_options is None:
                    options = [o for o in options if o.enabled]
                actions = engine.open_actions(state) if scene.actions and (not options or rand() < chance) else None
                if actions:
                    action = actions[int(rand() * len(actions))]
                    line = engine.command_text(scene, action)
                    kind, value = "command", line
                    key = f"{scene.id}/{action.id}"
                    outcome = engine.command(state, line)
                    if not outcome.recorded:
                        tally.problem(f"typing:{key}", self._record(index, seed, state, inputs, "typing", action.pos, (
                            f"typing '{line}' in '{scene.id}' does not trigger action '{action.id}' "
                            f"({outcome.kind}: {' '.join(outcome.said)})")))
                        if not options:
                            break
                        kind, value = "choose", options[int(rand() * len(options))].id
                        outcome = choose(state, value)
                    elif outcome.taken != action.id:
                        other = outcome.taken or "another action"
                        tally.problem(f"typing:{key}", self._record(index, seed, state, inputs, "typing", action.pos, (
                            f"typing '{line}' in '{scene.id}' triggers '{other}', not action '{action.id}' "
                            "(an earlier action's verb and words match it too: put the more specific action first)")))
                elif options:
                    kind, value = "choose", options[int(rand() * len(options))].id
                    outcome = choose(state, value)
                else:
                    tally.problem(f"dead:{scene.id}", self._record(index, seed, state, inputs, "dead end", scene.pos, (
                        f"a run is stuck in '{scene.id}': no choice is open and no action works")))
                    break
                if outcome.recorded:
                    record((scene.id, kind, value))
                    kind = ""  # made: an error drawing the view after it is not a second, failing input
                if state.scene in conditional:  # the view is drawn again after every input, entering or not
                    self._paragraphs(state, covered)
            else:
                if state.ended is None:
                    loop = sorted({i[0] for i in inputs[-12:]})
                    tally.problem(f"loop:{','.join(loop)}", self._record(index, seed, state, inputs, "loop", scenes[state.scene].pos, (
                        f"a run went {self.steps} steps without an ending, going round {', '.join(repr(s) for s in loop)}")))
        except RunError as exc:
            attempt = [scene.id, kind, value] if scene is not None and kind else None
            tally.problem(f"error:{exc}", {
                "run": index, "seed": seed, "kind": "error", "scene": state.scene if state is not None else "",
                "where": exc.where, "message": exc.message, "inputs": [list(i) for i in inputs], "failing": attempt})
            return
        tally.steps += len(inputs)
        covered.update(state.visits)
        covered.update(state.chosen)
        if state.ended is not None:
            tally.endings[state.ended] = tally.endings.get(state.ended, 0) + 1

    @staticmethod
    def _record(index: int, seed: int, state: GameState, inputs: list[tuple[str, str, str]], kind: str, pos: Any,
                message: str) -> dict[str, Any]:
        return {"run": index, "seed": seed, "kind": kind, "scene": state.scene, "where": str(pos),
                "message": message, "inputs": [list(i) for i in inputs]}

    def _paragraphs(self, state: Any, covered: set[str]) -> None:
        """Which branch of each conditional paragraph the player sees now (and any error in working it out)."""
        add = covered.add
        for key, fn, else_key, pos in self.cond_paragraphs[state.scene]:
            try:
                shown = fn(state)
            except ExprRuntimeError as exc:
                raise RunError(str(exc), str(pos)) from None
            if shown:
                add(key)
            elif else_key is not None:
                add(else_key)

    def batch(self, first: int, count: int, seed: int, report: Any = None) -> Tally:
        tally = Tally()
        for i in range(first, first + count):
            self.play(i, run_seed(seed, i), tally)
            if report is not None and (i - first + 1) % PROGRESS_EVERY == 0:
                report(PROGRESS_EVERY)
        return tally


# ---- many runs, over several processes ---------------------------------------------------------


def run_seed(base: int, index: int) -> int:
    """Run `index`'s seed: a SplitMix64 mix of both, so base seeds 1 and 2 share no runs. Fits in 31 bits."""
    mask = (1 << 64) - 1
    z = (base * 0x9E3779B97F4A7C15 + (index + 1) * 0xD1B54A32D192ED03) & mask
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
    return (z ^ (z >> 31)) & 0x7FFFFFFF


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def run_random(engine: Engine, runs: int, seed: int, steps: int, jobs: int = 1, bar: progress.Progress | None = None,
               probe: Any = None) -> Tally:
    """Play `runs` random runs, run i with seed run_seed(seed, i). The Tally is the same for any `jobs`."""
    explorer = Explorer(engine, steps, probe=probe)
    report = bar.update if bar is not None else None
    jobs = max(1, min(jobs, runs // 100 or 1))
    if jobs == 1 or not _can_fork():
        return explorer.batch(0, runs, seed, report)
    ctx = multiprocessing.get_context("fork")  # workers inherit the loaded story: nothing is pickled
    size, extra = divmod(runs, jobs)
    workers, first = [], 0
    for j in range(jobs):
        count = size + (1 if j < extra else 0)
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_worker, args=(explorer, first, count, seed, send), daemon=True)
        proc.start()
        send.close()
        workers.append((proc, recv))
        first += count
    tally = Tally()
    pending = {recv: proc for proc, recv in workers}
    try:
        while pending:
            for ready in wait(list(pending)):
                conn = cast(Connection, ready)  # wait() gives back the very connections it was given
                try:
                    message = json.loads(conn.recv_bytes())
                except EOFError:
                    proc = pending.pop(conn)
                    proc.join()
                    raise RuntimeError(f"an explorer worker stopped unexpectedly (exit code {proc.exitcode})") from None
                if "progress" in message:
                    if report is not None:
                        report(message["progress"])
                elif "crash" in message:
                    raise RuntimeError(f"an explorer worker failed: {message['crash']}")
                else:
                    tally.merge(Tally.from_json(message["tally"]))
                    pending.pop(conn).join()
    finally:
        for proc, _ in workers:
            if proc.is_alive():
                proc.terminate()
                proc.join()
    return tally


def _worker(explorer: Explorer, first: int, count: int, seed: int, conn: Any) -> None:
    """Runs in a forked child: plays its share and sends the tally back as JSON."""
    try:
        def report(n: int) -> None:
            conn.send_bytes(json.dumps({"progress": n}).encode())

        tally = explorer.batch(first, count, seed, report)
        conn.send_bytes(json.dumps({"tally": tally.to_json()}).encode())
    except BaseException as exc:
        conn.send_bytes(json.dumps({"crash": f"{type(exc).__name__}: {exc}"}).encode())
    finally:
        conn.close()


# ---- the command ------------------------------------------------------------------------------


def battery_probe(engine: Engine) -> battery.Battery | bool:
    """The --battery probe, or False (said why) when WordNet, which finds the nouns to type, is missing."""
    wn = wordnet.load()
    if wn is None:
        print(f"nlmg explore --battery: {wordnet.missing_message()}", file=sys.stderr)
        return False
    return battery.Battery(engine, wordnet.NounFinder(wn))


def main(args: argparse.Namespace) -> int:
    story = load_or_report(args.scenes)
    if story is None:
        return 1
    if args.runs < 1 or args.steps < 1 or args.bound < 1:
        print("nlmg explore: --runs, --steps and --bound must be at least 1", file=sys.stderr)
        return 2
    engine = Engine(story)
    quiet = args.quiet or args.format == "json"
    started = time.perf_counter()
    if args.exhaustive:
        bar = progress.Progress(args.bound, "exploring states", enabled=False if quiet else None)
        # two processes unless --jobs says otherwise: with both cores to themselves they take 0.6x one's time (more
        # were never measured); when another program keeps a core busy they are ~15% slower (bench_tools.py)
        jobs = args.jobs if args.jobs > 0 else min(2, default_jobs())
        result = search(engine, args.seed, args.bound, args.steps, bar.update, text=False, jobs=jobs)  # prose-only differences merged (StateKey)
        bar.close()
        report = Report(story, "exhaustive", result.states, args.seed, args.steps, time.perf_counter() - started,
                        result.covered, result.endings, result.problems, result.counts, result.summary())
    else:
        jobs = args.jobs if args.jobs > 0 else default_jobs()
        # the battery shares each reply among the runs that meet the same screen: one process keeps that order fixed
        jobs = 1 if getattr(args, "battery", False) else jobs
        bar = progress.Progress(args.runs, "exploring", enabled=False if quiet else None)
        probe = battery_probe(engine) if getattr(args, "battery", False) else None
        if probe is False:
            return 2
        tally = run_random(engine, args.runs, args.seed, args.steps, jobs, bar, probe or None)
        bar.close()
        report = Report(story, "random", tally.runs, args.seed, args.steps, time.perf_counter() - started,
                        tally.covered, tally.endings, tally.problems, tally.counts, {"jobs": jobs, "inputs": tally.steps})
        classify_loops(report, engine)
    findings = battery.take(report) if getattr(args, "battery", False) else None
    if args.html:
        from game.tools.coverage_html import write_report  # only with --html: most runs never need it

        write_report(Path(args.html), report)
    saved: list[Path] = []
    if getattr(args, "save_failures", None):
        saved = save_problem_runs(report, engine, Path(args.save_failures))
        saved += battery.save(findings, engine, Path(args.save_failures)) if findings else []
    routes = list(getattr(args, "route", None) or [])
    if routes and not args.exhaustive:
        print("nlmg explore: --route needs --exhaustive (random runs keep no routes)", file=sys.stderr)
        return 2
    if args.format == "json":
        data = report.to_json()
        if saved:
            data["saved"] = [str(p) for p in saved]
        if findings is not None:
            data["battery"] = findings.to_json()
        print(json.dumps(data, indent=2))
    else:
        print(render_text(report))
        for rid in routes:
            print(render_route(report, rid))
        if findings is not None:
            print(battery.render(findings))
        if args.html:
            print(f"coverage report: {args.html}")
        for p in saved:
            print(f"saved: {p}  (nlmg replay {p})")
    return 1 if report.failed else 0
