"""The small helpers every part of reading a file shares: names, descriptions of bad values, did-you-mean.

Apart from reader.py so that reader_world.py (people, scenery, responses) can use them too
without the two readers importing each other.
"""

from __future__ import annotations

import difflib
import functools
import re
from typing import Any

NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def suggest(word: str, options: list[str] | set[str] | tuple[str, ...], cutoff: float = 0.6) -> str:
    """' (did you mean 'x'?)' when something close exists, else ''."""
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""


def describe(v: Any) -> str:
    if v is None:
        return "nothing"
    if isinstance(v, bool):
        return f"'{str(v).lower()}'"
    if isinstance(v, (int, float)):
        return f"the number {v}"
    if isinstance(v, str):
        short = v if len(v) <= 40 else v[:37] + "..."
        return f"the text '{short}'"
    if isinstance(v, dict):
        return "a mapping"
    if isinstance(v, list):
        return "a list"
    return f"a {type(v).__name__}"


_WORD = re.compile(r"[a-z0-9']+")


@functools.lru_cache(maxsize=8192)
def normalise_words(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("\u2019", "'")))


def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(x for x in items if x))
