"""Typed commands: turning what a player types into a verb, a thing and a topic.

"Pick up the old cassette" and "take tape" must mean the same, so both the player's words and
the author's verbs are reduced to one canonical verb. Matching against a scene's actions and
things happens in the engine; this module only reads words.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from game.engine.reader import normalise_words

# canonical verb: every phrase that means it
SYNONYMS: dict[str, tuple[str, ...]] = {
    "look": ("look", "l", "look around"),
    "examine": ("examine", "x", "look at", "inspect", "check", "study", "look closely at"),
    "take": ("take", "get", "grab", "pick up", "pick", "collect", "keep"),
    "drop": ("drop", "put down", "leave behind"),
    "give": ("give", "hand", "offer"),
    "talk": ("talk", "talk to", "talk with", "speak", "speak to", "speak with", "chat", "chat with"),
    "ask": ("ask",),
    "listen": ("listen", "listen to", "hear"),
    "wait": ("wait", "z"),
    "inventory": ("inventory", "i", "inv", "pockets", "what do i have"),
    "help": ("help", "h", "?", "commands", "hint"),
}
BUILTIN_VERBS = ("look", "examine", "inventory", "help")
ARTICLES = {"the", "a", "an", "some", "my", "that", "this"}
PREPOSITIONS = ("about", "to", "with", "on", "at", "in", "into", "from", "for", "under", "behind")

_CANONICAL: dict[str, str] = {phrase: verb for verb, phrases in SYNONYMS.items() for phrase in phrases}


def canonical_verb(phrase: str) -> str:
    words = normalise_words(phrase)
    return _CANONICAL.get(words, words)


@dataclass(frozen=True, slots=True)
class Parsed:
    verb: str  # canonical
    verb_text: str  # as typed
    obj: str  # object phrase, normalised and without articles ("" if none)
    second: str  # words after a preposition ("" if none)
    prep: str
    raw: str
    obj_text: str = ""  # the object as typed, case and articles kept: for replies ("the Tape", "Ruth")


_RAW_WORD = re.compile(r"[A-Za-z0-9']+")


@functools.lru_cache(maxsize=4096)
def parse(text: str, extra_phrases: frozenset[str] = frozenset()) -> Parsed:
    """Split a command into verb, object and topic. `extra_phrases` are the story's own verb phrases.

    Remembered: the result depends on nothing else, and replays and the explorer type the same
    lines over and over.
    """
    raw_words = _RAW_WORD.findall(text.replace("\u2019", "'"))
    kept = [(i, w.lower()) for i, w in enumerate(raw_words) if w.lower() not in ARTICLES]
    words = [w for _, w in kept]
    if not words:
        return Parsed("", "", "", "", "", text)
    verb_len = 1
    for n in (4, 3, 2):
        if len(words) >= n:
            phrase = " ".join(words[:n])
            if phrase in _CANONICAL or phrase in extra_phrases:
                verb_len = n
                break
    verb_text = " ".join(words[:verb_len])
    rest = words[verb_len:]
    split = len(rest)
    obj_words, second_words, prep = rest, [], ""
    for i, w in enumerate(rest):
        if w in PREPOSITIONS and i > 0:
            obj_words, second_words, prep, split = rest[:i], rest[i + 1:], w, i
            break
    if rest and rest[0] in PREPOSITIONS and verb_text in ("look", "l"):  # "look at x" typed oddly
        obj_words = rest[1:]
    start = kept[verb_len - 1][0] + 1
    end = kept[verb_len + split][0] if verb_len + split < len(kept) else len(raw_words)
    obj_text = " ".join(raw_words[start:end]) if obj_words else ""
    return Parsed(canonical_verb(verb_text), verb_text, " ".join(obj_words), " ".join(second_words), prep, text, obj_text)


def match_name(phrase: str, candidates: list[tuple[str, tuple[str, ...]]]) -> str | None:
    """The id whose names best fit the phrase: an exact name, else the one name that contains it."""
    if not phrase:
        return None
    for cid, names in candidates:
        if phrase in names:
            return cid
    words = set(phrase.split())
    hits = [cid for cid, names in candidates if any(words <= set(n.split()) or set(n.split()) <= words for n in names)]
    unique_hits = list(dict.fromkeys(hits))
    return unique_hits[0] if len(unique_hits) == 1 else None


def nearest(word: str, options: list[str]) -> str | None:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return close[0] if close else None
