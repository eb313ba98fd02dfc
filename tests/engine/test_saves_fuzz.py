"""Fuzzing the save reader: whatever the bytes, it returns a run or raises SaveError, and listing never fails."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Engine, load_story
from game.engine.replay import random_walk
from game.engine.saves import Loaded, SaveError, SaveStore, read_header
from tests.conftest import FIXTURES, TINY

ENGINE = Engine(load_story(TINY))
_TMP = tempfile.TemporaryDirectory(prefix="nlmg-fuzz-")  # removed when the test run ends
FOLDER = Path(_TMP.name)
STORE = SaveStore(FOLDER)
_run = random_walk(ENGINE, 8, 40, 5, avoid_endings=True)
_run.command("examine the gate")
STORE.save(_run, "1", play_seconds=30, name="fuzz")
REAL = STORE.path("1").read_bytes()
REAL_HASH = _run.state.hash()
shutil.copy(FIXTURES / "saves-format1" / "1.yaml", FOLDER / "old.yaml")
REAL_V1 = (FOLDER / "old.yaml").read_bytes()  # a real format-1 save
REAL_V1_HASH = STORE.load("old", ENGINE).run.state.hash()


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the C emitter: these tests write thousands of files
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def try_load(data: bytes) -> Loaded | None:
    """Write `data` as a save and load it: a run or SaveError; any other exception fails the test."""
    path = FOLDER / "2.yaml"
    path.write_bytes(data)
    info = read_header(path)  # must never raise either
    assert info.slot == "2"
    try:
        loaded = STORE.load("2", ENGINE)
    except SaveError as exc:
        assert str(exc).startswith(str(path) + ": ")
        return None
    assert info.error is None or "cut off" in info.error
    return loaded


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    assert try_load(data) is None


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=25,
)


@FUZZ
@given(st.lists(yaml_values, min_size=1, max_size=3))
def test_random_yaml_documents(docs):
    assert try_load(yaml.dump_all(docs, Dumper=DUMPER).encode("utf-8")) is None


save_keys = ["nlmg_save", "saved_at", "kind", "name", "chapter", "title", "play_seconds", "excerpt", "story_id", "moves",
             "story", "seed", "state", "inputs", "asides", "checks", "state_hash", "scene", "rng", "vars", "items",
             "visits", "chosen", "format", "ended", "id", "content_hash", "version"]


@FUZZ
@given(st.data())
def test_real_saves_with_a_field_replaced(data):
    header, body = yaml.load_all(REAL.decode("utf-8"), Loader=LOADER)
    doc = data.draw(st.sampled_from([header, body, body["state"], body["story"]]))
    key = data.draw(st.sampled_from(sorted(doc)) | st.sampled_from(save_keys))
    if data.draw(st.booleans()):
        doc[key] = data.draw(yaml_values)
    else:
        doc.pop(key, None)
    loaded = try_load(yaml.dump_all([header, body], Dumper=DUMPER, sort_keys=False).encode("utf-8"))
    if loaded is not None:  # a harmless edit (the name, the excerpt, an unknown key): it must be the same run
        assert loaded.run.state.hash() == REAL_HASH


@FUZZ
@given(st.data())
def test_real_saves_with_a_field_replaced_written_as_json(data):
    first, _, rest = REAL.decode("utf-8").partition("\n---\n")
    header, body = json.loads(first), json.loads(rest)
    doc = data.draw(st.sampled_from([header, body, body["state"], body["story"]]))
    key = data.draw(st.sampled_from(sorted(doc)) | st.sampled_from(save_keys))
    if data.draw(st.booleans()):
        doc[key] = data.draw(yaml_values)
    else:
        doc.pop(key, None)
    loaded = try_load((json.dumps(header) + "\n---\n" + json.dumps(body, indent=1)).encode("utf-8"))
    if loaded is not None:
        assert loaded.run.state.hash() == REAL_HASH


@FUZZ
@given(st.data(), st.sampled_from(["format 2", "format 1"]))
def test_real_saves_mutated_byte_by_byte(data, which):
    real, real_hash = (REAL, REAL_HASH) if which == "format 2" else (REAL_V1, REAL_V1_HASH)
    raw = bytearray(real)
    for _ in range(data.draw(st.integers(1, 4))):
        kind = data.draw(st.sampled_from(["cut", "delete", "insert", "flip", "duplicate"]))
        at = data.draw(st.integers(0, max(0, len(raw) - 1)))
        if kind == "cut":
            del raw[at:]
        elif kind == "delete":
            del raw[at : at + data.draw(st.integers(1, 40))]
        elif kind == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=20) | st.sampled_from([b"\n", b": ", b"- ", b"&a ", b"*a", b"!!python/name:os.system ", b"---\n", b"{", b"'"]))
        elif kind == "flip" and raw:
            raw[at] = data.draw(st.integers(0, 255))
        elif kind == "duplicate":
            raw[at:at] = raw[at : at + data.draw(st.integers(1, 200))]
    loaded = try_load(bytes(raw))
    if loaded is not None:
        assert loaded.run.state.hash() == real_hash or loaded.notice is not None


@FUZZ
@given(st.lists(st.binary(max_size=300), min_size=1, max_size=5))
def test_listing_never_fails_whatever_is_in_the_folder(blobs):
    with tempfile.TemporaryDirectory(prefix="nlmg-fuzz-list-") as name:
        folder = Path(name)
        store = SaveStore(folder)
        (folder / "1.yaml").write_bytes(REAL)
        for n, blob in enumerate(blobs, 2):
            (folder / f"{n}.yaml").write_bytes(blob)
        infos = store.list()
        latest = store.latest()
    assert len(infos) == len(blobs) + 1
    assert next(i for i in infos if i.slot == "1").error is None
    assert all(i.error for i in infos if i.slot != "1")
    assert latest is not None and latest.slot == "1"
