"""Broken stories for the loader's error tests: load one, and find an error by where it points and what it says."""

from __future__ import annotations

import textwrap

import pytest

from game.engine import StoryError, load_story_from_texts

HEADER = """\
id: test
title: Test
start: a
"""


GOOD_B = """
- id: b
  chapter: One
  title: B
  text: The end.
  ending: done
"""


def errors_of(scenes: str, header: str = HEADER, extra: dict[str, str] | None = None, b: bool = False) -> list[str]:
    """Load a broken story; `b` appends a good ending scene 'b' after the given scenes."""
    body = textwrap.dedent(scenes).lstrip("\n") + (textwrap.dedent(GOOD_B) if b else "")
    texts = {"story.yaml": textwrap.dedent(header), "scenes.yaml": body}
    texts.update(extra or {})
    with pytest.raises(StoryError) as info:
        load_story_from_texts(texts)
    return [d.format() for d in info.value.diagnostics if d.severity == "error"]


def assert_error(errors: list[str], expected_prefix: str, *fragments: str) -> None:
    hits = [e for e in errors if e.startswith(expected_prefix) and all(f in e for f in fragments)]
    assert hits, f"no error starting {expected_prefix!r} with {fragments!r} in:\n" + "\n".join(errors)
