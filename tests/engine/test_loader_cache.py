"""The parse cache: warm loads read JSON, edits are noticed, and a damaged cache is only a miss."""

from __future__ import annotations

import shutil

from game.engine import load_story
from game.engine.loader import find_files
from game.paths import cache_dir
from tests.conftest import ROOT, TINY


def copy_tiny(tmp_path):
    root = tmp_path / "story"
    shutil.copytree(TINY, root)
    return root


def test_warm_load_hits_the_cache_and_gives_the_same_story(tmp_path):
    root = copy_tiny(tmp_path)
    cold = load_story(root, tmp_path / "cache")
    files = list((tmp_path / "cache").rglob("*.json"))
    assert len(files) == len(find_files(root))
    warm = load_story(root, tmp_path / "cache")
    assert warm.content_hash == cold.content_hash
    assert warm.scenes.keys() == cold.scenes.keys()
    assert warm.scenes["yard.gate"].paragraphs == cold.scenes["yard.gate"].paragraphs


def test_an_edit_is_seen(tmp_path):
    root = copy_tiny(tmp_path)
    before = load_story(root, tmp_path / "cache")
    path = root / "yard.yaml"
    path.write_text(path.read_text().replace("A gate stands open onto a yard.", "A gate hangs off its hinges."))
    after = load_story(root, tmp_path / "cache")
    assert after.content_hash != before.content_hash
    assert after.scenes["yard.gate"].paragraphs[0].text == "A gate hangs off its hinges."


def test_a_corrupt_cache_entry_is_ignored(tmp_path):
    root = copy_tiny(tmp_path)
    load_story(root, tmp_path / "cache")
    for f in (tmp_path / "cache").rglob("*.json"):
        f.write_text("{not json")
    story = load_story(root, tmp_path / "cache")
    assert "yard.gate" in story.scenes


def test_content_hash_does_not_depend_on_where_the_story_is(tmp_path):
    a = load_story(copy_tiny(tmp_path / "one"))
    b = load_story(copy_tiny(tmp_path / "two"))
    assert a.content_hash == b.content_hash


def test_cache_dir_defaults_beside_the_story(tmp_path, monkeypatch):
    monkeypatch.delenv("NLMG_CACHE", raising=False)
    assert cache_dir(tmp_path) == tmp_path / ".cache"
    monkeypatch.setenv("NLMG_CACHE", "off")
    assert cache_dir(tmp_path) is None
    monkeypatch.setenv("NLMG_CACHE", str(tmp_path / "elsewhere"))
    assert cache_dir(tmp_path) == tmp_path / "elsewhere"


def test_the_engine_never_reads_the_environment(tmp_path, monkeypatch):
    """The cache folder is the caller's to choose: NLMG_CACHE means nothing to load_story itself."""
    monkeypatch.setenv("NLMG_CACHE", str(tmp_path / "cache"))
    load_story(copy_tiny(tmp_path))
    assert not (tmp_path / "cache").exists()
    engine_files = (ROOT / "game" / "engine").glob("*.py")
    assert not [f.name for f in engine_files if "environ" in f.read_text() or "getenv" in f.read_text()]
