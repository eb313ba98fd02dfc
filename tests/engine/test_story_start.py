"""The whole-story check catches what used to pass `check` and then crash at `play`'s first screen (issue 12)."""

from __future__ import annotations

import pytest

from game.engine import Engine, Run, StoryError, load_story_from_texts

HEADER = "id: t\ntitle: T\nstart: a\nchapters: [{title: One}]\n"
B = """
---
id: b
chapter: One
title: B
text: [There.]
choices:
  - id: back
    text: Back.
    goto: a
"""


def errors(story_yaml: str, scenes: str) -> list[str]:
    try:
        story = load_story_from_texts({"story.yaml": story_yaml, "scenes.yaml": scenes})
    except StoryError as exc:
        return [f"{d.path}:{d.line}: {d.message}" for d in exc.diagnostics if d.severity == "error"]
    Run(Engine(story), 0).view()  # what passes must begin
    return []


SIMPLE = "id: a\nchapter: One\ntitle: A\ntext: [Here.]\nchoices:\n  - id: go\n    text: Go.\n    goto: b\n" + B


@pytest.mark.parametrize("story_yaml", ["", "# a comment and nothing else\n", "\n\n"])
def test_an_empty_story_yaml_is_an_error(story_yaml: str) -> None:
    """Failed before: an empty or comment-only story.yaml passed `check` and crashed `play`."""
    found = errors(story_yaml, SIMPLE)
    assert any(e.startswith("story.yaml:1: story.yaml holds nothing") for e in found), found


def test_a_start_scene_whose_on_enter_loops_is_an_error() -> None:
    """Failed before: it passed `check` and failed as the run began."""
    scenes = "id: a\nchapter: One\ntitle: A\non_enter:\n  - goto: a\ntext: [Here.]\nchoices:\n  - id: go\n    text: Go.\n    goto: b\n" + B
    found = errors(HEADER, scenes)
    assert any("fails as it begins" in e and "loop" in e for e in found), found


def test_a_start_scene_text_condition_that_fails_at_run_time_is_an_error() -> None:
    scenes = ("id: a\nchapter: One\ntitle: A\ntext:\n  - Here.\n  - if: 10 // visited('b') > 0\n    text: Boom.\n"
              "choices:\n  - id: go\n    text: Go.\n    goto: b\n" + B)
    found = errors(HEADER, scenes)
    assert any("fails as it begins" in e and "division by zero" in e for e in found), found
    assert all("\n" not in e for e in found)


def test_a_sound_story_still_loads() -> None:
    assert errors(HEADER, SIMPLE) == []
