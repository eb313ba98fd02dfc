"""Lines of several clauses, `look at the sea and then sit down`: one thing after another, each as if typed alone.

A player writes a sentence, not a command, and expects every part of it done. A line is split where one thing plainly
follows another: at `then` and `and then`, at `;` and at a full stop between words, and at `and` or a comma when the
words after it start with a verb (`sit and wait`, `take the tape, look at it`), so `fish and chips` and `Ruth and
Tommy` stay whole. A line the scene takes whole as a choice, in its own words (`Put the letter in my bag, and go in`),
is never split. Only Run splits, and it records each clause as its own input, already resolved, so a replay never
splits anything and older saves replay as they were; undo still takes the line back whole (rollback.py).

The clauses are played in turn and their replies shown together; play stops after a clause that moves to another
scene, ends the story, asks which was meant, or fails, because what followed was typed for the moment before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from game.engine.outcome import Outcome, RunError
from game.engine.verbs import CANONICAL

# Both patterns read a line whose spaces split() has made single, so no space can be matched more than one way
# (on a raw line, a run of two thousand spaces took the regex engine most of a minute).
# where one thing plainly follows another, whatever comes next
_THEN = re.compile(r";|(?<=\w)[.!?](?= )|,? and then\b|,? then\b|^then\b", re.IGNORECASE)
# where it may: `and` or a comma, split only when a verb follows
_AND = re.compile(r"( ?, ?and | ?, ?| and )", re.IGNORECASE)
_WORD = re.compile(r"[a-z']+")
# outcomes after which the rest of the line no longer fits the moment
_STOPPING = frozenset({"question", "error", "ended", "undo", "redo"})


def _starts_with_verb(text: str, phrases: frozenset[str]) -> bool:
    ws = _WORD.findall(text.lower())
    return any(" ".join(ws[:n]) in CANONICAL or " ".join(ws[:n]) in phrases for n in range(min(4, len(ws)), 0, -1))


def split(line: str, phrases: frozenset[str] = frozenset()) -> list[str]:
    """The clauses of `line`, in order (`["look at the sea", "sit down"]`); one clause when it is one thing."""
    out: list[str] = []
    for part in _THEN.split(" ".join(line.split())):
        pieces = _AND.split(part)  # text, separator, text, ...
        clause = pieces[0]
        for sep, piece in zip(pieces[1::2], pieces[2::2]):
            if _starts_with_verb(piece, phrases) and _WORD.search(clause.lower()):
                out.append(clause)
                clause = piece
            else:  # `fish and chips`: the words stay together as typed
                clause += sep + piece
        out.append(clause)
    return [c.strip() for c in out if _WORD.search(c.lower())] or [line]


def whole(read: Callable[[str], object], line: str) -> bool:
    """True when the scene takes `line` whole as one of its choices, in the choice's own words: then it is never
    split. (An action is not asked: `turn on the radio, then turn it off` is read whole as turning the radio on.)"""
    try:
        reading = read(line)
    except RunError:  # the line's own reading fails: let the ordinary path report it, once
        return True
    return bool(getattr(reading, "choice", ""))


def each(line: str, phrases: frozenset[str], read: Callable[[str], object], step: Callable[[str], Outcome]) -> Outcome:
    """`line` played with `step` a clause at a time when it is several the scene does not take whole, else at once."""
    parts = split(line, phrases)
    return play(parts, step) if len(parts) > 1 and not whole(read, line) else step(line)


def play(parts: list[str], step: Callable[[str], Outcome]) -> Outcome:
    """Play each clause with `step` and return one outcome that says all of it: every reply in order, every scene
    entered, and the state the last clause played left. Stops early as the module says."""
    done: list[Outcome] = []
    for part in parts:
        out = step(part)
        done.append(out)
        if out.entered or out.ended or out.error is not None or out.kind in _STOPPING:
            break
    last = done[-1]
    if len(done) == 1:
        return last
    merged = Outcome(last.kind, [s for o in done for s in o.said], any(o.recorded for o in done),
                     [e for o in done for e in o.entered], last.ended, last.taken, last.error, last.source)
    return merged
