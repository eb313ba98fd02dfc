"""Building scenes shares what can be shared: each distinct condition is compiled once, per scene only when it
reads its own scene, and a whole-story build leaves its objects with the oldest generation (build.py, gcpause.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from game.engine import build_world, load_story_from_texts
from game.engine.state import GameState

ROOT = Path(__file__).resolve().parents[2]

STORY = """\
id: t
title: T
start: a
endings:
  done: {title: Done}
variables: {v: 0}
"""


def scene(sid: str, nxt: str) -> str:
    return textwrap.dedent(f"""\
        - id: {sid}
          chapter: One
          title: {sid.upper()}
          text:
            - Plain.
            - if: v >= 1
              text: Shown when v is set.
            - if: visited() > 1
              text: Again.
          choices:
            - id: go
              text: Go on.
              if: v >= 1
              goto: {nxt}
            - id: wait
              text: Wait.
              if: chosen('wait') == 0
              do: [{{add: {{v: 1}}}}]
        """)


def story() -> Any:
    body = scene("a", "b") + scene("b", "c") + scene("c", "end")
    body += "- id: end\n  chapter: One\n  title: End\n  text: Over.\n  ending: done\n"
    return load_story_from_texts({"story.yaml": STORY, "scenes.yaml": body})


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, str]]:
    """Every compile_tree call the builder makes, from empty caches."""
    seen: list[tuple[Any, str]] = []
    real = build_world.compile_tree

    def counting(tree: Any, scene_id: str = "") -> Any:
        seen.append((tree, scene_id))
        return real(tree, scene_id)

    monkeypatch.setattr(build_world, "compile_tree", counting)
    monkeypatch.setattr(build_world, "_COMPILED", {})
    monkeypatch.setattr(build_world, "_SCOPED", {})
    monkeypatch.setattr(build_world, "_READS_SCENE", set())
    return seen


def test_each_distinct_condition_is_compiled_once_and_shared(compiles: list[tuple[Any, str]]) -> None:
    s = story()
    s.scenes.build_all()  # type: ignore[attr-defined]
    # `v >= 1` (twice in each of three scenes) and the added value `1` (once in each) once each;
    # `visited() > 1` and `chosen('wait') == 0`, which read their own scene, once per scene
    assert len(compiles) == 2 + 3 + 3
    assert sorted(scene for tree, scene in compiles if tree[0] == "cmp" and tree[1][0] == "call") == ["a", "a", "b", "b", "c", "c"]
    a, b = s.scenes["a"], s.scenes["b"]
    assert a.paragraphs[1].cond.fn is b.paragraphs[1].cond.fn is a.choices[0].cond.fn is b.choices[0].cond.fn
    assert a.paragraphs[2].cond.fn is not b.paragraphs[2].cond.fn
    assert a.choices[1].cond.fn is not b.choices[1].cond.fn
    s2 = story()
    s2.scenes.build_all()  # type: ignore[attr-defined]
    assert len(compiles) == 8  # a second load of the same story compiles nothing again
    assert s2.scenes["a"].choices[1].cond.fn is a.choices[1].cond.fn


def test_shared_conditions_still_read_their_own_scene(compiles: list[tuple[Any, str]]) -> None:
    s = story()
    state = GameState("b", 1, 1, {"v": 0})
    state.visits = {"a": 1, "b": 2}
    state.chosen = {"a/wait": 1}
    a, b = s.scenes["a"], s.scenes["b"]
    assert not a.paragraphs[2].cond(state) and b.paragraphs[2].cond(state)
    assert a.choices[1].cond(state) is False and b.choices[1].cond(state) is True
    assert not a.choices[0].cond(state)
    state.vars["v"] = 2
    assert a.choices[0].cond(state) and b.choices[0].cond(state)
    # each condition keeps its own place in its file, though its compiled form is shared
    assert a.choices[0].cond.pos != b.choices[0].cond.pos and a.choices[0].cond.pos.line < b.choices[0].cond.pos.line


PROMOTED = """
import gc, sys
from game.engine import load_story_from_texts
texts = {"story.yaml": sys.argv[1], "scenes.yaml": sys.argv[2]}
s = load_story_from_texts(texts)
if sys.argv[3] == "frozen":
    gc.freeze()
before = gc.get_freeze_count()
assert "end" not in s.scenes.built
s.scenes.build_all()
built = s.scenes.built["end"]
young = any(o is built for g in (0, 1) for o in gc.get_objects(g))
print(gc.isenabled(), young, gc.get_freeze_count() == before)
"""


@pytest.mark.parametrize("mode, expected", [("", "True False True"), ("frozen", "True True True")])
def test_a_whole_story_build_is_filed_with_the_oldest_objects_unless_the_caller_froze_some(mode: str, expected: str) -> None:
    """Fresh processes: the promotion touches the whole heap, so it is seen where nothing else has frozen anything."""
    body = scene("a", "end") + "- id: end\n  chapter: One\n  title: End\n  text: Over.\n  ending: done\n"
    done = subprocess.run([sys.executable, "-c", PROMOTED, STORY, body, mode], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == expected.split()


def test_build_all_gives_every_scene_in_the_files_order_in_the_very_dict_the_engine_reads() -> None:
    s = story()
    scenes = s.scenes
    held = scenes.built  # type: ignore[attr-defined]  # what Engine reads first on its hot path
    lazy = list(scenes.values())  # before build_all: built one by one as asked for
    scenes.built.clear()  # type: ignore[attr-defined]
    scenes["c"]  # a scene entered before the rest are built
    everything = scenes.build_all()  # type: ignore[attr-defined]
    assert everything is held and list(everything) == list(scenes) == ["a", "b", "c", "end"]
    assert list(scenes.values()) == [scenes[sid] for sid in scenes] == lazy
    assert list(scenes.items()) == list(zip(scenes, lazy))
    assert scenes.build_all() is held  # type: ignore[attr-defined]  # a second call builds nothing again
