"""The loader's cache: every file's checked records for one story folder, in one file, rebuilt on any doubt.

A warm load of 10,000 scenes used to open a hundred JSON files (one per scene file, each made with
its own `mkdir` and `json.dumps`): decoding them was a third of the load. Now one file holds the
records of every file of the story, keyed by the sha256 of each file's bytes, so a load opens one
file, and an edit re-reads only the files that changed (the cache is then written again whole).

Why marshal and not JSON. Measured on 10,000 scenes (19 MB of records): marshal.loads 0.15 s against
json.loads 0.35 s, marshal.dumps 0.18 s against json.dumps 0.61 s. marshal reads back exactly what
was written (tuples stay tuples), and it never runs anything: it builds data, and the one kind of
object it can build beyond plain data, a code object, would only be data here, never called. It is
not a format for files from other people, so no byte of a cache file reaches marshal.loads unless
its sha256 matches, and that sha256 is sealed with everything the file must have been written for:
the cache format, the engine's own source (so a changed reader never serves old records), the
Python version, the story folder's path and its identity on this disk (device and inode). A cache
file made anywhere else (another machine, another copy of the folder, a story folder that arrives
with a `.cache/` inside it) cannot know that identity in advance, so it never matches: the story is
read from its files and the cache is written afresh. The same happens on any damaged byte and on
any exception while reading. A
cache with the right shape but wrong inner data cannot crash the load either: the loader reads
the story again from its files when building from cached records fails (see loader.py). pickle is
never used: unpickling runs code.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from game.engine.files import UnreadableFile, read_limited, remove_leftovers

FILE_FORMAT = 1  # the envelope below; the records inside follow loader.CACHE_FORMAT
MAGIC = b"nlmg records\n"
MAX_CACHE_BYTES = 1 << 30  # far more than 10,000 scenes need (19 MB): a bigger file is not ours
ENGINE = Path(__file__).resolve().parent

Entry = tuple[list[dict[str, Any]], list[Any]]  # a file's records and its problems

_sources: dict[Path, str] = {}


def source_fingerprint(folder: Path = ENGINE) -> str:
    """The sha256 of every file in `folder` and its subfolders (the engine's, by default): what made a cached result.

    Data counts as much as code (how a typed line is read hangs on the parser's word list), and so do
    the subfolders (saves/). Read once per process (a few milliseconds). Where the source cannot be
    read (a frozen build), the file names stand in: such a build cannot change without being rebuilt whole.
    """
    found = _sources.get(folder)
    if found is None:
        files = []
        for top, dirs, names in os.walk(folder):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            files += [Path(top, n) for n in names if not n.endswith((".pyc", ".pyo"))]
        h = hashlib.sha256(sys.version.encode())
        for f in sorted(files):
            h.update(f.relative_to(folder).as_posix().encode() + b"\0")
            try:
                h.update(read_limited(f, 16 << 20, "source file"))
            except UnreadableFile:
                h.update(b"?")
        found = _sources[folder] = h.hexdigest()
    return found


def code_fingerprint() -> str:
    """The engine's files: records made by other code are never trusted, nor saves it wrote (saves/trust.py)."""
    return source_fingerprint(ENGINE)


def cache_file(folder: Path, root: str, stem: str, suffix: str) -> Path:
    """Where a story's cache file of one kind lives: `stem.suffix` in a cache folder inside the story (the
    default, `.cache/`), or named by the story's absolute path `root` in a folder several stories share."""
    inside = bool(root) and Path(os.path.abspath(folder)).is_relative_to(root)
    return folder / (f"{stem}{suffix}" if inside else f"{stem}-{hashlib.sha256(root.encode()).hexdigest()[:16]}{suffix}")


def write_quietly(file: Path, data: bytes) -> None:
    """Write a cache file whole or not at all (a temporary file renamed over it). Never raises: a cache is optional,
    and a read-only install still plays; it just reads every file each time."""
    tmp = file.parent / f".{file.name}.{os.getpid()}.tmp"
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(file.parent)
        with open(tmp, "wb") as out:
            out.write(data)
        os.replace(tmp, file)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


class RecordCache:
    """The records of a story's files by content digest: read once from disk, written back when anything changed.

    `folder` None means no cache at all (every file is parsed). `root` is the story folder: a cache
    folder inside it (the default, `.cache/`) holds one file; a folder shared by several stories
    (NLMG_CACHE) holds one file per story, named by the story's absolute path.
    """

    def __init__(self, folder: Path | None, root: str | Path = "", records_format: int = 0):
        self.format = (FILE_FORMAT, records_format)
        self.file: Path | None = None
        self.root = ""
        self.seal = b""
        if folder is not None:
            self.root = str(Path(root).resolve()) if root else ""
            self.file = cache_file(folder, self.root, "records", ".marshal")
            try:
                where = os.stat(self.root or ".")
                here = f"{where.st_dev}:{where.st_ino}"
            except OSError:
                here = "?"
            self.seal = f"{self.format}\0{code_fingerprint()}\0{self.root}\0{here}\0".encode()
        self.hits = 0
        self.misses = 0
        self._stored: dict[str, Any] | None = None  # what the file held, once read
        self._used: dict[str, Entry] = {}  # what this load used, in order: what is written back

    def get(self, key: str) -> Entry | None:
        if self.file is None:
            return None
        if self._stored is None:
            self._stored = self._read()
        entry = self._stored.get(key)
        if not (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], list) and isinstance(entry[1], list)):
            return None
        self.hits += 1
        self._used[key] = entry
        return entry

    def put(self, key: str, records: list[dict[str, Any]], problems: list[Any]) -> None:
        if self.file is None:
            return
        self.misses += 1
        self._used[key] = (records, problems)

    def forget(self) -> None:
        """Drop what was read from disk: the loader found it wrong, so the next load must not trust it."""
        self._stored = {}
        self._used = {}
        self.hits = 0
        if self.file is not None:
            with contextlib.suppress(OSError):
                self.file.unlink()

    def save(self) -> None:
        """Write the records this load used, if they differ from what was read. Never raises: a cache is optional."""
        if self.file is None or (self.misses == 0 and self._stored is not None and self._used.keys() == self._stored.keys()):
            return
        envelope = {"format": self.format, "code": code_fingerprint(), "root": self.root, "files": self._used}
        try:
            payload = marshal.dumps(envelope, 4)
        except ValueError:  # something in a record marshal cannot hold: a bug to fix, never a reason to fail a load
            return
        write_quietly(self.file, MAGIC + hashlib.sha256(self.seal + payload).digest() + payload)

    def _read(self) -> dict[str, Any]:
        """The entries of the cache file, or {} when there is none or anything about it is not as this engine writes it."""
        assert self.file is not None
        try:
            data = read_limited(self.file, MAX_CACHE_BYTES, "cache file")
        except UnreadableFile:
            return {}
        start = len(MAGIC) + 32
        if not data.startswith(MAGIC) or len(data) <= start:
            return {}
        h = hashlib.sha256(self.seal)
        h.update(memoryview(data)[start:])
        if h.digest() != data[len(MAGIC):start]:  # damaged, edited, or made for another folder, engine or disk
            return {}
        payload = memoryview(data)[start:]
        try:
            envelope = marshal.loads(payload)
        except (ValueError, EOFError, TypeError, OverflowError, MemoryError, RecursionError):
            return {}
        if (not isinstance(envelope, dict) or envelope.get("format") != self.format or envelope.get("code") != code_fingerprint()
                or envelope.get("root") != self.root or not isinstance(envelope.get("files"), dict)):
            return {}
        files: dict[str, Any] = envelope["files"]
        return files
