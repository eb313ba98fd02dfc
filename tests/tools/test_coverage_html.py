"""The HTML coverage report: self-contained, escaped, and marking each file's lines covered or not."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from game.engine import Engine, load_story
from game.tools.coverage_html import render, write_report
from game.tools.explore import Report, run_random
from tests.conftest import TINY


def make_report(folder: Path, runs: int = 1) -> Report:
    st = load_story(folder)
    t = run_random(Engine(st), runs, 4, 50)
    return Report(st, "random", t.runs, 4, 50, 0.5, t.covered, t.endings, t.problems, t.counts)


def test_lines_are_marked_and_story_text_is_escaped(tmp_path):
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    yard = folder / "yard.yaml"
    yard.write_text(yard.read_text().replace("Walk away down the lane.", "Walk <script>alert(1)</script> & away."))
    r = make_report(folder, runs=1)
    page = render(r)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; away." in page
    assert "<link" not in page and "src=" not in page  # nothing fetched: one file
    marked = re.findall(r'<span class="l (hit|miss)" id="[^"]*yard-yaml-(\d+)"', page)
    assert marked, "yard.yaml lines are marked"
    lines = dict((int(n), cls) for cls, n in marked)
    assert lines[1] == "hit"  # the scene itself: every run starts there
    # after one run, exactly one of the two ways out of the gate was taken
    way_out = [n for n, line in enumerate(yard.read_text().splitlines(), 1) if line.strip().startswith("- id: in") or line.strip().startswith("- id: leave")]
    assert sorted(lines[n] for n in way_out) == ["hit", "miss"]
    assert "not covered:" in page


def test_write_report_is_atomic_and_complete(tmp_path):
    r = make_report(TINY, runs=200)
    out = tmp_path / "deep" / "cov.html"
    write_report(out, r)
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "Everything in this file was covered." in page
    assert not list(out.parent.glob(".*tmp"))
