"""The shipped story: it checks clean, and plays from the start to an ending in the terminal."""

from __future__ import annotations

import subprocess
import sys

from game import paths
from game.engine import Engine, Run, check_story


def test_the_shipped_story_has_no_errors_or_warnings():
    story, diagnostics = check_story(paths.scenes_dir())
    assert story is not None, "\n".join(d.format() for d in diagnostics)
    assert [d.format() for d in diagnostics] == []
    assert len(story.scenes) >= 60
    assert len({s.ending for s in story.scenes.values() if s.ending}) >= 4


def test_answering_1_to_everything_reaches_an_ending_in_the_terminal():
    proc = subprocess.run(
        [sys.executable, "-m", "game", "play", "--text", "--seed", "1"],
        input="1\n" * 600, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "THE END" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_every_chapter_card_appears_in_order_on_some_run():
    story, _ = check_story(paths.scenes_dir())
    run = Run(Engine(story), seed=1)
    while not run.ended:
        run.choose(next(o.id for o in run.view().options if o.enabled))
    seen = [e.text for e in run.log if e.kind == "chapter"]
    assert seen == [c.title for c in story.chapters]
