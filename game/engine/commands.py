"""Typed commands: what a typed line means in a scene, as an action to take or a reply that changes nothing.

"Pick up the old cassette" and "take tape" must mean the same, so both the player's words and
the author's verbs are reduced to one canonical verb (`parse`); `CommandReader` then matches the
line against the scene's actions and things. Taking the action is the state machine's work
(engine.py): this module only reads, and never changes a state.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from game.engine.expr import ExprRuntimeError
from game.engine.fields import normalise_words
from game.engine.model import Action, Scene, Story, Thing
from game.engine.outcome import Outcome, RunError, is_open, prose
from game.engine.state import GameState

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


def _topic_matches(topic: str, names: tuple[str, ...]) -> bool:
    """Whole words only: 'ask laura about herself' must not match the topic 'her'."""
    words = set(topic.split())
    return any(set(n.split()) <= words or words <= set(n.split()) for n in names)


def _open(state: GameState, action: Action) -> bool:
    try:
        return is_open(state, action)
    except ExprRuntimeError as exc:
        raise RunError(str(exc), str(action.pos)) from None


class CommandReader:
    """Reads typed lines against one story: which action a line triggers, or what Kathy says instead.

    A line with no verb is an Outcome of kind "empty", and "help" says only what this scene
    offers: how to play (numbers, saving, undo) is each front end's to tell.
    """

    def __init__(self, story: Story):
        self.story = story
        self.verb_phrases = story.verb_phrases
        self.item_names = [(i.id, i.names) for i in story.items.values()]

    def read(self, state: GameState, scene: Scene, line: str) -> Action | Outcome:
        """The open action `line` triggers in `scene`, else the reply to it (blocked, look, unknown...)."""
        parsed = parse(line, self.verb_phrases)
        if not parsed.verb:
            return Outcome("empty")
        if parsed.verb == "help":
            return Outcome("help", self.help_lines(state, scene))
        if parsed.verb == "inventory":
            return Outcome("inventory", [self.inventory_line(state)])

        thing_id = self.resolve(state, scene, parsed.obj) if parsed.obj else None
        blocked: Action | None = None
        for a in scene.actions:
            if parsed.verb not in a.verbs:
                continue
            if a.thing is not None:
                if thing_id != a.thing:
                    continue
            elif parsed.obj and not a.about:
                continue
            if a.about:
                topic = parsed.second or (parsed.obj if a.thing is None else "")
                if not topic or not _topic_matches(topic, a.about):
                    continue
            if _open(state, a):
                return a
            blocked = blocked or a
        if blocked is not None:
            if blocked.blocked:
                return Outcome("blocked", prose(state, blocked.blocked))
            if blocked.once and state.chosen.get(blocked.key):
                return Outcome("blocked", ["I have done that already."])
            return Outcome("blocked", ["Not now. Something holds me back from it."])
        return self._builtin(state, scene, parsed, thing_id)

    def _builtin(self, state: GameState, scene: Scene, parsed: Parsed, thing_id: str | None) -> Outcome:
        verb, obj = parsed.verb, parsed.obj
        shown = parsed.obj_text or obj  # as the player typed it: "Ruth", "the old tape"
        if verb in ("look", "examine") and not obj:
            if verb == "examine":
                return Outcome("unknown", ["Examine what? " + self.things_line(state, scene)])
            text = prose(state, scene.look if scene.look else scene.paragraphs)
            return Outcome("look", [*text, self.things_line(state, scene)])
        if obj and thing_id is None:
            names = self.visible_names(state, scene)
            near = nearest(obj, names)
            hint = f" Did you mean '{near}'?" if near else ""
            if verb in ("look", "examine"):
                return Outcome("unknown", [f"I can't see '{shown}' here.{hint}"])
            known = verb in SYNONYMS or verb in self.verb_phrases
            if known:
                return Outcome("unknown", [f"There is nothing called '{shown}' here to {parsed.verb_text}.{hint}"])
        if verb in ("look", "examine", "read") and thing_id is not None:
            thing = next((t for t in self.visible_things(state, scene) if t.id == thing_id), None)
            if thing is not None:
                return Outcome("examine", prose(state, thing.look))
            if thing_id in state.items and thing_id in self.story.items:
                return Outcome("examine", prose(state, self.story.items[thing_id].look))
            return Outcome("unknown", [f"I can't see '{shown}' here."])
        if verb == "take" and thing_id in state.items:
            return Outcome("unknown", ["I have it with me already."])
        if verb in SYNONYMS or verb in self.verb_phrases:
            what = f" {shown}" if obj else ""
            return Outcome("unknown", [f"Nothing comes of trying to {parsed.verb_text}{what} here."])
        verbs_here = sorted({v for a in scene.actions for v in a.verb_text} | set(BUILTIN_VERBS))
        near = nearest(parsed.verb_text, verbs_here)
        hint = f" Did you mean '{near}'?" if near else " Type help to see what I can do here."
        return Outcome("unknown", [f"I don't know how to '{parsed.verb_text}'.{hint}"])

    # ---- things and names -----------------------------------------------------------------------
    def resolve(self, state: GameState, scene: Scene, phrase: str) -> str | None:
        """The id of the thing or carried item `phrase` names here, or None."""
        candidates = [(t.id, t.names) for t in self.visible_things(state, scene)]
        candidates += [(i, n) for i, n in self.item_names if i in state.items]
        found = match_name(phrase, candidates)
        if found is None:  # an action may name an item Kathy does not carry (give tape when it is lost)
            found = match_name(phrase, [(a.thing, self._names_of(scene, a.thing)) for a in scene.actions if a.thing])
        return found

    def _names_of(self, scene: Scene, thing_id: str) -> tuple[str, ...]:
        if thing_id in scene.things:
            return scene.things[thing_id].names
        item = self.story.items.get(thing_id)
        return item.names if item else (thing_id,)

    def visible_things(self, state: GameState, scene: Scene) -> list[Thing]:
        try:
            return [t for t in scene.things.values() if t.cond is None or t.cond.fn(state)]
        except ExprRuntimeError as exc:
            raise RunError(str(exc), str(scene.pos)) from None

    def visible_names(self, state: GameState, scene: Scene) -> list[str]:
        """Every name of what Kathy can see or carries here: for 'did you mean' and for completion."""
        names = [n for t in self.visible_things(state, scene) for n in t.names]
        names += [n for i, ns in self.item_names if i in state.items for n in ns]
        return names

    def things_line(self, state: GameState, scene: Scene) -> str:
        things = self.visible_things(state, scene)
        if not things:
            return "Nothing here seems to want a closer look."
        names = [t.name or t.names[0] for t in things]
        return "I notice: " + ", ".join(names) + "."

    def inventory_line(self, state: GameState) -> str:
        if not state.items:
            return "I am carrying nothing that matters."
        names = [self.story.items[i].name if i in self.story.items else i for i in state.items]
        return "I have with me: " + ", ".join(names) + "."

    def help_lines(self, state: GameState, scene: Scene) -> list[str]:
        """What this scene offers to type, in Kathy's words; [] when it offers nothing of its own."""
        verbs = sorted({a.verb_text[0] for a in scene.actions if _open(state, a)})
        return ["Here I might try: " + ", ".join(verbs) + "."] if verbs else []

    # ---- for tools and front ends ---------------------------------------------------------------
    def command_text(self, scene: Scene, action: Action) -> str:
        """A typed line that triggers `action`, as a player would write it (take tape, ask ruth about chess)."""
        words = [action.verb_text[0]]
        if action.thing:
            words.append(self._names_of(scene, action.thing)[0])
        if action.about:
            if action.thing:
                words.append("about")
            words.append(action.about[0])
        return " ".join(words)

    def completions(self, state: GameState, scene: Scene) -> list[str]:
        """Words a command line may complete to here: verbs, then things and items."""
        verbs = {v for a in scene.actions for v in a.verb_text} | set(BUILTIN_VERBS)
        nouns = set(self.visible_names(state, scene))
        return sorted(verbs) + sorted(nouns - verbs)
