"""A run being played: the one object a front end talks to. It owns the state, the Recording, the history, undo and redo.

Front ends hold a Run rather than a bare state: it keeps the Recording (seed and inputs), the
history of everything shown (history.py) and checkpoints that make undo cheap enough to hold
down. Undo, redo and going back to a moment, and what is said of them, are rollback.py's
(Rollback, which Run inherits): a front end only shows the Outcome. Undo rebuilds the state from the nearest checkpoint by replaying inputs, so undo can never
disagree with replay: both use the one engine step. checkpoints.py spaces them (and a save's fingerprints).

A story can fail while it is played ('a' < 3, a loop of gotos). Then the Run puts everything back
as it was before the input (state, recording, history, checkpoints, redo) and returns an Outcome
of kind "error" whose `error` says what and where, as ink's Story reports through onError: a
front end shows it and play goes on. Only building a run (Run(), Run.replay) raises RunError.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine import clauses
from game.engine.bounds import one_line
from game.engine.checkpoints import CHECK_EVERY, CHECKPOINT_EVERY, Checkpoints, Expected
from game.engine.engine import Engine, Outcome, RunError, View
from game.engine.expr import ExprRuntimeError
from game.engine.gcpause import collector_paused
from game.engine.history import History, LogEntry, transcript
from game.engine.memory import ParserMemory
from game.engine.model import Chapter, Ending, Scene, Story
from game.engine.recording import Input, Recording
from game.engine.rollback import REDO_WORDS, UNDO_WORDS, Line, Rollback, Step
from game.engine.state import GameState, same_state
from game.engine.stepping import DRIFTED, ReplayStop, apply_input, describe_stop
from game.engine.storymap import Trace, Tracer

__all__ = ["CHECKPOINT_EVERY", "CHECK_EVERY", "REDO_WORDS", "UNDO_WORDS", "Expected", "LogEntry", "ReplayStop", "Run",
           "apply_input", "describe_stop"]


class Run(Rollback):
    def __init__(self, engine: Engine, seed: int = 0):
        """A new run from the start (RunError if the story fails as it begins). A saved run is rebuilt with Run.replay."""
        self.engine = engine
        story = engine.story
        self.recording = Recording(story.id, story.content_hash, seed, [])
        self.state = engine.new_state(seed)
        self._history = History(engine)
        self._pending_log: tuple[list[Input], list[tuple[int, str]]] | None = None  # see replay(lazy_log=True)
        self._restored_at = -1  # with restored(): the input count whose state came from a save, not yet replayed
        self._checkpoints = Checkpoints(self.state)
        self._redo: list[Step] = []  # what undo took back, a step at a time, the next to redo last (rollback.py)
        self._lines: list[Line] = []  # typed lines of several clauses in the log: one step each for undo
        self.parser = ParserMemory()  # pronouns and the open question: the conversation, never saved or replayed
        self._tracer = Tracer(engine)  # holds nothing until a flowchart or the page's map asks for the run's way
        self._history.entered(self.state, [self.state.scene], None)

    # ---- building a run from a recording --------------------------------------------------------
    @classmethod
    def replay(
        cls, engine: Engine, recording: Recording, stop_at: int | None = None,
        asides: list[tuple[int, str]] | None = None, lazy_log: bool = False, expected: Expected | None = None,
    ) -> tuple[Run, ReplayStop | None]:
        """Play a recording's inputs from the start on `engine`'s story. Stops at the first input that no longer applies.

        The run's own recording belongs to `engine`'s story (its content hash, should the story
        have changed) and holds the inputs that applied. A story that fails while replaying
        raises RunError: the caller decides (a load refuses the save, a live reload keeps the old story).

        `asides` (from Run.asides) are typed commands that changed nothing, such as look or
        examine, each with how many inputs came before it: they are replayed into the history only,
        so a loaded run's history and transcript read as the player saw them.
        With `lazy_log`, only the state is replayed now (twice as fast, for loading a save); the
        history is rebuilt by a second replay the first time anything reads or extends it.
        With `expected` (a save's fingerprints), the replay stops at the first one the run no longer
        matches, with a ReplayStop whose `drift` is set: a load refuses such a save after little work.
        """
        inputs = recording.inputs[:stop_at] if stop_at is not None else recording.inputs
        pending = sorted(asides, key=lambda a: a[0]) if asides else []
        with collector_paused():  # a long run's history and undo copies all live on: gcpause.py (two thirds of a load's rebuild)
            run = cls(engine, recording.seed)
            if lazy_log:
                return run._replay_state(inputs, pending, expected)
            return run._replay_logged(inputs, pending, expected)

    def _replay_logged(self, inputs: list[Input], pending: list[tuple[int, str]], expected: Expected | None) -> tuple[Run, ReplayStop | None]:
        run, engine = self, self.engine
        a = 0
        for i, inp in enumerate(inputs):
            while a < len(pending) and pending[a][0] <= i:
                run._aside(pending[a][1])
                a += 1
            probe = run.state.copy() if run.state.scene != inp[0] else None
            outcome = run._step(inp, log=True)
            if not outcome.recorded:
                return run, ReplayStop(i, inp, describe_stop(engine, probe or run.state, inp, outcome))
            if expected is not None and expected.differs(i + 1, run.state, run._checkpoints.prints.get(i + 1)):
                return run, ReplayStop(i, inp, DRIFTED, drift=True)
        while a < len(pending):
            run._aside(pending[a][1])
            a += 1
        return run, None

    @classmethod
    def restored(cls, engine: Engine, recording: Recording, state: GameState, prints: dict[int, str],
                 asides: list[tuple[int, str]]) -> Run:
        """The run a save this game wrote holds, from its snapshot, without replaying it now (saves/trust.py says when).

        Everything a player does first (a choice, undo, reading the history) goes through
        _history_now, whose replay of the inputs rebuilds the history as ever, and also the undo
        copies before the snapshot: the run then holds exactly what Run.replay would have built.
        """
        run = cls(engine, recording.seed)
        inputs = run.recording.inputs
        inputs.extend(recording.inputs)
        run.state = state
        run._checkpoints.restored(len(inputs), state, prints)
        run._history.marks.extend([len(run._history.entries)] * len(inputs))
        run._pending_log = (list(inputs), [a for a in asides if a[0] <= len(inputs)])
        run._restored_at = len(inputs)
        return run

    def _replay_state(self, inputs: list[Input], asides: list[tuple[int, str]], expected: Expected | None) -> tuple[Run, ReplayStop | None]:
        stop = None
        prints = self._checkpoints.prints
        for i, inp in enumerate(inputs):
            probe = self.state.copy() if self.state.scene != inp[0] else None
            outcome = self._step(inp, log=False)
            if not outcome.recorded:
                stop = ReplayStop(i, inp, describe_stop(self.engine, probe or self.state, inp, outcome))
                break
            if expected is not None and expected.differs(i + 1, self.state, prints.get(i + 1)):
                stop = ReplayStop(i, inp, DRIFTED, drift=True)
                break
        done = len(self.recording.inputs)
        self._pending_log = (list(self.recording.inputs), [a for a in asides if a[0] <= done])
        return self, stop

    def _history_now(self) -> History:
        """The history, rebuilt first if a lazy replay left it for later."""
        if self._pending_log is not None:
            inputs, asides = self._pending_log
            self._pending_log = None
            recording = Recording(self.recording.story_id, self.recording.content_hash, self.seed, inputs)
            try:
                shadow, stop = Run.replay(self.engine, recording, asides=asides)
                self._history = shadow._history
            except RunError:  # the story fails only in what it shows (a paragraph that cannot be worked out):
                shadow, stop = None, None  # keep the history the state-only replay left, its marks in step with the inputs
            if self._restored_at >= 0 and shadow is not None:  # restored(): nothing has been done since, as all goes through here
                self._checkpoints = shadow._checkpoints  # with the undo copies from before the snapshot
                if stop is not None or not same_state(shadow.state, self.state):
                    self.state, self.recording = shadow.state, shadow.recording  # never for a save this game wrote (trust.py)
            self._restored_at = -1
        return self._history

    # ---- what a front end reads -----------------------------------------------------------------
    @property
    def log(self) -> list[LogEntry]:
        """Everything shown and done so far, in order: for the history screen and transcripts."""
        return self._history_now().entries

    def asides(self) -> list[tuple[int, str]]:
        """Typed commands in the log that changed nothing (look, examine), each with the number of inputs before it."""
        if self._pending_log is not None and len(self._pending_log[0]) == len(self.recording.inputs):
            return list(self._pending_log[1])
        return self._history_now().asides()

    def transcript(self) -> str:
        """The run as Markdown: the prose the player saw and the choices made, in order."""
        return transcript(self.engine.story.title, self.log)

    def view(self) -> View:
        return self.engine.view(self.state)

    @property
    def story(self) -> Story:
        return self.engine.story

    @property
    def scene(self) -> Scene:
        """The scene the run is in now (its id, chapter, title, location)."""
        return self.engine.scene(self.state.scene)

    def chapter(self, title: str) -> Chapter | None:
        return self.engine.story.chapter(title)

    @property
    def ended(self) -> bool:
        return self.state.ended is not None

    @property
    def ending(self) -> Ending | None:
        """The ending reached, or None while the story goes on."""
        return self.engine.ending(self.state)

    @property
    def seed(self) -> int:
        return self.recording.seed

    @property
    def inputs(self) -> list[Input]:
        """The inputs that changed the state so far, in order (the recording's own list: do not change it)."""
        return self.recording.inputs

    @property
    def moves(self) -> int:
        return len(self.recording.inputs)

    def completions(self) -> list[str]:
        """Words a command line may complete to here (Tab): verbs, then things and items."""
        return self._safely(lambda: self.engine.completions(self.state), [])

    def visible_names(self) -> list[str]:
        """The names of what Kathy can see or carries here."""
        return self._safely(lambda: self.engine.commands.visible_names(self.state, self.scene), [])

    def trace(self) -> Trace:
        """The way this run went through the story map (scenes, edges, options taken), for a flowchart: traced on from
        where the last call left off when the run has only gone on since (storymap.Tracer)."""
        return self._tracer.trace(self.recording)

    def checkpoint_states(self) -> dict[int, GameState]:
        """Copies of the states kept for undo, by input count (spaced as checkpoints.py says)."""
        return {k: s.copy() for k, s in self._checkpoints.states.items() if k <= len(self.recording.inputs)}

    def fingerprints(self) -> dict[int, str]:
        """Fingerprints of states the run passed through, by input count: a save's checks (taken as the run goes)."""
        return {k: p for k, p in self._checkpoints.prints.items() if k <= len(self.recording.inputs)}

    # ---- what a front end does --------------------------------------------------------------------
    def choose(self, option_id: str) -> Outcome:
        inp = Input(self.state.scene, "choose", option_id)
        outcome = self._guarded(lambda: self._step(inp, log=True))
        if outcome.recorded and self._redo:  # one thing done, the input itself: no need to read it back from the log
            self._walked((inp,))
        return outcome

    def command(self, line: str) -> Outcome:
        """A typed line; one of several clauses (`look at the sea and then sit down`) plays each in turn (clauses.py),
        and undo takes them back together. `undo` and `redo` typed are take_back and do_again (rollback.py)."""
        read = self.engine.commands.read
        if self.ended:
            return self._player(line, lambda: self._command(line))
        return self._player(line, lambda: clauses.each(line, self.engine.story.verb_phrases, lambda t: read(self.state, self.scene, t), self._command))

    def _command(self, line: str) -> Outcome:
        words = line.strip().lower()
        if words in UNDO_WORDS:
            return self.take_back()
        if words in REDO_WORDS:
            return self.do_again()
        kind, value = self._safely(lambda: self.engine.resolve(self.state, line, self.parser), ["command", line.strip()])
        inp = Input(self.state.scene, "choose" if kind == "choose" else "command", value)
        return self._guarded(lambda: self._step(inp, log=True))

    def _player(self, line: str, act: Callable[[], Outcome]) -> Outcome:
        """One thing the player did (a choice, a typed line), and what it means for undo and redo (Rollback._followed)."""
        history = self._history_now()
        start = len(history.entries)
        outcome = act()
        if outcome.kind not in ("undo", "redo"):
            self._followed(self._history_now(), start, line)
        return outcome

    # ---- the one step, and putting things back when the story fails -----------------------------
    def _step(self, inp: Input, log: bool) -> Outcome:
        state = self.state
        history = self._history_now() if log else self._history
        mark = len(history.entries)
        before_scene = state.scene
        outcome = apply_input(self.engine, state, inp)
        if outcome.recorded:
            inputs = self.recording.inputs
            inputs.append(inp)
            history.marks.append(mark)
            if not len(inputs) % CHECKPOINT_EVERY:
                self._checkpoints.after(len(inputs), state)
        if log:
            history.outcome(state, inp, outcome, before_scene)
        return outcome

    def _guarded(self, step: Callable[[], Outcome]) -> Outcome:
        """Run `step`; if the story fails, put the run back exactly as it was and say what went wrong."""
        history = self._history_now()
        state, moves = self.state.copy(), len(self.recording.inputs)
        entries, marks, redo = len(history.entries), len(history.marks), list(self._redo)
        try:
            return step()
        except (RunError, ExprRuntimeError, ArithmeticError, RecursionError, ValueError, TypeError, KeyError) as exc:
            # beyond RunError: a fault the story or the engine did not foresee still leaves the run as it was (issue 12)
            self.state = state
            del self.recording.inputs[moves:]
            self._history = history
            history.truncate(entries, marks)
            self._checkpoints.cut(moves)
            self._redo = redo
            return Outcome("error", error=one_line(str(exc)) if isinstance(exc, RunError) else f"{type(exc).__name__}: {one_line(str(exc))[:300]}")

    def _aside(self, line: str) -> None:
        """Log a typed command without letting it change the run, even if the story now says it should."""
        state = self.state
        inp = Input(state.scene, "command", line)
        outcome = apply_input(self.engine, state.copy(), inp)
        if not outcome.recorded:
            self._history.outcome(state, inp, outcome, state.scene)

    def _safely(self, read: Callable[[], list[str]], fallback: list[str]) -> list[str]:
        try:
            return read()
        except RunError:
            return fallback
