"""Words as the parser compares them: normalising, singular forms, possessives, and one-letter typos.

Players type `boys`, `Ruth's box`, `the old tape` and `tkae tape`; authors write `boy`, `box` and
`tape`. Every comparison in the parser goes through `key()`, so a plural and its singular, or a
possessive and its owner, are one word; `correct()` mends a word one letter away from exactly one
known word, and `is_english()` says which words were typed on purpose and are not to be mended
(`door` is not a slip for `donor`). Pure functions of their arguments, remembered where they are
called often.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

ARTICLES = frozenset({"the", "a", "an", "some", "my", "that", "this", "these", "those", "your", "any"})
# Words that carry no meaning of their own when matching a line to a choice or a name.
STOPWORDS = frozenset({
    "the", "a", "an", "some", "my", "that", "this", "these", "those", "to", "at", "in", "into", "on", "onto",
    "of", "and", "or", "with", "for", "from", "up", "down", "out", "over", "off", "back", "again", "by",
    "is", "was", "be", "it", "its", "her", "his", "him", "them", "their", "i", "me", "we", "us", "our",
    "one", "just", "then", "there", "here", "now", "so", "as", "about", "very", "your", "any", "all", "let",
    "still", "towards", "toward", "through", "away", "inside", "upon", "around", "round",
})
_IRREGULAR = {
    "children": "child", "men": "man", "women": "woman", "people": "person", "feet": "foot", "teeth": "tooth",
    "mice": "mouse", "geese": "goose", "knives": "knife", "leaves": "leaf", "shelves": "shelf", "wolves": "wolf",
    "lives": "life", "wives": "wife", "halves": "half", "scarves": "scarf", "loaves": "loaf", "thieves": "thief",
    "guardians'": "guardian", "boys'": "boy", "girls'": "girl",
}
# Words ending in s that are not plurals: never cut.
_KEEP_S = frozenset({
    "glass", "grass", "class", "dress", "press", "chess", "bus", "gas", "yes", "this", "his", "hers", "its",
    "us", "was", "is", "as", "has", "lens", "series", "news", "miss", "kiss", "moss", "cross", "boss", "loss",
    "canvas", "atlas", "always", "perhaps", "across", "towards", "less", "unless", "christmas", "thanks",
    "keffers", "james", "lucas", "chaos", "mess", "guess", "address", "princess", "mattress",
})
_WORD = re.compile(r"[A-Za-z0-9']+")


@functools.lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """The words of `text`, lowercased, curly apostrophes straightened, punctuation dropped."""
    return tuple(w.strip("'") for w in _WORD.findall(text.lower().replace("\u2019", "'")) if w.strip("'"))


@functools.lru_cache(maxsize=16384)
def key(word: str) -> str:
    """One form for a word's singular, plural and possessive: boys, boy's, boys' -> boy; Ruth's -> ruth."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("s'"):
        w = w[:-1]
    w = w.strip("'")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or w in _KEEP_S or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zes", "oes")):
        return w[:-2]
    return w[:-1]


@functools.lru_cache(maxsize=8192)
def keys(text: str) -> frozenset[str]:
    """The keys of every word of `text`: what a phrase is compared by."""
    return frozenset(key(w) for w in words(text))


@functools.lru_cache(maxsize=8192)
def content_keys(text: str) -> frozenset[str]:
    """The keys of the words that mean something (no articles, prepositions or pronouns)."""
    return frozenset(key(w) for w in words(text) if w not in STOPWORDS)


def one_edit_apart(a: str, b: str) -> bool:
    """Whether one letter changed, added, dropped, or two neighbours swapped, turns a into b."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def correct(word: str, vocabulary: frozenset[str]) -> str | None:
    """The one known word a single-letter slip away from `word`, or None (unknown, or more than one fits and
    not exactly one of them by two neighbours swapped).

    Short words are mended only into longer ones (`sng` -> `sing`, `rut` -> `ruth`), or into the same letters with
    two neighbours swapped (`hgu` -> `hug`): `it` and `at`, or `tap` and `tape`, are each one letter from too much.
    """
    if len(word) < 3 or word in vocabulary or key(word) in vocabulary:
        return None
    shortest = 4 if len(word) == 3 else 3
    index = _deletions(vocabulary)
    near: set[str] = set(index.get(word, ()))  # a letter dropped from a known word, or a letter added to it
    for variant in _drops(word):
        near.update(index.get(variant, ()))
    for i in range(len(word) - 1):  # two neighbours swapped
        near.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])
    found = {v for v in near if v in vocabulary and one_edit_apart(word, v)
             and (len(v) >= shortest or sorted(v) == sorted(word))}  # `hgu` is `hug`: two neighbours swapped
    if len(found) > 1:  # `wiat` is `wait` and `what` alike: two keys swapped is the likeliest slip of the hand
        found = {v for v in found if len(v) == len(word) and sorted(v) == sorted(word)}
    return found.pop() if len(found) == 1 else None


# Common English words (SCOWL's small British list) and which can be verbs (WordNet), made by game/tools/wordlist.py.
ENGLISH_WORDS = Path(__file__).with_name("english_words.txt")


@functools.cache
def _english() -> str:
    """The list's lines, sorted, without its header: read on the first line the parser cannot understand, not at
    import. Kept as one string and searched by halving (`_mark`): a fraction of a millisecond to read, where
    a set of its ~30,000 words took tens of milliseconds to build and stayed on the heap for good."""
    try:
        text = ENGLISH_WORDS.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # a build that lost it: typos are mended as before the list, never a crash
        return ""
    at = 0
    while text.startswith("#", at):
        at = text.index("\n", at) + 1
    return text[at:] if text.endswith("\n") else text[at:] + "\n"


@functools.lru_cache(maxsize=4096)
def _mark(word: str) -> str | None:
    """The word's mark in the list ("v" for a verb, "" for another word), or None when it is not listed."""
    text = _english()
    lo, hi = 0, len(text)  # always whole lines: lo at a line's start, hi at one's start or the end
    while lo < hi:
        start = text.rfind("\n", 0, (lo + hi) // 2) + 1
        start = max(start, lo)
        end = text.index("\n", start)
        listed, _, mark = text[start:end].partition(" ")
        if listed == word:
            return mark
        if listed < word:
            lo = end + 1
        else:
            hi = start
    return None


def is_english(word: str) -> bool:
    """Whether `word` (or its singular) is a common English word: the player meant it, so it is never mended."""
    return _mark(word) is not None or _mark(key(word)) is not None


def names_typed(text: str) -> frozenset[str]:
    """The words of `text`, lowercased, that were typed with a capital after the first word (`examine Rut`): a name
    meant, not an English word, whatever the word list says. Capitals everywhere (`OPEN THE DOOR`) or on every
    word (`Open The Door`, a capital `The`) are how the line was typed, and mark no name."""
    typed = _WORD.findall(text.replace("\u2019", "'"))[1:]
    if any(w[:1].isupper() and w.lower() in STOPWORDS for w in typed):
        return frozenset()
    return frozenset(w.lower().strip("'") for w in typed if w[:1].isupper() and not w[1:].isupper())


def is_verb(word: str) -> bool:
    """Whether `word` is an English verb: typed first, it is an action the story may not know, never a slip."""
    return _mark(word) == "v"


def _drops(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


@functools.lru_cache(maxsize=64)
def _deletions(vocabulary: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Every known word by itself and by each form of it with one letter dropped: one-edit neighbours share a key.

    Remembered per vocabulary: a scene's vocabulary is the same for every line typed in it.
    """
    out: dict[str, list[str]] = {}
    for v in vocabulary:
        out.setdefault(v, []).append(v)
        for d in _drops(v):
            out.setdefault(d, []).append(v)
    return {k: tuple(vs) for k, vs in out.items()}


def join_names(names: list[str], last: str = "and") -> str:
    """'Ruth', 'Ruth and Tommy', 'Ruth, Tommy and Laura': a list as a sentence says it."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + f" {last} " + names[-1]


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def mend(line: str, vocabulary: frozenset[str], verb_words: frozenset[str]) -> str:
    """`line` with each unknown word one letter from exactly one known word replaced by it.

    A real English word is what the player meant (`open the door` by a donor's bed is about a door, and gets
    the reply for something not here), so only words that are not English, or are typed with a capital, are
    mended; the verb first unless it is a verb itself (`red letter` is `read letter`; `rake leaves` is not)."""
    typed = words(line)
    if not typed:
        return line
    first = typed[0] if typed[0] in vocabulary or is_verb(typed[0]) else correct(typed[0], verb_words) or typed[0]
    names = names_typed(line)  # `examine Rut`: a capital says a name was meant, though `rut` is a word
    mended = [first] + [w if is_english(w) and w not in names else correct(w, vocabulary) or w for w in typed[1:]]
    return " ".join(mended) if mended != list(typed) else line
