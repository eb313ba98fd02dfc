"""A run being played: the engine, its state, what the player has read, and undo/redo.

Front ends hold a Run rather than a bare state: it keeps the log of everything shown (for the
history screen and transcripts) and checkpoints that make undo cheap enough to hold down.
Undo rebuilds the state from the nearest checkpoint by replaying inputs, so undo can never
disagree with replay: both use the one engine step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from game.engine.engine import Engine, Outcome, View
from game.engine.memory import ParserMemory
from game.engine.state import GameState

CHECKPOINT_EVERY = 16
UNDO_WORDS = ("undo", "back", "u")
REDO_WORDS = ("redo",)


class LogEntry(NamedTuple):
    """One thing the player read or did. A NamedTuple, not a frozen dataclass: a long run's
    history is rebuilt on every load, and these are made four times faster."""

    kind: str  # chapter | title | text | choice | command | reply | ending
    text: str
    scene: str


@dataclass(frozen=True, slots=True)
class ReplayStop:
    """Where a replay could not go on, in one plain sentence."""

    index: int  # 0-based index of the input that no longer applies
    input: list
    reason: str


def apply_input(engine: Engine, state: GameState, inp: list) -> Outcome:
    """One recorded input, as the engine takes it."""
    scene_id, kind, value = inp
    if state.scene != scene_id:
        return Outcome("invalid", [f"this input was made in '{scene_id}', but the run is in '{state.scene}'"])
    if kind == "choose":
        return engine.choose(state, value)
    return engine.command(state, value)


def describe_stop(engine: Engine, state: GameState, inp: list, outcome: Outcome) -> str:
    scene_id, kind, value = inp
    if scene_id not in engine.scenes:
        return f"the scene '{scene_id}' is no longer in the story"
    if state.scene != scene_id:
        return f"the run reached '{state.scene}' where it used to reach '{scene_id}'"
    if kind == "choose":
        if value not in engine.scenes[scene_id].choice_index:
            return f"the choice '{value}' is no longer in '{scene_id}'"
        return f"the choice '{value}' in '{scene_id}' is no longer open at that point"
    return f"the command '{value}' in '{scene_id}' no longer does anything ({' '.join(outcome.said)})"


class Run:
    def __init__(self, engine: Engine, seed: int = 0):
        """A new run from the start. A saved run is rebuilt with Run.replay, which also restores its history."""
        self.engine = engine
        self.seed = seed
        self.state = engine.new_state(seed)
        self._log: list[LogEntry] = []
        self._pending_log: tuple[list[list], list[tuple[int, str]]] | None = None  # see replay(lazy_log=True)
        self._marks: list[int] = []  # log length before input i
        self._checkpoints: dict[int, GameState] = {}
        self._redo: list[list] = []
        self._entries: dict[tuple, Any] = {}  # log entries that never change (static scenes, choice labels), made once
        self.parser = ParserMemory()  # pronouns and the open question: the conversation, never saved or replayed
        self._checkpoint()
        self._log_entered([self.state.scene], None)

    # ---- building a run from saved inputs -------------------------------------------------------
    @classmethod
    def replay(
        cls, engine: Engine, seed: int, inputs: list[list], stop_at: int | None = None,
        asides: list[tuple[int, str]] | None = None, lazy_log: bool = False,
    ) -> tuple["Run", ReplayStop | None]:
        """Play `inputs` from the start. Stops at the first input that no longer applies.

        `asides` (from Run.asides) are typed commands that changed nothing, such as look or
        examine, each with how many inputs came before it: they are replayed into the log only,
        so a loaded run's history and transcript read as the player saw them.
        With `lazy_log`, only the state is replayed now (twice as fast, for loading a save); the
        log is rebuilt by a second replay the first time anything reads or extends it.
        """
        run = cls(engine, seed)
        pending = sorted(asides, key=lambda a: a[0]) if asides else []
        if lazy_log:
            return run._replay_state(inputs[:stop_at] if stop_at is not None else inputs, pending)
        a = 0
        for i, inp in enumerate(inputs[:stop_at] if stop_at is not None else inputs):
            while a < len(pending) and pending[a][0] <= i:
                run._aside(pending[a][1])
                a += 1
            if not (isinstance(inp, list) and len(inp) == 3):
                return run, ReplayStop(i, inp, "the input is malformed")
            probe = run.state.copy() if run.state.scene != inp[0] else None
            outcome = run._step(list(inp), log=True)
            if not outcome.recorded:
                return run, ReplayStop(i, inp, describe_stop(engine, probe or run.state, inp, outcome))
        while a < len(pending):
            run._aside(pending[a][1])
            a += 1
        return run, None

    def _replay_state(self, inputs: list[list], asides: list[tuple[int, str]]) -> tuple["Run", ReplayStop | None]:
        stop = None
        for i, inp in enumerate(inputs):
            if not (isinstance(inp, list) and len(inp) == 3):
                stop = ReplayStop(i, inp, "the input is malformed")
                break
            probe = self.state.copy() if self.state.scene != inp[0] else None
            outcome = self._step(list(inp), log=False)
            if not outcome.recorded:
                stop = ReplayStop(i, inp, describe_stop(self.engine, probe or self.state, inp, outcome))
                break
        done = len(self.state.inputs)
        self._pending_log = ([list(i) for i in self.state.inputs], [a for a in asides if a[0] <= done])
        return self, stop

    @property
    def log(self) -> list[LogEntry]:
        """Everything shown and done so far, in order: for the history screen and transcripts."""
        if self._pending_log is not None:
            inputs, asides = self._pending_log
            self._pending_log = None
            shadow, _ = Run.replay(self.engine, self.seed, inputs, asides=asides)
            self._log, self._marks = shadow._log, shadow._marks
        return self._log

    @log.setter
    def log(self, value: list[LogEntry]) -> None:
        self._pending_log = None
        self._log = value

    def asides(self) -> list[tuple[int, str]]:
        """Typed commands in the log that changed nothing (look, examine), each with the number of inputs before it."""
        if self._pending_log is not None and len(self._pending_log[0]) == len(self.state.inputs):
            return list(self._pending_log[1])
        log = self.log
        marks = set(self._marks)
        out: list[tuple[int, str]] = []
        n = 0
        for i, entry in enumerate(log):
            if i in marks:
                n += 1
            elif entry.kind == "command":
                out.append((n, entry.text))
        return out

    def checkpoint_states(self) -> dict[int, GameState]:
        """Copies of the states kept every CHECKPOINT_EVERY inputs (without their inputs), by input count.

        Saves record a fingerprint of each, so a replay that drifts can be told where it drifted.
        """
        return {k: s.copy() for k, s in self._checkpoints.items() if k <= len(self.state.inputs)}

    def _aside(self, line: str) -> None:
        """Log a typed command without letting it change the run, even if the story now says it should."""
        state = self.state
        inputs = state.inputs
        state.inputs = []
        probe = state.copy()
        state.inputs = inputs
        inp = [state.scene, "command", line]
        outcome = apply_input(self.engine, probe, inp)
        if not outcome.recorded:
            self._log_outcome(inp, outcome, state.scene)

    # ---- what a front end calls ---------------------------------------------------------------
    def view(self) -> View:
        return self.engine.view(self.state)

    @property
    def ended(self) -> bool:
        return self.state.ended is not None

    def choose(self, option_id: str) -> Outcome:
        return self._player_input([self.state.scene, "choose", option_id])

    def command(self, line: str) -> Outcome:
        words = line.strip().lower()
        if words in UNDO_WORDS:
            return Outcome("undo", [] if self.undo() else self.engine.response(self.state, "nothing_to_undo"))
        if words in REDO_WORDS:
            return Outcome("redo", [] if self.redo() else self.engine.response(self.state, "nothing_to_redo"))
        return self._player_input([self.state.scene, *self.engine.resolve(self.state, line, self.parser)])

    def _player_input(self, inp: list) -> Outcome:
        outcome = self._step(inp, log=True)
        if outcome.recorded:
            if self._redo and self._redo[-1] == inp:
                self._redo.pop()  # walking forward along the undone path keeps the rest of it
            else:
                self._redo.clear()
        return outcome

    # ---- undo / redo ----------------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self.state.inputs)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> bool:
        n = len(self.state.inputs)
        if n == 0:
            return False
        self._redo.append(list(self.state.inputs[-1]))
        self._rewind(n - 1)
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        inp = self._redo.pop()
        outcome = self._step(inp, log=True)
        if not outcome.recorded:  # cannot happen for a deterministic engine; never leave a half state
            self._redo.clear()
            return False
        return True

    def rewind_to(self, n: int) -> None:
        """Go back to just after input n (0 = the start), as undo does n times at once."""
        while len(self.state.inputs) > n and self.undo():
            pass

    def _rewind(self, n: int) -> None:
        inputs = self.state.inputs
        base = max(k for k in self._checkpoints if k <= n)
        state = self._checkpoints[base].copy()
        state.inputs = inputs[:base]  # shared, not copied: recorded inputs are never changed in place
        for inp in inputs[base:n]:
            self.engine.choose(state, inp[2]) if inp[1] == "choose" else self.engine.command(state, inp[2])
        self.state = state
        del self.log[self._marks[n]:]
        del self._marks[n:]
        for k in [k for k in self._checkpoints if k > n]:
            del self._checkpoints[k]

    # ---- the one step -------------------------------------------------------------------------
    def _step(self, inp: list, log: bool) -> Outcome:
        state = self.state
        mark = len(self.log)
        before_scene = state.scene
        outcome = apply_input(self.engine, state, inp)
        if outcome.recorded:
            self._marks.append(mark)
            if len(state.inputs) % CHECKPOINT_EVERY == 0:
                self._checkpoint()
        if log:
            self._log_outcome(inp, outcome, before_scene)
        return outcome

    def _checkpoint(self) -> None:
        state = self.state
        inputs = state.inputs
        state.inputs = []  # a checkpoint needs no inputs: copying them each time made long runs quadratic
        try:
            self._checkpoints[len(inputs)] = state.copy()
        finally:
            state.inputs = inputs

    # ---- the log ------------------------------------------------------------------------------
    def _log_outcome(self, inp: list, outcome: Outcome, before_scene: str) -> None:
        log = self.log
        if inp[1] == "choose" and outcome.recorded:
            key = ("choice", before_scene, inp[2])
            entry = self._entries.get(key)
            if entry is None:
                scene = self.engine.scenes.get(before_scene)
                target = scene.choice_index.get(inp[2]) if scene is not None else None
                label = getattr(target, "text", None) or getattr(target, "choice_text", None) or inp[2]
                entry = self._entries[key] = LogEntry("choice", label, before_scene)
            log.append(entry)
        elif inp[1] == "command":
            log.append(LogEntry("command", inp[2], before_scene))
        if outcome.said:
            log.extend([LogEntry("reply", line, before_scene) for line in outcome.said])
        if outcome.entered:
            self._log_entered(outcome.entered, before_scene)

    def _log_entered(self, entered: list[str], before_scene: str | None) -> None:
        engine = self.engine
        scenes = engine.scenes
        before = scenes.get(before_scene) if before_scene is not None else None
        final = entered[-1]
        scene = scenes[final]
        log = self.log
        if before is None or scene.chapter != before.chapter:
            log.append(LogEntry("chapter", scene.chapter, final))
        paragraphs = engine.paragraphs(self.state, scene)
        key = (final, paragraphs if type(paragraphs) is tuple else tuple(paragraphs))
        entries = self._entries.get(key)  # a scene reads one of a few ways: make each way's entries once per run
        if entries is None:
            entries = self._entries[key] = [LogEntry("title", scene.title, final)] + [LogEntry("text", p, final) for p in paragraphs]
        log.extend(entries)
        if self.state.ended is not None:
            ending = engine.ending(self.state)
            self.log.append(LogEntry("ending", ending.title if ending else self.state.ended, final))

    def transcript(self) -> str:
        """The run as Markdown: the prose the player saw and the choices made, in order."""
        out: list[str] = [f"# {self.engine.story.title}", ""]
        for e in self.log:
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
        return "\n".join(out).rstrip() + "\n"
