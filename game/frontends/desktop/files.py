"""Small JSON files the window keeps (settings, memories): read forgivingly, written atomically."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Protocol

from game.engine.bounds import one_line, plain_problem
from game.engine.files import UnreadableFile, read_limited

MAX_BYTES = 4 * 1024 * 1024  # settings are a few hundred bytes, memories a few KB


def read_json(path: Path) -> tuple[Any, str | None]:
    """The file's data, or (None, why) when it is missing, unreadable, not JSON or holds what the game cannot keep.

    Never raises, and never hangs: the file is read through the engine's bounded reader (a pipe or
    /dev/zero in its place is refused), and its values through the engine's bounds (no lone
    surrogates that could not be written back, no numbers of thousands of digits, no deep nesting).
    """
    try:
        raw = read_limited(path, MAX_BYTES, "settings file")
    except UnreadableFile as exc:
        return None, (None if exc.missing else one_line(str(exc)))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return None, one_line(f"{path}: is not valid JSON ({str(exc)[:200]})")
    why = plain_problem(data)
    if why is not None:
        return None, f"{path}: cannot be used: {why}"
    return data, None


def write_json(path: Path, data: Any) -> str | None:
    """Write through a temp file in the same folder, fsync, then os.replace: a crash leaves the old file whole.

    Returns None on success, or one sentence saying why it could not be written (a read-only
    folder must not stop the game).
    """
    try:
        blob = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n"
    except (UnicodeError, ValueError, TypeError, RecursionError) as exc:
        return f"{path}: cannot be written ({type(exc).__name__})"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        return f"{path}: cannot be written ({exc.strerror or exc})"
    return None


class Kept(Protocol):
    """A small file's contents that know whether anything is new since they were read or last written."""

    changed: bool

    def to_dict(self) -> dict[str, Any]: ...


def write_if_changed(path: Path, kept: Kept) -> str | None:
    """write_json of `kept` only when something is new (None: written, or nothing to write); a good write clears `changed`."""
    if not kept.changed:
        return None
    problem = write_json(path, kept.to_dict())
    if problem is None:
        kept.changed = False
    return problem
