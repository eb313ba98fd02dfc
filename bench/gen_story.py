"""A generator of large, valid synthetic stories, for benchmarks of the loader, the engine and the author tools.

`generate(folder, scenes, files, seed)` writes story.yaml and `files` scene files holding `scenes`
scenes: 3-6 paragraphs (some conditional) and 3-4 choices each, conditions, effects, things and
typed actions sprinkled in, every scene reachable, every route drifting forward to one of its
endings, so random playthroughs finish. Now and then a choice leaps anywhere further on, so random
walks that start again at the beginning after each ending spread over the whole story (without the
leaps a 10,000-scene walk entered only its first 1,180 scenes); `walk` measures that spread.
The same arguments always write the same bytes.

    python bench/gen_story.py OUT_DIR --scenes 10000 --files 100 --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

WORDS = (
    "the we of and to a in was it that i had she her tommy ruth said but for on with as at "
    "hailsham field pavilion sports guardians cottages carer donor tape song sale exchange "
    "gallery madame boat marsh norfolk lost corner fence woods rain afternoon quiet remember "
    "thought never always something somehow perhaps again before after long ago then still"
).split()
VARIABLES = 12
ITEMS = 8
ENDING_EVERY = 40  # about one ending scene in this many
JUMP = 12  # forward gotos land at most this far ahead
LEAP = 0.06  # how often a choice leaps anywhere further on (years pass in a line), so random walks spread over the story


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _sentence(rng: random.Random, lo: int = 6, hi: int = 16) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng, 5, 12) for _ in range(rng.randint(1, 3)))


def _condition(rng: random.Random, ids: list[str], i: int) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return f"v{rng.randrange(VARIABLES)} >= {rng.randint(1, 3)}"
    if kind == 1:
        return f"has('item{rng.randrange(ITEMS)}')"
    if kind == 2:
        return f"visited('{ids[rng.randrange(max(1, i))]}') > 0"
    return f"not has('item{rng.randrange(ITEMS)}') and v{rng.randrange(VARIABLES)} < 4"


def _effects(rng: random.Random) -> list[str]:
    out = []
    for _ in range(rng.randint(1, 2)):
        kind = rng.randrange(5)
        if kind == 0:
            out.append(f"{{add: {{v{rng.randrange(VARIABLES)}: 1}}}}")
        elif kind == 1:
            out.append(f"{{set: {{v{rng.randrange(VARIABLES)}: {rng.randint(0, 3)}}}}}")
        elif kind == 2:
            out.append(f"{{give: item{rng.randrange(ITEMS)}}}")
        elif kind == 3:
            out.append(f"{{take: item{rng.randrange(ITEMS)}}}")
        else:
            out.append(f"{{roll: {{v{rng.randrange(VARIABLES)}: 3}}}}")
    return out


def _scene(rng: random.Random, ids: list[str], i: int, chapter: str, endings: list[str], ending_at: set[int]) -> str:
    n = len(ids)
    sid = ids[i]
    lines = [f"- id: {sid}", f"  chapter: {_q(chapter)}", f"  title: {_q(_sentence(rng, 2, 4)[:-1])}",
             f"  location: {rng.choice(('hailsham', 'cottages', 'norfolk'))}", "  text:"]
    for p in range(rng.randint(3, 6)):
        if p > 0 and rng.random() < 0.25:
            lines += [f"    - if: {_q(_condition(rng, ids, i))}", f"      text: {_q(_paragraph(rng))}"]
            if rng.random() < 0.5:
                lines.append(f"      else: {_q(_paragraph(rng))}")
        else:
            lines.append(f"    - {_q(_paragraph(rng))}")
    if rng.random() < 0.2:
        lines += ["  on_enter:", f"    - {_effects(rng)[0]}"]
    if i in ending_at:
        lines.append(f"  ending: {endings[sorted(ending_at).index(i) % len(endings)]}")
        return "\n".join(lines)
    if rng.random() < 0.3:
        lines += ["  things:", "    stone:", "      names: [stone, pebble]", f"      look: {_q(_sentence(rng))}"]
        lines += ["  actions:", "    - verbs: [take, lift]", "      thing: stone", "      once: true",
                  f"      do: [{{give: item{rng.randrange(ITEMS)}}}]", f"      say: {_q(_sentence(rng))}"]
        if rng.random() < 0.5:
            lines.append(f"      choice: {_q('Lift the stone.')}")
    lines.append("  choices:")
    nxt = i + 1
    lines += ["    - id: onward", f"      text: {_q(_sentence(rng, 3, 7))}", f"      goto: {ids[nxt]}"]
    for k in range(rng.randint(2, 3)):
        lines += [f"    - id: c{k}", f"      text: {_q(_sentence(rng, 3, 7))}"]
        roll = rng.random()
        if roll < 0.35:
            lines.append(f"      if: {_q(_condition(rng, ids, i))}")
            if rng.random() < 0.3:
                lines.append("      show: disabled")
        if rng.random() < 0.4:
            lines.append(f"      do: [{', '.join(_effects(rng))}]")
        if rng.random() < 0.2:
            lines += ["      once: true", f"      say: {_q(_sentence(rng))}"]
        if k == 0 and i + 2 < n and (i + 1) in ending_at:
            target = ids[i + 2]  # the scene after an ending is reached past it
        elif rng.random() < 0.08 and i > 0:
            target = ids[rng.randrange(max(0, i - JUMP), i)]  # a step back: loops happen, but rarely
        elif rng.random() < LEAP and i + JUMP < n - 1:
            target = ids[rng.randrange(i + JUMP, n)]  # a leap: without these every walk ends within its first few endings
        else:
            target = ids[min(n - 1, i + rng.randint(1, JUMP))]
        lines.append(f"      goto: {target}")
    return "\n".join(lines)


def generate(folder: str | Path, scenes: int, files: int, seed: int) -> Path:
    """Write a story of `scenes` scenes over `files` files into `folder` (created). Returns the folder."""
    if scenes < 2 or files < 1:
        raise ValueError("a generated story needs at least 2 scenes and 1 file")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = min(files, scenes)
    rng = random.Random(seed)
    chapters = [f"Part {k + 1}" for k in range(max(1, scenes // 500))]
    ids = [f"gen.p{i * len(chapters) // scenes}.s{i}" for i in range(scenes)]
    endings = [f"end{k}" for k in range(max(1, min(12, scenes // ENDING_EVERY)))]
    ending_at = {scenes - 1} | {i for i in range(ENDING_EVERY, scenes - 1, ENDING_EVERY)}
    story = [
        "id: generated",
        f"title: {_q(f'A generated story of {scenes} scenes')}",
        f"start: {ids[0]}",
        "chapters:",
        *[f"  - title: {_q(c)}\n    card: {_q('A generated chapter.')}" for c in chapters],
        "items:",
        *[f"  item{k}:\n    name: {_q(f'thing number {k}')}\n    look: {_q('Just a thing.')}" for k in range(ITEMS)],
        "endings:",
        *[f"  {e}:\n    title: {_q(e.capitalize())}\n    text: {_q('It ends here.')}" for e in endings],
        "variables:",
        *[f"  v{k}: 0" for k in range(VARIABLES)],
        "locations: [hailsham, cottages, norfolk]",
    ]
    (folder / "story.yaml").write_text("\n".join(story) + "\n", encoding="utf-8")
    per_file: list[list[str]] = [[] for _ in range(files)]
    for i in range(scenes):
        chapter = chapters[i * len(chapters) // scenes]
        per_file[i * files // scenes].append(_scene(rng, ids, i, chapter, endings, ending_at))
    width = len(str(files))
    for k, body in enumerate(per_file):
        (folder / f"part{k:0{width}d}.yaml").write_text("\n\n".join(body) + "\n", encoding="utf-8")
    return folder


def walk(engine: Any, steps: int, seed: int = 1) -> tuple[int, set[str]]:
    """bench_engine's walk: pick uniformly among enabled options, begin again at each ending. (choices, scenes entered)."""
    rand = random.Random(seed).random
    state = engine.new_state(seed)
    entered: set[str] = set()
    done = 0
    while done < steps:
        options = [o for o in engine.view(state).options if o.enabled] if state.ended is None else []
        if not options:
            entered.update(state.visits)
            state = engine.new_state(seed + done)
            continue
        engine.choose(state, options[int(rand() * len(options))].id)
        done += 1
    entered.update(state.visits)
    return done, entered


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Write a large synthetic story for benchmarks.")
    p.add_argument("folder")
    p.add_argument("--scenes", type=int, default=1000)
    p.add_argument("--files", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args(argv)
    try:
        generate(a.folder, a.scenes, a.files, a.seed)
    except ValueError as exc:
        print(f"gen_story: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {a.scenes} scenes over {min(a.files, a.scenes)} files to {a.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
