"""The continuity check: prose that names an event, shown on routes where the event may not have happened.

Authors declare, per flag variable, the words that name the event it records (docs/continuity.yaml):

    exposed_chess: [chess]                    # a list of words or phrases
    exposed_pencil_case:
      words: [pencil case]
      except: [hailsham.pencil_regret]        # scenes where the words may stand unguarded

A paragraph, reply, look or choice label that names the event must sit under a condition that settles
the flag: `if: exposed_chess`, `if: not exposed_chess and ruth > 1`, a choice open only when it is set,
or the else branch of `if: exposed_chess`. A condition that reads the flag without settling it
(`exposed_chess or exposed_pencil_case`) is exactly how "the chess and the pencil case" came to be said
on routes that exposed only one, so it is reported too. The scenes that set the flag are exempt: the
event happens there.

The declarations live outside scenes/ because the story loader reads every .yaml file in that folder as
scenes (a declaration file there would stop the story loading), and story.yaml's `variables:` maps a
name to its default only. Words may end in `*` to match any ending (`danc*`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from game.engine.diagnostics import Diagnostic
from game.engine.expr import refs
from game.engine.model import Action, Choice, Story
from game.tools.prose import Guard, Piece

FILE_NAME = "continuity.yaml"


@dataclass(frozen=True)
class Declaration:
    flag: str
    words: tuple[str, ...]
    exempt: frozenset[str]  # scene ids
    path: str
    line: int

    @property
    def pattern(self) -> re.Pattern[str]:
        parts = []
        for w in self.words:
            stem = w.rstrip("*")
            body = r"\s+".join(re.escape(x) for x in stem.split())
            parts.append(body + (r"\w*" if w.endswith("*") else r"\b"))
        return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)


def default_file(scenes_dir: Path) -> Path:
    """docs/continuity.yaml beside the story folder: scenes/ and docs/ are siblings in a checkout."""
    return scenes_dir.resolve().parent / "docs" / FILE_NAME


def read_declarations(path: Path, story: Story) -> tuple[list[Declaration], list[Diagnostic]]:
    """The declarations in `path`, and a warning for each that cannot be used (never an exception)."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return [], [Diagnostic(shown, 0, 0, "warning", f"cannot read the continuity declarations: {exc.strerror}")]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        return [], [Diagnostic(shown, line, 0, "warning", f"YAML syntax: {getattr(exc, 'problem', None) or exc}")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.MappingNode):
        return [], [Diagnostic(shown, root.start_mark.line + 1, 0, "warning", "the file should map each flag to the words that name its event")]
    out: list[Declaration] = []
    problems: list[Diagnostic] = []
    for key, value in root.value:
        line = key.start_mark.line + 1
        flag = str(key.value)
        if flag not in story.variables:
            problems.append(Diagnostic(shown, line, 0, "warning", f"'{flag}' is not one of the story's variables (story.yaml): nothing to check"))
            continue
        words, exempt, problem = _body(value)
        if problem:
            problems.append(Diagnostic(shown, line, 0, "warning", f"'{flag}': {problem}"))
            continue
        unknown = sorted(s for s in exempt if s not in story.scenes)
        if unknown:
            problems.append(Diagnostic(shown, line, 0, "warning", f"'{flag}': except names scenes the story does not have: {', '.join(unknown)}"))
        out.append(Declaration(flag, words, frozenset(exempt), shown, line))
    return out, problems


def _strings(node: Any) -> list[str] | None:
    if isinstance(node, yaml.ScalarNode) and str(node.value).strip():
        return [str(node.value).strip()]
    if isinstance(node, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) and str(n.value).strip() for n in node.value):
        return [str(n.value).strip() for n in node.value]
    return None


def _body(node: Any) -> tuple[tuple[str, ...], list[str], str]:
    """(words, exempt scene ids, problem) for one flag's entry."""
    if isinstance(node, yaml.MappingNode):
        fields = {str(k.value): v for k, v in node.value}
        extra = sorted(set(fields) - {"words", "except"})
        if extra:
            return (), [], f"unknown key{'s' if len(extra) > 1 else ''} {', '.join(extra)} (known: words, except)"
        words = _strings(fields["words"]) if "words" in fields else None
        exempt = _strings(fields["except"]) if "except" in fields else []
        if not words:
            return (), [], "'words' should be a word or a list of words and phrases"
        if exempt is None:
            return (), [], "'except' should be a scene id or a list of them"
        return tuple(words), exempt, ""
    words = _strings(node)
    if not words:
        return (), [], "should be a word, a list of words and phrases, or {words: [...], except: [...]}"
    return tuple(words), [], ""


# ---- what a condition settles ------------------------------------------------------------------------


def implied(tree: list[Any], positive: bool, chosen_sets: dict[str, dict[str, bool]] | None = None, scene: str = "") -> dict[str, bool]:
    """The flags whose value is certain whenever `tree` evaluates to `positive` (True, or False for an else).

    `chosen_sets` maps "scene/choice" to the flags that choice sets to a constant, so that
    `chosen('hailsham.chess', 'show_her_up')` settles what that choice sets.
    """
    kind = tree[0]
    if kind == "var":
        return {tree[1]: positive}
    if kind == "not":
        return implied(tree[1], not positive, chosen_sets, scene)
    if kind in ("and", "or"):
        parts = [implied(t, positive, chosen_sets, scene) for t in tree[1]]
        every = (kind == "and") == positive  # and-true / or-false: every part holds, so anything any part settles
        return _union(parts) if every else _agreed(parts)
    if kind == "cmp" and len(tree[2]) == 1:
        op, right = tree[2][0]
        left = tree[1]
        if left[0] == "const" and right[0] == "var":
            left, right = right, left
        if op in ("==", "!=") and left[0] == "var" and right[0] == "const" and isinstance(right[1], bool):
            value = right[1] if op == "==" else not right[1]
            return {left[1]: value if positive else not value}
    if kind == "call" and tree[1] == "chosen" and positive and chosen_sets:
        args = [a[1] for a in tree[2]]
        key = f"{args[0]}/{args[1]}" if len(args) == 2 else f"{scene}/{args[0]}"
        return dict(chosen_sets.get(key, {}))
    return {}


def _union(parts: list[dict[str, bool]]) -> dict[str, bool]:
    out: dict[str, bool] = {}
    for p in parts:
        for k, v in p.items():
            if out.setdefault(k, v) != v:
                out[k] = v  # a contradiction: the text can never show; either value will do
    return out


def _agreed(parts: list[dict[str, bool]]) -> dict[str, bool]:
    if not parts:
        return {}
    out = dict(parts[0])
    for p in parts[1:]:
        out = {k: v for k, v in out.items() if p.get(k) == v}
    return out


def settled(guards: tuple[Guard, ...], flag: str, chosen_sets: dict[str, dict[str, bool]], scene: str) -> bool | None:
    for tree, must in guards:
        value = implied(tree, must, chosen_sets, scene).get(flag)
        if value is not None:
            return value
    return None


def reads(guards: tuple[Guard, ...], flag: str) -> bool:
    return any(r.kind == "var" and r.name == flag for tree, _ in guards for r in refs(tree))


# ---- the check ---------------------------------------------------------------------------------------


def flag_setters(story: Story) -> tuple[dict[str, set[str]], dict[str, dict[str, bool]]]:
    """Per variable, the scenes with an effect that changes it; and per choice key, the flags it sets to a constant."""
    setters: dict[str, set[str]] = {}
    chosen_sets: dict[str, dict[str, bool]] = {}
    for sid, scene in story.scenes.items():
        for e in scene.all_effects():
            if e.op in ("set", "add", "roll"):
                setters.setdefault(e.target, set()).add(sid)
        takes: list[Choice | Action] = [*scene.choices, *scene.actions]
        for c in takes:
            for e in c.effects:
                if e.op == "set" and e.value is not None and e.value.tree[0] == "const" and isinstance(e.value.tree[1], bool):
                    chosen_sets.setdefault(f"{sid}/{c.id}", {})[e.target] = e.value.tree[1]
    return setters, chosen_sets


def check(story: Story, pieces: list[Piece], declarations: list[Declaration]) -> list[Diagnostic]:
    """A warning for every piece of prose that names a declared event without a guard that settles its flag."""
    setters, chosen_sets = flag_setters(story)
    out: list[Diagnostic] = []
    compiled = [(d, d.pattern, setters.get(d.flag, set())) for d in declarations]
    for piece in pieces:
        for d, pattern, where_set in compiled:
            if piece.scene in where_set or piece.scene in d.exempt:
                continue
            m = pattern.search(piece.text)
            if m is None or settled(piece.guards, d.flag, chosen_sets, piece.scene) is not None:
                continue
            what = {"text": "paragraph", "look": "look", "thing": "look", "say": "reply", "blocked": "reply", "choice": "choice"}[piece.kind]
            where = f" in {piece.scene}" if piece.scene else ""
            if reads(piece.guards, d.flag):
                how = f"its condition reads {d.flag} without settling it"
            else:
                how = f"it shows whether or not {d.flag} is set"
            out.append(Diagnostic(piece.pos.path, piece.pos.line, 0, "warning",
                                  f"{what}{where} names '{m.group(0)}' ({d.flag}), but {how}"))
    return sorted(set(out), key=Diagnostic.sort_key)
