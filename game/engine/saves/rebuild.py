"""Rebuilding the run a save holds: its recording replayed against the story as it is now, and a notice if not exact.

A save is never restored from its snapshot: the inputs are replayed through the one engine step
(so the history, undo and checkpoints come back too), and the snapshot and its fingerprint
prove the replay landed where the player was, or say in one sentence how it did not.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.engine import Engine, RunError
from game.engine.run import ReplayStop, Run
from game.engine.saves.format import SaveError, SaveFile, SlotInfo, state_hash
from game.engine.saves.validation import check_fingerprint


@dataclass(frozen=True)
class Loaded:
    run: Run
    notice: str | None  # one plain sentence when the run could not be rebuilt exactly
    info: SlotInfo
    play_seconds: float


def rebuild(save: SaveFile, engine: Engine) -> tuple[Run, str | None]:
    """The run a save holds, replayed against `engine`'s story, and a one-sentence notice if it is not exact."""
    path = save.info.path
    story = engine.story
    recording = save.recording
    if recording.story_id != story.id:
        raise SaveError(path, f"this save belongs to the story '{recording.story_id}', not to '{story.id}'")
    same_story = recording.content_hash == story.content_hash
    try:
        run, stop = Run.replay(engine, recording, asides=save.asides, lazy_log=True)
    except RunError as exc:
        raise SaveError(path, f"the story went wrong while replaying this save: {exc}") from None
    if stop is None and state_hash(run.state, save.format, run.inputs) == save.state_hash:
        # Exact: the inputs are whole. Comparing fields (not hashing again) shows the snapshot is too.
        if run.state != save.state or list(run.state.items) != list(save.state.items):
            raise SaveError(path, "the saved state does not match its fingerprint; the file was damaged or edited by hand")
        return run, None
    check_fingerprint(path, save.state, save.state_hash, save.format, recording.inputs)
    if same_story:
        if stop is not None:
            return run, f"This save does not replay exactly in this version of the game: {_stop_text(stop)}, so the run stops just before it."
        return run, "This save does not replay exactly in this version of the game; the run was rebuilt from its moves and may differ a little."
    if stop is not None:
        return run, f"The story has changed since this save: {_stop_text(stop)}, so the run stops just before it."
    return run, "The story has changed since this save; the run was replayed against the new version and may differ a little."


def _stop_text(stop: ReplayStop) -> str:
    return f"at move {stop.index + 1}, {stop.reason}"
