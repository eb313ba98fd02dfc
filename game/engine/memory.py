"""What the parser remembers between typed lines of one run: pronouns, the question it asked, the last line.

This is the front end's conversation, not the story's state: it is never saved and never
replayed. Everything that depends on it is resolved before it is recorded (`take it` is recorded
as `take tape`, the answer `the first` as the choice it picked), so a replay needs none of it.
A Run holds one; undo simply forgets the question.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
