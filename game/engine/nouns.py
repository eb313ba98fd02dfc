"""What a noun phrase names here: the scene's things, its people, its scenery and its location's, what Kathy carries.

`the old tape`, `Ruth's box`, `boys` and `tapes` must find what the author called `tape`, `box` and
`boy`; so names are compared by word keys (words.key), and a phrase fits a name when every word
of one is in the other, or, more weakly, when it ends in the name's last word (its head noun,
with adjectives the author never thought of in front). The best fit wins; two equal fits are
a question for the player, never a guess.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from game.engine.model import Paragraph, Person, Scene, Story
from game.engine.words import content_keys, is_english, key, keys, words

_RANK = {"location": 1}  # nouns written for the whole location give way to the scene's own
NARRATOR_WORDS = frozenset({"me", "myself", "self", "yourself", "kathy", "kath"})


@dataclass(frozen=True, slots=True)
class Noun:
    """One thing a phrase may name, wherever it was written."""

    kind: str  # thing | person | scenery | item
    id: str  # the thing's, person's or item's id; a scenery's first name
    names: tuple[str, ...]
    name: str  # how replies name it: "the tape", "Ruth"
    look: tuple[Paragraph, ...]
    source: str  # scene | location | person | item: where its words were written
    person: str = ""  # the person it stands for, when a thing or a name is a person of the story
    plural: bool = False

    @property
    def pronoun(self) -> str:
        return "them" if self.plural else "it"


def noun_name(name: str) -> str:
    """How a reply names a noun written as a bare word: `bed` -> `the bed`; names and phrases with 'the' stay."""
    if not name or name[:1].isupper() or name.split()[0] in ("the", "a", "an", "my", "our", "his", "her", "their"):
        return name
    return "the " + name


def is_plural(name: str) -> bool:
    last = words(name)[-1:] or ("",)
    return key(last[0]) != last[0]


def score(phrase_keys: frozenset[str], head: str, names: tuple[str, ...], order: tuple[str, ...] = ()) -> int:
    """How well a phrase fits a noun's names: 5 word for word; 4 the same words in another order (`oil lamp` is an
    oil lamp before it is lamp oil); 3 when a name holds the phrase, or the phrase holds a name and its head noun;
    2 when the phrase holds a name without its head; 1 by its head noun alone. Equal fits are a question."""
    best = 0
    for n in names:
        nk = keys(n)
        if not nk:
            continue
        if nk == phrase_keys:
            if tuple(key(w) for w in words(n)) == order:
                return 5
            best = 4
            continue
        if phrase_keys <= nk or (nk <= phrase_keys and head in nk):
            best = max(best, 3)
        elif nk <= phrase_keys:
            best = max(best, 2)
        elif best < 1 and head and key(words(n)[-1]) == head:
            best = 1
    return best


def best(phrase: str, nouns: list[Noun]) -> list[Noun]:
    """The nouns that fit `phrase` best (one, several equally, or none). A person named twice counts once."""
    pk = keys(phrase)
    if not pk:
        return []
    head = key(words(phrase)[-1])
    order = tuple(key(w) for w in words(phrase))
    spelt = " ".join(words(phrase))
    top: tuple[int, bool, int, bool] = (0, False, 0, False)
    found: list[Noun] = []
    for n in nouns:
        s = score(pk, head, n.names, order)
        if not s:
            continue
        # as good a fit: the name spelt as typed beats one that only folds to it (`hall` is the hall, not `walls, halls`),
        # the scene's own word beats its location's, and what the moment shows beats what Kathy carries
        rank = (s, spelt in n.names, -_RANK.get(n.source, 0), n.kind != "item")
        if rank > top:
            top, found = rank, [n]
        elif rank == top:
            found.append(n)
    out: list[Noun] = []
    people: set[str] = set()
    for n in found:
        if n.person:
            if n.person in people:
                continue
            people.add(n.person)
        out.append(n)
    return out


def distinguishing_name(noun: Noun, among: list[Noun]) -> str:
    """A name of `noun` that fits it better than any of the others: what a resolved line records."""
    for n in sorted(noun.names, key=lambda n: (-len(n.split()), n)):
        if best(n, [noun, *[o for o in among if o is not noun]]) == [noun]:
            return n
    return noun.id.replace("_", " ")


class Scope:
    """Every noun in reach in one scene for one state: built per typed line, never kept."""

    def __init__(self, story: Story, scene: Scene, things: list[Any], carried: dict[str, int], present: dict[str, Person]):
        out: list[Noun] = []
        by_name = {n: p.id for p in present.values() for n in p.names}
        for t in things:
            pid = t.id if t.id in present else next((by_name[n] for n in t.names if n in by_name), "")
            out.append(Noun("thing", t.id, t.names, t.name if t.name[:1].isupper() else noun_name(t.name or t.names[0]),
                            t.look, "scene", pid, is_plural(t.names[0])))
        for pid, person in present.items():
            lines = scene.people.get(pid)
            look = (lines.look if lines else ()) or person.lines.look
            out.append(Noun("person", pid, person.names, person.name, look, "scene" if lines and lines.look else "person", pid))
        for s in scene.scenery:
            out.append(Noun("scenery", s.names[0], s.names, noun_name(s.names[0]), s.look, "scene", "", is_plural(s.names[0])))
        place = story.places.get(scene.location)
        if place is not None:
            for s in place.scenery:
                out.append(Noun("scenery", s.names[0], s.names, noun_name(s.names[0]), s.look, "location", "", is_plural(s.names[0])))
        for iid in carried:
            item = story.items.get(iid)
            if item is not None:
                out.append(Noun("item", iid, item.names, item.name, item.look, "item"))
        self.nouns = out

    def find(self, phrase: str) -> list[Noun]:
        return best(phrase, self.nouns)

    def nearest(self, phrase: str) -> str | None:
        """A name here spelt much like `phrase`, to suggest; none for English words (a door is no misspelt donor)."""
        if all(is_english(w) for w in content_keys(phrase)):
            return None
        names = {n: noun for noun in self.nouns for n in noun.names if n[:1] == phrase[:1] and abs(len(n) - len(phrase)) <= 3}
        close = difflib.get_close_matches(phrase, list(names), n=1, cutoff=0.75)
        return names[close[0]].name if close else None

    def names(self) -> list[str]:
        return [n for noun in self.nouns for n in noun.names]
