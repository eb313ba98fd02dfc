"""The whole-story check's last step: begin the story, as `play` will, and report what fails as it begins.

`nlmg check` proves a great deal without playing, but a start scene whose `on_enter` loops back into
itself, or whose text hangs on a condition that cannot be worked out with the starting values, only
shows when a run begins: before this check a story could pass `check` and then fail at `play`'s
first screen. Beginning a run costs one scene entry, so every load does it.
"""

from __future__ import annotations

import re

from game.engine.bounds import one_line
from game.engine.diagnostics import Diagnostic
from game.engine.engine import Engine, RunError
from game.engine.expr import ExprRuntimeError
from game.engine.model import Story
from game.engine.run import Run

SEEDS = (0, 1, 2)
_WHERE = re.compile(r"^[^:]+:\d+:\d+: ")  # a RunError names its scene's place: the diagnostic already does  # a start scene may roll dice: a few seeds catch what one would miss


def start_problems(story: Story, story_path: str) -> list[Diagnostic]:
    """Begin a run of `story` with a few seeds and show its first screen; each failure as an error on the start."""
    try:
        scene = story.scenes[story.start]
        path, line, column = scene.pos.path, scene.pos.line, scene.pos.col
    except (KeyError, AttributeError):
        path, line, column = story_path, 0, 0
    for seed in SEEDS:
        try:
            run = Run(Engine(story), seed)
            run.view()
        except (RunError, ExprRuntimeError, ArithmeticError, RecursionError, ValueError, TypeError, KeyError) as exc:
            why = _WHERE.sub("", one_line(str(exc)), count=1) or type(exc).__name__
            return [Diagnostic(path, line, column, "error", f"the story fails as it begins (seed {seed}): {why}")]
    return []
