"""What `nlmg explore` reports: what a story holds to be covered, and the report of a batch of runs or a search.

The Report is plain data (its JSON form is `to_json()`); render_text and render_route print it.
Runs that hit the step limit are told apart from true endless loops by an exhaustive search from
where they stopped (classify_loops), and problem runs can be written out as saves for `nlmg replay`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from game.engine import Engine, Recording, Run, RunError, Story
from game.engine.saves import dump_save, encode_save, write_atomic
from game.tools.exhaustive import search

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
    problems: dict[str, list[dict[str, Any]]]
    counts: dict[str, int]
    extra: dict[str, Any] = field(default_factory=dict)  # exhaustive: states, bound, cut_short, witnesses

    @property
    def items(self) -> dict[str, list[Item]]:
        return universe(self.story)

    def coverage(self) -> dict[str, dict[str, Any]]:
        out = {}
        for kind, items in self.items.items():
            hit = sum(1 for i in items if i.key in self.covered)
            out[kind] = {"covered": hit, "total": len(items), "percent": round(100.0 * hit / len(items), 1) if items else 100.0}
        return out

    def uncovered(self) -> list[Item]:
        return [i for items in self.items.values() for i in items if i.key not in self.covered]

    def problem_groups(self) -> dict[str, list[dict[str, Any]]]:
        """Per kind: [{place, runs, examples}], most frequent first."""
        groups: dict[str, list[dict[str, Any]]] = {k: [] for k, _ in PROBLEM_KINDS}
        for place, examples in self.problems.items():
            kind = place.split(":", 1)[0]
            groups.setdefault(kind, []).append({"place": place, "runs": self.counts.get(place, len(examples)), "examples": examples})
        for g in groups.values():
            g.sort(key=lambda x: (-x["runs"], x["examples"][0]["run"]))
        return groups

    def to_json(self) -> dict[str, Any]:
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
        if x.get("prose_merged"):
            lines.append("  states that differ only in what prose reads were merged: endings, dead ends and loops are exact;"
                         " conditional paragraphs count as covered only where a kept state shows them")
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
        lines.append(f"{title.lower()} ({_runs(sum(x['runs'] for x in g))}):")
        for x in g[:limit]:
            ex = x["examples"][0]
            lines.append(f"  {ex['where']}: {ex['message']} [{_runs(x['runs'])}]")
            inputs = ex["inputs"] + ([ex["failing"]] if ex.get("failing") else [])
            lines.append(f"    reproduce: seed {ex['seed']}, {len(inputs)} input{'' if len(inputs) == 1 else 's'}: {json.dumps(_short(inputs))}")
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


def _short(inputs: list[Any], keep: int = 6) -> list[Any]:
    """The last few inputs, enough to see where a run went; JSON and saves carry them all."""
    return inputs if len(inputs) <= keep else ["...", *inputs[-keep:]]


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
            found = search(engine, ex["seed"], LOOP_CHECK_BOUND, start=recording, stop_at_ending=True, text=False)
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
            inputs = list(ex["inputs"]) + ([ex["failing"]] if ex.get("failing") else [])
            name = f"explore: {kind} {n}"
            if ex.get("kind") == "error" and inputs:
                # A run is put back when the story fails, so the save stands one input before the error, and its
                # name says what to do next to see it (a view that cannot be drawn cannot be saved either).
                then = inputs.pop()
                name += f" (then {'choose' if then[1] == 'choose' else 'type'} {then[2]!r})"
            try:
                run, stop = Run.replay(engine, Recording.of(engine.story, ex["seed"], inputs))
                if stop is not None:
                    continue
                header, body = encode_save(run, "manual", datetime.now().isoformat(timespec="seconds"), 0.0, name)
            except RunError:  # the story fails before the problem's own place: nothing a save could stand on
                continue
            path = folder / f"{kind}-{n}.yaml"
            write_atomic(path, dump_save(header, body))
            written.append(path)
    return written


def _runs(n: int) -> str:
    """'1 run', '1,204 runs' (exhaustive counts states in the same column, as one run each)."""
    return f"{n:,} run{'' if n == 1 else 's'}"
