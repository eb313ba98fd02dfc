"""Rebuilding the run a save holds: its recording replayed against the story as it is now, and a notice if not exact.

A save is rebuilt by replaying its inputs through the one engine step (so the history, undo and
checkpoints come back too), and the snapshot and its fingerprint prove the replay landed where
the player was, or say in one sentence how it did not. The one exception is a save this store
wrote itself, by this engine, on this very story (trust.py): restore() takes its snapshot at once
and the same replay runs later, the first time the run needs its history.

The work is bounded before and during the replay (issue 12: a 30 MB hostile save was replayed in
full, 18 s and 1.3 GB, before it was refused): a save whose snapshot does not match its own
fingerprint is refused before a single input is replayed, and on the story it was made on, the
replay checks the save's fingerprints as it goes and refuses the save at the first it no longer
matches, having replayed only the inputs up to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.checkpoints import fingerprint
from game.engine.engine import Engine, RunError
from game.engine.gcpause import collector_paused
from game.engine.run import Expected, ReplayStop, Run
from game.engine.saves.format import SAVE_FORMAT, SaveError, SaveFile, SlotInfo, state_digest
from game.engine.saves.validation import check_fingerprint
from game.engine.state import same_state


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
    check_fingerprint(path, save.state, save.state_hash, save.format, recording.inputs)  # first: before any replay
    fmt = save.format
    digest = fingerprint if fmt >= 2 else (lambda state: state_digest(state, fmt))  # fingerprint: the run's own, reused
    expected = Expected(save.checks, digest) if same_story and save.checks else None
    try:
        with collector_paused():  # the replay's copies and inputs all live on: the collector's passes cost a third of it
            run, stop = Run.replay(engine, recording, asides=save.asides, lazy_log=True, expected=expected)
    except RunError as exc:
        raise SaveError(path, f"the story went wrong while replaying this save: {exc}") from None
    if stop is not None and stop.drift:
        raise SaveError(path, f"the run no longer matches its own fingerprints: after move {stop.index + 1} it is not in the "
                              "state the save records there, so the file was damaged or edited by hand (or made by a version "
                              "of the game that plays this story differently)")
    if stop is None and same_state(run.state, save.state):
        return run, None  # exact: the snapshot matches its fingerprint (above), and the replay arrived at it
    if same_story:
        if stop is not None:
            return run, f"This save does not replay exactly in this version of the game: {_stop_text(stop)}, so the run stops just before it."
        return run, "This save does not replay exactly in this version of the game; the run was rebuilt from its moves and may differ a little."
    if stop is not None:
        return run, f"The story has changed since this save: {_stop_text(stop)}, so the run stops just before it."
    return run, "The story has changed since this save; the run was replayed against the new version and may differ a little."


def restore(save: SaveFile, engine: Engine) -> Run | None:
    """The run of a save this game wrote itself (trust.py), from its snapshot and without replaying it now;
    None when it must be rebuilt instead: an older format, or another story or version of it."""
    recording, story, state = save.recording, engine.story, save.state
    if (save.format != SAVE_FORMAT or recording.story_id != story.id or recording.content_hash != story.content_hash
            or state.scene not in engine.scenes or not (state.ended is None or state.ended in story.endings)):
        return None
    return Run.restored(engine, recording, state, dict(save.checks), save.asides)


def _stop_text(stop: ReplayStop) -> str:
    return f"at move {stop.index + 1}, {stop.reason}"
