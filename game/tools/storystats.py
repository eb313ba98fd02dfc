"""`nlmg story-stats`: the figures issue 16 judges a story edition by, each beside its target.

1. single-option share of the choices made along random routes; 2. prose shared by two opposite policy
routes; 3. words per chapter on a route; 4. tic counts and phrases repeated across scenes; 5. the
continuity check (see continuity.py). Everything is measured on the loaded model and on routes played by
the engine itself, so a figure moves only when what a reader meets moves. Exit 0 whatever the figures:
this is a measuring tool, not a gate; 1 only when the story does not load.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game import paths
from game.engine import Engine, Story
from game.engine.diagnostics import Diagnostic
from game.engine.saves import write_atomic
from game.frontends.common import load_or_report, story_dir
from game.tools import continuity, prose
from game.tools.routes import GUARDED, Route, Walker, opposite_policies, shared_prose

HOME, KINGSFIELD = "Hailsham", "Kingsfield"
TARGETS = {
    "single_option_share": ("<=", 0.10),
    "shared_prose_share": ("<=", 0.50),
    "hailsham_share": ("<=", 0.25),
    "kingsfield_words": (">=", 3500),
    "kingsfield_scenes": (">=", 5),
}
WORST = 12  # scenes listed for single options


def meets(name: str, value: float) -> bool:
    op, target = TARGETS[name]
    return value <= target if op == "<=" else value >= target


@dataclass
class Figures:
    """Everything the command reports, as plain data; `to_json` is the --format json output."""

    story: Story
    runs: int
    seed: int
    random_routes: list[Route]
    policy_routes: list[Route]
    shared: tuple[int, int, int]
    tics: dict[str, list[prose.Hit]]
    phrases: list[prose.Phrase]
    continuity_file: str
    continuity: list[Diagnostic]
    notes: list[str] = field(default_factory=list)

    # ---- 1. single options ----------------------------------------------------------------------
    def single_option(self) -> dict[str, Any]:
        steps = [s for r in self.random_routes for s in r.steps]
        singles = sum(1 for _, n in steps if n == 1)
        per_scene: dict[str, list[int]] = {}
        for sid, n in steps:
            tally = per_scene.setdefault(sid, [0, 0])
            tally[0] += 1
            tally[1] += n == 1
        worst = sorted(((sid, t) for sid, t in per_scene.items() if t[1]), key=lambda x: (-x[1][1], x[0]))[:WORST]
        share = singles / len(steps) if steps else 0.0
        return {
            "steps": len(steps), "single": singles, "share": share, "ok": meets("single_option_share", share),
            "worst": [{"scene": sid, "where": self._where(sid), "single": t[1], "steps": t[0]} for sid, t in worst],
            "policy": {r.name: sum(1 for _, n in r.steps if n == 1) / len(r.steps) if r.steps else 0.0 for r in self.policy_routes},
        }

    def _where(self, sid: str) -> str:
        pos = self.story.scenes[sid].pos
        return f"{pos.path}:{pos.line}"

    # ---- 2. shared prose ------------------------------------------------------------------------
    def shared_prose(self) -> dict[str, Any]:
        shared, a, b = self.shared
        shorter = shared / min(a, b) if min(a, b) else 0.0
        mean = shared / ((a + b) / 2) if a + b else 0.0
        return {
            "shared_words": shared, "share_of_shorter": shorter, "share_of_mean": mean, "ok": meets("shared_prose_share", shorter),
            "routes": [{"name": r.name, "words": r.total_words, "choices": len(r.steps), "ties": r.ties,
                        "ending": r.ending, "stopped": r.stopped} for r in self.policy_routes],
        }

    # ---- 3. words per chapter -------------------------------------------------------------------
    def chapters(self) -> dict[str, Any]:
        titles = [c.title for c in self.story.chapters]
        titles += sorted({ch for r in self.random_routes + self.policy_routes for ch in r.words} - set(titles))
        n = len(self.random_routes) or 1
        mean = {t: sum(r.words.get(t, 0) for r in self.random_routes) / n for t in titles}
        home_shares = [r.words.get(HOME, 0) / r.total_words for r in self.random_routes if r.total_words]
        home_share = sum(home_shares) / len(home_shares) if home_shares else 0.0
        king_scenes = [sid for sid, s in self.story.scenes.items() if s.chapter == KINGSFIELD]
        king_seen = [len({s for s in r.scenes if self.story.scenes[s].chapter == KINGSFIELD}) for r in self.random_routes]
        policy = {r.name: {t: r.words.get(t, 0) for t in titles} for r in self.policy_routes}
        return {
            "chapters": titles, "random_mean": mean, "policy": policy,
            "random_total_mean": sum(mean.values()),
            "typed_words_mean": sum(r.typed_words for r in self.random_routes) / n,
            "hailsham_share": home_share, "hailsham_ok": meets("hailsham_share", home_share),
            "policy_hailsham_share": {r.name: (r.words.get(HOME, 0) / r.total_words if r.total_words else 0.0) for r in self.policy_routes},
            "kingsfield_words": mean.get(KINGSFIELD, 0.0), "kingsfield_words_ok": meets("kingsfield_words", mean.get(KINGSFIELD, 0.0)),
            "kingsfield_scenes": len(king_scenes), "kingsfield_scenes_ok": meets("kingsfield_scenes", len(king_scenes)),
            "kingsfield_scenes_on_route": sum(king_seen) / n,
            "endings": _count(r.ending or f"none ({r.stopped})" for r in self.random_routes),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "story": self.story.id, "runs": self.runs, "seed": self.seed,
            "targets": {k: {"op": op, "value": v} for k, (op, v) in TARGETS.items()},
            "single_option": self.single_option(),
            "shared_prose": self.shared_prose(),
            "words": self.chapters(),
            "tics": [{"name": t.name, "count": len(self.tics[t.name]), "target": t.target, "ok": len(self.tics[t.name]) <= t.target,
                      "hits": [{"path": h.path, "line": h.line, "scene": h.scene, "text": h.text} for h in self.tics[t.name]]}
                     for t in prose.TICS],
            "repeated_phrases": [{"phrase": p.words, "scenes": p.scenes,
                                  "places": [{"path": h.path, "line": h.line, "scene": h.scene} for h in p.places]} for p in self.phrases],
            "continuity": {"file": self.continuity_file, "warnings": [d.to_json() for d in self.continuity]},
            "notes": self.notes,
        }


def _count(values: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


# ---- measuring ---------------------------------------------------------------------------------------


def measure(story: Story, runs: int, seed: int, steps: int, declarations_file: Path | None) -> Figures:
    engine = Engine(story)
    walker = Walker(engine, steps)
    random_routes = [walker.random_route(i, seed) for i in range(runs)]
    policy_routes = [walker.policy_route(p, seed) for p in opposite_policies(GUARDED)]
    shared = shared_prose(policy_routes[0].paragraphs(), policy_routes[1].paragraphs())
    pieces = prose.story_pieces(story)
    notes: list[str] = []
    missing = sorted(v for v in GUARDED if v not in story.variables)
    if missing:
        notes.append(f"the story has no variable{'s' if len(missing) > 1 else ''} {', '.join(missing)}: the policies ignore {'them' if len(missing) > 1 else 'it'}")
    declarations: list[continuity.Declaration] = []
    problems: list[Diagnostic] = []
    shown = "none"
    if declarations_file is not None:
        shown = str(declarations_file)
        declarations, problems = continuity.read_declarations(declarations_file, story)
    warnings = problems + continuity.check(story, pieces, declarations)
    return Figures(story, runs, seed, random_routes, policy_routes, shared, prose.count_tics(pieces),
                   prose.repeated_phrases(pieces), shown, warnings, notes)


def declarations_for(option: str | None, scenes: Path) -> Path | None:
    """--continuity FILE; else docs/continuity.yaml beside the story; else the game's own (a writer's older checkout)."""
    if option:
        return Path(option)
    for candidate in (continuity.default_file(scenes), continuity.default_file(paths.scenes_dir())):
        if candidate.is_file():
            return candidate
    return None


# ---- the report --------------------------------------------------------------------------------------


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSES"


def render_text(f: Figures) -> str:
    d = f.to_json()
    out: list[str] = [f"story-stats for '{f.story.id}': {len(f.story.scenes)} scenes; {f.runs} random routes from seed {f.seed}", ""]
    so = d["single_option"]
    out.append("1. Single-option share (choices made on the random routes with exactly one open option; greyed-out options do not count)")
    out.append(f"   {so['single']:,} of {so['steps']:,} steps = {_pct(so['share'])}   target <= 10%   {_verdict(so['ok'])}")
    out.append("   on the policy routes: " + "; ".join(f"{name} {_pct(v)}" for name, v in so["policy"].items()))
    if so["worst"]:
        out.append("   worst scenes (single-option steps / steps met there, over all random routes):")
        out += [f"   {w['where']}: {w['scene']}  {w['single']:,} / {w['steps']:,}" for w in so["worst"]]
    sp = d["shared_prose"]
    out += ["", "2. Shared prose between two opposite routes (paragraphs and replies read word for word on both, in words)"]
    for r in sp["routes"]:
        end = f"ending '{r['ending']}'" if r["ending"] else f"NO ENDING: {r['stopped']}"
        out.append(f"   {r['name']}: {r['words']:,} words, {r['choices']} choices ({r['ties']} decided by list order), {end}")
    out.append(f"   shared: {sp['shared_words']:,} words = {_pct(sp['share_of_shorter'])} of the shorter route "
               f"({_pct(sp['share_of_mean'])} of the mean)   target <= 50% of the shorter   {_verdict(sp['ok'])}")
    w = d["words"]
    names = [r.name for r in f.policy_routes]
    out += ["", "3. Words per chapter on a route (scene text and replies to choices; typed-command replies apart)"]
    out.append(f"   {'chapter':<16}{'random mean':>12}" + "".join(f"{n.split(' and ')[0]:>12}" for n in names))
    for t in w["chapters"]:
        out.append(f"   {t:<16}{w['random_mean'][t]:>12,.0f}" + "".join(f"{w['policy'][n][t]:>12,}" for n in names))
    out.append(f"   {'total':<16}{w['random_total_mean']:>12,.0f}" + "".join(f"{sum(w['policy'][n].values()):>12,}" for n in names))
    out.append(f"   (typed-command replies on a random route: {w['typed_words_mean']:,.0f} words on average)")
    out.append(f"   {HOME}'s share of a route: {_pct(w['hailsham_share'])} (mean over random routes; "
               + ", ".join(f"{n.split(' and ')[0]} {_pct(v)}" for n, v in w["policy_hailsham_share"].items())
               + f")   target <= 25%   {_verdict(w['hailsham_ok'])}")
    out.append(f"   {KINGSFIELD} words: {w['kingsfield_words']:,.0f} (random mean)   target >= 3,500   {_verdict(w['kingsfield_words_ok'])}")
    out.append(f"   {KINGSFIELD} scenes: {w['kingsfield_scenes']} in the story, {w['kingsfield_scenes_on_route']:.1f} on a route on average"
               f"   target >= 5   {_verdict(w['kingsfield_scenes_ok'])}")
    out.append("   random routes ended: " + ", ".join(f"{k} {v}" for k, v in w["endings"].items()))
    out += ["", "4. Tics (all prose: scene text, looks, replies, choice labels, items and endings; case-insensitive, whole words)"]
    for t in d["tics"]:
        out.append(f"   {t['name']:<34}{t['count']:>5}   target <= {t['target']}   {_verdict(t['ok'])}")
        if not t["ok"] and t["count"] <= 12:
            out += [f"      {h['path']}:{h['line']}: {h['text']}" for h in t["hits"]]
    out.append(f"   phrases of 4-6 words repeated across scenes (top {len(d['repeated_phrases'])}):")
    for p in d["repeated_phrases"]:
        places = ", ".join(f"{h['path']}:{h['line']}" for h in p["places"][:4]) + (" ..." if p["scenes"] > 4 else "")
        out.append(f"   {p['scenes']} scenes: \"{p['phrase']}\"  {places}")
    c = d["continuity"]
    out += ["", f"5. Continuity (declarations: {c['file']}): {len(c['warnings'])} warning{'s' if len(c['warnings']) != 1 else ''}"
            + (" (fix: put the prose under a condition that settles the flag, or list the scene under except:)" if c["warnings"] else "")]
    out += [Diagnostic(**x).format() for x in c["warnings"]]
    for n in f.notes:
        out.append(f"note: {n}")
    return "\n".join(out)


def write_routes(f: Figures, folder: Path) -> list[Path]:
    written = []
    for route, name in zip(f.policy_routes, ("guarded-ruth.md", "candid-tommy.md")):
        assert route.run is not None
        path = folder / name
        write_atomic(path, route.run.transcript().encode("utf-8"))
        written.append(path)
    return written


def main(args: argparse.Namespace) -> int:
    story = load_or_report(args.scenes)
    if story is None:
        return 1
    if args.runs < 1 or args.steps < 1:
        print("nlmg story-stats: --runs and --steps must be at least 1", file=sys.stderr)
        return 2
    figures = measure(story, args.runs, args.seed, args.steps, declarations_for(args.continuity, story_dir(args.scenes)))
    written = write_routes(figures, Path(args.routes_out)) if args.routes_out else []
    if args.format == "json":
        data = figures.to_json()
        data["routes_written"] = [str(p) for p in written]
        print(json.dumps(data, indent=2))
    else:
        print(render_text(figures))
        for p in written:
            print(f"route written: {p}")
    return 0
