"""Every diagnostic is one line naming its file and line (issue 12): NUL, U+FFFE and bad UTF-8 included."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import StoryError, load_story
from game.engine.diagnostics import Diagnostic
from tests.conftest import TINY


def report_for(tmp_path: Path, yard: bytes) -> str:
    folder = tmp_path / "story"
    folder.mkdir()
    for f in TINY.glob("*.yaml"):
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "yard.yaml").write_bytes(yard)
    with pytest.raises(StoryError) as caught:
        load_story(folder)
    return caught.value.report()


@pytest.mark.parametrize("bad, where", [
    ("\x00", "yard.yaml:8:22: error"),
    ("\ufffe", "yard.yaml:8:22: error"),
])
def test_a_forbidden_character_is_reported_with_its_line(tmp_path: Path, bad: str, where: str) -> None:
    """Failed before: reported as "(at character 159)" with no line."""
    yard = (TINY / "yard.yaml").read_text().replace("I have been here before.", f"I have been{bad} here before.")
    report = report_for(tmp_path, yard.encode("utf-8"))
    assert where in report and "at character" not in report


def test_a_byte_that_is_not_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    """Failed before: reported as "(byte 62)" with no line."""
    yard = (TINY / "yard.yaml").read_bytes().replace(b"I have been here before.", b"I have been\xff here before.")
    report = report_for(tmp_path, yard)
    assert "yard.yaml:8:22: error: the file is not UTF-8 text" in report


def test_a_diagnostic_is_always_one_line() -> None:
    """Failed before: a message could carry a raw newline (or an escape sequence) from the file it quotes."""
    d = Diagnostic("a.yaml", 3, 1, "error", "unknown scene 'x\ny' \x1b[2J here")
    assert d.format() == "a.yaml:3:1: error: unknown scene 'x y' [2J here"
