"""The canonical JSON text of plain data: what a state's fingerprint is taken of, and what a save writes its state as.

canonical_json is json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True), character for
character, on any machine and Python version. A long run's state is mostly two maps of names to counts (every
scene visited, every choice taken: 20,000 entries after 10,000 inputs in a 10,000-scene story), and the JSON
encoder spends about 2,800 machine instructions on each entry, sorting (name, count) pairs and writing both
halves afresh every time. A map of counts is written here instead from its sorted names, each name's quoted
text kept from the last time (the names are the story's own scene and choice ids, so there are only so many),
and each small count's digits from a table: the same text for about 40% less (issue 13's save of a long run).
Anything that is not such a map, or whose names JSON would escape, goes to the encoder as before.
"""

from __future__ import annotations

import json
from typing import Any

_UNESCAPED = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode
_QUOTED: dict[str, str] = {}  # name -> ',"name":', for names JSON writes exactly as they are
_QUOTED_MAX = 1 << 18  # forgotten when it holds more: a process that loads story after story never grows without end
_DIGITS = {n: str(n) for n in range(1024)}  # a count's text; most counts are small (the caller has refused bools)


def canonical_json(data: Any) -> str:
    """json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True): the text fingerprints are taken of.

    Escaping every character for ASCII costs half the time of a long run's fingerprint, so the text is made
    without it first: when that is ASCII with no DEL (the one ASCII character only ensure_ascii escapes),
    it is the same text, character for character; otherwise it is made again the usual way.
    """
    return canonical_texts(data)[1]


def canonical_texts(data: Any) -> tuple[str, str]:
    """(readable, canonical): `data` as sorted, compact JSON with its text as it is, and then as canonical_json writes it.

    They are one and the same string unless some text is beyond ASCII: a save writes the first into its file and
    fingerprints the second, so a long run's state is serialised once for both (issue 13).
    """
    blob = _mapping_text(data) if type(data) is dict else None
    if blob is None:
        blob = _UNESCAPED(data)
    if blob.isascii() and "\x7f" not in blob:
        return blob, blob
    return blob, json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def _mapping_text(data: dict[Any, Any]) -> str | None:
    """_UNESCAPED(data) for a mapping whose names are all texts, with any map of counts among its values written by
    counts_text; None when there is no such map (the encoder is quicker then) or a name is not a text."""
    names = list(data)
    if not set(map(type, names)) <= {str}:
        return None
    texts = [counts_text(value) if type(value) is dict and len(value) > 64 else None for value in data.values()]
    if not any(texts):
        return None
    parts = dict(zip(names, texts, strict=True))
    return "{" + ",".join(f"{_UNESCAPED(name)}:{parts[name] or _UNESCAPED(data[name])}" for name in sorted(names)) + "}"


def counts_text(counts: dict[Any, Any]) -> str | None:
    """_UNESCAPED(counts) when every name is a text JSON writes as it is (printable ASCII, no quote or backslash) and
    every value a whole number (not a bool), else None. Checked a pass at a time, in C."""
    try:
        names = sorted(counts)
    except TypeError:  # names of mixed kinds
        return None
    values = list(map(counts.__getitem__, names))
    if not values or not set(map(type, values)) <= {int}:
        return None
    try:
        quoted = list(map(_QUOTED.__getitem__, names))
    except KeyError:
        if not _learn(names):
            return None
        quoted = [f',"{name}":' for name in names]  # as _learn keeps them, made afresh (a thread may have just forgotten them)
    try:
        digits = list(map(_DIGITS.__getitem__, values))
    except KeyError:  # a count of 1,024 or more
        digits = list(map(str, values))
    parts = quoted + quoted  # as long as both together; then name, count, name, count...
    parts[::2] = quoted
    parts[1::2] = digits
    return "{" + "".join(parts)[1:] + "}"


def _learn(names: list[Any]) -> bool:
    """Keep the quoted text of each of `names` not yet known, if each is a text JSON writes as it is; False if one is not."""
    if len(_QUOTED) + len(names) > _QUOTED_MAX:
        _QUOTED.clear()
    new = [name for name in names if name not in _QUOTED]
    if not set(map(type, new)) <= {str}:
        return False
    joined = "".join(new)
    if not (joined.isascii() and joined.isprintable() and '"' not in joined and "\\" not in joined):
        return False
    _QUOTED.update((name, f',"{name}":') for name in new)
    return True
