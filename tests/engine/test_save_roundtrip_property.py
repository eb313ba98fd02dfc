"""Any run the engine can reach saves and loads back identically, or is refused with a SaveError before anything is written."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Engine, Run, load_story
from game.engine.saves import SaveError, SaveStore
from tests.conftest import TINY

ENGINE = Engine(load_story(TINY))
_TMP = tempfile.TemporaryDirectory(prefix="nlmg-roundtrip-")
STORE = SaveStore(Path(_TMP.name))
WORDS = ["look", "examine gate", "take stone", "lift the stone", "take key", "undo", "redo", "help", "xyzzy", "inventory"]
STEP = st.one_of(
    st.integers(min_value=0, max_value=4),  # a choice by its place among the options
    st.sampled_from(WORDS),
    st.text(max_size=40),  # anything typed at all, broken characters and escapes included
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**63), st.lists(STEP, max_size=25), st.text(max_size=30))
def test_any_reachable_run_round_trips(seed: int, steps: list[int | str], name: str) -> None:
    run = Run(ENGINE, seed)
    for step in steps:
        if run.ended:
            break
        if isinstance(step, int):
            options = [o for o in run.view().options if o.enabled]
            if options:
                run.choose(options[step % len(options)].id)
        else:
            run.command(step)
    before = STORE.path("1").read_bytes() if STORE.path("1").exists() else None
    try:
        STORE.save(run, "1", play_seconds=12.5, name=name)
    except SaveError:
        after = STORE.path("1").read_bytes() if STORE.path("1").exists() else None
        assert after == before  # refused: the save that was there is untouched
        return
    loaded = STORE.load("1", ENGINE)
    assert loaded.run.state.hash() == run.state.hash()
    assert loaded.run.recording.inputs == run.recording.inputs
    assert list(loaded.run.asides()) == list(run.asides())
