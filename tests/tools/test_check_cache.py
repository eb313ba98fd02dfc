"""`nlmg check` on a story it has checked before answers from its cache, word for word as a fresh check would;
an edit, a damaged cache file or a --quick check before it never changes what is printed."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.engine import load_story
from game.tools import check, checkcache
from tests.conftest import TINY

MS = re.compile(r"\(\d+ ms\)$")


def copy_tiny(tmp_path: Path) -> Path:
    dest = tmp_path / "story"
    shutil.copytree(TINY, dest)
    return dest


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    out = capsys.readouterr().out
    return code, MS.sub("", out)


def forbid_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(story: object) -> None:
        raise AssertionError("the analysis ran although the cache knew its answer")

    monkeypatch.setattr(check, "_analyse", refuse)


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("NLMG_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_second_check_prints_the_same_and_does_not_analyse_again(capsys, monkeypatch, tmp_path, cached):
    folder = copy_tiny(tmp_path)
    fresh = run(capsys, str(folder), "--no-cache")
    first = run(capsys, str(folder))
    forbid_analysis(monkeypatch)
    second = run(capsys, str(folder))
    assert fresh == first == second
    assert "letter" in second[1]  # the analysis's warning is there, from the cache


def test_json_from_the_cache_is_the_json_of_a_fresh_check(capsys, monkeypatch, tmp_path, cached):
    folder = copy_tiny(tmp_path)
    main(["check", str(folder), "--format", "json"])
    fresh = json.loads(capsys.readouterr().out)
    forbid_analysis(monkeypatch)
    main(["check", str(folder), "--format", "json"])
    warm = json.loads(capsys.readouterr().out)
    fresh.pop("seconds"), warm.pop("seconds")
    assert warm == fresh and warm["summary"]["scenes"] == 4


def test_an_edit_is_analysed_afresh(capsys, tmp_path, cached):
    folder = copy_tiny(tmp_path)
    run(capsys, str(folder))
    story = folder / "story.yaml"
    story.write_text(story.read_text().replace("  courage: 0\n", "  courage: 0\n  spare: 3\n"))
    code, out = run(capsys, str(folder))
    assert "'spare'" in out
    assert (code, out) == run(capsys, str(folder), "--no-cache")


def test_a_quick_check_first_leaves_the_analysis_to_the_full_one(capsys, tmp_path, cached):
    folder = copy_tiny(tmp_path)
    quick = run(capsys, str(folder), "--quick")
    assert "letter" not in quick[1]
    assert run(capsys, str(folder)) == run(capsys, str(folder), "--no-cache")
    assert run(capsys, str(folder), "--quick") == quick


@pytest.mark.parametrize("damage", ["", "{", "[1, 2]", '{"key": 5}', "not json \x00"])
def test_a_damaged_check_cache_is_only_a_miss(capsys, tmp_path, cached, damage):
    folder = copy_tiny(tmp_path)
    expected = run(capsys, str(folder))
    [file] = cached.glob("check*.json")
    file.write_text(damage)
    assert run(capsys, str(folder)) == expected


def test_a_forged_answer_under_the_right_key_is_checked_for_shape(capsys, tmp_path, cached):
    folder = copy_tiny(tmp_path)
    expected = run(capsys, str(folder))
    [file] = cached.glob("check*.json")
    data = json.loads(file.read_text())
    data["analysis"] = [{"path": 1, "line": "two"}]
    file.write_text(json.dumps(data))
    assert run(capsys, str(folder)) == expected


def test_the_key_follows_the_paths_messages_print(tmp_path):
    """Messages print paths relative to where the command runs: a check from elsewhere must not reuse them."""
    a = load_story(copy_tiny(tmp_path / "one"))
    b = load_story(copy_tiny(tmp_path / "two"))
    assert a.content_hash == b.content_hash
    assert checkcache.key(a) != checkcache.key(b)
