"""Saves against hostile files and unsaveable runs (issue 12): every one a SaveError naming the file, no save lost."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from game.engine import Engine, Run, load_story
from game.engine.files import UnreadableFile, read_limited
from game.engine.saves import SaveError, SaveStore, read_header, read_save, slot_kind
from game.engine.saves import store as store_module
from tests.conftest import TINY

ENGINE = Engine(load_story(TINY))


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "saves")


def a_run() -> Run:
    run = Run(ENGINE, 7)
    run.command("examine the gate")
    return run


def test_a_fifo_or_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    """Failed before: the size cap trusted st_size, so a FIFO blocked forever and /dev/zero read without end."""
    fifo = tmp_path / "5.yaml"
    os.mkfifo(fifo)
    result: list[BaseException | None] = []

    def load() -> None:
        try:
            read_save(fifo)
        except BaseException as exc:  # what it raised is the test's result
            result.append(exc)

    t = threading.Thread(target=load, daemon=True)
    t.start()
    t.join(5)
    assert not t.is_alive(), "reading a FIFO as a save hung"
    assert isinstance(result[0], SaveError) and "not an ordinary file" in str(result[0])
    with pytest.raises(SaveError, match="not an ordinary file"):
        read_save("/dev/zero")
    assert read_header(fifo).error is not None


def test_the_size_limit_is_counted_while_reading(tmp_path: Path) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(UnreadableFile, match="far too large"):
        read_limited(path, 1000)
    assert read_limited(path, 1001) == b"x" * 1001


def test_a_nan_reached_at_run_time_never_reaches_a_save(store: SaveStore) -> None:
    """Failed before: 1e308*10 - 1e308*10 gave NaN, which saved and then would not load."""
    run = a_run()
    run.state.vars["x"] = float("nan")  # as an effect could once leave it
    store.save(a_run(), "1")
    before = store.path("1").read_bytes()
    with pytest.raises(SaveError, match="cannot be saved"):
        store.save(run, "1")
    assert store.path("1").read_bytes() == before
    assert not list(store.folder.glob(".*.tmp"))


def test_a_lone_surrogate_in_a_typed_line_does_not_crash_saving(store: SaveStore) -> None:
    """Failed before: `printf 'look \\xff'` became a lone surrogate and the next save crashed in the encoder."""
    run = a_run()
    run.command("look \udcff")
    try:
        store.save(run, "2")
    except SaveError as exc:
        assert "cannot be saved" in str(exc)
    else:
        assert store.load("2", ENGINE).run.state.hash() == run.state.hash()


def test_a_run_too_large_to_save_is_refused_before_any_autosave_moves(store: SaveStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Failed before: autosave rotated first, so a save that was then refused cost the oldest autosave."""
    for _ in range(3):
        store.autosave(a_run())
    olds = {n: store.path(f"auto-{n}").read_bytes() for n in (1, 2, 3)}
    monkeypatch.setattr("game.engine.saves.validation.MAX_SAVE_BYTES", 300)
    with pytest.raises(SaveError, match="too large"):
        store.autosave(a_run())
    assert {n: store.path(f"auto-{n}").read_bytes() for n in (1, 2, 3)} == olds


def test_a_failed_write_costs_no_autosave(store: SaveStore, monkeypatch: pytest.MonkeyPatch) -> None:
    for _ in range(3):
        store.autosave(a_run())
    olds = {n: store.path(f"auto-{n}").read_bytes() for n in (1, 2, 3)}
    real_fsync = os.fsync

    def failing(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module.os, "fsync", failing)
    with pytest.raises(SaveError, match="could not be written"):
        store.autosave(a_run())
    monkeypatch.setattr(store_module.os, "fsync", real_fsync)
    assert {n: store.path(f"auto-{n}").read_bytes() for n in (1, 2, 3)} == olds


def test_huge_numbers_in_a_save_are_refused_by_name(store: SaveStore) -> None:
    """Failed before: a hex integer of many digits in the seed crashed loading (int to str digit limit)."""
    store.save(a_run(), "3")
    path = store.path("3")
    text = path.read_text()
    path.write_text(text.replace('"seed": 7', '"seed": ' + "9" * 5000))
    with pytest.raises(SaveError, match=r"3\.yaml"):
        store.load("3", ENGINE)
    header, _, _body = text.partition("\n---\n")
    path.write_text(header + "\n---\nseed: 0x" + "f" * 20000 + "\n")
    with pytest.raises(SaveError):
        store.load("3", ENGINE)


def test_odd_slot_names_and_index_entries_list_without_crashing(store: SaveStore) -> None:
    """Failed before: `².yaml` crashed slot_kind (isdigit but not int); NaN play time in the index crashed the listing."""
    assert slot_kind("²") is None and slot_kind("①") is None and slot_kind("9" * 5000) is None
    store.save(a_run(), "1")
    (store.folder / "².yaml").write_bytes((store.path("1")).read_bytes())
    store.list()
    index = json.loads((store.folder / ".index.json").read_text())
    for row in index["saves"].values():
        row[2][4] = float("nan")
    (store.folder / ".index.json").write_text(json.dumps(index))
    infos = store.list()
    assert all(i.play_seconds == i.play_seconds for i in infos)
    for wrong in ('[1, 2]', '{"format": 2, "saves": [1]}', '{"format": 2, "saves": {"1.yaml": 5}}', "[" * 30000):
        (store.folder / ".index.json").write_text(wrong)
        assert [i.slot for i in store.list()]


def test_a_header_nested_deeply_is_refused(store: SaveStore) -> None:
    """Failed before: a header nested 30,000 deep raised RecursionError."""
    path = store.folder / "4.yaml"
    store.folder.mkdir(parents=True, exist_ok=True)
    path.write_text("{\"a\": " * 30000 + "1" + "}" * 30000 + "\n---\n{}\n")
    assert read_header(path).error is not None
    with pytest.raises(SaveError):
        read_save(path)
    path.write_text("a: " + "[" * 30000 + "\n---\n{}\n")
    assert read_header(path).error is not None
    with pytest.raises(SaveError):
        read_save(path)
    store.list()


def test_leftover_temp_files_of_a_killed_save_are_cleaned(store: SaveStore) -> None:
    """Failed before: `kill -9` during a save left `.N.yaml.PID.tmp` files forever."""
    store.folder.mkdir(parents=True)
    dead = store.folder / ".1.yaml.999999999.tmp"
    dead.write_bytes(b"half a save")
    fresh = store.folder / ".2.yaml.999999998.tmp"
    fresh.write_bytes(b"being written by another copy of the game this second")
    os.utime(dead, (1_000_000_000, 1_000_000_000))
    store.list()
    assert not dead.exists() and fresh.exists()


@pytest.mark.parametrize("where", ["inputs", "visits", "header"])
def test_an_escaped_lone_surrogate_anywhere_in_a_save_is_refused_by_name(store: SaveStore, where: str) -> None:
    """JSON can spell a character UTF-8 cannot hold (\\ud800): the reader's quick path is for texts with no escape
    at all, so one written into the inputs, the visit counts or the header still meets the full check."""
    run = a_run()
    run.choose(run.view().options[0].id)
    store.save(run, "1")
    path = store.path("1")
    head, sep, body = path.read_text(encoding="utf-8").partition("\n---\n")
    if where == "inputs":
        body = body.replace('["yard.gate","choose","in"]', '["yard.gate","choose","in\\ud800"]', 1)
    elif where == "visits":
        body = body.replace('"visits":{"', '"visits":{"\\ud800', 1)
    else:
        head = head.replace('"name": "', '"name": "\\ud800', 1)
    path.write_text(head + sep + body, encoding="utf-8")
    with pytest.raises(SaveError, match="lone surrogate") as got:
        read_save(path)
    assert str(path) in str(got.value)
