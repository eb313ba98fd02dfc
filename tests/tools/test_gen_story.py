"""bench/gen_story.py: large synthetic stories that load, check clean, play to endings, and are the same for the same seed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from game.engine import Engine, load_story
from game.tools.analysis import analyse
from game.tools.explore import run_random
from tests.conftest import ROOT


def gen_module():
    spec = importlib.util.spec_from_file_location("gen_story", ROOT / "bench" / "gen_story.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_generated_story_is_valid_clean_and_playable(tmp_path):
    folder = gen_module().generate(tmp_path / "g", 300, 7, 5)
    files = sorted(p.name for p in folder.glob("*.yaml"))
    assert files[0] == "part0.yaml" and len(files) == 8  # 7 scene files and story.yaml
    story = load_story(folder)
    assert len(story.scenes) == 300
    for s in story.scenes.values():
        assert 3 <= len(s.paragraphs) <= 6
        assert s.ending or 3 <= len(s.choices) <= 4
    assert any(c.cond for s in story.scenes.values() for c in s.choices)
    assert any(c.effects for s in story.scenes.values() for c in s.choices)
    assert analyse(story) == []
    tally = run_random(Engine(story), 100, 1, 2000, 1)
    assert sum(tally.endings.values()) == 100 and not tally.problems


def test_same_arguments_write_the_same_bytes(tmp_path):
    gen = gen_module()
    a = gen.generate(tmp_path / "a", 120, 3, 9)
    b = gen.generate(tmp_path / "b", 120, 3, 9)
    c = gen.generate(tmp_path / "c", 120, 3, 10)
    read = lambda folder: {p.name: p.read_bytes() for p in Path(folder).glob("*.yaml")}  # noqa: E731
    assert read(a) == read(b)
    assert read(a) != read(c)
    assert gen.main([str(tmp_path / "d"), "--scenes", "50", "--files", "2", "--seed", "1"]) == 0
    assert gen.main([str(tmp_path / "e"), "--scenes", "1"]) == 2


def test_random_walks_spread_over_most_of_a_long_story(tmp_path):
    """Walks that begin again at each ending still reach most scenes: choices now and then leap far ahead."""
    gen = gen_module()
    story = load_story(gen.generate(tmp_path / "g", 2000, 4, 1))
    done, entered = gen.walk(Engine(story), 20000)
    assert done == 20000
    assert len(entered) > 0.6 * len(story.scenes)
    assert max(int(s.rsplit(".s", 1)[1]) for s in entered) > 1900  # the far end is reached, not only the start
