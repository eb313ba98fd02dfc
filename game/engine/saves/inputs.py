"""A save's inputs, read back: the shape the game writes checked a pass at a time in C, anything else walked to say what is wrong.

A long run has 10,000 inputs and more, and reading them was most of a save's read-back after the
JSON parse itself (issue 13): each check here is one pass over all of them at C speed, and the
Inputs a save was just made of are shared rather than made again when the file holds exactly them.
"""

from __future__ import annotations

from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any

from game.engine.bounds import MAX_TEXT
from game.engine.recording import INPUT_KINDS, Input
from game.engine.saves.format import SaveError

_AS_INPUT = partial(tuple.__new__, Input)  # an Input from a checked [scene, kind, value], made in C


def read_inputs(path: Path, value: Any) -> list[Input]:
    if isinstance(value, str):  # format 1: one "scene kind value" a line
        out = []
        for n, line in enumerate(value.split("\n"), 1):
            if not line:
                continue
            scene, kind, rest = ([*line.split(" ", 2), "", ""])[:3]
            if kind not in INPUT_KINDS or not scene or not rest:
                raise SaveError(path, f"input line {n} is not 'scene choose|command value': {line[:60]!r}")
            out.append(Input(scene, "choose" if kind == "choose" else "command", rest))
        return out
    if isinstance(value, list):
        written = written_inputs(value)
        if written is not None:
            return written
        out = []
        append = out.append
        for n, inp in enumerate(value, 1):  # Input.from_plain's checks, inline, to say which input is wrong
            if isinstance(inp, (list, tuple)) and len(inp) == 3:
                scene, kind, rest = inp
                if isinstance(scene, str) and isinstance(rest, str) and (kind == "choose" or kind == "command"):
                    append(Input(scene, "choose" if kind == "choose" else "command", rest))
                    continue
            raise SaveError(path, f"input {n} is not [scene, choose|command, value]")
        return out
    raise SaveError(path, "'inputs' should be a list of [scene, choose|command, value]")


def written_inputs(value: Any, expected: list[Input] | None = None) -> list[Input] | None:
    """The inputs, when they have exactly the shape the game writes: a list of [scene, kind, value] lists of texts
    of a length bounds.py accepts, each kind one there is. Checked a pass at a time in C (a long run has 10,000 of
    them and more), so it can be asked once for both the body's bounds and its inputs; None for anything else,
    which the slower checks then walk, to say exactly what is wrong. `expected`: see read_back."""
    if not (isinstance(value, list) and set(map(type, value)) <= {list} and set(map(len, value)) <= {3}):
        return None
    flat = list(chain.from_iterable(value))
    kinds = flat[1::3]  # counted rather than put in a set: a set hashes each of them, read afresh, again
    if not (sum(map(kinds.count, INPUT_KINDS)) == len(kinds) and short_texts(flat)):
        return None
    if expected is not None and _same_texts(flat, expected):
        return list(expected)
    return list(map(_AS_INPUT, value))


def _same_texts(flat: list[str], inputs: list[Input]) -> bool:
    """Whether `flat` (each input's three texts in turn) holds exactly `inputs`, compared as one text each side, the
    texts joined by a double quote: when no text of `inputs` holds one, the joins are equal only if every text is."""
    if len(flat) != 3 * len(inputs):
        return False
    theirs = '"'.join(chain.from_iterable(inputs))
    return theirs.count('"') == len(flat) - 1 and '"'.join(flat) == theirs


def short_texts(values: list[Any]) -> bool:
    """Every value a text of a length bounds.py accepts (the caller knows there are no lone surrogates). Joining them
    is the quickest way to ask whether all are texts (anything else is a TypeError), and when all of them together
    are within bounds, each one is."""
    try:
        together = len("".join(values))
    except TypeError:
        return False
    return together <= MAX_TEXT or max(map(len, values)) <= MAX_TEXT
