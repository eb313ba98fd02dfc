"""A run being played: the engine, its state, what the player has read, and undo/redo.

Front ends hold a Run rather than a bare state: it keeps the log of everything shown (for the
history screen and transcripts) and checkpoints that make undo cheap enough to hold down.
Undo rebuilds the state from the nearest checkpoint by replaying inputs, so undo can never
disagree with replay: both use the one engine step.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.engine import Engine, Outcome, View
from game.engine.state import GameState

CHECKPOINT_EVERY = 16
UNDO_WORDS = ("undo", "back", "u")
REDO_WORDS = ("redo",)


@dataclass(frozen=True, slots=True)
class LogEntry:
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
        self.log: list[LogEntry] = []
        self._marks: list[int] = []  # log length before input i
        self._checkpoints: dict[int, GameState] = {}
        self._redo: list[list] = []
        self._checkpoint()
        self._log_entered([self.state.scene], None)

    # ---- building a run from saved inputs -------------------------------------------------------
    @classmethod
    def replay(cls, engine: Engine, seed: int, inputs: list[list], stop_at: int | None = None) -> tuple["Run", ReplayStop | None]:
        """Play `inputs` from the start. Stops at the first input that no longer applies."""
        run = cls(engine, seed)
        for i, inp in enumerate(inputs[:stop_at] if stop_at is not None else inputs):
            if not (isinstance(inp, list) and len(inp) == 3):
                return run, ReplayStop(i, inp, "the input is malformed")
            probe = run.state.copy() if run.state.scene != inp[0] else None
            outcome = run._step(list(inp), log=True)
            if not outcome.recorded:
                return run, ReplayStop(i, inp, describe_stop(engine, probe or run.state, inp, outcome))
        return run, None

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
            return Outcome("undo", [] if self.undo() else ["There is nothing to undo: this is where the run began."])
        if words in REDO_WORDS:
            return Outcome("redo", [] if self.redo() else ["There is nothing to redo."])
        return self._player_input([self.state.scene, "command", line.strip()])

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
        state.inputs = [list(i) for i in inputs[:base]]
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
        snap = self.state.copy()
        snap.inputs = []
        self._checkpoints[len(self.state.inputs)] = snap

    # ---- the log ------------------------------------------------------------------------------
    def _log_outcome(self, inp: list, outcome: Outcome, before_scene: str) -> None:
        scene = self.engine.scenes.get(before_scene)
        if inp[1] == "choose" and outcome.recorded and scene is not None:
            target = scene.choice_index.get(inp[2])
            label = getattr(target, "text", None) or getattr(target, "choice_text", None) or inp[2]
            self.log.append(LogEntry("choice", label, before_scene))
        elif inp[1] == "command":
            self.log.append(LogEntry("command", inp[2], before_scene))
        for line in outcome.said:
            self.log.append(LogEntry("reply", line, before_scene))
        if outcome.entered:
            self._log_entered(outcome.entered, before_scene)

    def _log_entered(self, entered: list[str], before_scene: str | None) -> None:
        engine = self.engine
        last_chapter = engine.scenes[before_scene].chapter if before_scene in engine.scenes else None
        final = entered[-1]
        scene = engine.scenes[final]
        if scene.chapter != last_chapter:
            self.log.append(LogEntry("chapter", scene.chapter, final))
        self.log.append(LogEntry("title", scene.title, final))
        for p in engine.paragraphs(self.state, scene):
            self.log.append(LogEntry("text", p, final))
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
