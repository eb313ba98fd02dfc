"""What the parser remembers between typed lines of one run: pronouns, the question it asked, the last line.

This is the front end's conversation, not the story's state: it is never saved and never
replayed. Everything that depends on it is resolved before it is recorded (`take it` is recorded
as `take tape`, the answer `the first` as the choice it picked), so a replay needs none of it.
A Run holds one; undo simply forgets the question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.words import content_keys, key, words


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible meaning of an ambiguous line, already resolved: what to record if it is picked."""

    label: str  # how the question names it: "the tape from Norfolk", "go down to the field"
    kind: str  # "command" | "choose"
    value: str  # the resolved line, or the choice id
    words: frozenset[str]  # the word keys that pick it out in an answer


@dataclass(frozen=True, slots=True)
class Question:
    scene: str  # the scene it was asked in: an answer typed anywhere else is a new command
    candidates: tuple[Candidate, ...]


@dataclass(slots=True)
class ParserMemory:
    """The referents of it/them/him/her (as names that resolve), the open question, the last resolved line."""

    pronouns: dict[str, str] = field(default_factory=dict)  # "it" -> "tape", "her" -> "ruth"
    question: Question | None = None
    last: tuple[str, str] | None = None  # the last resolved input (kind, value), for `again`

    @property
    def asking(self) -> bool:
        """Whether the parser is waiting for an answer to "Which did I mean...?" (a number then answers it)."""
        return self.question is not None

    def forget(self) -> None:
        self.pronouns.clear()
        self.question = None
        self.last = None


_ORDINALS = {"first": 0, "1st": 0, "one": 0, "second": 1, "2nd": 1, "two": 1, "third": 2, "3rd": 2, "three": 2,
             "fourth": 3, "4th": 3, "four": 3, "last": -1, "latter": -1, "former": 0}


def answer_of(question: Question, line: str) -> Candidate | None:
    """The candidate an answer picks: its number, `the first`, or words only it answers to; None for a new command."""
    typed = words(line)
    cands = question.candidates
    if not typed:
        return None
    if len(typed) <= 2 and typed[-1].isdigit():
        n = int(typed[-1])
        return cands[n - 1] if 1 <= n <= len(cands) else None
    for w in typed:
        if w in _ORDINALS and len(typed) <= 3:
            i = _ORDINALS[w]
            return cands[i] if -len(cands) <= i < len(cands) else None
    wanted = content_keys(line) or frozenset(key(w) for w in typed)
    fits = [c for c in cands if wanted <= c.words]
    return fits[0] if len(fits) == 1 else None
