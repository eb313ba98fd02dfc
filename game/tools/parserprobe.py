"""What the author tools type at the parser, and how they judge its replies: shared by `nlmg parser`, `explore --battery` and bench/parser_corpus.py.

A reply counts as written for the moment when its Outcome.source is the scene, its location, a
person or a carried item; a story-wide default and a parser failure are the two fallbacks the
tools report. Prose positions are paragraph starts, so `line_of` looks for the word itself in
the file from there: the author is sent to the line that names the noun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from game.engine import Engine, GameState, Outcome
from game.engine.model import Scene, Story
from game.tools.wordnet import Found, NounFinder, unique

# What players type everywhere, as issue 11 measured it.
STANDARD_VERBS = ("wait", "think", "remember", "listen", "smell", "sing", "sit down", "stand up", "lie down", "sleep",
                  "x me", "cry", "laugh", "jump", "dance", "yes", "no", "hug", "wave", "search", "touch", "hum",
                  "shout", "pray")
WRITTEN = frozenset({"scene", "location", "person", "item"})


def classify(outcome: Outcome) -> str:
    """written | default | failure | choice | question: how well a typed line was answered."""
    if outcome.kind == "choice" or (outcome.recorded and outcome.kind == "action"):
        return "choice" if outcome.kind == "choice" else "written"
    if outcome.kind == "question":
        return "question"
    if outcome.source in WRITTEN:
        return "written"
    return "default" if outcome.source == "story-default" else "failure"


def fallback(outcome: Outcome) -> bool:
    """A reply nobody wrote for this moment: a story-wide default or a parser failure."""
    return classify(outcome) in ("default", "failure")


@dataclass(frozen=True, slots=True)
class NounAt:
    """A concrete noun of a scene's prose and the file line that names it."""

    text: str
    lemma: str
    path: str
    line: int


@lru_cache(maxsize=256)
def _file_lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_text(encoding="utf-8").lower().splitlines())
    except OSError:
        return ()


def line_of(path: str, start: int, phrase: str) -> int:
    """The first line at or after `start` that holds `phrase` as whole words; `start` when none does."""
    pattern = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in phrase.lower().split()) + r"\b")
    lines = _file_lines(path)
    for n in range(max(start, 1), len(lines) + 1):
        if pattern.search(lines[n - 1]):
            return n
        if " " in phrase and n < len(lines) and pattern.search(lines[n - 1] + " " + lines[n].strip()):
            return n  # a compound broken over two lines of a folded scalar
    return start


def scene_texts(scene: Scene) -> list[tuple[str, str, int]]:
    """Every paragraph a player may read in the scene, either branch of a conditional one: (text, path, line)."""
    out = []
    for p in scene.paragraphs:
        out.append((p.text, p.pos.path or scene.pos.path, p.pos.line or scene.pos.line))
        if p.else_text:
            out.append((p.else_text, p.pos.path or scene.pos.path, p.pos.line or scene.pos.line))
    return out


def scene_nouns(finder: NounFinder, scene: Scene) -> list[NounAt]:
    """The scene's concrete nouns, each once, with the line that first names it."""
    seen: dict[str, NounAt] = {}
    for text, path, line in scene_texts(scene):
        for f in unique(finder.find(text)):
            if f.lemma not in seen:
                seen[f.lemma] = NounAt(f.text, f.lemma, path, line_of(path, line, f.text))
    return list(seen.values())


def text_nouns(finder: NounFinder, paragraphs: list[str] | tuple[str, ...]) -> list[Found]:
    """The concrete nouns of the text on screen, each once."""
    return unique([f for p in paragraphs for f in finder.find(p)])


def named_people(story: Story, scene: Scene) -> list[tuple[str, str, int]]:
    """The people of the story the scene's prose names (not the narrator): (person id, name as written, line)."""
    out: dict[str, tuple[str, str, int]] = {}
    for text, path, line in scene_texts(scene):
        lower = text.lower()
        for p in story.people.values():
            if p.everywhere or p.id in out:
                continue
            for n in sorted(p.names, key=len, reverse=True):
                if re.search(rf"\b{re.escape(n)}\b", lower) and re.search(rf"\b{re.escape(n)}\b", text, re.IGNORECASE):
                    written = re.search(rf"\b{re.escape(n)}\b", text, re.IGNORECASE)
                    if written and written.group()[:1].isupper():  # a name, not `her` or `lucy` in a word
                        out[p.id] = (p.id, written.group(), line_of(path, line, n))
                        break
    return list(out.values())


def try_line(engine: Engine, state: GameState, line: str) -> Outcome:
    """What typing `line` would do now, on a copy: the state is never changed."""
    return engine.command(state.copy(), line)
