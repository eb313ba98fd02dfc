"""Undo, redo and going back to a moment: what one press of undo takes back, the redo stack, and what Kathy says of it.

A player undoes what they did, not what the engine recorded. One choice is one thing; so is one
typed line, even when clauses.py played it as several inputs (`take the letter and go north`):
undo takes the whole line back and redo brings the whole line again. The recording stays as it
always was, one input a clause, so replay is exact and a save keeps its shape; which clauses came
from one line is known only to the Run that saw them typed, like the parser's memory, and is
never saved. A loaded run therefore undoes the lines typed before the save one clause at a time
(each clause is the input it was recorded as), and every line typed since as the line it was.

Everything taken back goes the same way: back to where the log stood before it, by one replay
from the nearest checkpoint (Run._rewind), whatever the number of steps, so going back a hundred
steps costs one undo, not a hundred. What was taken back waits on the redo stack a step at a time,
so redo after going back to a moment brings each step again in turn.

The words said (undone, undone_line, undone_aside, redone, gone_back, no_moment, nothing_to_undo,
nothing_to_redo) are named responses (responses.py): the story writes them in Kathy's voice, each
scene in its own tense, and they come back in the Outcome's `said`, so every front end says the same.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, NamedTuple

from game.engine.engine import Engine, Outcome
from game.engine.history import History
from game.engine.recording import Input, Recording
from game.engine.state import GameState

if TYPE_CHECKING:
    from collections.abc import Callable

    from game.engine.checkpoints import Checkpoints

UNDO_WORDS = ("undo", "back", "u")
REDO_WORDS = ("redo",)
MOMENT_KINDS = ("choice", "command")  # the log entries a player can go back to: where something they did begins


class Aside(NamedTuple):
    """A typed line that changed nothing (look, examine): undone, it waits to be typed again, into the log only."""

    scene: str
    line: str


class Step(NamedTuple):
    """What one press of undo takes back, in the order it was done: a choice, a typed line (all its clauses), a look."""

    things: tuple[Input | Aside, ...]
    words: str  # how the player would know it: the choice's words, or the line as typed

    @property
    def kind(self) -> str:
        """Which response names it: undone_line, undone_aside or undone."""
        if len(self.things) > 1:
            return "line"
        return "aside" if isinstance(self.things[0], Aside) else "input"


class Line(NamedTuple):
    """A typed line of several clauses still in the log: its entries are log[start:end]."""

    start: int
    end: int
    text: str


def finished(text: str) -> str:
    """`text` as the end of a sentence: what {done} is filled with (a typed `look` becomes `look.`)."""
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "…")) else text + "."


class Rollback:
    """Run's undo and redo (run.py inherits it): taking back whole steps, bringing them again, going back to a moment."""

    engine: Engine
    state: GameState
    recording: Recording
    _checkpoints: Checkpoints
    _redo: list[Step]
    _lines: list[Line]

    if TYPE_CHECKING:  # Run's own, used here
        def _history_now(self) -> History: ...
        def _step(self, inp: Input, log: bool) -> Outcome: ...
        def _guarded(self, step: Callable[[], Outcome]) -> Outcome: ...
        def _aside(self, line: str) -> None: ...

    @property
    def can_undo(self) -> bool:
        """Whether undo has anything to take back: an input, or a look typed before any (the history is read only then,
        so asking this of a run just loaded leaves its history unbuilt)."""
        return bool(self.recording.inputs) or self._last_thing(self._history_now()) is not None

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # ---- what a player does -------------------------------------------------------------------
    def take_back(self) -> Outcome:
        """Undo: take back the last thing the player did, a whole typed line at once, and say what it was."""
        history = self._history_now()
        start = self._last_start(history)
        if start is None:
            return Outcome("undo", self._say("nothing_to_undo"))
        steps = self._steps(history, start)
        done = self._back_to(history, start, steps)
        if done.kind == "error":
            return done
        step = steps[-1]
        return Outcome("undo", self._say(f"undone_{step.kind}" if step.kind != "input" else "undone", step.words))

    def do_again(self) -> Outcome:
        """Redo: bring back the last step undo took back, whole, and say what it was."""
        if not self._redo:
            return Outcome("redo", self._say("nothing_to_redo"))
        step = self._redo[-1]
        history = self._history_now()
        start = len(history.entries)
        outcome = self._guarded(lambda: self._again(step))
        if outcome.kind != "redo" or outcome.said:  # a story fault (the run as it was), or the step no longer applies
            return outcome
        self._redo.pop()
        if len(step.things) > 1:
            self._lines.append(Line(start, len(history.entries), step.words))
        return Outcome("redo", self._say("redone", step.words), recorded=outcome.recorded)

    def undo_to(self, index: int) -> Outcome:
        """Go back to just before the moment at log `index` (a choice or a typed line's first entry; for a clause, its
        whole line), each step after it waiting on the redo stack in turn. Kind "invalid" when there is no such moment."""
        history = self._history_now()
        entries = history.entries
        if not 0 <= index < len(entries) or entries[index].kind not in MOMENT_KINDS:
            return Outcome("invalid", self._say("no_moment"))
        start = next((line.start for line in self._lines if line.start <= index < line.end), index)
        steps = self._steps(history, start)
        done = self._back_to(history, start, steps)
        if done.kind == "error":
            return done
        return Outcome("undo", self._say("gone_back", steps[0].words))

    # ---- by inputs: for tools, tests and benches ------------------------------------------------
    def undo(self) -> bool:
        """Take back the last input and whatever was done after it (its asides wait on the redo stack with it)."""
        n = len(self.recording.inputs)
        return n > 0 and self._rewind_to_input(n - 1)

    def redo(self) -> bool:
        return bool(self._redo) and self.do_again().kind == "redo"

    def rewind_to(self, n: int) -> None:
        """Go back to just after input n (0 = the start), as undo would n times, in one replay."""
        if 0 <= n < len(self.recording.inputs):
            self._rewind_to_input(n)

    def _rewind_to_input(self, n: int) -> bool:
        history = self._history_now()
        start = history.marks[n]
        self._lines = [line for line in self._lines if not line.start < start < line.end]  # a line cut in two: by clauses
        return self._back_to(history, start, self._steps(history, start)).kind != "error"

    # ---- the work ---------------------------------------------------------------------------------
    def _back_to(self, history: History, start: int, steps: list[Step]) -> Outcome:
        """Put the run back to where the log stood at `start` (where a step begins), `steps` (from there on) to redo."""
        target = bisect_left(history.marks, start)  # the inputs made before `start`
        if target < len(self.recording.inputs):
            outcome = self._guarded(lambda: self._rewind(target))
            if outcome.kind == "error":
                return outcome
        history.truncate(start, target)
        while self._lines and self._lines[-1].end > start:
            self._lines.pop()
        self._redo.extend(reversed(steps))
        return Outcome("undo")

    def _rewind(self, n: int) -> Outcome:
        history = self._history_now()
        inputs = self.recording.inputs
        base, kept = self._checkpoints.nearest(n)
        state = kept.copy()
        for inp in inputs[base:n]:
            self.engine.choose(state, inp[2]) if inp[1] == "choose" else self.engine.command(state, inp[2])
        self.state = state
        del inputs[n:]
        history.cut(n)
        self._checkpoints.cut(n)
        return Outcome("undo")

    def _again(self, step: Step) -> Outcome:
        recorded = False
        for thing in step.things:
            if isinstance(thing, Aside):
                self._aside(thing.line)
                continue
            if not self._step(thing, log=True).recorded:  # cannot happen for a deterministic engine: keep what was done
                self._redo.clear()
                return Outcome("redo", self._say("nothing_to_redo"), recorded=recorded)
            recorded = True
        return Outcome("redo", recorded=recorded)

    def _followed(self, history: History, start: int, line: str) -> None:
        """After a line or choice the player made from log index `start`: note a line of several things, and walk the
        redo stack forward if it was the step waiting there (any other change of the run forgets what was undone)."""
        things = tuple(thing for _, thing in self._things(history, start))
        if not things:
            return
        if len(things) > 1:
            self._lines.append(Line(start, len(history.entries), " ".join(line.split())))
        if self._redo:
            self._walked(things)

    def _walked(self, things: tuple[Input | Aside, ...]) -> None:
        """The player did `things`: the step waiting on the redo stack, used up, or another way, which forgets it all."""
        if self._redo[-1].things == things:
            self._redo.pop()
        elif any(isinstance(t, Input) for t in things):
            self._redo.clear()

    # ---- reading the log as steps -------------------------------------------------------------------
    def _steps(self, history: History, start: int) -> list[Step]:
        """The steps the player took from log index `start` (where one begins) to the end, in order."""
        lines = [line for line in self._lines if line.start >= start]
        out: list[Step] = []
        at = -1  # the line the last step belongs to
        li = 0
        for index, thing in self._things(history, start):
            while li < len(lines) and lines[li].end <= index:
                li += 1
            line = lines[li] if li < len(lines) and lines[li].start <= index else None
            if line is not None and line.start == at:
                out[-1] = Step((*out[-1].things, thing), line.text)
            else:
                out.append(Step((thing,), line.text if line is not None else history.entries[index].text))
                at = line.start if line is not None else -1
        return out

    def _things(self, history: History, start: int) -> list[tuple[int, Input | Aside]]:
        """Each thing the player did from log index `start` on, with where its entries begin: the inputs (at their marks)
        and the asides (a typed line's entry anywhere else)."""
        marks, entries, inputs = history.marks, history.entries, self.recording.inputs
        k = bisect_left(marks, start)
        out: list[tuple[int, Input | Aside]] = []
        for i in range(start, len(entries)):
            if k < len(marks) and marks[k] == i:
                out.append((i, inputs[k]))
                k += 1
            elif entries[i].kind == "command":
                out.append((i, Aside(entries[i].scene, entries[i].text)))
        return out

    def _last_thing(self, history: History) -> int | None:
        """Where the last thing done begins in the log: the last aside after the last input, else the last input."""
        entries = history.entries
        last_mark = history.marks[-1] if history.marks else -1
        for i in range(len(entries) - 1, last_mark, -1):
            if entries[i].kind == "command":
                return i
        return last_mark if last_mark >= 0 else None

    def _last_start(self, history: History) -> int | None:
        """Where the last step begins: the last typed line of several things if the log ends with it, else the last thing."""
        if self._lines and self._lines[-1].end == len(history.entries):
            return self._lines[-1].start
        return self._last_thing(history)

    def _say(self, name: str, done: str = "") -> list[str]:
        """A named response in the current scene's words, {done} filled with what was taken back or done again."""
        return self.engine.response(self.state, name, {"done": finished(done)} if done else None)
