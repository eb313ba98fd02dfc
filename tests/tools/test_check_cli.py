"""`nlmg check` end to end: compiler-style lines, JSON, --strict, exit codes, and no tracebacks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from game.cli import main
from tests.conftest import TINY

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$")


def copy_tiny(tmp_path: Path) -> Path:
    dest = tmp_path / "story"
    shutil.copytree(TINY, dest)
    return dest


def test_clean_story_exits_0_and_prints_warnings_in_compiler_format(capsys, tmp_path):
    folder = copy_tiny(tmp_path)
    assert main(["check", str(folder), "--no-cache"]) == 0
    out = capsys.readouterr().out.splitlines()
    m = LINE.match(out[0])
    assert m and m["sev"] == "warning" and m["path"].endswith("story.yaml") and "letter" in m["msg"]
    assert ": ok: 4 scenes" in out[-1]


def test_strict_turns_warnings_into_failure(capsys, tmp_path):
    folder = copy_tiny(tmp_path)
    assert main(["check", str(folder), "--strict", "--no-cache"]) == 1
    assert "fails --strict" in capsys.readouterr().out


def test_quick_skips_the_analysis(capsys, tmp_path):
    folder = copy_tiny(tmp_path)
    assert main(["check", str(folder), "--quick", "--strict", "--no-cache"]) == 0
    assert "letter" not in capsys.readouterr().out


def test_json_report(capsys, tmp_path):
    folder = copy_tiny(tmp_path)
    text = (folder / "story.yaml").read_text()
    (folder / "story.yaml").write_text(text.replace("  courage: 0\n", "  courage: 0\n  spare: 3\n"))
    spare_line = text.splitlines().index("  courage: 0") + 2
    assert main(["check", str(folder), "--format", "json", "--no-cache"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["errors"] == 0 and report["warnings"] == 2
    spare = [d for d in report["diagnostics"] if "'spare'" in d["message"]]
    assert spare[0]["line"] == spare_line and spare[0]["col"] == 3 and spare[0]["severity"] == "warning"
    assert report["summary"]["scenes"] == 4


def test_errors_exit_1_without_a_traceback(capsys, tmp_path):
    folder = copy_tiny(tmp_path)
    yard = folder / "yard.yaml"
    yard.write_text(yard.read_text().replace("goto: lane.end", "goto: lane.ned"))
    assert main(["check", str(folder), "--no-cache"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    lines = [LINE.match(line) for line in captured.out.splitlines()]
    errors = [m for m in lines if m and m["sev"] == "error"]
    assert errors and "lane.ned" in errors[0]["msg"] and "did you mean 'lane.end'" in errors[0]["msg"]
    assert errors[0]["path"].endswith("yard.yaml") and int(errors[0]["line"]) > 0


def test_json_with_errors(capsys, tmp_path):
    folder = copy_tiny(tmp_path)
    (folder / "broken.yaml").write_text("id: x\nchapter: The Yard\ntitle: [unclosed\n")
    assert main(["check", str(folder), "--format", "json", "--no-cache"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["errors"] >= 1 and report["summary"] is None
    assert report["diagnostics"][0]["path"].endswith("broken.yaml")
