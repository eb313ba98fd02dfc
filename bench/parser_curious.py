"""What a curious player types beyond the page's nouns: how much of it gets a reply written for its moment.

bench/parser_corpus.py types what the page invites (its nouns, a battery of standard verbs, the choices in
words). A curious player types more: `turn off the light`, `close my eyes`, `take a deep breath`, `open the
door`, `say sorry`, `go home`, `examine the floor`. This types every line of bench/curious_lines.txt, on a
copy of the state, in the first state random routes reached in each scene, and counts each reply by where it
was written (Outcome.source): for the scene, its location, a person or a carried item, or a choice taken
("written"); a story-wide default; a parser failure; or a question back. Then the lines that most often fall
to a default or a failure, with what the player read: where the parser or the story most wants filling.

Counts, never timings. `NLMG_ROOT` measures another checkout's engine and story (the "before" of a change).
Usage: python bench/parser_curious.py [--routes 40] [--seed 1] [--scenes DIR] [--show 30]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("NLMG_ROOT") or HERE.parent)
sys.path.insert(0, str(ROOT))

from game.engine import Engine, load_story  # noqa: E402 (after the path is set)
from game.tools.parser_report import reach  # noqa: E402 (the states `nlmg parser` types at)

WRITTEN = frozenset({"scene", "location", "person", "item"})


def lines_typed(path: Path) -> list[str]:
    return [t for t in (ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()) if t and not t.startswith("#")]


def kind_of(outcome: object) -> str:
    """written | default | failure | question, by where the reply came from."""
    kind, source = getattr(outcome, "kind", ""), getattr(outcome, "source", "")
    if kind == "question":
        return "question"
    if kind == "choice" or source in WRITTEN:
        return "written"
    return "default" if source == "story-default" else "failure"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--routes", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scenes", default=str(ROOT / "scenes"))
    ap.add_argument("--lines", default=str(HERE / "curious_lines.txt"))
    ap.add_argument("--show", type=int, default=30, help="how many of the lines most often unanswered to list")
    args = ap.parse_args()
    typed = lines_typed(Path(args.lines))
    engine = Engine(load_story(args.scenes))
    states = reach(engine, args.routes, args.seed)
    kinds: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    read: dict[str, str] = {}
    playable = [sid for sid in sorted(states) if states[sid].ended is None]  # an ending answers nothing more
    for scene_id in playable:
        for line in typed:
            out = engine.command(states[scene_id].copy(), line)
            k = kind_of(out)
            kinds[k] += 1
            if k in ("default", "failure"):
                missed[line] += 1
                read[line] = f"[{k}] " + " ".join(getattr(out, "said", []))
    total = sum(kinds.values())
    print(f"{len(typed)} curious lines typed in {len(playable)} scenes ({args.routes} routes, seed {args.seed}, "
          f"story {args.scenes}): {total} replies")
    for k in ("written", "default", "failure", "question"):
        print(f"  {k:9s} {kinds[k]:6d} = {100 * kinds[k] / max(1, total):5.1f}%")
    print(f"lines most often left to a story default or a failure (of {len(playable)} scenes):")
    for line, n in missed.most_common(args.show):
        print(f"  {n:4d}  {line:26s} {read[line][:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
