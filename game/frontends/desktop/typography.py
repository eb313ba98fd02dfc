"""Book typography for prose written with a plain keyboard: curly quotes, real dashes and ellipses."""

from __future__ import annotations

import re
from functools import lru_cache

_DOUBLE_OPEN = re.compile(r'(^|[\s(\[{—–-])"')
_SINGLE_OPEN = re.compile(r"(^|[\s(\[{—–-])'")


@lru_cache(maxsize=4096)
def smarten(text: str) -> str:
    """'"Hello," she said -- it's late...' -> '“Hello,” she said — it’s late…'. Idempotent."""
    if not any(ch in text for ch in "\"'-."):
        return text
    text = text.replace("---", "—").replace(" -- ", " — ").replace("--", "—").replace(" - ", " — ")
    text = text.replace("...", "…")
    text = _DOUBLE_OPEN.sub(lambda m: m.group(1) + "“", text).replace('"', "”")
    text = _SINGLE_OPEN.sub(lambda m: m.group(1) + "‘", text).replace("'", "’")
    return text


def spaced(text: str) -> str:
    """Letter-spaced capitals for small headings (the chapter's name over the page)."""
    return "\u2009".join(text.upper()).replace("\u2009 \u2009", "\u2002")
