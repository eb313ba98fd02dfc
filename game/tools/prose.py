"""Every piece of prose a story holds, with where it was written and what must be true to show it; and the tics in it.

`nlmg story-stats` counts tics and checks continuity over the same pieces, so both read the story
once, through the model (never the YAML text: comments and ids are not prose). Each piece keeps the
conditions that guard it, as (tree, must_be_true) pairs, because the continuity check asks what a
guard settles about a flag, not only whether it mentions it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from game.engine.diagnostics import Pos
from game.engine.model import Cond, Paragraph, Scene, Story
from game.tools.flagflow import Guard

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_SENTENCE_BREAK = re.compile(r"[.!?;:\u2014\u2013()\"]|--|\s-\s")


@dataclass(frozen=True, slots=True)
class Piece:
    """One paragraph, reply or choice label, as a reader would meet it."""

    text: str
    pos: Pos
    scene: str  # the scene it belongs to; "" for story.yaml's items and endings
    kind: str  # text | look | thing | say | blocked | choice
    guards: tuple[Guard, ...] = ()
    otherwise: bool = False  # the else of a conditional paragraph


def words(text: str) -> list[str]:
    """Lower-case words, curly apostrophes made straight: "Kathy's" is one word, as a reader counts it."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def word_count(text: str) -> int:
    return len(words(text))


def _guard(cond: Cond | None, must: bool = True) -> tuple[Guard, ...]:
    return () if cond is None else ((cond.tree, must),)


def _paragraphs(paras: tuple[Paragraph, ...], sid: str, kind: str, outer: tuple[Guard, ...]) -> Iterator[Piece]:
    for p in paras:
        yield Piece(p.text, p.pos, sid, kind, outer + _guard(p.cond))
        if p.else_text:
            yield Piece(p.else_text, p.pos, sid, kind, outer + _guard(p.cond, False), otherwise=True)


def scene_pieces(scene: Scene) -> Iterator[Piece]:
    """The scene's prose in file order: text, look, things, actions' replies, choices' labels and replies."""
    sid = scene.id
    yield from _paragraphs(scene.paragraphs, sid, "text", ())
    yield from _paragraphs(scene.look, sid, "look", ())
    for t in scene.things.values():
        yield from _paragraphs(t.look, sid, "thing", _guard(t.cond))
    for a in scene.actions:
        shown_if = _guard(a.cond)
        if a.choice_text:
            yield Piece(a.choice_text, a.pos, sid, "choice", shown_if)
        yield from _paragraphs(a.say, sid, "say", shown_if)
        # A blocked reply shows when the action is closed: its condition false, or (once) already done.
        yield from _paragraphs(a.blocked, sid, "blocked", () if a.once else _guard(a.cond, False))
    for c in scene.choices:
        shown_if = _guard(c.cond)
        yield Piece(c.text, c.pos, sid, "choice", () if c.show_disabled else shown_if)
        yield from _paragraphs(c.say, sid, "say", shown_if)


def story_pieces(story: Story) -> list[Piece]:
    """All the prose of the story: every scene's, then the items' and endings' from story.yaml."""
    out: list[Piece] = []
    for scene in story.scenes.values():
        out.extend(scene_pieces(scene))
    for item in story.items.values():
        out.extend(_paragraphs(item.look, "", "look", ()))
    for ending in story.endings.values():
        if ending.text:
            out.append(Piece(ending.text, ending.pos, "", "text"))
    return out


# ---- tics -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tic:
    name: str
    pattern: re.Pattern[str]
    target: int  # at most this many in the whole story


def _tic(name: str, regex: str, target: int) -> Tic:
    return Tic(name, re.compile(regex, re.IGNORECASE), target)


_DOOR_SHUT = r"(?:clos(?:e|ed|es|ing)|shut(?:s|ting)?)"
_POCKET_THING = r"(?:coins?|stones?|pebbles?|pennies|penny|shillings?|sixpences?)"
# Issue 16's limits: the three tics by count, and each named image at most once (a second use must be an echo
# the story bible names, which a reader judges from the locations listed).
TICS = (
    _tic('"as if" / "as though"', r"\bas\s+(?:if|though)\b", 40),
    _tic('"something"', r"\bsomething\b", 80),
    _tic('"the way you\'d..." similes', r"\bthe\s+way\s+(?:you'd|you\s+would|you\s+might|you\s+do|one\s+would|one'd|one\s+might"
         r"|one\s+does|someone|somebody|people\s+do|a\s+person)\b", 5),
    _tic('"worn smooth"', r"\bworn\s+smooth\b", 1),
    _tic('"both at once"', r"\bboth\s+at\s+once\b", 1),
    _tic("a door closing", rf"\bdoors?\b[^.!?]{{0,40}}?\b{_DOOR_SHUT}\b|\b{_DOOR_SHUT}\b[^.!?]{{0,25}}?\bdoors?\b", 1),
    _tic("a coin or stone in a pocket", rf"\b{_POCKET_THING}\b[^.!?]{{0,40}}?\bpockets?\b|\bpockets?\b[^.!?]{{0,40}}?\b{_POCKET_THING}\b", 1),
    _tic('"doing it wrong"', r"\bdoing\s+(?:it|it\s+all|that|this|things|everything)\s+wrong\b", 1),
)


@dataclass(frozen=True, slots=True)
class Hit:
    path: str
    line: int
    scene: str
    text: str  # what matched, as written


def count_tics(pieces: list[Piece], tics: tuple[Tic, ...] = TICS) -> dict[str, list[Hit]]:
    """Every match of every tic, case-insensitive and on whole words, in story order."""
    out: dict[str, list[Hit]] = {t.name: [] for t in tics}
    for p in pieces:
        for t in tics:
            for m in t.pattern.finditer(p.text):
                out[t.name].append(Hit(p.pos.path, p.pos.line, p.scene, m.group(0)))
    return out


# ---- phrases repeated across scenes -------------------------------------------------------------

# Words too common to make a phrase memorable: a phrase must hold at least two words not listed here.
STOPWORDS = frozenset([
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into",
    "onto", "out", "up", "down", "over", "under", "about", "as", "than", "then", "so", "too", "very", "not", "no",
    "nor", "is", "was", "were", "be", "been", "being", "am", "are", "it", "its", "it's", "this", "that", "these",
    "those", "there", "here", "i", "i'd", "i'm", "i've", "me", "my", "we", "us", "our", "you", "your", "he", "him",
    "his", "she", "her", "they", "them", "their", "what", "which", "who", "when", "where", "how", "all", "any",
    "some", "one", "two", "just", "only", "still", "even", "had", "has", "have", "having", "do", "did", "does",
    "done", "would", "could", "should", "might", "must", "can", "will", "shall", "said", "say", "says", "go", "went",
    "get", "got", "more", "most", "much", "many", "such", "own", "same", "other", "again", "back", "off",
    "don't", "didn't", "doesn't", "couldn't", "wouldn't", "shouldn't", "wasn't", "weren't", "hadn't", "hasn't",
    "haven't", "isn't", "aren't", "can't", "won't", "he'd", "she'd", "we'd", "they'd", "i'll", "he's", "she's",
])


@dataclass(frozen=True, slots=True)
class Phrase:
    words: str
    places: tuple[Hit, ...]  # one per scene it appears in (the first place in each)

    @property
    def scenes(self) -> int:
        return len(self.places)


def repeated_phrases(pieces: list[Piece], shortest: int = 4, longest: int = 6, top: int = 20) -> list[Phrase]:
    """Phrases of 4 to 6 words found in two or more different scenes, longest and most spread first.

    Phrases never cross a sentence or a dash. A phrase inside a longer repeated one found in the same scenes
    is not listed again, so "worn smooth by years of" does not also appear as "smooth by years of".
    """
    seen: dict[tuple[str, ...], dict[str, Hit]] = {}
    for p in pieces:
        if not p.scene:
            continue
        for sentence in _SENTENCE_BREAK.split(p.text):
            ws = words(sentence)
            for n in range(shortest, longest + 1):
                for i in range(len(ws) - n + 1):
                    gram = tuple(ws[i:i + n])
                    if sum(1 for w in gram if w not in STOPWORDS) < 2:
                        continue
                    places = seen.setdefault(gram, {})
                    if p.scene not in places:
                        places[p.scene] = Hit(p.pos.path, p.pos.line, p.scene, " ".join(gram))
    repeated = {g: places for g, places in seen.items() if len(places) >= 2}
    parents: dict[tuple[str, ...], list[tuple[str, ...]]] = {}  # a phrase -> the repeated phrases one word longer holding it
    for g in repeated:
        if len(g) > shortest:
            parents.setdefault(g[1:], []).append(g)
            parents.setdefault(g[:-1], []).append(g)
    kept = [
        (gram, places) for gram, places in repeated.items()
        if not any(set(repeated[g]) == set(places) for g in parents.get(gram, ()))
    ]
    kept.sort(key=lambda x: (-len(x[1]), -len(x[0]), " ".join(x[0])))
    listed: list[tuple[tuple[str, ...], dict[str, Hit]]] = []
    for gram, places in kept:  # "at the far end" and "the far end of" are one habit: list the more spread
        if not any(_same_passage(gram, g) for g, _ in listed):
            listed.append((gram, places))
            if len(listed) == top:
                break
    return [Phrase(" ".join(g), tuple(places.values())) for g, places in listed]


def _same_passage(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two phrases are windows on the same words: one holds the other, or they overlap by all but a word or two."""
    for x, y in ((a, b), (b, a)):
        if any(x[i:i + len(y)] == y for i in range(len(x) - len(y) + 1)):
            return True
        for shift in (1, 2):
            n = len(x) - shift
            if n >= 3 and x[shift:] == y[:n]:
                return True
    return False
