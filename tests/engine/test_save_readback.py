"""What a save reuses from one save of a run to the next, and what its read-back shares with the run (issue 13):
neither may ever change a byte written or let a difference through."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine import Engine, load_story
from game.engine.recording import Input
from game.engine.replay import random_walk
from game.engine.saves import SaveError, SaveStore, read_save
from game.engine.saves.format import SEPARATOR, _input_texts, save_file
from game.engine.saves.store import encode_checked
from game.engine.saves.validation import read_back, read_save_bytes
from tests.conftest import TINY


@pytest.fixture
def engine() -> Engine:
    return Engine(load_story(TINY))


def lines_of(inputs: list[Input]) -> list[str]:
    return [json.dumps(list(i), ensure_ascii=False, separators=(",", ":")) for i in inputs]


def test_the_lines_kept_from_the_last_save_are_the_lines_of_whatever_run_comes_next() -> None:
    """Longer, shorter, changed at the end or at the start, another run altogether, texts that need escaping:
    each time the lines are what the encoder gives, and the canonical text only when it is theirs."""
    base = [Input(f"s{n}", "choose", f"o{n}") for n in range(50)]
    odd = Input("s", "command", 'say "hi" to caf\u00e9')
    for inputs in (base, [*base, Input("x", "command", "look")], base[:20], [*base[:20], odd], base[:20],
                   [Input("s0", "choose", "other"), *base[1:]], [], base, [odd, *base], base):
        lines, canonical = _input_texts(inputs)
        assert lines == lines_of(inputs)
        plain = all('"' not in t and "\\" not in t and t.isascii() for i in inputs for t in i)
        assert canonical == (json.dumps([list(i) for i in inputs], separators=(",", ":")) if plain else None)


def test_saving_a_run_again_as_it_grows_writes_what_a_first_save_writes(engine: Engine, tmp_path: Path) -> None:
    run = random_walk(engine, 4, 40)
    store = SaveStore(tmp_path)
    for extra in range(3):
        store.save(run, "1")
        again = store.path("1").read_bytes()
        _input_texts([])  # forget the kept lines: this save is made from nothing
        fresh = save_file(run, "manual", json.loads(again.partition(SEPARATOR.encode())[0])["saved_at"], 0.0, "")[1]
        assert again == fresh
        run.recording.inputs.append(Input(run.state.scene, "command", f"look {extra}"))  # (not replayed: bytes only)


def test_the_read_back_shares_the_runs_inputs_only_when_the_file_holds_exactly_them(engine: Engine, tmp_path: Path) -> None:
    run = random_walk(engine, 5, 30)
    path = tmp_path / "1.yaml"
    data = save_file(run, "manual", "2026-05-01T12:00:00+00:00", 0.0, "")[1]
    inputs = run.recording.inputs
    shared = read_back(path, data, inputs)
    assert shared.inputs == inputs and all(a is b for a, b in zip(shared.inputs, inputs, strict=True))
    assert shared.inputs is not inputs  # a list of its own, holding the same Inputs
    # a run that differs from the file by one text, by a text holding the separator, by one input more or less
    last = inputs[-1]
    for other in ([*inputs[:-1], Input(last.scene, last.kind, last.value + "x")],
                  [*inputs[:-1], Input(last.scene, last.kind, last.value + '"')],
                  inputs[:-1], [*inputs, last]):
        read = read_back(path, data, other)
        assert read.inputs == read_save_bytes(path, data, check_snapshot=False).inputs == inputs
        assert read.inputs != other
        assert all(type(i) is Input for i in read.inputs)


def test_a_run_whose_texts_hold_the_separator_reads_back_as_itself(engine: Engine, tmp_path: Path) -> None:
    run = random_walk(engine, 6, 10)
    run.recording.inputs.append(Input(run.state.scene, "command", 'say "a","b" and \\ then'))
    path = tmp_path / "1.yaml"
    data = save_file(run, "manual", "2026-05-01T12:00:00+00:00", 0.0, "")[1]
    assert read_back(path, data, run.recording.inputs).inputs == run.recording.inputs


def test_a_save_whose_read_back_differs_from_the_run_is_never_written(engine: Engine, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The read-back still compares: bytes that hold another input than the run's are refused, the old save kept."""
    run = random_walk(engine, 7, 20)
    store = SaveStore(tmp_path)
    store.save(run, "1")
    before = store.path("1").read_bytes()
    real = save_file

    def altered(*args: object) -> tuple[object, bytes]:
        header, data = real(*args)  # type: ignore[arg-type]
        return header, data.replace(b'"choose"', b'"command"', 1)

    monkeypatch.setattr("game.engine.saves.store.save_file", altered)
    with pytest.raises(SaveError, match="would not load again"):
        encode_checked(store.path("1"), run, "manual", "2026-05-01T12:00:00+00:00", 0.0, "")
    with pytest.raises(SaveError):
        store.save(run, "1")
    assert store.path("1").read_bytes() == before
    assert read_save(store.path("1")).inputs == run.recording.inputs
