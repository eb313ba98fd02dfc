"""What every front end does the same way: find and load the story, and report a broken one kindly."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from game import paths
from game.engine import Story, StoryError, load_story


def story_dir(option: str | None) -> Path:
    return Path(option) if option else paths.scenes_dir()


def load_or_report(option: str | None, stream=None) -> Story | None:
    """The story, or None after printing every problem as path:line:col (never a traceback)."""
    stream = stream or sys.stderr
    try:
        return load_story(story_dir(option))
    except StoryError as exc:
        print(exc.report(), file=stream)
        errors = len(exc.errors)
        print(f"The story cannot be played: {errors} error{'s' if errors != 1 else ''}. Fix them and try again (nlmg check shows them too).", file=stream)
        return None


def new_seed() -> int:
    """Front ends choose seeds; the engine never reads a clock or global randomness."""
    return int.from_bytes(os.urandom(4), "big")
