"""A small run of bench/fuzz.py (`make fuzz` runs the full one): typed lines, scene files and saves, no faults."""

from __future__ import annotations

import importlib.util

from tests.conftest import ROOT


def test_a_small_fuzz_run_finds_no_traceback_hang_or_lost_save(capsys) -> None:
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "bench" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    code = fuzz.main(["--lines", "120", "--scenes", "30", "--saves", "30", "--seed", "3"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "typed line cases: 12" in out and "scene file cases: 30" in out
