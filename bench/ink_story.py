"""The benchmark's generated story (gen_story.py) written again as ink source, so ink runtimes walk the same graph.

Issue 13 asks that our walk stay 3x faster than the fastest ink runtime; that is only a fair contest on the
same story. This reads the YAML gen_story writes (the subset it writes, and nothing else: anything it does
not know is an error, never silently dropped) and writes one knot per scene, in the same order, with:

- the scene's paragraphs as lines, a conditional one as `{cond: text|else}`;
- `on_enter` effects at the knot's top, run on every entry as ours are; then a `(top)` label, so a choice
  that stays in the scene shows its text again without counting as a new visit, as our view does;
- the options in our order (actions offered as choices, then choices): `*` for `once`, `+` otherwise, an
  `if` as a choice condition, `do` as `~` lines, `say` as a line, `goto` as a divert;
- variables as `VAR`s, each item as a true/false `VAR` (`has('x')` reads it), `visited('id') > 0` as the
  knot's read count, `roll: {v: n}` as `RANDOM(1, n)` seeded by the run (`run_seed`, set before each walk);
- an ending scene's text, then `-> END`.

Two things ink has no word for are left out, and neither changes a random walk over enabled options:
`show: disabled` (ink hides a choice whose condition fails) and actions that are only typed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

SCENE_KEYS = {"id", "chapter", "title", "location", "text", "on_enter", "ending", "things", "actions", "choices"}
CHOICE_KEYS = {"id", "text", "if", "show", "do", "say", "once", "goto"}
ACTION_KEYS = {"id", "verbs", "thing", "do", "say", "once", "choice", "goto", "if"}
# What a condition may hold once has() and visited() are rewritten: names, whole numbers, comparisons, and/or/not.
CONDITION_TOKEN = re.compile(r"\s*(?:[A-Za-z_][A-Za-z0-9_]*|\d+|>=|<=|==|!=|>|<|\(|\))")
INK_SPECIAL = set("\\{}[]|#/~<>-*+=:")


def knot(scene_id: str) -> str:
    """An ink knot name for a scene id: ink names cannot hold dots."""
    name = scene_id.replace(".", "_")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ValueError(f"scene id {scene_id!r} cannot be an ink knot name")
    return name


def text(line: str) -> str:
    """Prose as one ink line: every character ink could read as markup is escaped with a backslash."""
    return "".join("\\" + ch if ch in INK_SPECIAL else ch for ch in " ".join(line.split()))


def condition(expr: str) -> str:
    """One of our conditions in ink: has('x') -> x, visited('a.b') -> a_b (the knot's read count)."""
    out = re.sub(r"has\('([A-Za-z0-9_]+)'\)", r"\1", expr)
    out = re.sub(r"visited\('([A-Za-z0-9_.]+)'\)", lambda m: knot(m.group(1)), out)
    pos = 0
    while pos < len(out.rstrip()):
        m = CONDITION_TOKEN.match(out, pos)
        if m is None:
            raise ValueError(f"condition {expr!r} has something ink_story cannot translate at {out[pos:]!r}")
        pos = m.end()
    return out.strip()


def effect(eff: dict[str, Any]) -> str:
    """One effect as an ink `~` line."""
    if len(eff) != 1:
        raise ValueError(f"an effect must have one key: {eff!r}")
    (kind, arg), = eff.items()
    if kind in ("give", "take"):
        return f"~ {arg} = {'true' if kind == 'give' else 'false'}"
    if kind in ("add", "set", "roll") and isinstance(arg, dict) and len(arg) == 1:
        (name, n), = arg.items()
        if kind == "add":
            return f"~ {name} = {name} + {int(n)}"
        if kind == "set":
            return f"~ {name} = {int(n)}"
        return f"~ {name} = RANDOM(1, {int(n)})"
    raise ValueError(f"ink_story cannot translate the effect {eff!r}")


def _paragraphs(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    lines = []
    for p in items:
        if isinstance(p, str):
            lines.append(text(p))
        elif isinstance(p, dict) and set(p) <= {"if", "text", "else"}:
            alt = f"|{text(p['else'])}" if "else" in p else ""
            lines.append(f"{{{condition(p['if'])}: {text(p['text'])}{alt}}}")
        else:
            raise ValueError(f"ink_story cannot translate the paragraph {p!r}")
    return lines


def _option(label: str, once: bool, cond: str | None, body: dict[str, Any], goto: str | None) -> list[str]:
    """One ink choice: its line, then its effects, its said text and where it goes (the scene again without goto)."""
    head = ("* " if once else "+ ") + (f"{{{condition(cond)}}} " if cond else "") + f"[{text(label)}]"
    lines = [head, *(f"  {effect(e)}" for e in body.get("do") or [])]
    if body.get("say"):
        lines += [f"  {p}" for p in _paragraphs(body["say"])]
    lines.append(f"  -> {knot(goto) if goto else 'top'}")
    return lines


def scene(sc: dict[str, Any]) -> list[str]:
    """One scene as one knot."""
    unknown = set(sc) - SCENE_KEYS
    if unknown:
        raise ValueError(f"scene {sc.get('id')!r}: ink_story cannot translate {sorted(unknown)}")
    lines = [f"=== {knot(sc['id'])} ===", *(effect(e) for e in sc.get("on_enter") or []), "- (top)"]
    lines += _paragraphs(sc.get("text") or [])
    if sc.get("ending"):
        return [*lines, "-> END"]
    for a in sc.get("actions") or []:
        if set(a) - ACTION_KEYS:
            raise ValueError(f"scene {sc['id']!r}: ink_story cannot translate action keys {sorted(set(a) - ACTION_KEYS)}")
        if "choice" in a:  # an action only typed is no option in a walk over choices
            lines += _option(a["choice"], bool(a.get("once")), a.get("if"), a, a.get("goto"))
    for c in sc.get("choices") or []:
        if set(c) - CHOICE_KEYS:
            raise ValueError(f"scene {sc['id']!r}: ink_story cannot translate choice keys {sorted(set(c) - CHOICE_KEYS)}")
        lines += _option(c["text"], bool(c.get("once")), c.get("if"), c, c.get("goto"))
    return lines


def to_ink(folder: str | Path) -> str:
    """The ink source of a story folder written by gen_story.generate."""
    folder = Path(folder)
    frame = yaml.load((folder / "story.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    out = [f"// {frame.get('title', 'a generated story')}, from {folder.name} by bench/ink_story.py", "VAR run_seed = 1"]
    for name, value in (frame.get("variables") or {}).items():
        out.append(f"VAR {name} = {str(value).lower() if isinstance(value, bool) else int(value)}")
    out += [f"VAR {item} = false" for item in frame.get("items") or {}]
    out += ["~ SEED_RANDOM(run_seed)", f"-> {knot(frame['start'])}", ""]
    for path in sorted(folder.glob("*.yaml")):
        if path.name == "story.yaml":
            continue
        for sc in yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or []:
            out += [*scene(sc), ""]
    return "\n".join(out)


if __name__ == "__main__":
    import sys

    sys.stdout.write(to_ink(sys.argv[1]))
