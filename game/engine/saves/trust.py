"""Which save files this game wrote itself, so that loading one need not replay it before play goes on (issue 13).

A load proves a save by replaying its inputs and arriving at its snapshot (rebuild.py): for a
run of 10,000 inputs that replay is most of the load. A save this store wrote has already been
through that proof: its run was built by the one engine step from its inputs, and its bytes were
read back with every check before they replaced anything (store.encode_checked). So the store
remembers the sha256 of the bytes of each save it writes, beside the fingerprint of the engine
source that wrote them. Loading bytes with a remembered digest, by the same engine, on the very
story they were made on, restores the snapshot at once; the inputs are replayed later, the first
time the run needs its history or its undo copies (Run.restored), and the run is then exactly
what a full replay builds. Anything else (a save copied in, edited, written by another version
of the engine or made on another version of the story) is replayed in full before it loads.

The record is a cache: losing it costs only speed, and it is written without fsync. Forging it
needs write access to the saves folder; what it could gain is a state its inputs do not reach,
which the first replay replaces with the state they do reach.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from pathlib import Path

from game.engine.files import UnreadableFile, read_limited
from game.engine.loadcache import code_fingerprint

TRUST_FILE = ".trusted.json"
KEEP = 64  # digests remembered: more than the folder's slots, so rotation and renames never lose one that is there
_DIGEST = re.compile(r"[0-9a-f]{64}\Z")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Trust:
    """The digests of the save files one saves folder's store wrote, by the engine that is running now."""

    def __init__(self, folder: Path):
        self.file = folder / TRUST_FILE

    def _read(self) -> list[str]:
        """The remembered digests, if the record is whole and was written by this engine; else none."""
        try:
            data = json.loads(read_limited(self.file, 64 * 1024, "trust record"))
        except (UnreadableFile, ValueError, RecursionError):
            return []
        if not (isinstance(data, dict) and data.get("engine") == code_fingerprint() and isinstance(data.get("saves"), list)):
            return []
        return [d for d in data["saves"] if isinstance(d, str) and _DIGEST.match(d)]

    def knows(self, data: bytes) -> bool:
        """Whether these are the very bytes of a save this store wrote, with this engine."""
        return digest(data) in self._read()

    def add(self, data: bytes) -> None:
        """Remember a save just written (best effort: a record that cannot be written only means a slower load)."""
        new = digest(data)
        saves = [*[d for d in self._read() if d != new][-(KEEP - 1):], new]
        tmp = self.file.with_name(f"{TRUST_FILE}.{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps({"engine": code_fingerprint(), "saves": saves}), encoding="ascii")
            os.replace(tmp, self.file)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
