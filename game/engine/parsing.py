"""Reading a typed line into its parts: a canonical verb, an object, a preposition and a topic.

Apart from commands.py (which decides what the parts mean in a scene) because the loader needs
`canonical_verb` for authors' verbs and the explorer and replays call `parse` over and over.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from game.engine.fields import normalise_words
from game.engine.verbs import CANONICAL

ARTICLES = {"the", "a", "an", "some", "my", "that", "this"}
PREPOSITIONS = ("about", "to", "with", "on", "at", "in", "into", "from", "for", "under", "behind")
# `give him the tape`, `show her the drawing`: the first word after these verbs is who receives the rest
_TO_SOMEONE = frozenset({"give", "show"})
_RECEIVERS = frozenset({"him", "her", "them", "me"})
# `turn the radio off`, `switch it on`: the particle at the end belongs to the verb (`turn off the radio`)
_PARTICLE_VERBS = frozenset({"turn", "switch"})
_PARTICLES = frozenset({"on", "off", "out"})
# words said to someone that are a verb of their own: `say sorry to Ruth` is being sorry to Ruth
_SAID_TO = frozenset({"sorry", "hello", "goodbye", "thank you", "thanks", "good night", "goodnight"})
def canonical_verb(phrase: str) -> str:
    words_ = normalise_words(phrase)
    return CANONICAL.get(words_, words_)


@dataclass(frozen=True, slots=True)
class Parsed:
    verb: str  # canonical
    verb_text: str  # as typed
    obj: str  # object phrase, normalised and without articles ("" if none)
    second: str  # words after a preposition ("" if none)
    prep: str
    raw: str
    obj_text: str = ""  # the object as typed, case and articles kept


_RAW_WORD = re.compile(r"[A-Za-z0-9']+")
# Whole questions a player asks the game about Kathy or the day: who she is is `x me`; the time is hers to think about
_QUESTIONS = {"who am i": ("examine", "me"), "what am i": ("examine", "me"), "how old am i": ("examine", "me"),
              "what is my name": ("examine", "me"), "what's my name": ("examine", "me"), "what do i look like": ("examine", "me"),
              "what time is it": ("think", ""), "what day is it": ("think", ""), "what year is it": ("think", "")}


@functools.lru_cache(maxsize=4096)
def parse(text: str, extra_phrases: frozenset[str] = frozenset()) -> Parsed:
    """Split a command into verb, object and topic. `extra_phrases` are the story's own verb phrases.

    Remembered: the result depends on nothing else, and replays and the explorer type the same
    lines over and over.
    """
    raw_words = _RAW_WORD.findall(text.replace("\u2019", "'"))
    kept = [(i, w.lower()) for i, w in enumerate(raw_words) if w.lower() not in ARTICLES]
    words_ = [w for _, w in kept]
    if not words_:
        return Parsed("", "", "", "", "", text)
    asked = _QUESTIONS.get(" ".join(w.lower() for w in raw_words))
    if asked is not None:
        return Parsed(asked[0], asked[0], asked[1], "", "", text, asked[1])
    verb_len = 1
    for n in (4, 3, 2):
        if len(words_) >= n:
            phrase = " ".join(words_[:n])
            if phrase in CANONICAL or phrase in extra_phrases:
                verb_len = n
                break
    verb_text = " ".join(words_[:verb_len])
    rest = words_[verb_len:]
    if verb_text in _PARTICLE_VERBS and len(rest) > 1 and rest[-1] in _PARTICLES:
        moved = parse(" ".join([verb_text, rest[-1], *rest[:-1]]), extra_phrases)
        return Parsed(moved.verb, moved.verb_text, moved.obj, moved.second, moved.prep, text, moved.obj_text)
    if verb_text == "i" and rest:  # "i don't know" is Kathy speaking, not the inventory: read the rest
        found = parse(" ".join(raw_words[kept[0][0] + 1:]), extra_phrases)
        return Parsed(found.verb, found.verb_text, found.obj, found.second, found.prep, text, found.obj_text)
    split = len(rest)
    obj_words, second_words, prep = rest, [], ""
    for i, w in enumerate(rest):
        if w in PREPOSITIONS and i > 0:
            obj_words, second_words, prep, split = rest[:i], rest[i + 1:], w, i
            break
    if rest and rest[0] in PREPOSITIONS and verb_text in ("look", "l"):  # "look at x" typed oddly
        obj_words = rest[1:]
    verb = canonical_verb(verb_text)
    if verb == "say" and prep == "to" and second_words and " ".join(obj_words) in _SAID_TO:  # say sorry to Ruth: sorry, to her
        said = canonical_verb(" ".join(obj_words))
        return Parsed(said, " ".join(obj_words), " ".join(second_words), "", "", text, " ".join(second_words))
    if obj_words == ["you"] and not prep:  # `love you`, `forgive you`: you is whoever Kathy is speaking to
        return Parsed(verb, verb_text, "", "", "", text, "")
    if verb in _TO_SOMEONE and not prep and len(rest) > 1 and rest[0] in _RECEIVERS:  # give him the tape: to him
        return Parsed(verb, verb_text, " ".join(rest[1:]), rest[0], "to", text, " ".join(raw_words[kept[verb_len][0] + 1:]))
    start = kept[verb_len - 1][0] + 1
    end = kept[verb_len + split][0] if verb_len + split < len(kept) else len(raw_words)
    obj_text = " ".join(raw_words[start:end]) if obj_words else ""
    return Parsed(verb, verb_text, " ".join(obj_words), " ".join(second_words), prep, text, obj_text)


def match_name(phrase: str, candidates: list[tuple[str, tuple[str, ...]]]) -> str | None:
    """The id whose names best fit the phrase: an exact name, else the one name that contains it."""
    if not phrase:
        return None
    for cid, names in candidates:
        if phrase in names:
            return cid
    ws = set(phrase.split())
    hits = [cid for cid, names in candidates if any(ws <= set(n.split()) or set(n.split()) <= ws for n in names)]
    unique_hits = list(dict.fromkeys(hits))
    return unique_hits[0] if len(unique_hits) == 1 else None


def _topic_matches(topic: str, names: tuple[str, ...]) -> bool:
    """Whole words only: 'ask laura about herself' must not match the topic 'her'."""
    ws = set(topic.split())
    return any(set(n.split()) <= ws or ws <= set(n.split()) for n in names)
