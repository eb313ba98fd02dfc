"""Tools asked to write where nothing can be written say so in a sentence (issue 12), and the packaging pins a safe PyYAML."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from game.cli import main
from tests.conftest import ROOT, TINY
from tests.tools.test_explore import DEAD, HEADER


@pytest.mark.parametrize("argv", [
    ["graph", str(TINY), "-o", "{blocked}/map.dot"],
    ["explore", str(TINY), "--html", "{blocked}/report.html", "--quiet"],
])
def test_an_output_path_that_cannot_be_written_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """Failed before: a traceback (FileExistsError / NotADirectoryError) when a file stood where a folder was needed."""
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    code = main([a.replace("{blocked}", str(blocked)) for a in argv])
    err = capsys.readouterr().err
    assert code == 1
    assert "cannot be written" in err and str(blocked) in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_pyyaml_is_required_at_a_version_without_the_merge_key_blow_up() -> None:
    """Failed before: pyyaml>=6.0.1 allowed a version where a 500-byte nested merge-key file blew up exponentially."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert "pyyaml>=6.0.4" in deps


def test_replay_text_never_prints_escape_sequences_from_a_save(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Failed before: asides (not covered by a save's fingerprint) were printed raw by `replay --text`."""
    from game.engine import Engine, Run, load_story  # the story is only needed by this test
    from game.engine.saves import SaveStore

    run = Run(Engine(load_story(TINY)), 3)
    run.command("examine the gate \x1b]0;owned\x07")
    store = SaveStore(tmp_path / "saves")
    store.save(run, "1")
    path = store.path("1")
    path.write_text(path.read_text().replace('"asides": [', '"asides": [[0, "\\u001b[2Jforged"], ', 1))
    main(["replay", str(path), "--text", "--scenes", str(TINY)])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out


def dead_end_story(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "story.yaml").write_text(HEADER)
    (folder / "scenes.yaml").write_text(DEAD)  # a story with a dead end, as test_explore's own
    return folder


@pytest.mark.parametrize("where", ["{file}", "{file}/below"])
def test_save_failures_to_a_path_that_cannot_hold_saves_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    """Failed before: `explore --save-failures FILE` ran every run, then ended in a SaveError traceback."""
    story = dead_end_story(tmp_path)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    code = main(["explore", str(story), "--runs", "20", "--jobs", "1", "--quiet", "--save-failures", where.format(file=blocked)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and str(blocked) in err and "could not be written" in err
    assert blocked.read_text() == "not a folder"


def test_saved_failures_replay_exactly_with_nlmg_replay(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The other side: each problem run explore writes is a save `nlmg replay --verify` replays to the state it saved."""
    story = dead_end_story(tmp_path)
    out = tmp_path / "failures"
    assert main(["explore", str(story), "--runs", "20", "--jobs", "1", "--quiet", "--save-failures", str(out)]) == 1
    saved = sorted(out.glob("*.yaml"))
    assert [p.name for p in saved] == ["dead-1.yaml"] and f"nlmg replay {saved[0]}" in capsys.readouterr().out
    assert main(["replay", str(saved[0]), "--verify", "--scenes", str(story)]) == 0
    assert "replays exactly" in capsys.readouterr().out
    assert main(["replay", str(saved[0]), "--text", "--scenes", str(story)]) == 0
    assert "B." in capsys.readouterr().out  # the run ends in the dead end it was saved for


def test_transcripts_carry_no_control_characters_from_a_save_or_a_story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 12: forged asides and story text written with YAML's escapes ("\\e[2J") reach `replay --transcript` and
    `--text`; a transcript is read with `cat` in a terminal as often as in an editor, so it holds none either."""
    import shutil

    from game.engine import Engine, Run, load_story  # the story is only needed by this test
    from game.engine.saves import SaveStore

    story = tmp_path / "story"
    shutil.copytree(TINY, story)
    yard = story / "yard.yaml"
    yard.write_text(yard.read_text().replace("  - A gate stands open onto a yard.", '  - "A gate \\e[31mstands\\e[0m open\\a onto a yard.\\u009b2J"'))
    run = Run(Engine(load_story(story, cache=None)), 3)
    assert "\x1b" in run.view().paragraphs[0]  # the escape is really in the story's text
    run.command("examine the gate \x1b]0;owned\x07")
    store = SaveStore(tmp_path / "saves")
    store.save(run, "1")
    path = store.path("1")
    path.write_text(path.read_text().replace('"asides": [', '"asides": [[0, "\\u001b[2Jforged\\u009b31m"], ', 1))
    out = tmp_path / "t.md"
    assert main(["replay", str(path), "--transcript", str(out), "--scenes", str(story)]) == 0
    assert main(["replay", str(path), "--text", "--scenes", str(story)]) == 0
    for text in (out.read_text(), capsys.readouterr().out):
        assert "stands" in text and "forged" in text
        assert not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in text), repr(text)


BROKEN_TEXT = """id: a
chapter: One
title: A
text: [Here.]
choices:
  - {id: go, text: Go., goto: b}
  - {id: end, text: End., goto: c}
---
id: b
chapter: One
title: B
text:
  - if: 10 // n > 1
    text: Broken.
  - There.
choices:
  - {id: end, text: End., goto: c}
---
id: c
chapter: One
title: C
text: [Done.]
ending: done
"""


def test_a_saved_error_run_stands_one_input_before_the_error_and_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Failed before: an error that strikes while a scene's text is worked out ended `explore --save-failures` in a
    RunError traceback (the saved run was replayed with its text), and its report printed the place twice and the
    failing input twice. Now the save stands one input before the error, named for the input that shows it."""
    story = tmp_path / "story"
    story.mkdir()
    (story / "story.yaml").write_text("id: t\ntitle: T\nstart: a\nchapters: [{title: One}]\nendings:\n  done: {title: Done}\nvariables:\n  n: 0\n")
    (story / "scenes.yaml").write_text(BROKEN_TEXT)
    out = tmp_path / "failures"
    assert main(["explore", str(story), "--runs", "20", "--jobs", "1", "--save-failures", str(out)]) == 1
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err
    error_line = next(line for line in printed.out.splitlines() if "division by zero" in line)
    assert error_line.count("scenes.yaml:") == 1
    assert '1 input: [["a", "choose", "go"]]' in printed.out
    saved = out / "error-1.yaml"
    assert "(then choose 'go')" in saved.read_text().splitlines()[0]
    assert main(["replay", str(saved), "--verify", "--scenes", str(story)]) == 0
    capsys.readouterr()

    from game.engine import Engine, load_story  # the story is only needed here
    from game.engine.saves import SaveStore

    loaded = SaveStore(out).load(str(saved), Engine(load_story(story, cache=None)))
    outcome = loaded.run.choose("go")  # the input the save's name gives: the error itself, with its place
    assert outcome.kind == "error" and "scenes.yaml:13:" in (outcome.error or "") and "division by zero" in (outcome.error or "")
