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
import os
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from game.engine import Engine, GameState, Recording, Run, RunError, Story
from game.engine.expr import ExprRuntimeError
from game.engine.saves import dump_save, encode_save, write_atomic
from game.frontends.common import load_or_report
from game.tools import progress
from game.tools.exhaustive import search

ACTION_CHANCE = 0.2  # how often a run types an open action instead of picking an option
EXAMPLES = 5  # problem runs kept per place (the lowest run numbers, so reports are deterministic)
PROGRESS_EVERY = 100


# ---- what can be covered ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Item:
    """One thing coverage counts: a scene, a choice, an action, or one branch of a conditional paragraph."""

    kind: str  # scene | choice | action | paragraph
    key: str  # scene id; "scene/option"; "scene#n" or "scene#n:else"
    label: str
    path: str
    line: int


def universe(story: Story) -> dict[str, list[Item]]:
    """Everything a run could cover, by kind, in file order."""
    out: dict[str, list[Item]] = {"scene": [], "choice": [], "action": [], "paragraph": []}
    for sid, s in story.scenes.items():
        out["scene"].append(Item("scene", sid, f"scene '{sid}'", s.pos.path, s.pos.line))
        for c in s.choices:
            out["choice"].append(Item("choice", c.key, f"choice '{c.id}' of '{sid}'", c.pos.path, c.pos.line))
        for a in s.actions:
            out["action"].append(Item("action", f"{sid}/{a.id}", f"action '{a.id}' of '{sid}'", a.pos.path, a.pos.line))
        for n, p in enumerate(s.paragraphs):
            if p.cond is not None:
                out["paragraph"].append(Item("paragraph", f"{sid}#{n}", f"paragraph if {p.cond.source} in '{sid}'", p.pos.path, p.pos.line))
                if p.else_text:
                    out["paragraph"].append(Item("paragraph", f"{sid}#{n}:else", f"the else of paragraph if {p.cond.source} in '{sid}'", p.pos.path, p.pos.line))
    return out


# ---- one random run ---------------------------------------------------------------------------


@dataclass
class Tally:
    """What a batch of runs found. Merged across workers as plain JSON."""

    runs: int = 0
    steps: int = 0
    endings: dict[str, int] = field(default_factory=dict)
    covered: set[str] = field(default_factory=set)
    problems: dict[str, list[dict]] = field(default_factory=dict)  # place -> example runs (lowest index first)
    counts: dict[str, int] = field(default_factory=dict)  # place -> how many runs

    def problem(self, place: str, record: dict) -> None:
        self.counts[place] = self.counts.get(place, 0) + 1
        examples = self.problems.setdefault(place, [])
        if len(examples) < EXAMPLES:
            examples.append(record)

    def to_json(self) -> dict:
        return {"runs": self.runs, "steps": self.steps, "endings": self.endings, "covered": sorted(self.covered),
                "problems": self.problems, "counts": self.counts}

    @classmethod
    def from_json(cls, d: dict) -> "Tally":
        return cls(d["runs"], d["steps"], d["endings"], set(d["covered"]), d["problems"], d["counts"])

    def merge(self, other: "Tally") -> None:
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

    def __init__(self, engine: Engine, steps: int, action_chance: float = ACTION_CHANCE):
        self.engine = engine
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
            for _ in range(self.steps):
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
                "where": exc.where, "message": str(exc), "inputs": [list(i) for i in inputs], "failing": attempt})
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
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def run_random(engine: Engine, runs: int, seed: int, steps: int, jobs: int = 1, bar: progress.Progress | None = None) -> Tally:
    """Play `runs` random runs, run i with seed run_seed(seed, i). The Tally is the same for any `jobs`."""
    explorer = Explorer(engine, steps)
    report = bar.update if bar is not None else None
    jobs = max(1, min(jobs, runs // 100 or 1))
    if jobs == 1 or not _can_fork():
        return explorer.batch(0, runs, seed, report)
    import multiprocessing
    from multiprocessing.connection import wait

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
            for conn in wait(list(pending)):
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
    except BaseException as exc:  # noqa: BLE001 - a worker must always answer, or the parent waits forever
        conn.send_bytes(json.dumps({"crash": f"{type(exc).__name__}: {exc}"}).encode())
    finally:
        conn.close()


# ---- the report -------------------------------------------------------------------------------

PROBLEM_KINDS = (
    ("error", "Errors"), ("dead", "Dead ends"), ("loop", "Loops that never end"),
    ("long", "Runs that hit the step limit (an ending was still reachable)"), ("typing", "Actions that typing cannot reach"),
)
LOOP_CHECK_BOUND = 20000  # states searched from a run that hit the step limit, looking for a way to an ending


@dataclass
class Report:
    """Everything `nlmg explore` prints, as plain data (the JSON format is `to_json()`)."""

    story: Story
    mode: str  # random | exhaustive
    runs: int
    seed: int
    steps: int
    seconds: float
    covered: set[str]
    endings: dict[str, int]
    problems: dict[str, list[dict]]
    counts: dict[str, int]
    extra: dict[str, Any] = field(default_factory=dict)  # exhaustive: states, bound, cut_short, witnesses

    @property
    def items(self) -> dict[str, list[Item]]:
        return universe(self.story)

    def coverage(self) -> dict[str, dict]:
        out = {}
        for kind, items in self.items.items():
            hit = sum(1 for i in items if i.key in self.covered)
            out[kind] = {"covered": hit, "total": len(items), "percent": round(100.0 * hit / len(items), 1) if items else 100.0}
        return out

    def uncovered(self) -> list[Item]:
        return [i for items in self.items.values() for i in items if i.key not in self.covered]

    def problem_groups(self) -> dict[str, list[dict]]:
        """Per kind: [{place, runs, examples}], most frequent first."""
        groups: dict[str, list[dict]] = {k: [] for k, _ in PROBLEM_KINDS}
        for place, examples in self.problems.items():
            kind = place.split(":", 1)[0]
            groups.setdefault(kind, []).append({"place": place, "runs": self.counts.get(place, len(examples)), "examples": examples})
        for g in groups.values():
            g.sort(key=lambda x: (-x["runs"], x["examples"][0]["run"]))
        return groups

    def to_json(self) -> dict:
        ended = sum(self.endings.values())
        return {
            "mode": self.mode, "story": self.story.id, "runs": self.runs, "seed": self.seed, "step_limit": self.steps,
            "seconds": round(self.seconds, 3), "runs_per_second": round(self.runs / self.seconds, 1) if self.seconds else None,
            "ended": ended,
            "endings": {e: self.endings.get(e, 0) for e in sorted(set(self.story.endings) | set(self.endings))},
            "coverage": self.coverage(),
            "uncovered": [{"kind": i.kind, "key": i.key, "what": i.label, "path": i.path, "line": i.line} for i in self.uncovered()],
            "problems": {kind: [{"place": g["place"], "runs": g["runs"], "examples": g["examples"]} for g in groups]
                         for kind, groups in self.problem_groups().items()},
            **self.extra,
        }

    @property
    def failed(self) -> bool:
        return any(place.startswith(("error:", "dead:", "loop:")) for place in self.problems)


def render_text(r: Report, limit: int = 40) -> str:
    lines: list[str] = []
    rate = f", {r.runs / r.seconds:,.0f} runs/s" if r.seconds and r.mode == "random" else ""
    if r.mode == "random":
        lines.append(f"{r.runs:,} random runs from seed {r.seed} (step limit {r.steps}) in {r.seconds:.2f} s{rate}")
    else:
        x = r.extra
        cut = "cut short by the bound: not every state was seen" if x["cut_short"] else "complete: every reachable state was seen"
        lines.append(f"exhaustive search from seed {r.seed}: {x['states']:,} states (bound {x['bound']:,}), {cut}; {r.seconds:.2f} s")
    ended = sum(r.endings.values())
    names = sorted(set(r.story.endings) | set(r.endings))
    shown = ", ".join(f"{e} {r.endings.get(e, 0):,}" + (f" ({100 * r.endings.get(e, 0) / ended:.1f}%)" if ended and r.mode == "random" else "") for e in names)
    lines.append(f"endings: {shown}" if names else "endings: none")
    never = [e for e in names if not r.endings.get(e)]
    for e in never:
        pos = r.story.endings[e].pos if e in r.story.endings else None
        lines.append(f"  {pos.path}:{pos.line}: ending '{e}' was never reached" if pos else f"  ending '{e}' was never reached")
    cov = r.coverage()
    lines.append("coverage: " + ", ".join(f"{k}s {v['percent']:.1f}% ({v['covered']}/{v['total']})" for k, v in cov.items()))
    missing = r.uncovered()
    if missing:
        lines.append(f"not covered ({len(missing)}):")
        for i in missing[:limit]:
            lines.append(f"  {i.path}:{i.line}: {i.label}")
        if len(missing) > limit:
            lines.append(f"  ... and {len(missing) - limit} more (--format json or --html lists them all)")
    groups = r.problem_groups()
    for kind, title in PROBLEM_KINDS:
        g = groups.get(kind) or []
        if not g:
            continue
        lines.append(f"{title.lower()} ({sum(x['runs'] for x in g):,} runs):")
        for x in g[:limit]:
            ex = x["examples"][0]
            lines.append(f"  {ex['where']}: {ex['message']} [{x['runs']:,} runs]")
            inputs = ex["inputs"] + ([ex["failing"]] if ex.get("failing") else [])
            lines.append(f"    reproduce: seed {ex['seed']}, {len(inputs)} inputs: {json.dumps(_short(inputs))}")
    if not any(groups.values()):
        lines.append("no errors, dead ends or endless loops")
    return "\n".join(lines)


def render_route(r: Report, rid: str) -> str:
    """The inputs the exhaustive search found to reach `rid`: a scene, "scene/option" or "ending:name"."""
    route = r.extra.get("witnesses", {}).get(rid)
    if route is None:
        return f"route to {rid}: none found" + (" (the bound cut the search short: raise --bound)" if r.extra.get("cut_short") else " in the whole state space searched")
    lines = [f"route to {rid} ({len(route)} inputs, from seed {r.seed}):"]
    for n, (scene, kind, value) in enumerate(route, 1):
        lines.append(f"  {n:3}. in {scene}: " + (f"choose {value}" if kind == "choose" else f"type '{value}'"))
    return "\n".join(lines)


def _short(inputs: list, keep: int = 6) -> list:
    """The last few inputs, enough to see where a run went; JSON and saves carry them all."""
    return inputs if len(inputs) <= keep else ["..."] + inputs[-keep:]


def classify_loops(r: Report, engine: Engine) -> None:
    """Tell real endless loops from long runs: search from where each run stopped for a way to an ending.

    Proven loops (the search saw every state from there and none ends) stay "loop"; runs from
    which an ending can still be reached, or where the search could not tell, become "long".
    """
    for place in [p for p in r.problems if p.startswith("loop:")]:
        examples = r.problems.pop(place)
        count = r.counts.pop(place, len(examples))
        ex = examples[0]
        recording = Recording.of(engine.story, ex["seed"], ex["inputs"])
        _, stop = Run.replay(engine, recording, lazy_log=True)
        verdict = "long"
        if stop is None:
            found = search(engine, ex["seed"], LOOP_CHECK_BOUND, start=recording, stop_at_ending=True)
            if found.endings:
                note = "an ending can still be reached from there: a loop random play rarely leaves (raise --steps to let runs go on)"
            elif found.traps_checked:
                verdict, note = "loop", "no ending can ever be reached from there"
            else:
                note = f"no ending was found within {LOOP_CHECK_BOUND:,} states from there, but the search could not finish"
        else:
            note = "(the run could not be replayed to check it)"
        for x in examples:
            x["kind"] = "loop" if verdict == "loop" else "long"
            x["message"] = f"{x['message']}: {note}"
        key = ("loop:" if verdict == "loop" else "long:") + place[5:]
        r.problems[key] = examples
        r.counts[key] = count


def save_problem_runs(r: Report, engine: Engine, folder: Path) -> list[Path]:
    """Write the first example of each problem as a save file, so `nlmg replay FILE` replays it."""
    written = []
    for kind, groups in r.problem_groups().items():
        for n, g in enumerate(groups, 1):
            ex = g["examples"][0]
            run, stop = Run.replay(engine, Recording.of(engine.story, ex["seed"], ex["inputs"]))
            if stop is not None:
                continue
            header, body = encode_save(run, "manual", datetime.now().isoformat(timespec="seconds"), 0.0, f"explore: {kind} {n}")
            path = folder / f"{kind}-{n}.yaml"
            write_atomic(path, dump_save(header, body))
            written.append(path)
    return written


# ---- the command ------------------------------------------------------------------------------


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
        result = search(engine, args.seed, args.bound, args.steps, bar.update)
        bar.close()
        report = Report(story, "exhaustive", result.states, args.seed, args.steps, time.perf_counter() - started,
                        result.covered, result.endings, result.problems, result.counts, result.summary())
    else:
        jobs = args.jobs if args.jobs > 0 else default_jobs()
        bar = progress.Progress(args.runs, "exploring", enabled=False if quiet else None)
        tally = run_random(engine, args.runs, args.seed, args.steps, jobs, bar)
        bar.close()
        report = Report(story, "random", tally.runs, args.seed, args.steps, time.perf_counter() - started,
                        tally.covered, tally.endings, tally.problems, tally.counts, {"jobs": jobs, "inputs": tally.steps})
        classify_loops(report, engine)
    if args.html:
        from game.tools.coverage_html import write_report

        write_report(Path(args.html), report)
    saved: list[Path] = []
    if getattr(args, "save_failures", None):
        saved = save_problem_runs(report, engine, Path(args.save_failures))
    routes = list(getattr(args, "route", None) or [])
    if routes and not args.exhaustive:
        print("nlmg explore: --route needs --exhaustive (random runs keep no routes)", file=sys.stderr)
        return 2
    if args.format == "json":
        data = report.to_json()
        if saved:
            data["saved"] = [str(p) for p in saved]
        print(json.dumps(data, indent=2))
    else:
        print(render_text(report))
        for rid in routes:
            print(render_route(report, rid))
        if args.html:
            print(f"coverage report: {args.html}")
        for p in saved:
            print(f"saved: {p}  (nlmg replay {p})")
    return 1 if report.failed else 0
