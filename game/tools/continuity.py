"""The continuity check: prose that names an event, shown on routes where the event may not have happened.

Authors declare, per flag variable, the words that name the event it records (docs/continuity.yaml):

    exposed_chess: [chess]                    # a list of words or phrases
    exposed_pencil_case:
      words: [pencil case]
      except: [hailsham.pencil_regret]        # scenes where the words may stand unguarded

A paragraph, reply, look or choice label that names the event must be where the flag is settled
(flagflow.py): in a scene every way into which brings one value (before the event can happen, or only
after the choice that sets it), or under a condition that fixes it: `if: exposed_chess`,
`if: not exposed_chess and ruth > 1`, the else of `if: exposed_chess`, a choice open only then,
`chosen(...)` of a choice at the fork. A condition that reads the flag without settling it
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
from game.engine.model import Story
from game.tools.flagflow import UNSETTLED, FlagFlow, Guard, Hook, settled
from game.tools.prose import Piece

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


# ---- the check ---------------------------------------------------------------------------------------


def reads(guards: tuple[Guard, ...], flag: str) -> bool:
    return any(r.kind == "var" and r.name == flag for tree, _ in guards for r in refs(tree))


def _hook(flow: FlagFlow, flag: str, scene: str) -> Hook:
    def hook(name: str, args: list[Any]) -> bool | None:
        if name == "chosen" and args:
            return flow.chosen_value(flag, f"{args[0]}/{args[1]}" if len(args) == 2 else f"{scene}/{args[0]}")
        if name == "has" and args:
            return flow.given_value(flag, str(args[0]))
        return None
    return hook


def check(story: Story, pieces: list[Piece], declarations: list[Declaration]) -> list[Diagnostic]:
    """A warning for every piece of prose that names a declared event where the flag recording it is not settled."""
    flow = FlagFlow(story)
    out: list[Diagnostic] = []
    for d in declarations:
        pattern = d.pattern
        entered = flow.entered_with(d.flag)
        quiet = flow.setters(d.flag) | d.exempt | {sid for sid, v in entered.items() if v != UNSETTLED}
        for piece in pieces:
            if piece.scene in quiet:
                continue
            m = pattern.search(piece.text)
            if m is None or settled(piece.guards, d.flag, _hook(flow, d.flag, piece.scene)) is not None:
                continue
            what = {"text": "paragraph", "look": "look", "thing": "look", "say": "reply", "blocked": "reply", "choice": "choice"}[piece.kind]
            what = f"the else of a {what}" if piece.otherwise else what
            where = f" in {piece.scene}" if piece.scene else ""
            if reads(piece.guards, d.flag):
                how = f"its condition reads {d.flag} without settling it"
            else:
                how = f"it shows whether or not {d.flag} is set"
            out.append(Diagnostic(piece.pos.path, piece.pos.line, 0, "warning",
                                  f"{what}{where} names '{m.group(0)}' ({d.flag}), but {how}"))
    return sorted(set(out), key=Diagnostic.sort_key)
