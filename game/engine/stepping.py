"""One recorded input taken by the engine, and what a replay says when one no longer applies.

Run (run.py) builds runs from these; replay.py and saves/ report a ReplayStop in one plain sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.engine import Engine, Outcome
from game.engine.recording import Input
from game.engine.state import GameState

DRIFTED = "every input applies, but the state here is not the one the save's fingerprint records"


@dataclass(frozen=True, slots=True)
class ReplayStop:
    """Where a replay could not go on, in one plain sentence."""

    index: int  # 0-based index of the input that no longer applies (or, with `drift`, the last one replayed)
    input: Input
    reason: str
    drift: bool = False  # every input applied, but the state after this one is not the one the save's fingerprint records


def apply_input(engine: Engine, state: GameState, inp: Input) -> Outcome:
    """One recorded input, as the engine takes it."""
    scene_id, kind, value = inp
    if state.scene != scene_id:
        return Outcome("invalid", [f"this input was made in '{scene_id}', but the run is in '{state.scene}'"])
    if kind == "choose":
        return engine.choose(state, value)
    return engine.command(state, value)


def describe_stop(engine: Engine, state: GameState, inp: Input, outcome: Outcome) -> str:
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
