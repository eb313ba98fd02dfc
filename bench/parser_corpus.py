"""Parser coverage along random routes: what share of what a curious player types gets a real answer.

Along N seeded random routes through the story, at every step it types, on a copy of the state:
`examine` + each concrete noun of the text on screen (a noun after an article or possessive, and
the names of people), a battery of standard verbs, and each visible choice's text in words (the
whole text, and its first four words). It reports counts and ratios, never timings:

- nouns: answered by the scene, its location, a person or a carried item, vs. a story default or a failure;
- verbs: a reply written for the scene, location or person, vs. a story-wide default, vs. a failure;
- choices: taken (the same choice its number takes), asked about (a question), or missed.

The same script measures an older engine too (no Outcome.source): replies are then classed by
their wording. Usage: python bench/parser_corpus.py [--routes 200] [--seed 1] [--scenes DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from collections import Counter
from pathlib import Path

# NLMG_ROOT measures another checkout's engine on its own story (the "before" of a change)
sys.path.insert(0, os.environ.get("NLMG_ROOT") or str(Path(__file__).resolve().parent.parent))

from game.engine import Engine, load_story

VERBS = ("wait", "think", "remember", "listen", "smell", "sing", "sit down", "stand up", "lie down", "sleep", "x me",
         "cry", "laugh", "jump", "dance", "yes", "no", "hug", "wave", "search", "touch", "hum", "shout", "pray")
DETERMINERS = r"the|a|an|his|her|my|their|our|its|this|that|these|those|some|ruth's|tommy's"
PHRASE = re.compile(rf"\b(?:{DETERMINERS})\s+([a-z][a-z'-]+)(?:\s+([a-z][a-z'-]+))?")
NAME = re.compile(r"(?<=[a-z,;] )(Miss [A-Z][a-z]+|[A-Z][a-z]{2,})\b")
# Not concrete nouns: the words after an article that are adjectives, quantities or abstractions.
NOT_NOUNS = frozenset("""
same other little first last next only whole rest way time end one two three kind sort lot bit moment day
morning afternoon evening night week year years while thing things something nothing everything way ways
idea point fact truth reason question answer sense feeling feelings mind matter part word words chance
month months hour hours minute minutes now made once twice whatever anything anyone someone everyone
place world life lives most best least more less few many much such very own long short good bad old new
great small big few second third half couple number side front middle top bottom back course case start
summer winter autumn spring future past present look sight voice thought thoughts memory memories way
""".split())
FUNCTION = frozenset("""
was were is are had has have would could should might must will did do does been be being and or but of
to in on at for with from by as that which who when where while if so than then there here it its he she
they we i you me him her them us again up down out off over back all just still even not no now
wore went came got gave took said told made put kept left felt knew thought saw seemed began became gone done
""".split())
FAILURE_WORDS = ("I can't see", "There is nothing called", "I don't know how to", "Nothing comes of trying",
                 "Examine what?", "Did you mean")


def nouns_in(paragraphs: list[str]) -> list[str]:
    out: list[str] = []
    for p in paragraphs:
        for m in PHRASE.finditer(p.lower()):
            first, second = m.group(1), m.group(2)
            if first in NOT_NOUNS or first in FUNCTION:
                continue
            verbish = not second or second in FUNCTION or second in NOT_NOUNS or second.endswith(("ed", "ly", "ing"))
            phrase = first if verbish else f"{first} {second}"
            out.append(phrase.strip("'-"))
        out += [n.lower() for n in NAME.findall(p)]
    return list(dict.fromkeys(out))


def shown(outcome: object) -> str:
    return " ".join(getattr(outcome, "said", []))


def classify(outcome: object) -> str:
    """written | default | failure | choice | question, for this engine or an older one."""
    kind = getattr(outcome, "kind", "")
    if kind == "choice":
        return "choice"
    if kind == "question":
        return "question"
    source = getattr(outcome, "source", None)
    if source is not None and source != "":
        if source == "parser-failure":
            return "failure"
        return "default" if source == "story-default" else "written"
    if kind in ("action", "examine", "look", "blocked"):
        return "written"
    text = shown(outcome)
    if not text or any(w in text for w in FAILURE_WORDS) or kind in ("unknown", "empty"):
        return "failure"
    return "default"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--routes", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--steps", type=int, default=80)
    ap.add_argument("--nouns", type=int, default=8, help="nouns typed per step, sampled from the text on screen")
    ap.add_argument("--scenes", default=str(Path(__file__).resolve().parent.parent / "scenes"))
    args = ap.parse_args()
    engine = Engine(load_story(args.scenes))
    nouns, verbs, choices = Counter(), Counter(), Counter()
    missed_nouns: Counter[str] = Counter()
    for r in range(args.routes):
        rng = random.Random(args.seed * 100003 + r)
        state = engine.new_state(args.seed + r)
        for _ in range(args.steps):
            if state.ended is not None:
                break
            view = engine.view(state)
            found = nouns_in(list(view.paragraphs))
            for noun in rng.sample(found, min(len(found), args.nouns)):
                probe = state.copy()
                c = classify(engine.command(probe, f"examine {noun}"))
                nouns[c] += 1
                if c != "written":
                    missed_nouns[f"{state.scene}: {noun}"] += 1
            for verb in rng.sample(VERBS, 6):
                verbs[classify(engine.command(state.copy(), verb))] += 1
            options = [o for o in view.options if o.enabled]
            for o in options:
                text = o.text.rstrip(".!?")
                for form in (text, " ".join(text.split()[:4])):
                    out = engine.command(state.copy(), form)
                    c = classify(out)
                    # an action offered as a choice may be taken through its verbs: the same action, the same effects
                    took = getattr(out, "recorded", False) and getattr(out, "taken", "") == o.id
                    choices["taken" if took else
                            "asked" if c == "question" else "missed"] += 1
            if not options:
                break
            engine.choose(state, rng.choice(options).id)
    def share(counter: Counter, key: str) -> str:
        total = sum(counter.values())
        return f"{counter[key]:>6} of {total:>6} = {100 * counter[key] / max(1, total):5.1f}%"
    print(f"{args.routes} routes, seed {args.seed}, story {args.scenes}")
    print(f"examine + noun  answered for the scene/location/person/item: {share(nouns, 'written')}"
          f"   story default: {share(nouns, 'default')}   failure: {share(nouns, 'failure')}")
    print(f"standard verbs  written for the scene/location/person:       {share(verbs, 'written')}"
          f"   story default: {share(verbs, 'default')}   failure: {share(verbs, 'failure')}")
    print(f"choices typed   taken as their number:                       {share(choices, 'taken')}"
          f"   asked which: {share(choices, 'asked')}")
    answered = {k: nouns[k] + verbs[k] for k in ("written", "default", "failure")}
    total = sum(answered.values())
    print(f"nouns and verbs answered by something other than a failure or a story default: "
          f"{answered['written']} of {total} = {100 * answered['written'] / max(1, total):.1f}%")
    print("most often missed nouns:", ", ".join(f"{k} ({v})" for k, v in missed_nouns.most_common(12)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
