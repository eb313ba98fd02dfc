"""`nlmg parser`: what a player can type in each scene and get an answer written for it, and what they cannot.

For every scene it types what the page invites, on a state that really reached the scene along
random routes (the story's starting values, said so, for a scene no route reached): `examine`
each concrete noun of its prose (found with WordNet, see wordnet.py), `talk to` each person the
prose names, the standard verbs, and each open choice in its own words. It lists, at the file
line that names them, the nouns answered only by a fallback and the people who cannot be talked
to, each with the reply the player would get, and sums the story's parser coverage.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import asdict, dataclass, field
from typing import Any

from game.engine import Engine, GameState, Story, people
from game.frontends.common import load_or_report
from game.tools import wordnet
from game.tools.parserprobe import STANDARD_VERBS, classify, named_people, scene_nouns, try_line
from game.tools.wordnet import NounFinder


@dataclass(frozen=True, slots=True)
class Miss:
    """Something the prose names that the parser answers only with a fallback."""

    kind: str  # noun | person
    text: str  # as the player would type it
    path: str
    line: int
    typed: str  # the line typed: `examine bed`, `talk to ruth`
    reply: str  # what the player would read
    source: str  # story-default | parser-failure; for a person not in the scene, "not here; " and where the reply came from


@dataclass
class SceneReport:
    scene: str
    path: str
    line: int
    reached: bool
    nouns: int = 0
    nouns_answered: int = 0
    verbs: int = 0
    verbs_written: int = 0
    choices: int = 0
    choices_taken: int = 0
    misses: list[Miss] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Coverage:
    """The story's parser coverage: counts over every scene, each scene counted once."""

    nouns: int
    nouns_answered: int
    verbs: int
    verbs_written: int
    choices: int
    choices_taken: int

    @staticmethod
    def of(scenes: list[SceneReport]) -> Coverage:
        return Coverage(*(sum(getattr(s, k) for s in scenes) for k in
                          ("nouns", "nouns_answered", "verbs", "verbs_written", "choices", "choices_taken")))

    @staticmethod
    def percent(part: int, whole: int) -> float:
        return round(100.0 * part / whole, 1) if whole else 100.0


def reach(engine: Engine, routes: int, seed: int, steps: int = 500) -> dict[str, GameState]:
    """The first state in which random routes stood in each scene (route r plays with seed + r)."""
    found: dict[str, GameState] = {}
    for r in range(routes):
        rng = random.Random(seed * 100003 + r)
        state = engine.new_state(seed + r)
        for _ in range(steps):
            found.setdefault(state.scene, state.copy())
            if state.ended is not None:
                break
            options = [o for o in engine.options(state) if o.enabled]
            if not options:
                break
            engine.choose(state, rng.choice(options).id)
    return found


def scene_report(engine: Engine, finder: NounFinder, scene_id: str, state: GameState | None) -> SceneReport:
    """Type at one scene what its page invites; `state` None reads it with the story's starting values."""
    scene = engine.scene(scene_id)
    reached = state is not None
    if state is None:
        state = engine.new_state(0)
        state.scene = scene_id
    out = SceneReport(scene_id, scene.pos.path, scene.pos.line, reached)
    if state.ended is not None or scene.ending is not None:
        return out  # the story is over there: nothing typed is read
    for noun in scene_nouns(finder, scene):
        typed = f"examine {noun.text}"
        reply = try_line(engine, state, typed)
        out.nouns += 1
        if classify(reply) == "written":
            out.nouns_answered += 1
        else:
            out.misses.append(Miss("noun", noun.text, noun.path, noun.line, typed, " ".join(reply.said), reply.source))
    here = people.present(engine.story, scene, list(scene.things.values()))
    for pid, name, line in named_people(engine.story, scene):
        typed = f"talk to {name.lower()}"
        reply = try_line(engine, state, typed)
        if pid not in here or classify(reply) != "written":  # absent: the player reads where they are, at best
            out.misses.append(Miss("person", name, scene.pos.path, line, typed, " ".join(reply.said),
                                   reply.source if pid in here else f"not here; {reply.source}"))
    for verb in STANDARD_VERBS:
        out.verbs += 1
        out.verbs_written += classify(try_line(engine, state, verb)) == "written"
    for option in engine.options(state):
        if not option.enabled:
            continue
        reply = try_line(engine, state, option.text.rstrip(".!?"))
        out.choices += 1
        out.choices_taken += reply.recorded and reply.taken == option.id
    out.misses.sort(key=lambda m: (m.line, m.kind, m.text))
    return out


def build(story: Story, finder: NounFinder, only: list[str] | None = None, routes: int = 50, seed: int = 1) -> list[SceneReport]:
    engine = Engine(story)
    states = reach(engine, routes, seed)
    ids = [sid for sid in story.scenes if not only or sid in only or any(sid.startswith(o + ".") for o in only)]
    return [scene_report(engine, finder, sid, states.get(sid)) for sid in ids]


def render_text(scenes: list[SceneReport], routes: int) -> str:
    lines: list[str] = []
    for s in scenes:
        if not s.misses:
            continue
        note = "" if s.reached else f"  (no route of {routes} reached it: read with the story's starting values)"
        lines.append(f"{s.path}:{s.line}: {s.scene}: {s.nouns_answered} of {s.nouns} nouns answered{note}")
        for m in s.misses:
            what = (f"'{m.text}' cannot be examined" if m.kind == "noun" else
                    f"{m.text} is named but not here to talk to" if m.source.startswith("not here") else
                    f"{m.text} is named but cannot be talked to")
            lines.append(f"  {m.path}:{m.line}: {what}")
            lines.append(f"      > {m.typed}")
            lines.append(f"      {m.reply}  [{m.source}]")
    c = Coverage.of(scenes)
    pc = Coverage.percent
    lines.append(f"parser coverage over {len(scenes)} scenes:")
    lines.append(f"  nouns answered for the scene:  {c.nouns_answered} of {c.nouns} = {pc(c.nouns_answered, c.nouns):.1f}%")
    lines.append(f"  verbs with their own replies:  {c.verbs_written} of {c.verbs} = {pc(c.verbs_written, c.verbs):.1f}%")
    lines.append(f"  choices taken in words:        {c.choices_taken} of {c.choices} = {pc(c.choices_taken, c.choices):.1f}%")
    return "\n".join(lines)


def to_json(scenes: list[SceneReport]) -> dict[str, Any]:
    c = Coverage.of(scenes)
    return {
        "coverage": {**asdict(c), "nouns_percent": Coverage.percent(c.nouns_answered, c.nouns),
                     "verbs_percent": Coverage.percent(c.verbs_written, c.verbs),
                     "choices_percent": Coverage.percent(c.choices_taken, c.choices)},
        "scenes": [asdict(s) for s in scenes],
    }


def main(args: argparse.Namespace) -> int:
    wn = wordnet.load()
    if wn is None:
        print(f"nlmg parser: {wordnet.missing_message()}", file=sys.stderr)
        return 2
    story = load_or_report(args.scenes)
    if story is None:
        return 1
    unknown = [o for o in args.scene or [] if o not in story.scenes and not any(s.startswith(o + ".") for s in story.scenes)]
    if unknown:
        print(f"nlmg parser: no scene or chapter prefix '{unknown[0]}' in {story.root}", file=sys.stderr)
        return 2
    scenes = build(story, NounFinder(wn), args.scene, args.routes, args.seed)
    if args.format == "json":
        print(json.dumps(to_json(scenes), indent=2))
    else:
        print(render_text(scenes, args.routes))
    return 0
