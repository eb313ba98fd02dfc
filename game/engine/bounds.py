"""The one place that says which numbers and texts the game accepts from a file, an expression or a keyboard.

A value that reaches the state is saved, and a saved value is read back: so a number must be finite
and of a size `int()`/`str()` can turn into digits, a text must be of a bounded length and hold no
lone surrogates (which UTF-8 cannot encode), and plain data may not nest without end. The save
reader, the save writer (through the reader), the scene reader and the expression evaluator all ask
here, so what one of them lets through, the others read.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

MAX_INT_BITS = 4096 * 3  # about 3,700 decimal digits: under Python's 4,300-digit str() limit
MAX_TEXT = 1_000_000  # characters in one text value
MAX_DEPTH = 64  # nesting of lists and mappings in plain data read from a file
MAX_LINE = 2000  # characters in one typed line

_SURROGATE = re.compile("[\ud800-\udfff]")


def number_problem(value: Any) -> str | None:
    """Why a number read or computed cannot be kept, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return None if value.bit_length() <= MAX_INT_BITS else "a whole number of thousands of digits is too large to keep"
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{value!r} is not a number that can be kept (it is not finite)"
    return None


def text_problem(value: str) -> str | None:
    """Why a text read or computed cannot be kept, or None."""
    if len(value) > MAX_TEXT:
        return f"a text of {len(value):,} characters is too long to keep (at most {MAX_TEXT:,})"
    if _SURROGATE.search(value):
        return "the text holds a broken character (a lone surrogate) that cannot be saved"
    return None


def value_problem(value: Any) -> str | None:
    """number_problem or text_problem, for a single value of the condition language."""
    if isinstance(value, str):
        return text_problem(value)
    return number_problem(value)


def plain_problem(data: Any, depth: int = 0) -> str | None:
    """Why plain data (from JSON or YAML) cannot be kept, or None: walked without recursion limits being reached."""
    stack: list[tuple[Any, int]] = [(data, depth)]
    while stack:
        value, level = stack.pop()
        if level > MAX_DEPTH:
            return f"it is nested more than {MAX_DEPTH} levels deep"
        if isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str) and (why := text_problem(k)):
                    return why
                stack.append((v, level + 1))
        elif isinstance(value, (list, tuple)):
            stack.extend((v, level + 1) for v in value)
        elif (why := value_problem(value)) is not None:
            return why
    return None


def clean_line(line: str) -> str:
    """A typed line as the game keeps it: broken characters replaced, control characters gone, bounded in length."""
    line = line.encode("utf-8", "replace").decode("utf-8") if _SURROGATE.search(line) else line
    return printable(line)[:MAX_LINE]


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb]")


def printable(text: str) -> str:
    """Text safe to print to a terminal: no escape sequences or other control characters (tabs and newlines stay).

    A save's asides and a story's text come from other people; printed raw, `\\x1b]...` could retitle
    or rewrite a player's terminal. Lone surrogates, which cannot be printed, become U+FFFD.
    """
    if _SURROGATE.search(text):
        text = text.encode("utf-8", "replace").decode("utf-8")
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def one_line(text: str) -> str:
    """A message on one line: line breaks and control characters shown as spaces (the promise of every diagnostic)."""
    text = printable(text)
    if "\n" in text or "\t" in text or "\u2028" in text or "\u2029" in text:
        text = " ".join(text.split())
    return text


def is_unicode_digit_number(word: str) -> bool:
    """True for digits int() reads (0-9 in any script), false for ² or ① (str.isdigit, but not numbers)."""
    return bool(word) and all(unicodedata.decimal(c, -1) != -1 for c in word)
