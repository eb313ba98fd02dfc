"""What marks a paragraph as read, for every front end: a short hash of its scene and its words.

Skip passes only what was read before (Ren'Py's "skip seen text only"). The window keeps the marks in
read.json (desktop/readmarks.py); the page keeps the same marks in the browser (static/pacing.js), given
them by the bridge, since the page has no blake2b of its own. One function, so a mark means the same
paragraph on both; an edited paragraph has a new mark, and counts as new.
"""

from __future__ import annotations

import hashlib

READ_KINDS = frozenset({"title", "text", "reply"})  # the log entries that count as read text


def mark_of(scene: str, text: str) -> str:
    return hashlib.blake2b(f"{scene}\n{text}".encode(), digest_size=8).hexdigest()
