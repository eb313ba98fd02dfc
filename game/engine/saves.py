"""Save files: one readable YAML file per slot, written atomically, read back with every field checked.

A save holds what is needed to rebuild the run exactly (story identity and content hash, seed,
inputs) and a snapshot of the state with its fingerprint, so a load can prove the replay landed
where the player was. The first YAML document is a small header with what a load screen shows,
so listing hundreds of saves never parses a run. Nothing in a save is ever executed: it is read
with the safe loader, and a file that is not exactly a save raises SaveError, never anything else.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import yaml

from game.engine.yamlpos import load_documents

from game.engine.engine import Engine, RunError
from game.engine.run import Run, ReplayStop
from game.engine.state import GameState

SAVE_FORMAT = 1  # bump on any change a older game could not read; list each change below
# 1: header document (nlmg_save, saved_at, kind, name, chapter, title, play_seconds, excerpt,
#    story_id, moves) then body (story, seed, state, inputs, asides, checks, state_hash).
MAX_SAVE_BYTES = 32 * 1024 * 1024
MANUAL_SLOTS = 99
AUTOSAVES = 3
SUFFIX = ".yaml"
HEADER_COMMENT = "# Never Let Me Go: a saved run. Plain YAML; the game checks every field when it loads it.\n"
INDEX_FILE = ".index.json"  # a cache of headers by file name, size and mtime; safe to delete
CHECK_EVERY = 64  # a fingerprint of the state every this many inputs (a multiple of run.CHECKPOINT_EVERY)
KINDS = ("manual", "quick", "auto")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_SEPARATOR = re.compile(rb"\n---[ \r\n]")

_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class SaveError(Exception):
    """The one error a save can raise: str() names the file and says what is wrong with it."""

    def __init__(self, path: str | os.PathLike, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True)
class SlotInfo:
    """What a load screen shows for one save. A broken save still lists, with `error` saying why."""

    slot: str  # "1".."99" manual, "quick", "auto-1".."auto-3" (a copied-in file: its name)
    path: Path
    kind: str  # "manual" | "quick" | "auto"
    saved_at: str  # ISO local date-time
    chapter: str
    title: str
    play_seconds: float
    excerpt: str
    name: str
    story_id: str
    error: str | None = None
    moves: int = 0  # inputs made so far


@dataclass(frozen=True)
class SaveFile:
    """A save read from disk with every field checked, not yet replayed against a story."""

    info: SlotInfo
    story_id: str
    content_hash: str
    seed: int
    inputs: list[list]
    asides: list[tuple[int, str]]
    checks: dict[int, str]  # input count -> fingerprint of the state there (without inputs)
    state: GameState  # the snapshot
    state_hash: str


@dataclass(frozen=True)
class Loaded:
    run: Run
    notice: str | None  # one plain sentence when the run could not be rebuilt exactly
    info: SlotInfo
    play_seconds: float


# ---- slots ----------------------------------------------------------------------------------
def slot_kind(slot: str) -> str | None:
    """The kind of a slot name, or None if it is not one the game writes."""
    if slot == "quick":
        return "quick"
    if slot.startswith("auto-") and slot[5:].isdigit() and 1 <= int(slot[5:]) <= AUTOSAVES and slot[5] != "0":
        return "auto"
    if slot.isdigit() and slot[0] != "0" and 1 <= int(slot) <= MANUAL_SLOTS:
        return "manual"
    return None


def state_digest(state: GameState) -> str:
    """A short fingerprint of a state without its inputs: what a save records every few inputs."""
    data = state.to_dict()
    data["inputs"] = []
    blob = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(blob.encode("ascii")).hexdigest()[:16]


def _now() -> datetime:
    return datetime.now().astimezone()


# ---- writing --------------------------------------------------------------------------------
class _Block(str):
    """A string the dumper writes as a literal block, one input per line."""


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    pass


_Dumper.add_representer(_Block, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", str(s), style="|"))


def _line_safe(text: str, spaces: bool) -> bool:
    return bool(text) and text.isprintable() and text == text.strip() and (spaces or " " not in text)


def _encode_inputs(inputs: list[list]) -> Any:
    """One `scene kind value` line per input when every input fits on a line; a list otherwise.

    A 1,000-input run is one YAML scalar instead of 4,000 nodes: ten times faster to write and read.
    """
    if not inputs:
        return []
    if all(_line_safe(s, False) and _line_safe(v, True) for s, _, v in inputs):
        return _Block("".join(f"{s} {k} {v}\n" for s, k, v in inputs))
    return [list(i) for i in inputs]


def _encode_asides(asides: list[tuple[int, str]]) -> Any:
    if not asides:
        return []
    if all(_line_safe(t, True) for _, t in asides):
        return _Block("".join(f"{n} {t}\n" for n, t in asides))
    return [[n, t] for n, t in asides]


def excerpt_of(paragraphs: Any, limit: int = 100) -> str:
    """A line of the current text for the load screen: the first paragraph, cut at a word."""
    text = " ".join(str(paragraphs[0]).split()) if paragraphs else ""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def encode_save(run: Run, kind: str, saved_at: str, play_seconds: float, name: str) -> tuple[dict, dict]:
    """The two YAML documents of a save of `run`: header and body."""
    view = run.view()
    state = run.state
    story = run.engine.story
    header = {
        "nlmg_save": SAVE_FORMAT,
        "saved_at": saved_at,
        "kind": kind,
        "name": _plain(name, 80),
        "chapter": _plain(view.chapter),
        "title": _plain(view.title),
        "play_seconds": round(min(float(play_seconds), 1e9), 1),  # below 1e16, so never written as 1e+16
        "excerpt": _plain(excerpt_of(view.paragraphs)),
        "story_id": story.id,
        "moves": len(state.inputs),
    }
    snapshot = state.to_dict()
    del snapshot["inputs"]  # written once, below, one per line
    checks = {k: state_digest(s) for k, s in sorted(run.checkpoint_states().items()) if k > 0 and k % CHECK_EVERY == 0}
    body = {
        "story": {"id": story.id, "version": story.version, "content_hash": story.content_hash},
        "seed": run.seed,
        "state": snapshot,
        "inputs": _encode_inputs(state.inputs),
        "asides": _encode_asides(run.asides()),
        "checks": checks,
        "state_hash": state.hash(),  # last: a file cut off anywhere lacks it
    }
    return header, body


def dump_save(header: dict, body: dict) -> bytes:
    """The header as a JSON object, one key a line (JSON is YAML too, and a listing reads it 20 times
    faster than YAML), then `---` and the body as block YAML."""
    head = json.dumps(header, ensure_ascii=False, indent=1)
    text = yaml.dump(body, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
    return (HEADER_COMMENT + head + "\n---\n" + text).encode("utf-8")


def _plain(text: str, limit: int = 200) -> str:
    """One line of printable text: what the header may hold, so JSON and YAML read it alike."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())[:limit].rstrip()


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash or a full disk leaves the old file whole.

    Temp file in the same folder (so the rename cannot cross file systems), flush, fsync,
    os.replace (atomic on POSIX and Windows), then fsync the folder so the rename itself lasts.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise SaveError(path, f"could not be written ({exc.strerror or exc}); any earlier save there is unchanged") from None
    try:
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:  # folders cannot be opened on Windows; the rename is still atomic there
        pass


# ---- reading --------------------------------------------------------------------------------
def _parse(path: Path, text: str, what: str) -> list:
    """Both documents of a save, through the story loader's YAML reader (libyaml and a lean
    constructor: half the time of PyYAML's own, and it refuses every tag but plain data)."""
    try:
        docs, problems = load_documents(text, str(path))
    except Exception as exc:  # hostile bytes: huge numbers, deep nesting
        raise SaveError(path, f"{what} cannot be read as YAML ({type(exc).__name__}); it is damaged or not a save") from None
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        where = f" at line {errors[0].line}" if errors[0].line else ""
        problem = errors[0].message.removeprefix("YAML syntax: ").removeprefix("YAML: ")
        raise SaveError(path, f"{what} is not valid YAML{where} ({problem}); it is damaged or not a save")
    return docs


def _field(path: Path, data: dict, key: str, kind: type | tuple, where: str = "") -> Any:
    if key not in data:
        raise SaveError(path, f"{where}'{key}' is missing; the save is cut off, incomplete or not a save")
    value = data[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        names = " or ".join(k.__name__ for k in kinds)
        raise SaveError(path, f"{where}'{key}' should be a {names}, not {type(value).__name__}")
    return value


def _header_info(path: Path, header: Any) -> SlotInfo:
    """Check the header document and turn it into a SlotInfo. Raises SaveError."""
    if not isinstance(header, dict) or "nlmg_save" not in header:
        raise SaveError(path, "this is not a Never Let Me Go save (it has no 'nlmg_save' header)")
    fmt = header["nlmg_save"]
    if not isinstance(fmt, int) or isinstance(fmt, bool) or fmt < 1:
        raise SaveError(path, f"the save format {fmt!r} is not one this game knows")
    if fmt > SAVE_FORMAT:
        raise SaveError(path, f"this save was made by a newer version of the game (save format {fmt}; this version reads up to {SAVE_FORMAT})")
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


def _decode_inputs(path: Path, value: Any) -> list[list]:
    if isinstance(value, str):
        out = []
        for n, line in enumerate(value.split("\n"), 1):
            if not line:
                continue
            parts = line.split(" ", 2)
            if len(parts) != 3 or parts[1] not in ("choose", "command") or not parts[0] or not parts[2]:
                raise SaveError(path, f"input line {n} is not 'scene choose|command value': {line[:60]!r}")
            out.append(parts)
        return out
    if isinstance(value, list):
        for n, inp in enumerate(value, 1):
            if not (isinstance(inp, list) and len(inp) == 3 and all(isinstance(x, str) for x in inp) and inp[1] in ("choose", "command")):
                raise SaveError(path, f"input {n} is not [scene, choose|command, value]")
        return [list(i) for i in value]
    raise SaveError(path, "'inputs' should be lines of 'scene choose|command value'")


def _decode_asides(path: Path, value: Any, moves: int) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    if isinstance(value, str):
        rows: list = []
        for line in value.split("\n"):
            if line:
                n, _, text = line.partition(" ")
                rows.append([int(n) if n.isdigit() else -1, text])
    elif isinstance(value, list):
        rows = value
    else:
        raise SaveError(path, "'asides' should be lines of 'count command'")
    for row in rows:
        if not (isinstance(row, list) and len(row) == 2 and isinstance(row[0], int) and not isinstance(row[0], bool)
                and isinstance(row[1], str) and 0 <= row[0] <= moves and row[1]):
            raise SaveError(path, "'asides' has a line that is not 'count command' with a count within the run")
        out.append((row[0], row[1]))
    return out


def read_save(path: str | os.PathLike, check_snapshot: bool = True) -> SaveFile:
    """Read and check a whole save file. Raises SaveError naming the file and the reason.

    `check_snapshot=False` leaves out comparing the snapshot with its fingerprint, for callers
    that replay the inputs and compare the result with the fingerprint anyway (rebuild does).
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(path, f"the file is {size // 1_000_000} MB, far too large to be a save")
        data = path.read_bytes()
    except OSError as exc:
        if not path.exists():
            raise SaveError(path, "there is no save here") from None
        raise SaveError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise SaveError(path, "the file is empty; it is not a save")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaveError(path, f"the file is not UTF-8 text (byte {exc.start}); it is damaged or not a save") from None
    docs = _parse(path, text, "the file")
    if not docs or not isinstance(docs[0], dict):
        raise SaveError(path, "this is not a Never Let Me Go save (it has no 'nlmg_save' header)")
    info = _header_info(path, docs[0])
    if len(docs) < 2 or docs[1] is None:
        raise SaveError(path, "the save is cut off after its header: the run itself is missing")
    if len(docs) > 2:
        raise SaveError(path, f"a save has two YAML documents, this file has {len(docs)}")
    body = docs[1]
    if not isinstance(body, dict):
        raise SaveError(path, "the body of the save is not a mapping of fields")
    state_hash = _field(path, body, "state_hash", str)  # first: it is written last, so a cut-off file lacks it
    if not _HEX64.match(state_hash):
        raise SaveError(path, "'state_hash' is not a fingerprint (64 hex digits); the save is cut off or damaged")
    story = _field(path, body, "story", dict)
    story_id = _field(path, story, "id", str, "story ")
    content_hash = _field(path, story, "content_hash", str, "story ")
    seed = _field(path, body, "seed", int)
    snapshot = _field(path, body, "state", dict)
    inputs = _decode_inputs(path, body.get("inputs", []))
    asides = _decode_asides(path, body.get("asides", []), len(inputs))
    checks_raw = _field(path, body, "checks", dict) if "checks" in body else {}
    checks: dict[int, str] = {}
    for k, v in checks_raw.items():
        if not (isinstance(k, int) and not isinstance(k, bool) and 0 < k <= len(inputs) and isinstance(v, str)):
            raise SaveError(path, "'checks' must map input counts within the run to fingerprints")
        checks[k] = v
    if "inputs" in snapshot:
        raise SaveError(path, "the state repeats 'inputs'; they belong once, beside it")
    try:
        state = GameState.from_dict({**snapshot, "inputs": inputs})
    except ValueError as exc:
        raise SaveError(path, f"the saved state is wrong: {exc}") from None
    if state.seed != seed:
        raise SaveError(path, f"the state's seed {state.seed} is not the run's seed {seed}")
    if check_snapshot:
        check_fingerprint(path, state, state_hash)
    if info.moves != len(inputs):
        info = replace(info, moves=len(inputs))
    return SaveFile(info, story_id, content_hash, seed, inputs, asides, checks, state, state_hash)


def check_fingerprint(path: Path, state: GameState, state_hash: str) -> None:
    if state.hash() != state_hash:
        raise SaveError(path, "the saved state does not match its fingerprint; the file was damaged or edited by hand")


def _parse_header(path: Path, text: str) -> Any:
    """JSON when it is (as the game writes it), else YAML (as a person may have edited it)."""
    body = "\n".join(line for line in text.split("\n") if not line.startswith("#")).strip()
    if body.startswith("{"):
        try:
            return json.loads(body)
        except ValueError:
            pass
    docs = _parse(path, text, "the header")
    return docs[0] if docs else None


def read_header(path: Path) -> SlotInfo:
    """The load-screen facts of one save, reading only its first document. Never raises."""
    try:
        with open(path, "rb") as fh:
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
        info = _header_info(path, _parse_header(path, text))
        if found is None:
            raise SaveError(path, "the save is cut off after its header: the run itself is missing")
        if b"state_hash:" not in tail:
            return replace(info, error=str(SaveError(path, "the save is cut off before its end")))
        return info
    except SaveError as exc:
        return _broken(path, str(exc))
    except OSError as exc:
        return _broken(path, str(SaveError(path, f"cannot be read ({exc.strerror or exc})")))


def _broken(path: Path, error: str) -> SlotInfo:
    try:
        when = datetime.fromtimestamp(path.stat().st_mtime).astimezone().isoformat(timespec="seconds")
    except (OSError, ValueError, OverflowError):
        when = ""
    return SlotInfo(path.stem, path, slot_kind(path.stem) or "manual", when, "", "", 0.0, "", "", "", error)


# ---- rebuilding a run -----------------------------------------------------------------------
def rebuild(save: SaveFile, engine: Engine) -> tuple[Run, str | None]:
    """The run a save holds, replayed against `engine`'s story, and a one-sentence notice if it is not exact."""
    path = save.info.path
    story = engine.story
    if save.story_id != story.id:
        raise SaveError(path, f"this save belongs to the story '{save.story_id}', not to '{story.id}'")
    same_story = save.content_hash == story.content_hash
    try:
        run, stop = Run.replay(engine, save.seed, save.inputs, asides=save.asides, lazy_log=True)
    except RunError as exc:
        raise SaveError(path, f"the story went wrong while replaying this save: {exc}") from None
    if stop is None and run.state.hash() == save.state_hash:
        # Exact: the inputs are whole. Comparing fields (not hashing again) shows the snapshot is too.
        if run.state != save.state or list(run.state.items) != list(save.state.items):
            raise SaveError(path, "the saved state does not match its fingerprint; the file was damaged or edited by hand")
        return run, None
    check_fingerprint(path, save.state, save.state_hash)
    if same_story:
        if stop is not None:
            return run, f"This save does not replay exactly in this version of the game: {_stop_text(stop)}, so the run stops just before it."
        return run, "This save does not replay exactly in this version of the game; the run was rebuilt from its moves and may differ a little."
    if stop is not None:
        return run, f"The story has changed since this save: {_stop_text(stop)}, so the run stops just before it."
    return run, "The story has changed since this save; the run was replayed against the new version and may differ a little."


def _stop_text(stop: ReplayStop) -> str:
    return f"at move {stop.index + 1}, {stop.reason}"


# ---- the saves folder -----------------------------------------------------------------------
class SaveStore:
    """The saves folder: numbered manual slots, a quicksave slot and three rotating autosaves."""

    def __init__(self, folder: str | os.PathLike, clock: Callable[[], datetime] = _now):
        self.folder = Path(folder)
        self.clock = clock  # the front end's clock; the engine itself never reads one

    def path(self, slot: str) -> Path:
        return self.folder / f"{slot}{SUFFIX}"

    def save(self, run: Run, slot: str, play_seconds: float = 0.0, name: str = "") -> SlotInfo:
        kind = slot_kind(slot)
        if kind is None:
            raise SaveError(self.path(slot), f"'{slot}' is not a slot: use 1 to {MANUAL_SLOTS}, quick, or auto-1 to auto-{AUTOSAVES}")
        if not math.isfinite(play_seconds) or play_seconds < 0:
            play_seconds = 0.0
        saved_at = self.clock().isoformat(timespec="milliseconds")
        header, body = encode_save(run, kind, saved_at, play_seconds, name)
        path = self.path(slot)
        write_atomic(path, dump_save(header, body))
        return _header_info(path, header)

    def quicksave(self, run: Run, play_seconds: float = 0.0) -> SlotInfo:
        return self.save(run, "quick", play_seconds)

    def autosave(self, run: Run, play_seconds: float = 0.0) -> SlotInfo:
        """Save to auto-1, moving the older autosaves down (auto-1 -> auto-2 -> auto-3; the oldest goes)."""
        for n in range(AUTOSAVES - 1, 0, -1):
            older = self.path(f"auto-{n}")
            try:
                os.replace(older, self.path(f"auto-{n + 1}"))
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise SaveError(older, f"could not be moved along ({exc.strerror or exc})") from None
        return self.save(run, "auto-1", play_seconds)

    def list(self) -> list[SlotInfo]:
        """Every save in the folder, newest first; broken ones too, with `error` set.

        Headers are cached in .index.json by file size and modification time, so a listing of
        hundreds of saves costs one stat per file; a changed or new file's header is read again.
        """
        try:
            entries = [e for e in os.scandir(self.folder) if e.name.endswith(SUFFIX) and not e.name.startswith(".") and e.is_file()]
        except OSError:
            return []
        index = self._read_index()
        fresh: dict[str, list] = {}
        infos = []
        for e in entries:
            try:
                st = e.stat()
            except OSError:
                continue
            key = [st.st_mtime_ns, st.st_size]
            cached = index.get(e.name)
            info = _info_from_index(Path(e.path), cached, key)
            if info is None:
                info = read_header(Path(e.path))
            fresh[e.name] = key + [_info_to_index(info)]
            infos.append(info)
        if fresh != index:
            self._write_index(fresh)
        infos.sort(key=_newest_first)
        return infos

    def _read_index(self) -> dict:
        try:
            with open(self.folder / INDEX_FILE, "rb") as fh:
                data = json.loads(fh.read())
            return data.get("saves", {}) if isinstance(data, dict) and data.get("format") == SAVE_FORMAT else {}
        except (OSError, ValueError, AttributeError):
            return {}

    def _write_index(self, saves: dict) -> None:
        """Best effort, and without fsync: the index is a cache, and a lost one is only rebuilt."""
        tmp = self.folder / f"{INDEX_FILE}.{os.getpid()}.tmp"
        try:
            tmp.write_text(json.dumps({"format": SAVE_FORMAT, "saves": saves}, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.folder / INDEX_FILE)
        except OSError:
            try:
                tmp.unlink()
            except OSError:
                pass

    def latest(self) -> SlotInfo | None:
        """The newest save that is not broken: what Continue loads."""
        return next((i for i in self.list() if i.error is None), None)

    def find(self, slot_or_path: str | os.PathLike) -> Path:
        """A slot name, a save's own name, or a path, to the file it means."""
        if isinstance(slot_or_path, Path):
            return slot_or_path
        text = str(slot_or_path)
        if os.sep in text or "/" in text or text.endswith((".yaml", ".yml")):
            return Path(text)
        if slot_kind(text) is not None or self.path(text).exists():
            return self.path(text)
        for info in self.list():
            if info.error is None and info.name and info.name.lower() == text.lower():
                return info.path
        return self.path(text)

    def load(self, slot_or_path: str | os.PathLike, engine: Engine) -> Loaded:
        """Read a save and rebuild its run with its full history. Raises SaveError, and nothing else."""
        save = read_save(self.find(slot_or_path), check_snapshot=False)
        run, notice = rebuild(save, engine)
        return Loaded(run, notice, save.info, save.info.play_seconds)

    def delete(self, slot: str) -> None:
        """Delete a save in this folder (by slot, name or path). Files elsewhere are never touched."""
        path = self.find(slot)
        try:
            inside = path.resolve().parent == self.folder.resolve() and path.suffix == SUFFIX
        except OSError:
            inside = False
        if not inside:
            raise SaveError(path, f"only saves in {self.folder} can be deleted here")
        try:
            path.unlink()
        except FileNotFoundError:
            raise SaveError(path, "there is no save here to delete") from None
        except OSError as exc:
            raise SaveError(path, f"could not be deleted ({exc.strerror or exc})") from None


_INDEX_FIELDS = ("kind", "saved_at", "chapter", "title", "play_seconds", "excerpt", "name", "story_id", "error", "moves")


def _info_to_index(info: SlotInfo) -> list:
    return [getattr(info, f) for f in _INDEX_FIELDS]


def _info_from_index(path: Path, cached: Any, key: list) -> SlotInfo | None:
    """A SlotInfo from the index if the entry is for this very file and well formed, else None."""
    if not (isinstance(cached, list) and len(cached) == 3 and cached[:2] == key and isinstance(cached[2], list)):
        return None
    row = cached[2]
    if len(row) != len(_INDEX_FIELDS):
        return None
    kind, saved_at, chapter, title, play, excerpt, name, story_id, error, moves = row
    if not (all(isinstance(x, str) for x in (kind, saved_at, chapter, title, excerpt, name, story_id))
            and isinstance(play, (int, float)) and isinstance(moves, int) and (error is None or isinstance(error, str))):
        return None
    return SlotInfo(path.stem, path, kind, saved_at, chapter, title, float(play), excerpt, name, story_id, error, moves)


def _newest_first(info: SlotInfo) -> tuple:
    try:
        when = datetime.fromisoformat(info.saved_at).timestamp() if info.saved_at else 0.0
    except (ValueError, OverflowError, OSError):  # a hand-edited year 1 or 9999 sorts last, not crashes
        when = 0.0
    return (-when, info.slot)
