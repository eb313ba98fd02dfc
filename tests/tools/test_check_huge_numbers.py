"""`nlmg check` over numbers no float can hold (issue 12): a story may keep a whole number of thousands of digits,
and the checker's abstract arithmetic (intervals of floats) must reason about it without an OverflowError."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.engine import load_story_from_texts
from game.tools.analysis import analyse

CONDITIONS = ["n / 0.5 > 3", "n // 0.5 > 3", "n * 1.5 > 1", "n + 0.5 > 1", "n - 0.5 < 1", "n % 0.5 == 0",
              "min(n, 0.5) > 0", "abs(n) > 1", "n * n > 1", "-n < 0"]


def texts(big: str) -> dict[str, str]:
    paragraphs = "".join(f"  - if: {c}\n    text: Paragraph {i}.\n" for i, c in enumerate(CONDITIONS))
    scenes = ("id: a\nchapter: One\ntitle: A\ntext: [Begin.]\nchoices:\n  - id: in\n    text: In.\n    goto: m\n---\n"
              "id: m\nchapter: One\ntitle: M\ntext:\n  - Here.\n" + paragraphs +
              "choices:\n"
              "  - id: again\n    text: Again.\n    do: [{set: {n: n * 2}}]\n    goto: m\n"  # n grows: a set, then an interval
              "  - id: less\n    text: Less.\n    do: [{set: {n: n - 0.25}}]\n    goto: m\n"
              "  - id: out\n    text: Out.\n    if: n / 0.5 > 3 or n < 0\n    goto: b\n"
              "---\nid: b\nchapter: One\ntitle: B\ntext: [There.]\nending: done\n")
    story = f"id: t\ntitle: T\nstart: a\nchapters: [{{title: One}}]\nendings:\n  done: {{title: Done}}\nvariables:\n  n: {big}\n"
    return {"story.yaml": story, "scenes.yaml": scenes}


@pytest.mark.parametrize("big", ["1" * 400, "-" + "7" * 400, "9" * 3000])
def test_the_analysis_reasons_about_numbers_past_a_floats_range(big: str) -> None:
    """Failed before: OverflowError (int too large to convert to float) from describe() and the interval bounds."""
    found = analyse(load_story_from_texts(texts(big)))
    assert all("\n" not in d.format() for d in found)


def test_check_of_such_a_story_is_lines_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    for name, text in texts("1" * 400).items():
        (folder / name).write_text(text)
    code = main(["check", str(folder), "--no-cache"])
    out = capsys.readouterr()
    assert code == 0, out
    assert "Traceback" not in out.err and ": ok: 3 scenes" in out.out
