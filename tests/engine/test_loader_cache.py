"""The parse cache: one file per story, warm loads parse nothing, edits are noticed, and a damaged,
stale or forged cache is only a miss: the story and every diagnostic are as they are without it."""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
from pathlib import Path

import pytest

from game.engine import check_story, load_story, loader
from game.engine.loadcache import MAGIC, RecordCache
from game.paths import cache_dir
from tests.conftest import ROOT, TINY


def copy_tiny(tmp_path: Path) -> Path:
    root = tmp_path / "story"
    shutil.copytree(TINY, root)
    return root


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("records*.marshal"))


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any parse of a scene file fail the test: a load after this must come from the cache."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file was parsed although the cache held it")

    monkeypatch.setattr(loader, "read_scene_file", refuse)


def broken_story(tmp_path: Path, syntax_error: bool = False) -> Path:
    """The tiny story with errors and warnings in several files, so diagnostics can be compared by place."""
    root = copy_tiny(tmp_path)
    yard = root / "yard.yaml"
    yard.write_text(yard.read_text().replace("goto: yard.middle", "goto: yard.midle", 1))
    (root / "extra.yaml").write_text(
        "- id: extra.one\n  chapter: The Yard\n  title: One\n  text:\n    - if: nerve > 2\n      text: Words.\n"
        "  choices:\n    - text: On\n      goto: nowhere.at_all\n"
    )
    if syntax_error:
        (root / "bad.yaml").write_text("- id: bad.one\n  text: [unclosed\n")
    return root


def test_warm_load_reads_one_file_parses_nothing_and_gives_the_same_story(tmp_path, monkeypatch):
    root = copy_tiny(tmp_path)
    cold = load_story(root, tmp_path / "cache")
    assert len(cache_files(tmp_path / "cache")) == 1
    no_parsing(monkeypatch)
    warm = load_story(root, tmp_path / "cache")
    assert warm.content_hash == cold.content_hash
    assert warm.scenes.keys() == cold.scenes.keys()
    for sid in cold.scenes:
        assert warm.scenes[sid] == cold.scenes[sid]  # the records come back exactly: every field and position


def test_the_default_cache_inside_the_story_is_one_file_whatever_the_folder_is_called(tmp_path):
    root = copy_tiny(tmp_path)
    load_story(root, root / ".cache")
    assert [f.name for f in cache_files(root / ".cache")] == ["records.marshal"]


def test_stories_sharing_a_cache_folder_each_keep_their_own_file(tmp_path, monkeypatch):
    one, two = copy_tiny(tmp_path / "one"), copy_tiny(tmp_path / "two")
    shared = tmp_path / "shared"
    load_story(one, shared)
    load_story(two, shared)
    assert len(cache_files(shared)) == 2
    no_parsing(monkeypatch)
    load_story(one, shared)
    load_story(two, shared)


def test_an_edit_is_seen_and_only_the_edited_file_is_parsed(tmp_path, monkeypatch):
    root = copy_tiny(tmp_path)
    before = load_story(root, tmp_path / "cache")
    path = root / "yard.yaml"
    path.write_text(path.read_text().replace("A gate stands open onto a yard.", "A gate hangs off its hinges."))
    parsed: list[str] = []
    real = loader.read_scene_file

    def counting(text: str, is_story_file: bool = False):  # type: ignore[no-untyped-def]
        parsed.append(text)
        return real(text, is_story_file=is_story_file)

    monkeypatch.setattr(loader, "read_scene_file", counting)
    after = load_story(root, tmp_path / "cache")
    assert after.content_hash != before.content_hash
    assert after.scenes["yard.gate"].paragraphs[0].text == "A gate hangs off its hinges."
    assert parsed == [path.read_text()]


@pytest.mark.parametrize("syntax_error", [False, True])
def test_diagnostics_and_their_positions_are_the_same_with_and_without_the_cache(tmp_path, monkeypatch, syntax_error):
    root = broken_story(tmp_path, syntax_error)
    _, plain = check_story(root)
    _, cold = check_story(root, tmp_path / "cache")
    no_parsing(monkeypatch)
    _, warm = check_story(root, tmp_path / "cache")
    assert plain and any(d.severity == "error" for d in plain)
    assert len({d.path for d in plain}) >= 2 and all(d.line for d in plain)
    assert cold == plain
    assert warm == plain


def _rewrite(file: Path, payload: bytes, root: Path) -> None:
    """Write a cache file as one who knows this folder's seal would (only this engine, on this disk)."""
    seal = RecordCache(file.parent, root, loader.CACHE_FORMAT).seal
    file.write_bytes(MAGIC + hashlib.sha256(seal + payload).digest() + payload)


CORRUPTIONS = {
    "garbage": lambda data: b"{not a cache at all",
    "empty": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 2],
    "one byte flipped": lambda data: data[:-10] + bytes([data[-10] ^ 0x55]) + data[-9:],
    "header only": lambda data: data[: len(MAGIC) + 32],
}


@pytest.mark.parametrize("how", sorted(CORRUPTIONS))
def test_a_damaged_cache_file_is_rebuilt_and_changes_nothing(tmp_path, how):
    root = broken_story(tmp_path)
    _, expected = check_story(root)
    check_story(root, tmp_path / "cache")
    [file] = cache_files(tmp_path / "cache")
    file.write_bytes(CORRUPTIONS[how](file.read_bytes()))
    _, got = check_story(root, tmp_path / "cache")
    assert got == expected
    [file] = cache_files(tmp_path / "cache")
    assert RecordCache(tmp_path / "cache", root, loader.CACHE_FORMAT)._read(), "the cache was written afresh"


def test_a_forged_cache_with_a_good_checksum_but_wrong_records_is_rebuilt(tmp_path):
    """Records of the wrong shape under a valid checksum: the load notices, reads the files, and rewrites the cache."""
    root = copy_tiny(tmp_path)
    expected = load_story(root)
    load_story(root, tmp_path / "cache")
    [file] = cache_files(tmp_path / "cache")
    envelope = marshal.loads(file.read_bytes()[len(MAGIC) + 32:])
    for key in envelope["files"]:
        envelope["files"][key] = ([{"id": 7, "no": "fields"}], [])
    _rewrite(file, marshal.dumps(envelope), root)
    story = load_story(root, tmp_path / "cache")
    assert story.scenes.keys() == expected.scenes.keys()
    assert story.scenes["yard.gate"] == expected.scenes["yard.gate"]
    fresh = marshal.loads(file.read_bytes()[len(MAGIC) + 32:])
    assert all(records and records[0].get("id") != 7 for records, _ in fresh["files"].values())


def test_a_cache_that_arrives_with_a_story_folder_is_never_unmarshalled(tmp_path, monkeypatch):
    """A story folder copied (or downloaded) with its .cache/ inside: the seal names the folder's identity on the
    disk it was made on, so the copy's cache never matches and not one byte of it reaches marshal.loads."""
    original = copy_tiny(tmp_path / "made")
    load_story(original, original / ".cache")
    away = tmp_path / "away"
    original.rename(away)
    given = original  # the same path, as if the same download were unpacked where an earlier one was
    shutil.copytree(away, given)
    assert cache_files(given / ".cache")

    def refuse(data: object) -> None:
        raise AssertionError("marshal.loads saw a cache file this engine did not write here")

    monkeypatch.setattr("game.engine.loadcache.marshal.loads", refuse)
    story = load_story(given, given / ".cache")
    assert "yard.gate" in story.scenes


def test_a_payload_with_a_plain_checksum_is_refused_before_it_is_read(tmp_path, monkeypatch):
    root = copy_tiny(tmp_path)
    load_story(root, tmp_path / "cache")
    [file] = cache_files(tmp_path / "cache")
    payload = file.read_bytes()[len(MAGIC) + 32:]
    file.write_bytes(MAGIC + hashlib.sha256(payload).digest() + payload)
    monkeypatch.setattr("game.engine.loadcache.marshal.loads", lambda data: pytest.fail("an unsealed file was unmarshalled"))
    assert RecordCache(tmp_path / "cache", root, loader.CACHE_FORMAT)._read() == {}


def test_a_cache_made_by_other_code_or_another_format_is_not_trusted(tmp_path, monkeypatch):
    root = copy_tiny(tmp_path)
    load_story(root, tmp_path / "cache")
    [file] = cache_files(tmp_path / "cache")
    envelope = marshal.loads(file.read_bytes()[len(MAGIC) + 32:])
    for key, value in (("code", "another engine"), ("format", (0, 0)), ("root", "/somewhere/else")):
        _rewrite(file, marshal.dumps({**envelope, key: value}), root)
        assert RecordCache(tmp_path / "cache", root, loader.CACHE_FORMAT)._read() == {}, key


def test_a_pipe_in_place_of_the_cache_file_is_a_miss_not_a_hang(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    root = copy_tiny(tmp_path)
    folder = tmp_path / "cache"
    folder.mkdir()
    os.mkfifo(RecordCache(folder, root, loader.CACHE_FORMAT).file)  # type: ignore[arg-type]
    story = load_story(root, folder)
    assert "yard.gate" in story.scenes


def test_a_cache_folder_that_cannot_be_written_only_costs_speed(tmp_path):
    root = copy_tiny(tmp_path)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would go")
    assert "yard.gate" in load_story(root, blocker).scenes


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
