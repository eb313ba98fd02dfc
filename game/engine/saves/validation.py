"""Reading a save file with every field checked: a file that is not exactly a save raises SaveError, never anything else.

Nothing in a save is ever executed, and nothing in it is trusted: each field's kind, range and
agreement with the others is checked here, for both formats the game reads (format.py lists
them), before a run is rebuilt from it (rebuild.py).
"""

from __future__ import annotations

import math
import os
import re
import stat
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from game.engine.bounds import MAX_INT_BITS, plain_problem
from game.engine.checkpoints import CHECK_EVERY
from game.engine.files import UnreadableFile, read_limited
from game.engine.gcpause import collector_paused
from game.engine.recording import Input, Recording
from game.engine.saves.format import (
    KINDS,
    READABLE_FORMATS,
    SAVE_FORMAT,
    SaveError,
    SaveFile,
    SlotInfo,
    parse_header,
    split_documents,
    state_hash,
)
from game.engine.saves.inputs import read_inputs, short_texts, written_inputs
from game.engine.state import GameState

MAX_SAVE_BYTES = 32 * 1024 * 1024
MANUAL_SLOTS = 99
AUTOSAVES = 3
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_SEPARATOR = re.compile(rb"\n---[ \r\n]")


def slot_kind(slot: str) -> str | None:
    """The kind of a slot name, or None if it is not one the game writes."""
    if slot == "quick":
        return "quick"
    if slot.startswith("auto-") and _small_number(slot[5:]) and 1 <= int(slot[5:]) <= AUTOSAVES and slot[5] != "0":
        return "auto"
    if _small_number(slot) and slot[0] != "0" and 1 <= int(slot) <= MANUAL_SLOTS:
        return "manual"
    return None


def _small_number(text: str, digits: int = 4) -> bool:
    """ASCII digits only, and few of them: `²`, `①` and 5,000-digit numbers are not slots or counts."""
    return 0 < len(text) <= digits and text.isascii() and text.isdigit()


def _field(path: Path, data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str = "") -> Any:
    if key not in data:
        raise SaveError(path, f"{where}'{key}' is missing; the save is cut off, incomplete or not a save")
    value = data[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        names = " or ".join(k.__name__ for k in kinds)
        raise SaveError(path, f"{where}'{key}' should be a {names}, not {type(value).__name__}")
    return value


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def header_format(path: Path, header: Any) -> int:
    """The save format a header says it is in. Raises SaveError for anything this game cannot read."""
    if not isinstance(header, dict) or "nlmg_save" not in header:
        raise SaveError(path, "this is not a Never Let Me Go save (it has no 'nlmg_save' header)")
    fmt = header["nlmg_save"]
    if not _count(fmt) or fmt < 1:
        raise SaveError(path, f"the save format {fmt!r} is not one this game knows")
    if fmt > SAVE_FORMAT:
        raise SaveError(path, f"this save was made by a newer version of the game (save format {fmt}; this version reads up to {SAVE_FORMAT})")
    if fmt not in READABLE_FORMATS:
        raise SaveError(path, f"the save format {fmt} is no longer read by this version of the game")
    return int(fmt)


def header_info(path: Path, header: Any) -> SlotInfo:
    """Check the header document and turn it into a SlotInfo. Raises SaveError."""
    header_format(path, header)
    saved_at = _field(path, header, "saved_at", str)
    try:
        datetime.fromisoformat(saved_at)
    except ValueError:
        raise SaveError(path, f"'saved_at' is not a date and time: {saved_at[:40]!r}") from None
    kind = _field(path, header, "kind", str)
    if kind not in KINDS:
        raise SaveError(path, f"'kind' must be one of {', '.join(KINDS)}")
    play = _field(path, header, "play_seconds", (int, float))
    if not math.isfinite(play) or play < 0:
        raise SaveError(path, "'play_seconds' must be a time of zero or more")
    moves = _field(path, header, "moves", int)
    if moves < 0:
        raise SaveError(path, "'moves' must be zero or more")
    return SlotInfo(
        slot=path.stem, path=path, kind=slot_kind(path.stem) or kind, saved_at=saved_at,
        chapter=_field(path, header, "chapter", str), title=_field(path, header, "title", str),
        play_seconds=float(play), excerpt=_field(path, header, "excerpt", str), name=_field(path, header, "name", str),
        story_id=_field(path, header, "story_id", str), error=None, moves=moves,
    )


# ---- the body's fields, in either format ------------------------------------------------------
def _pairs(path: Path, value: Any, key: str, moves: int) -> list[tuple[int, str]]:
    """Asides or checks: [count, text] pairs (format 2), or format 1's "count text" lines or mapping."""
    rows: list[Any]
    if isinstance(value, str):
        rows = []
        for line in value.split("\n"):
            if line:
                n, _, text = line.partition(" ")
                rows.append([int(n) if _small_number(n, 12) else -1, text])
    elif isinstance(value, dict):
        rows = [[k, v] for k, v in value.items()]
    elif isinstance(value, list):
        rows = value
    else:
        raise SaveError(path, f"'{key}' should be a list of [count, text] pairs")
    out: list[tuple[int, str]] = []
    low = 0 if key == "asides" else 1
    for row in rows:
        if not (isinstance(row, list) and len(row) == 2 and _count(row[0]) and isinstance(row[1], str)
                and low <= row[0] <= moves and row[1]):
            raise SaveError(path, f"'{key}' has an entry that is not a count within the run and its text")
        out.append((row[0], row[1]))
    return out


def decode_body(path: Path, info: SlotInfo, fmt: int, body: Any, check_snapshot: bool = True,
                written: list[Input] | None = None) -> SaveFile:
    """Check the body document against its header and turn it into a SaveFile. Raises SaveError.

    `written`: the body's inputs as written_inputs (inputs.py) already found them (the reader asks once, for two checks)."""
    if not isinstance(body, dict):
        raise SaveError(path, "the body of the save is not a mapping of fields")
    fingerprint = _field(path, body, "state_hash", str)  # first: it is written last, so a cut-off file lacks it
    if not _HEX64.match(fingerprint):
        raise SaveError(path, "'state_hash' is not a fingerprint (64 hex digits); the save is cut off or damaged")
    story = _field(path, body, "story", dict)
    story_id = _field(path, story, "id", str, "story ")
    content_hash = _field(path, story, "content_hash", str, "story ")
    seed = _field(path, body, "seed", int)
    snapshot = _field(path, body, "state", dict)
    inputs = written if written is not None else read_inputs(path, body.get("inputs", []))
    asides = _pairs(path, body.get("asides", []), "asides", len(inputs))
    if fmt == 1 and "checks" in body:
        _field(path, body, "checks", dict)
    checks = dict(_pairs(path, body.get("checks", []), "checks", len(inputs)))
    if fmt >= 2:
        _check_spacing(path, checks, len(inputs))
    if "inputs" in snapshot:
        raise SaveError(path, "the state repeats 'inputs'; they belong once, beside it")
    try:
        state = GameState.from_dict(snapshot)
    except ValueError as exc:
        raise SaveError(path, f"the saved state is wrong: {exc}") from None
    if state.seed != seed:
        raise SaveError(path, f"the state's seed {state.seed} is not the run's seed {seed}")
    recording = Recording(story_id, content_hash, seed, inputs)
    if check_snapshot:
        check_fingerprint(path, state, fingerprint, fmt, inputs)
    if info.moves != len(inputs):
        info = replace(info, moves=len(inputs))
    return SaveFile(info, recording, asides, checks, state, fingerprint, fmt)


def _check_spacing(path: Path, checks: dict[int, str], moves: int) -> None:
    """A run takes a fingerprint at input 64 and then at least every time its length doubles (checkpoints.py), so a
    load that checks them as it replays stops a save whose inputs diverge within twice the inputs before the divergence.
    A save that leaves them out could make a load replay everything before it can tell: refused by name."""
    last = 0
    for k in sorted(checks):
        if k % CHECK_EVERY or k > max(2 * last, CHECK_EVERY):
            break
        last = k
    else:
        if moves < max(2 * last, CHECK_EVERY):
            return
    raise SaveError(path, f"the save lacks fingerprints the game keeps (at input {CHECK_EVERY}, then at least each time "
                          "the run doubles in length); it was damaged or edited by hand")


def check_fingerprint(path: Path, state: GameState, fingerprint: str, fmt: int = SAVE_FORMAT, inputs: list[Input] | None = None) -> None:
    if state_hash(state, fmt, inputs or ()) != fingerprint:
        raise SaveError(path, "the saved state does not match its fingerprint; the file was damaged or edited by hand")


# ---- files ------------------------------------------------------------------------------------
def read_save(path: str | os.PathLike[str], check_snapshot: bool = True) -> SaveFile:
    """Read and check a whole save file. Raises SaveError naming the file and the reason.

    `check_snapshot=False` leaves out comparing the snapshot with its fingerprint, for callers
    that replay the inputs and compare the result with the fingerprint anyway (rebuild does).
    """
    path = Path(path)
    return read_save_bytes(path, save_bytes(path), check_snapshot)


def save_bytes(path: Path) -> bytes:
    """A save file's bytes, read within the size any save may have (SaveError naming the file otherwise)."""
    try:
        return read_limited(path, MAX_SAVE_BYTES, "save")
    except UnreadableFile as exc:
        raise SaveError(path, exc.reason) from None


def read_back(path: Path, data: bytes, inputs: list[Input]) -> SaveFile:
    """read_save_bytes(path, data, check_snapshot=False) for the bytes of a save this game has just made of a run with
    `inputs`, to be compared with that run and dropped (store.encode_checked). Every check is the same; but when the
    inputs read back are those very texts (as they are unless something is wrong), the SaveFile shares the run's own
    Inputs rather than making 10,000 more to compare one by one: that was a sixth of a long run's save (issue 13)."""
    with collector_paused():
        return _read_save_bytes(path, data, False, inputs)


def read_save_bytes(path: Path, data: bytes, check_snapshot: bool = True) -> SaveFile:
    """read_save of bytes already in hand: what the writer checks its own output with before it replaces a save,
    and how the web edition reads a save kept in the browser or imported there. `path` names it in messages.

    The garbage collector is paused while it reads: a long run is hundreds of thousands of small lists and
    tuples that all live on, and the collector's passes over them cost more than the parse (30 MB: 25 s, not 3).
    """
    with collector_paused():
        return _read_save_bytes(path, data, check_snapshot)


def _read_save_bytes(path: Path, data: bytes, check_snapshot: bool, expected: list[Input] | None = None) -> SaveFile:
    if len(data) > MAX_SAVE_BYTES:
        raise SaveError(path, f"the save would be {len(data) // 1_000_000} MB, far too large to be a save")
    if not data or data.isspace():  # what strip() would find, without copying a long save to find it
        raise SaveError(path, "the file is empty; it is not a save")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SaveError(path, f"line {line} is not UTF-8 text; the file is damaged or not a save") from None
    header, body, documents = split_documents(path, text)
    written = written_inputs(body.get("inputs"), expected) if isinstance(body, dict) else None
    escapes = "\\" in text and ("\\u" in text or "\\U" in text)  # one pass (memchr) when, as usual, there is no backslash
    for part, data_part in (("header", header), ("body", body)):
        lean = part == "body" and not escapes  # no escape, so no lone surrogate (strict UTF-8)
        why = _body_problem(body, written is not None) if lean else plain_problem(data_part)
        if why is not None:
            raise SaveError(path, f"the save's {part} cannot be read: {why}")
    if not isinstance(header, dict):
        raise SaveError(path, "this is not a Never Let Me Go save (it has no 'nlmg_save' header)")
    info = header_info(path, header)
    if documents < 2 or body is None:
        raise SaveError(path, "the save is cut off after its header: the run itself is missing")
    if documents > 2:
        raise SaveError(path, f"a save has two documents, this file has {documents}")
    return decode_body(path, info, header_format(path, header), body, check_snapshot, written)


def _body_problem(body: Any, inputs_written: bool = False) -> str | None:
    """bounds.plain_problem of a save's body whose text holds no \\u or \\U escape (so no lone surrogate), with its long parts
    (the inputs, the visit and choice counts) checked at C speed when they have the shapes a save gives them:
    the same verdict, without a Python step for each of a long run's hundred thousand values (issue 13).
    `inputs_written`: written_inputs found the inputs in the shape the game writes, so within bounds."""
    if not isinstance(body, dict):
        return plain_problem(body)
    rest = dict(body)
    if inputs_written:
        del rest["inputs"]
    state = rest.get("state")
    if isinstance(state, dict):
        rest["state"] = state = dict(state)
        for key in ("visits", "chosen"):
            counts = state.get(key)
            if (isinstance(counts, dict) and short_texts(list(counts)) and set(map(type, counts.values())) <= {int}
                    and max(map(abs, counts.values()), default=0).bit_length() <= MAX_INT_BITS):
                del state[key]
    return plain_problem(rest)


def read_header(path: Path) -> SlotInfo:
    """The load-screen facts of one save, reading only its first document. Never raises."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise SaveError(path, "this is not an ordinary file, so it is not a save")
        with os.fdopen(fd, "rb") as fh:
            head = fh.read(8192)
            while not _SEPARATOR.search(head) and len(head) < 65536:
                more = fh.read(8192)
                if not more:
                    break
                head += more
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - 200))
            tail = fh.read()
        found = _SEPARATOR.search(head)
        if found is None and len(head) < size:
            raise SaveError(path, "this is not a Never Let Me Go save (no header within its first 64 KB)")
        if not head.strip():
            raise SaveError(path, "the file is empty; it is not a save")
        try:
            text = head[: found.start() + 1 if found else len(head)].decode("utf-8")
        except UnicodeDecodeError:
            raise SaveError(path, "the header is not UTF-8 text; the file is damaged or not a save") from None
        header = parse_header(path, text)
        why = plain_problem(header)
        if why is not None:
            raise SaveError(path, f"the save's header cannot be read: {why}")
        info = header_info(path, header)
        if found is None:
            raise SaveError(path, "the save is cut off after its header: the run itself is missing")
        if b"state_hash" not in tail:
            return replace(info, error=str(SaveError(path, "the save is cut off before its end")))
        return info
    except SaveError as exc:
        return broken(path, str(exc))
    except OSError as exc:
        return broken(path, str(SaveError(path, f"cannot be read ({exc.strerror or exc})")))


def broken(path: Path, error: str) -> SlotInfo:
    """A SlotInfo for a save that cannot be loaded: it still lists, with `error` saying why."""
    try:
        when = datetime.fromtimestamp(path.stat().st_mtime).astimezone().isoformat(timespec="seconds")
    except (OSError, ValueError, OverflowError):
        when = ""
    return SlotInfo(path.stem, path, slot_kind(path.stem) or "manual", when, "", "", 0.0, "", "", "", error)
