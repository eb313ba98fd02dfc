"""Reading a file the game did not write itself: a regular file only, and never more than a limit, counted while reading.

Scene files, saves, the saves index, settings and memories can all be swapped for something else
by a player or a shared download: a named pipe that never ends, /dev/zero, a 10 GB file. The size
a file claims (st_size) is not trusted: a pipe or a device claims 0. Here the file is opened without
blocking, checked to be a regular file on the open handle (so it cannot change between the check and
the read), and read in pieces until the limit, one byte past which means "too large".
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

CHUNK = 1 << 20


class UnreadableFile(Exception):
    """A file that cannot be read as asked; `reason` is one sentence without the path, `missing` when it is not there."""

    def __init__(self, path: str | os.PathLike[str], reason: str, missing: bool = False):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
        self.missing = missing


def read_limited(path: str | os.PathLike[str], limit: int, what: str = "file") -> bytes:
    """The whole of a regular file of at most `limit` bytes. Raises UnreadableFile and nothing else."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableFile(path, f"there is no {what} here", missing=True) from None
    except (OSError, ValueError) as exc:
        raise UnreadableFile(path, f"cannot be read ({_why(exc)})") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not an ordinary file (a pipe, a device or a socket)"
            raise UnreadableFile(path, f"this is {kind}, not a {what}")
        parts = []
        got = 0
        while got <= limit:
            piece = os.read(fd, min(CHUNK, limit + 1 - got))
            if not piece:
                break
            parts.append(piece)
            got += len(piece)
        if got > limit:
            raise UnreadableFile(path, f"the file is larger than {_size(limit)}, far too large to be a {what}")
        return b"".join(parts)
    except OSError as exc:
        raise UnreadableFile(path, f"cannot be read ({_why(exc)})") from None
    finally:
        os.close(fd)


def read_text_limited(path: str | os.PathLike[str], limit: int, what: str = "file") -> str:
    """read_limited, decoded as UTF-8; bad bytes are reported with their line. Raises UnreadableFile."""
    data = read_limited(path, limit, what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        raise UnreadableFile(f"{path}:{line}", f"this line is not UTF-8 text (byte {column} of the line)") from None


def _why(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)) or type(exc).__name__


def _size(n: int) -> str:
    return f"{n // (1 << 20)} MB" if n >= 1 << 20 else f"{n // 1024} KB" if n >= 1024 else f"{n} bytes"


def remove_leftovers(folder: Path, pattern: str = ".*.tmp", min_age: float = 30.0) -> int:
    """Delete temporary files a killed writer left in `folder` (matching `pattern`); how many went. Never raises.

    Only files older than `min_age` seconds whose writer (by the process id in the name) is gone: another
    copy of the game saving at this very moment keeps its temporary file.
    """
    gone = 0
    try:
        leftovers = list(folder.glob(pattern))
    except OSError:
        return 0
    for tmp in leftovers:
        try:
            if tmp.is_file() and time.time() - tmp.stat().st_mtime > min_age and not _alive_writer(tmp.name):
                tmp.unlink()
                gone += 1
        except OSError:
            continue
    return gone


def _alive_writer(name: str) -> bool:
    """True while the process whose id a temp file's name carries (`.x.yaml.PID.tmp`) is still running and is not us."""
    parts = name.split(".")
    pid = parts[-2] if len(parts) >= 3 and parts[-2].isdecimal() and parts[-2].isascii() else ""
    if not pid or int(pid) == os.getpid() or len(pid) > 9:
        return False
    try:
        os.kill(int(pid), 0)
    except (OSError, ValueError, OverflowError):
        return False
    return True
