"""Small JSON files the window keeps (settings, memories): read forgivingly, written atomically."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def read_json(path: Path) -> tuple[Any, str | None]:
    """The file's data, or (None, why) when it is missing, unreadable or not JSON. Never raises."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"{path}: cannot be read ({exc.strerror})"
    try:
        return json.loads(raw.decode("utf-8")), None
    except (UnicodeDecodeError, ValueError) as exc:
        return None, f"{path}: is not valid JSON ({exc})"


def write_json(path: Path, data: Any) -> str | None:
    """Write through a temp file in the same folder, fsync, then os.replace: a crash leaves the old file whole.

    Returns None on success, or one sentence saying why it could not be written (a read-only
    folder must not stop the game).
    """
    blob = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n"
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
