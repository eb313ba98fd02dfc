"""Choices in words: which visible choice a typed line means, as if its number had been pressed.

`stay at the window`, `go to tommy`, `say nothing`, `the field`: a line fits a choice when it is its
text, or the opening words of exactly one choice's text, or when every
word of it that means something is among the choice's own words (its text, its `words:`, and, for
a line that moves, where the choice leads). Of the choices that fit, the one the line covers most
wins; two that fit equally well are a question. A bare verb that has its own meaning (look,
examine, inventory) never takes a choice unless it is the choice's whole text.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.verbs import ALONE, MOVE_WORDS, SYNONYMS
from game.engine.words import content_keys, key, words

# Lines of one of these words alone keep their own meaning rather than taking a choice.
OWN_MEANING = frozenset({"look", "l", "examine", "x", "inventory", "i", "inv", "help", "h", "again", "g", "undo",
                         "redo", "think", "remember", "wait", "z", "listen", "smell"})
# A standard verb typed alone (`lie down`, `no`, `sit`) is that verb, not any choice whose words happen to hold
# it; it takes a choice only when it is the choice's whole text, one of its `words:`, or its opening words.
_VERB_ALONE = frozenset(" ".join(words(p)) for v in ALONE for p in (v, *SYNONYMS.get(v, ())))


# Bare words that mean "go somewhere else", whatever the choice; `follow` alone means following someone.
_AWAY = frozenset({"leave", "go", "exit", "walk", "run", "return", "head", "back"})
# A line that starts with one of these takes only a choice that says one of them (`follow madame`)
_FOLLOWING = frozenset({"follow", "after", "chase"})
# `turn`, `switch`: a line with one of these and `on`, `off` or `out` takes only a choice that says the same
_SWITCHING = frozenset({"turn", "switch"})
_SWITCHED = frozenset({"on", "off", "out"})


@dataclass(frozen=True, slots=True)
class ChoiceText:
    """What a choice answers to: its id, its text, its `words:`, and where it leads (title and location)."""

    id: str
    text: str
    words: tuple[str, ...] = ()
    leads_to: str = ""  # the title and location of the scene it moves to; "" when it stays


def _plain(text: str) -> str:
    return " ".join(words(text))


def match(line: str, choices: list[ChoiceText]) -> list[str]:
    """The ids of the choices `line` fits best: one, several (a question), or none."""
    typed = words(line)
    if not typed or not choices:
        return []
    plain = " ".join(typed)
    exact = [c.id for c in choices if plain == _plain(c.text) or any(plain == _plain(w) for w in c.words)]
    if exact:
        return exact
    begun = [c.id for c in choices if _plain(c.text).startswith(plain + " ")]  # the opening words of one choice
    if len(begun) == 1:
        return begun
    moving = typed[0] in MOVE_WORDS
    wanted = content_keys(line)
    if moving:
        wanted = wanted - {key(w) for w in MOVE_WORDS}
        if not wanted:  # `leave`, `go`: the choice that says it moves, or the only one that does
            if typed[0] not in _AWAY:
                return []
            movers = [c for c in choices if c.leads_to]
            saying = [c.id for c in movers if any(w in MOVE_WORDS or w in _AWAY for w in words(c.text))]
            return saying or ([movers[0].id] if len(movers) == 1 else [])
    elif (len(typed) == 1 and typed[0] in OWN_MEANING) or plain in _VERB_ALONE:
        return []
    if not wanted:
        return []
    best: list[str] = []
    top = 0.0
    # `ask about ruth` asks about her, `follow madame` goes after her: each takes only a choice that says as much
    # and `turn it off` takes no choice to `turn it over`: the particle is the meaning
    needs = ({"about"} if "about" in typed else _FOLLOWING if typed[0] in _FOLLOWING
             else _SWITCHED & set(typed) if typed[0] in _SWITCHING else set())
    for c in choices:
        if needs and not needs & set(words(c.text)) and not any(needs & set(words(w)) for w in c.words):
            continue
        have = content_keys(c.text).union(*(content_keys(w) for w in c.words))
        if moving and c.leads_to:
            have = have | content_keys(c.leads_to)
        if not wanted <= have:
            continue
        cover = len(wanted) / max(1, len(content_keys(c.text) | set().union(*(content_keys(w) for w in c.words))))
        if moving and c.leads_to:
            cover += 0.5  # a line that moves prefers the choice that moves
        if cover > top + 1e-9:
            top, best = cover, [c.id]
        elif abs(cover - top) <= 1e-9:
            best.append(c.id)
    return best


def words_of(choices: list[ChoiceText]) -> set[str]:
    """Every word the choices answer to: for mending typos."""
    out: set[str] = set()
    for c in choices:
        out.update(words(c.text))
        for w in c.words:
            out.update(words(w))
    return out


def label(text: str) -> str:
    """A choice's text as a question lists it: `Go down to the field.` -> `go down to the field`."""
    t = text.strip().rstrip(".!?")
    return t if t.startswith("I ") else t[:1].lower() + t[1:]
