"""A run's history: every line the player read and every input made, in order, for the history screen and transcripts.

Run (run.py) adds to it after each input and cuts it back on undo; marks record where each
input's entries begin, so an undo cuts exactly one input's worth. Asides (typed commands that
changed nothing: look, examine) stay in the history without being inputs; a save keeps them
so a loaded run reads as it was played.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from game.engine.bounds import printable
from game.engine.engine import Engine, Outcome
from game.engine.recording import Input
from game.engine.state import GameState


class LogEntry(NamedTuple):
    """One thing the player read or did. A NamedTuple, not a frozen dataclass: a long run's
    history is rebuilt on every load, and these are made four times faster."""

    kind: str  # chapter | title | text | choice | command | reply | ending
    text: str
    scene: str


class History:
    """The log of one run, and where each input's part of it begins."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.entries: list[LogEntry] = []
        self.marks: list[int] = []  # len(entries) before input i
        self._made: dict[tuple[Any, ...], Any] = {}  # entries that never change (static scenes, choice labels), made once

    def mark(self) -> None:
        """Note that an input begins here."""
        self.marks.append(len(self.entries))

    def cut(self, inputs: int) -> None:
        """Forget everything from input number `inputs` on (0 = all but the start)."""
        del self.entries[self.marks[inputs]:]
        del self.marks[inputs:]

    def truncate(self, entries: int, marks: int) -> None:
        """Put the history back to a length it had: Run's rollback after a story error."""
        del self.entries[entries:]
        del self.marks[marks:]

    # ---- adding ---------------------------------------------------------------------------------
    def outcome(self, state: GameState, inp: Input, outcome: Outcome, before_scene: str) -> None:
        """What an input showed. A refused choice (not open, no such option) is left out: it changed nothing and a
        save keeps no trace of it, so a history that showed it would not be the history a load gives back."""
        if inp.kind == "choose" and not outcome.recorded:
            return
        entries = self.entries
        if inp.kind == "choose":
            key = ("choice", before_scene, inp.value)
            entry = self._made.get(key)
            if entry is None:
                scene = self.engine.scenes.get(before_scene)
                target = scene.choice_index.get(inp.value) if scene is not None else None
                label = getattr(target, "text", None) or getattr(target, "choice_text", None) or inp.value
                entry = self._made[key] = LogEntry("choice", label, before_scene)
            entries.append(entry)
        else:
            entries.append(LogEntry("command", inp.value, before_scene))
        if outcome.said:
            entries.extend([LogEntry("reply", line, before_scene) for line in outcome.said])
        if outcome.entered:
            self.entered(state, outcome.entered, before_scene)

    def entered(self, state: GameState, entered: list[str], before_scene: str | None) -> None:
        """The scene a move arrived in (the last of `entered`): its chapter if new, title, text, and the ending."""
        engine = self.engine
        scenes = engine.scenes
        before = scenes.get(before_scene) if before_scene is not None else None
        final = entered[-1]
        scene = scenes[final]
        entries = self.entries
        if before is None or scene.chapter != before.chapter:
            entries.append(LogEntry("chapter", scene.chapter, final))
        paragraphs = engine.paragraphs(state, scene)
        key = (final, paragraphs if type(paragraphs) is tuple else tuple(paragraphs))
        made = self._made.get(key)  # a scene reads one of a few ways: make each way's entries once per run
        if made is None:
            made = self._made[key] = [LogEntry("title", scene.title, final)] + [LogEntry("text", p, final) for p in paragraphs]
        entries.extend(made)
        if state.ended is not None:
            ending = engine.ending(state)
            entries.append(LogEntry("ending", ending.title if ending else state.ended, final))

    # ---- reading --------------------------------------------------------------------------------
    def asides(self) -> list[tuple[int, str]]:
        """Typed commands that changed nothing (look, examine), each with the number of inputs before it."""
        marks = set(self.marks)
        out: list[tuple[int, str]] = []
        n = 0
        for i, entry in enumerate(self.entries):
            if i in marks:
                n += 1
            elif entry.kind == "command":
                out.append((n, entry.text))
        return out


def transcript(title: str, log: list[LogEntry]) -> str:
    """A run's log as Markdown: the prose the player saw and the choices made, in order."""
    out: list[str] = [f"# {title}", ""]
    for e in log:
        if e.kind == "chapter":
            out += [f"## {e.text}", ""]
        elif e.kind == "title":
            out += [f"### {e.text}", ""]
        elif e.kind in ("text", "reply"):
            out += [e.text, ""]
        elif e.kind == "choice":
            out += [f"> **{e.text}**", ""]
        elif e.kind == "command":
            out += [f"> `{e.text}`", ""]
        elif e.kind == "ending":
            out += [f"**The end: {e.text}**", ""]
    # asides in a shared save are not covered by its fingerprint, and story text is other people's:
    # escape sequences in either must never reach a terminal through `replay --text` or a transcript
    return printable("\n".join(out)).rstrip() + "\n"
