"""Watching a saved run again: the steps a replay player draws, verifying a save replays exactly, random walks.

A replay is a list of steps, one per moment the player saw: the scene's text, the options on
offer and the one taken (or the command typed), so the window can highlight it and step back
and forth without running the engine again. `verify` is the headless proof that a save's
inputs still lead to its snapshot, naming the first input that no longer does.
"""

from __future__ import annotations

import os
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from game.engine.checkpoints import fingerprint
from game.engine.engine import Engine, Outcome, RunError, View
from game.engine.model import Option
from game.engine.recording import Input, Recording
from game.engine.run import Expected, ReplayStop, Run, apply_input, describe_stop
from game.engine.saves import SaveError, SaveFile, SlotInfo, read_save, rebuild, state_digest, state_hash
from game.engine.state import GameState


@dataclass(frozen=True)
class Taken:
    """What the player did at a step."""

    kind: str  # "choose" | "command"
    value: str  # the option id, or the typed line
    text: str  # what to show: the option's text, or the typed line
    option_index: int | None  # which of the step's options was taken (to highlight); None for typed commands
    changed: bool  # False for a look or examine that changed nothing


@dataclass(frozen=True)
class Step:
    """One moment of the run, as the player saw it, and what they did there."""

    index: int
    scene: str  # scene id
    chapter: str
    title: str
    location: str
    new_scene: bool  # the scene was entered here (draw its title); False after a command that stayed
    new_chapter: bool
    replies: tuple[str, ...]  # what the previous step's input said, shown before this step's text
    paragraphs: tuple[str, ...]
    options: tuple[Option, ...]
    taken: Taken | None  # None at the last step
    ending: str | None  # the ending's title, where the run ended
    moves: int  # inputs made before this step


@dataclass
class ReplayModel:
    """A saved run as steps, with a cursor: what the replay window draws and moves through."""

    title: str  # the story's title
    steps: tuple[Step, ...]
    run: Run  # the run rebuilt from the save (its log gives the transcript)
    notice: str | None = None  # one sentence when the save no longer replays exactly
    stop: ReplayStop | None = None  # where the replay stopped early, if it did
    info: SlotInfo | None = None  # the save's load-screen facts, when made from a save
    position: int = field(default=0)

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def current(self) -> Step:
        return self.steps[self.position]

    @property
    def at_start(self) -> bool:
        return self.position == 0

    @property
    def at_end(self) -> bool:
        return self.position == len(self.steps) - 1

    def forward(self) -> bool:
        """One step on (Space, Right, auto-play). False at the end."""
        if self.at_end:
            return False
        self.position += 1
        return True

    def back(self) -> bool:
        """One step back (Left). False at the start."""
        if self.at_start:
            return False
        self.position -= 1
        return True

    def seek(self, index: int) -> Step:
        """Jump to a step (Home, End, a click on a timeline); clamped to the run."""
        self.position = max(0, min(index, len(self.steps) - 1))
        return self.current

    def transcript(self) -> str:
        return self.run.transcript()

    @classmethod
    def from_run(cls, run: Run) -> ReplayModel:
        steps, stop = build_steps(run.engine, run.recording, run.asides())
        return cls(run.engine.story.title, tuple(steps), run, None, stop)

    @classmethod
    def from_save(cls, save: str | os.PathLike[str] | SaveFile, engine: Engine) -> ReplayModel:
        """Raises SaveError (bad file, another story, a story that fails while replaying)."""
        data = save if isinstance(save, SaveFile) else read_save(save)
        run, notice = rebuild(data, engine)
        try:
            steps, stop = build_steps(engine, data.recording, data.asides)
        except RunError as exc:
            raise SaveError(data.info.path, f"the story went wrong while replaying this save: {exc}") from None
        return cls(engine.story.title, tuple(steps), run, notice, stop, data.info)


def build_steps(engine: Engine, recording: Recording, asides: Sequence[tuple[int, str]] = ()) -> tuple[list[Step], ReplayStop | None]:
    """Replay a recording (and the asides between its inputs) from the start, keeping each moment as a Step."""
    state = engine.new_state(recording.seed)
    events: list[tuple[str, Input]] = []
    pending = sorted(asides, key=lambda a: a[0])
    a = 0
    for i, inp in enumerate(recording.inputs):
        while a < len(pending) and pending[a][0] <= i:
            events.append(("aside", Input("", "command", pending[a][1])))
            a += 1
        events.append(("input", inp))
    events += [("aside", Input("", "command", t)) for _, t in pending[a:]]

    steps: list[Step] = []
    replies: tuple[str, ...] = ()
    new_scene, last_chapter = True, None
    stop: ReplayStop | None = None
    done = 0
    for what, inp in events:
        view = engine.view(state)
        options = tuple(view.options)
        before = state.scene
        if what == "aside":
            probe = state.copy()
            outcome = apply_input(engine, probe, Input(probe.scene, "command", inp[2]))
            if outcome.recorded:  # the story now gives this look a consequence: leave it out
                continue
            taken = Taken("command", inp[2], inp[2], None, False)
        else:
            moved = state.copy() if state.scene != inp[0] else None
            outcome = apply_input(engine, state, inp)
            if not outcome.recorded:
                stop = ReplayStop(done, inp, describe_stop(engine, moved or state, inp, outcome))
                break
            done += 1
            index = next((n for n, o in enumerate(options) if o.id == inp[2]), None) if inp[1] == "choose" else None
            text = options[index].text if index is not None else inp[2]
            taken = Taken(inp[1], inp[2], text, index, True)
        steps.append(_step(engine, len(steps), view, options, replies, new_scene, last_chapter, taken, done - (what == "input")))
        last_chapter = view.chapter
        replies = tuple(outcome.said)
        new_scene = bool(outcome.entered) or state.scene != before
    view = engine.view(state)
    steps.append(_step(engine, len(steps), view, tuple(view.options), replies, new_scene, last_chapter, None, done))
    return steps, stop


def _step(
    engine: Engine, index: int, view: View, options: tuple[Option, ...], replies: tuple[str, ...], new_scene: bool,
    last_chapter: str | None, taken: Taken | None, moves: int,
) -> Step:
    return Step(
        index, view.scene.id, view.chapter, view.title, view.location, new_scene, view.chapter != last_chapter,
        replies, tuple(view.paragraphs), options if view.ending is None else (), taken,
        view.ending.title if view.ending is not None else None, moves,
    )


# ---- verifying ------------------------------------------------------------------------------
def verify(save: str | os.PathLike[str] | SaveFile, engine: Engine) -> tuple[bool, str | None]:
    """Replay a save headless: (True, None) if it reaches the snapshot exactly, else (False, why).

    The why names the first input that no longer applies, or, when every input still applies
    but the state drifted (an effect changed), the stretch of inputs where it first drifted,
    found from the fingerprints the save keeps (checkpoints.py spaces them), and what differs at the end.
    """
    try:
        data = save if isinstance(save, SaveFile) else read_save(save)
    except SaveError as exc:
        return False, str(exc)
    story = engine.story
    recording = data.recording
    if recording.story_id != story.id:
        return False, f"{data.info.path}: this save belongs to the story '{recording.story_id}', not to '{story.id}'"
    changed = "" if recording.content_hash == story.content_hash else "The story has changed since this save was made. "
    state = engine.new_state(recording.seed)
    drift: str | None = None
    total = len(recording.inputs)
    checked = Expected(data.checks, fingerprint if data.format >= 2 else lambda s: state_digest(s, 1))  # as a load does
    last = 0
    try:
        for i, inp in enumerate(recording.inputs):
            probe = state.copy() if state.scene != inp[0] else None
            outcome: Outcome = apply_input(engine, state, inp)
            if not outcome.recorded:
                why = describe_stop(engine, probe or state, inp, outcome)
                return False, f"{changed}Input {i + 1} of {total} ({_show(inp)}) no longer applies: {why}."
            n = i + 1
            if drift is None and n in data.checks:
                if checked.differs(n, state, None):
                    drift = f"{changed}Every input applies, but the state first differs from the save's within inputs {last + 1} to {n}"
                elif checked.last == n:
                    last = n
    except RunError as exc:
        return False, f"{changed}The story went wrong while replaying: {exc}"
    if state_hash(state, data.format, recording.inputs) == data.state_hash:
        return True, (changed + "The run still replays exactly.") if changed else None
    diff = describe_difference(state, data.state)
    if drift is None:
        drift = f"{changed}Every input applies, but the state at the end differs from the save's"
    return False, f"{drift}: {diff}."


def _show(inp: Input) -> str:
    scene, kind, value = inp
    return f"in '{scene}', choose '{value}'" if kind == "choose" else f"in '{scene}', type '{value}'"


def describe_difference(replayed: GameState, saved: GameState, most: int = 3) -> str:
    """The first few fields where two states differ, in plain words."""
    out: list[str] = []
    if replayed.scene != saved.scene:
        out.append(f"the replay is in '{replayed.scene}', the save in '{saved.scene}'")
    if replayed.ended != saved.ended:
        out.append(f"the replay's ending is {replayed.ended!r}, the save's {saved.ended!r}")
    for name in ("vars", "visits", "chosen"):
        a, b = getattr(replayed, name), getattr(saved, name)
        for key in sorted(set(a) | set(b), key=str):
            if a.get(key) != b.get(key) or type(a.get(key)) is not type(b.get(key)):
                out.append(f"{name}.{key} is {a.get(key)!r} in the replay, {b.get(key)!r} in the save")
    if list(replayed.items) != list(saved.items):
        out.append(f"the replay carries {list(replayed.items)}, the save {list(saved.items)}")
    if replayed.rng != saved.rng:
        out.append("the random numbers drawn differ")
    if not out:
        out.append("the inputs recorded differ")
    more = f" (and {len(out) - most} more)" if len(out) > most else ""
    return "; ".join(out[:most]) + more


# ---- random walks, for tests, fuzzing and benches ------------------------------------------
def random_walk(engine: Engine, seed: int, steps: int, walk_seed: int = 0, commands: bool = True, avoid_endings: bool = False) -> Run:
    """A run of up to `steps` inputs chosen at random: options, typed actions, and now and then a look.

    With `avoid_endings` it never takes an input that would end the story, so stories with
    loops give runs as long as asked. Uses its own Random(walk_seed), never the global one.
    """
    rnd = random.Random(walk_seed)
    run = Run(engine, seed)
    tries = 0
    while run.moves < steps and not run.ended and tries < 4 * steps + 16:
        tries += 1  # a typed action the parser reads another way changes nothing; do not spin on it
        state = run.state
        scene = engine.scenes[state.scene]
        cands: list[tuple[str, str]] = [("choose", o.id) for o in engine.options(state) if o.enabled]
        if commands:
            cands += [("command", engine.command_text(scene, a)) for a in engine.open_actions(state)]
        if avoid_endings:
            cands = [c for c in cands if not _would_end(engine, state, c)]
        if not cands:
            break
        if commands and rnd.random() < 0.05:
            run.command("look")
        kind, value = rnd.choice(cands)
        run.choose(value) if kind == "choose" else run.command(value)
    return run


def _would_end(engine: Engine, state: GameState, cand: tuple[str, str]) -> bool:
    probe = state.copy()
    (engine.choose if cand[0] == "choose" else engine.command)(probe, cand[1])
    return probe.ended is not None


__all__ = ["ReplayModel", "Step", "Taken", "build_steps", "describe_difference", "random_walk", "verify"]
