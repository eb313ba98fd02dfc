"""The saves folder: numbered manual slots, a quicksave slot, three rotating autosaves, an index for listing, atomic writes.

A save is written whole or not at all (write_atomic), so a crash or a full disk never costs the
save that was there; listing reads only headers, and caches them by file size and time.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from game.engine.bounds import MAX_DEPTH, plain_problem
from game.engine.engine import Engine
from game.engine.files import UnreadableFile, read_limited, remove_leftovers
from game.engine.gcpause import collector_paused
from game.engine.run import Run
from game.engine.saves.format import KINDS, SAVE_FORMAT, SaveError, SlotInfo, save_file
from game.engine.saves.rebuild import Loaded, rebuild, restore
from game.engine.saves.rename import renamed
from game.engine.saves.trust import Trust
from game.engine.saves.validation import (
    AUTOSAVES,
    MANUAL_SLOTS,
    header_info,
    read_back,
    read_header,
    read_save_bytes,
    save_bytes,
    slot_kind,
)
from game.engine.state import same_state

SUFFIX = ".yaml"  # the files are JSON, which is YAML too: the name older versions of the game look for
INDEX_FILE = ".index.json"  # a cache of headers by file name, size and mtime; safe to delete
MAX_INDEX_BYTES = 8 * 1024 * 1024


def _now() -> datetime:
    return datetime.now().astimezone()


def write_atomic(path: Path, data: bytes, before_replace: Callable[[], None] | None = None) -> None:
    """Write `data` to `path` so that a crash or a full disk leaves the old file whole.

    Temp file in the same folder (so the rename cannot cross file systems), flush, fsync,
    os.replace (atomic on POSIX and Windows), then fsync the folder so the rename itself lasts.
    `before_replace` runs once the new file is safely on disk and before it takes its place
    (autosave rotation: nothing moves along unless there is a new save to take the first place).
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise SaveError(path, f"could not be written ({exc.strerror or exc}); any earlier save there is unchanged") from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    try:
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:  # folders cannot be opened on Windows; the rename is still atomic there
        pass


def encode_checked(path: Path, run: Run, kind: str, saved_at: str, play_seconds: float, name: str) -> tuple[dict[str, Any], bytes]:
    """A save's header and bytes, read back with the reader's own checks first: the game never writes a save it would refuse.

    Raises SaveError saying why this run cannot be saved (a value no save can keep, a run too
    large), so the caller can say so while every earlier save stays as it was.
    """
    with collector_paused():  # many short-lived objects over a long-lived run, all dropped before it runs again: gcpause.py
        try:
            header, data = save_file(run, kind, saved_at, play_seconds, name)
        except (UnicodeError, ValueError, OverflowError, RecursionError, TypeError) as exc:
            raise SaveError(path, f"this run cannot be saved ({type(exc).__name__}); any earlier save there is unchanged") from None
        try:
            saved = read_back(path, data, run.recording.inputs)
            same = saved.inputs == run.recording.inputs and same_state(saved.state, run.state)
            del saved  # freed here, while paused: the collector never walks the tens of thousands of objects read back
            if not same:
                # what check_snapshot would find, without serialising the run a second time: the fingerprint was made from
                # the run's own state and inputs, so it matches what was read back exactly when they are the same
                raise SaveError(path, "the saved state does not match its fingerprint; the file was damaged or edited by hand")
        except SaveError as exc:
            raise SaveError(path, f"this run cannot be saved, as it would not load again ({exc.reason}); any earlier save there is unchanged") from None
    return header, data


class SaveStore:
    """The saves folder: numbered manual slots, a quicksave slot and three rotating autosaves."""

    def __init__(self, folder: str | os.PathLike[str], clock: Callable[[], datetime] = _now):
        self.folder = Path(folder)
        self.clock = clock  # the front end's clock; the engine itself never reads one
        self._tidied = False
        self._trust = Trust(self.folder)

    def path(self, slot: str) -> Path:
        return self.folder / f"{slot}{SUFFIX}"

    def tidy(self) -> None:
        """Once per store: remove the temporary files a save killed half-way left behind (the saves themselves are whole)."""
        if not self._tidied:
            self._tidied = True
            remove_leftovers(self.folder, ".*.tmp")

    def save(self, run: Run, slot: str, play_seconds: float = 0.0, name: str = "", rotate: bool = False) -> SlotInfo:
        kind = slot_kind(slot)
        if kind is None:
            raise SaveError(self.path(slot), f"'{slot}' is not a slot: use 1 to {MANUAL_SLOTS}, quick, or auto-1 to auto-{AUTOSAVES}")
        if not math.isfinite(play_seconds) or play_seconds < 0:
            play_seconds = 0.0
        saved_at = self.clock().isoformat(timespec="milliseconds")
        path = self.path(slot)
        self.tidy()
        header, data = encode_checked(path, run, kind, saved_at, play_seconds, name)
        write_atomic(path, data, self._rotate if kind == "auto" and slot == "auto-1" and rotate else None)
        self._trust.add(data)
        return header_info(path, header)

    def quicksave(self, run: Run, play_seconds: float = 0.0) -> SlotInfo:
        return self.save(run, "quick", play_seconds)

    def autosave(self, run: Run, play_seconds: float = 0.0) -> SlotInfo:
        """Save to auto-1, moving the older autosaves down (auto-1 -> auto-2 -> auto-3; the oldest goes).

        The new save is checked and on disk before anything moves: a save that fails costs no autosave.
        """
        return self.save(run, "auto-1", play_seconds, rotate=True)

    def _rotate(self) -> None:
        for n in range(AUTOSAVES - 1, 0, -1):
            with contextlib.suppress(FileNotFoundError):
                os.replace(self.path(f"auto-{n}"), self.path(f"auto-{n + 1}"))

    def list(self) -> list[SlotInfo]:
        """Every save in the folder, newest first; broken ones too, with `error` set.

        Headers are cached in .index.json by file size and modification time, so a listing of
        hundreds of saves costs one stat per file; a changed or new file's header is read again.
        """
        self.tidy()
        try:
            entries = [e for e in os.scandir(self.folder) if e.name.endswith(SUFFIX) and not e.name.startswith(".") and e.is_file()]
        except OSError:
            return []
        index = self._read_index()
        fresh: dict[str, list[Any]] = {}
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
            fresh[e.name] = [*key, _info_to_index(info)]
            infos.append(info)
        if fresh != index:
            self._write_index(fresh)
        infos.sort(key=_newest_first)
        return infos

    def _read_index(self) -> dict[str, Any]:
        try:
            data = json.loads(read_limited(self.folder / INDEX_FILE, MAX_INDEX_BYTES, "saves index"))
        except (UnreadableFile, ValueError, RecursionError):
            return {}
        saves = data.get("saves") if isinstance(data, dict) and data.get("format") == SAVE_FORMAT else None
        return saves if isinstance(saves, dict) and plain_problem(saves, MAX_DEPTH - 4) is None else {}

    def _write_index(self, saves: dict[str, Any]) -> None:
        """Best effort, and without fsync: the index is a cache, and a lost one is only rebuilt."""
        tmp = self.folder / f"{INDEX_FILE}.{os.getpid()}.tmp"
        try:
            tmp.write_text(json.dumps({"format": SAVE_FORMAT, "saves": saves}, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.folder / INDEX_FILE)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()

    def latest(self) -> SlotInfo | None:
        """The newest save that is not broken: what Continue loads."""
        return next((i for i in self.list() if i.error is None), None)

    def find(self, slot_or_path: str | os.PathLike[str]) -> Path:
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

    def load(self, slot_or_path: str | os.PathLike[str], engine: Engine) -> Loaded:
        """Read a save and rebuild its run with its full history. Raises SaveError, and nothing else.

        A save this store wrote itself, on this story and by this engine, is restored from its
        snapshot and replayed later (trust.py); any other is replayed now, and refused if it does not prove itself.
        """
        path = self.find(slot_or_path)
        data = save_bytes(path)
        save = read_save_bytes(path, data, check_snapshot=False)
        run = restore(save, engine) if self._trust.knows(data) else None
        notice = None
        if run is None:
            run, notice = rebuild(save, engine)
        return Loaded(run, notice, save.info, save.info.play_seconds)

    def rename(self, slot_or_path: str | os.PathLike[str], name: str) -> SlotInfo:
        """Give a save a name by rewriting its header alone (rename.py: nothing replayed, the run's bytes untouched);
        a save this store wrote stays one it knows (trust.py), so it still loads without a replay."""
        path = self.find(slot_or_path)
        data = save_bytes(path)
        new, info = renamed(path, data, name)
        write_atomic(path, new)
        if self._trust.knows(data):
            self._trust.add(new)
        return info

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


def _info_to_index(info: SlotInfo) -> list[Any]:
    return [getattr(info, f) for f in _INDEX_FIELDS]


def _info_from_index(path: Path, cached: Any, key: list[Any]) -> SlotInfo | None:
    """A SlotInfo from the index if the entry is for this very file and well formed, else None."""
    if not (isinstance(cached, list) and len(cached) == 3 and cached[:2] == key and isinstance(cached[2], list)):
        return None
    row = cached[2]
    if len(row) != len(_INDEX_FIELDS):
        return None
    kind, saved_at, chapter, title, play, excerpt, name, story_id, error, moves = row
    if not (all(isinstance(x, str) for x in (kind, saved_at, chapter, title, excerpt, name, story_id))
            and isinstance(play, (int, float)) and math.isfinite(play) and play >= 0
            and isinstance(moves, int) and not isinstance(moves, bool) and 0 <= moves < 1 << 40
            and (error is None or isinstance(error, str)) and kind in KINDS):
        return None
    return SlotInfo(path.stem, path, kind, saved_at, chapter, title, float(play), excerpt, name, story_id, error, moves)


def _newest_first(info: SlotInfo) -> tuple[float, str]:
    try:
        when = datetime.fromisoformat(info.saved_at).timestamp() if info.saved_at else 0.0
    except (ValueError, OverflowError, OSError):  # a hand-edited year 1 or 9999 sorts last, not crashes
        when = 0.0
    return (-when, info.slot)
