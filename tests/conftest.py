"""Shared test helpers: tiny inline stories, and the fixture story folder."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

# The property tests search the same examples on every run, so `make test` and CI give one answer;
# `make fuzz` (bench/fuzz.py) is where fresh random inputs are thrown at the game.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.load_profile("repeatable")

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("NLMG_CACHE", "off")

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny"
ROOT = Path(__file__).resolve().parent.parent

STORY_HEADER = """\
id: test
title: Test
start: a
"""


def story_texts(scenes: str, header: str = STORY_HEADER) -> dict[str, str]:
    """An in-memory story: story.yaml from `header`, and one scenes.yaml holding `scenes`."""
    return {"story.yaml": textwrap.dedent(header), "scenes.yaml": textwrap.dedent(scenes)}


@pytest.fixture
def tiny_dir() -> Path:
    return TINY
