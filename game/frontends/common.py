"""What every front end does the same way: find and load the story, report a broken one kindly, and the words
a front end (not the story) says: how to play, and how long a run has been played."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TextIO

from game import paths
from game.engine import Outcome, Run, Story, StoryError, load_story
from game.engine.diagnostics import plural
from game.frontends.howto import EMPTY_LINE, HOW_TO_PLAY, how_to_play


def story_dir(option: str | None) -> Path:
    return Path(option) if option else paths.scenes_dir()


def read_story(root: Path) -> Story:
    """Load a story folder through the parse cache the player's settings name (see paths.cache_dir). Raises StoryError.

    The story then lives as long as the game, so it is moved out of the collector's sight (gc.freeze): with a
    10,000-scene story the first collections in play otherwise walk it all, 0.2-0.4 s each, mid-game. A story
    dropped later is still freed by its reference counts (it holds no cycles: measured, none left behind).
    """
    story = load_story(root, paths.cache_dir(root))
    gc.freeze()
    return story


def load_or_report(option: str | None, stream: TextIO | None = None) -> Story | None:
    """The story, or None after printing every problem as path:line:col (never a traceback)."""
    stream = stream or sys.stderr
    try:
        return read_story(story_dir(option))
    except StoryError as exc:
        print(exc.report(), file=stream)
        errors = plural(len(exc.errors), "error")
        print(f"The story cannot be played: {errors}. Fix them and try again (nlmg check shows them too).", file=stream)
        return None


def new_seed() -> int:
    """Front ends choose seeds; the engine never reads a clock or global randomness."""
    return int.from_bytes(os.urandom(4), "big")


def replies(outcome: Outcome, run: Run | None = None) -> list[str]:
    """What to show for an outcome: the story's words, after the front end's own where it has some to add.

    The engine leaves how to play (choice numbers, saving, undo) to the front end: a line with
    no verb gets EMPTY_LINE, and help gets how to play (howto.py: with examples from the moment
    when the run is given) before the scene's own hints.
    """
    if outcome.kind == "empty":
        return [EMPTY_LINE, *outcome.said]
    if outcome.kind == "help":
        return [how_to_play(run) if run is not None else HOW_TO_PLAY, *outcome.said]
    return list(outcome.said)


def play_time_text(seconds: float) -> str:
    """How long a run has been played, as a load screen says it: under a minute, 12 min, 1 h 05 min."""
    minutes = int(seconds // 60)
    if minutes < 1:
        return "under a minute"
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"
