"""Giving a save a name: its header rewritten, the run's bytes untouched, and nothing replayed.

A save's name lives only in its header (format.py), and nothing in the body, the fingerprints
among them, covers the header; so a rename need not rebuild the run. Rebuilding it was slow (a
10,000-input save replayed in full to change one line) and lossy (a save made on another version
of the story could not be renamed, since writing its replayed run again would lose what no longer
replays). Here the header is parsed, given the new name and written back as the one JSON line this
version writes, in front of the very same body bytes; then the new bytes are read back with every
check a load makes before its replay, the snapshot's fingerprint among them, and refused unless
they read as the same save with only the name changed: the game never writes a save it would refuse.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from game.engine.saves.format import SEPARATOR, SaveError, SlotInfo, parse_header, plain
from game.engine.saves.validation import header_info, read_save_bytes

_SEPARATOR = SEPARATOR.encode("ascii")
_header_line = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode  # as format.py writes a header


def renamed(path: Path, data: bytes, name: str) -> tuple[bytes, SlotInfo]:
    """The bytes of the save `data` with its name changed to `name` (made plain, at most 80 characters), and what a
    load screen lists for it. Raises SaveError, naming `path`, for anything that is not a save this game reads."""
    head, sep, body = data.partition(_SEPARATOR)
    if not sep:
        read_save_bytes(path, data, check_snapshot=False)  # says what is wrong, as a load would
        raise SaveError(path, "the save is cut off after its header: the run itself is missing")
    try:
        header = parse_header(path, head.decode("utf-8"))
    except UnicodeDecodeError:
        raise SaveError(path, "the header is not UTF-8 text; the file is damaged or not a save") from None
    info = header_info(path, header)
    new_name = plain(name, 80)
    new = _header_line({**header, "name": new_name}).encode("utf-8") + sep + body
    again = read_save_bytes(path, new)  # the whole file, checked as a load checks it before replaying
    if again.info != replace(info, name=new_name):  # cannot happen for a header this game reads: never write it if so
        raise SaveError(path, "the save's header could not be rewritten so that it reads back the same; it keeps its name")
    return new, again.info
