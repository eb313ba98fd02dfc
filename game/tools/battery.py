"""`nlmg explore --battery`: along the random runs, type what players type everywhere and report what fell to a fallback.

The first time a run stands in a scene, the battery types, each on a copy of the state (the run
goes on untouched): the standard verbs (wait, think, remember, ... see parserprobe) and `examine`
with each concrete noun of the text on screen (WordNet, see wordnet.py). A reply that is a
story-wide default or a parser failure is recorded through the explorer's own tally, as a
problem of kind "fallback" with the run's inputs so far, so it merges across worker processes
like any other; `take` then moves those out of the explore report (they are not failures of the
story) and this module prints them grouped per scene, and saves one run per scene for
`nlmg replay`, with the line to type once it stands there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from game.engine import Engine, GameState, Recording, Run
from game.engine.saves import dump_save, encode_save, write_atomic
from game.tools.parserprobe import STANDARD_VERBS, classify, line_of, text_nouns
from game.tools.wordnet import NounFinder

KIND = "fallback"
EXAMPLES = 5  # as the explorer keeps: the lowest run numbers


class Battery:
    """The explorer's probe: called after each step of a run with the run's inputs so far."""

    def __init__(self, engine: Engine, finder: NounFinder, verbs: tuple[str, ...] = STANDARD_VERBS):
        self.engine = engine
        self.finder = finder
        self.verbs = verbs
        self._replies: dict[tuple[Any, ...], list[dict[str, str]]] = {}  # (scene, items, text) -> fallbacks
        self._run = -1
        self._seen: set[str] = set()  # scenes this run has already been probed in

    def lines(self, text: tuple[str, ...]) -> list[str]:
        """What the battery types at this text on screen: the standard verbs, then `examine` each noun."""
        return [*self.verbs, *(f"examine {f.text}" for f in text_nouns(self.finder, text))]

    def fallbacks(self, state: GameState, text: tuple[str, ...]) -> list[dict[str, str]]:
        """The lines that fall to a fallback here, typed once per state that can answer differently.

        Typing ~50 lines at every scene of every run would cost twenty times the run itself, so the
        replies are worked out once per scene, items carried (they answer `examine` everywhere) and
        text on screen (which shows most of what the scene's conditions read), and later runs that
        meet the same are counted against the first. A reply that hangs on a variable the text does
        not show is judged as the first run to meet it found it (the exhaustive search's full state
        key was tried: it made nearly every visit new, and the battery as slow as typing everything).
        """
        key = (state.scene, frozenset(state.items), text)
        found = self._replies.get(key)
        if found is not None:
            return found
        scene = self.engine.scene(state.scene)
        starts = [p.pos.line for p in scene.paragraphs if p.pos.line] or [scene.pos.line]
        found = []
        for typed in self.lines(text):
            reply = self.engine.command(state.copy(), typed)
            verdict = classify(reply)
            if verdict not in ("default", "failure"):
                continue
            line = line_of(scene.pos.path, min(starts), typed[8:]) if typed.startswith("examine ") else scene.pos.line
            found.append({"typed": typed, "reply": " ".join(reply.said), "source": reply.source,
                          "where": f"{scene.pos.path}:{line}",
                          "message": f"'{typed}' in '{scene.id}' falls to a {'story default' if verdict == 'default' else 'parser failure'}"})
        self._replies[key] = found
        return found

    def __call__(self, index: int, seed: int, state: GameState, inputs: list[tuple[str, str, str]], tally: Any) -> None:
        if index != self._run:
            self._run, self._seen = index, set()
        if state.ended is not None or state.scene in self._seen:
            return
        self._seen.add(state.scene)
        for f in self.fallbacks(state, tuple(self.engine.view(state).paragraphs)):
            place = f"{KIND}:{state.scene}:{f['typed']}"
            if len(tally.problems.get(place, ())) >= EXAMPLES:  # the examples are kept: only count the run
                tally.counts[place] = tally.counts.get(place, 0) + 1
                continue
            tally.problem(place, {"run": index, "seed": seed, "kind": KIND, "scene": state.scene, **f,
                                  "inputs": [list(i) for i in inputs], "failing": [state.scene, "command", f["typed"]]})


@dataclass
class Fallback:
    scene: str
    where: str
    typed: str
    reply: str
    source: str
    runs: int
    example: dict[str, Any]


@dataclass
class Findings:
    """The battery's fallbacks, per scene in story order."""

    scenes: dict[str, list[Fallback]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {sid: [{"where": f.where, "typed": f.typed, "reply": f.reply, "source": f.source, "runs": f.runs,
                       "seed": f.example["seed"], "inputs": f.example["inputs"]} for f in fs]
                for sid, fs in self.scenes.items()}


def take(report: Any) -> Findings:
    """Move the battery's problems out of an explore Report (they are not failures of the story)."""
    found: dict[str, list[Fallback]] = {}
    for place in [p for p in report.problems if p.startswith(KIND + ":")]:
        examples = report.problems.pop(place)
        runs = report.counts.pop(place, len(examples))
        ex = min(examples, key=lambda e: (len(e["inputs"]), e["run"]))  # the shortest way there
        found.setdefault(ex["scene"], []).append(Fallback(ex["scene"], ex["where"], ex["typed"], ex["reply"], ex["source"], runs, ex))
    order = {sid: n for n, sid in enumerate(report.story.scenes)}
    out = Findings()
    for sid in sorted(found, key=lambda s: order.get(s, len(order))):
        out.scenes[sid] = sorted(found[sid], key=lambda f: (_line(f.where), f.typed))
    return out


def _line(where: str) -> int:
    tail = where.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def render(findings: Findings, limit: int = 40) -> str:
    total = sum(len(fs) for fs in findings.scenes.values())
    if not total:
        return "battery: every verb and noun typed got a reply written for its scene"
    lines = [f"battery: {total} inputs in {len(findings.scenes)} scenes fell to a fallback (story default or parser failure):"]
    for sid, fs in findings.scenes.items():
        ex = min((f.example for f in fs), key=lambda e: (len(e["inputs"]), e["run"]))
        lines.append(f"{fs[0].where.rsplit(':', 1)[0]}: {sid} ({len(fs)} inputs)")
        for f in fs[:limit]:
            lines.append(f"  {f.where}: > {f.typed}  [{f.source}, {f.runs:,} runs]")
            lines.append(f"      {f.reply}")
        if len(fs) > limit:
            lines.append(f"  ... and {len(fs) - limit} more (--format json lists them all)")
        lines.append(f"  reach it: seed {ex['seed']}, {len(ex['inputs'])} inputs: {json.dumps(ex['inputs'])}")
    return "\n".join(lines)


def save(findings: Findings, engine: Engine, folder: Path) -> list[Path]:
    """One save per scene, replaying the shortest run found to it: `nlmg replay` it, then type the lines listed."""
    written = []
    for sid, fs in findings.scenes.items():
        ex = min((f.example for f in fs), key=lambda e: (len(e["inputs"]), e["run"]))
        run, stop = Run.replay(engine, Recording.of(engine.story, ex["seed"], ex["inputs"]))
        if stop is not None:
            continue
        header, body = encode_save(run, "manual", datetime.now().isoformat(timespec="seconds"), 0.0,
                                   f"explore --battery: {sid}, then type: {', '.join(f.typed for f in fs[:5])}")
        path = folder / f"{KIND}-{sid}.yaml"
        write_atomic(path, dump_save(header, body))
        written.append(path)
    return written
