"""The parser's own answers, when no action or choice took a line: examine, look, people, and every verb's default.

Each answer is looked for where it was written most closely: the scene's things, scenery, people
lines and `responses:`, then its location's, then the person's story-wide lines, then story.yaml's
named responses, and only last the engine's plain fallback (responses.py). Every reply says where
it came from (Outcome.source). Nothing here changes a state.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import people
from game.engine.memory import Candidate
from game.engine.model import Paragraph, Person, Scene, Story
from game.engine.nouns import NARRATOR_WORDS, Noun, Scope, distinguishing_name
from game.engine.outcome import Outcome, prose
from game.engine.responses import RESPONSES, fill, response_name
from game.engine.state import GameState
from game.engine.verbs import ALONE, ANSWERED_AS, CANONICAL, MIND, PERSONAL, SYNONYMS
from game.engine.words import capitalise, join_names, keys

PRONOUN_WORDS = {"it": "it", "them": "them", "him": "him", "her": "her", "they": "them", "these": "them", "those": "them",
                 "he": "him", "she": "her"}
_OBJECT_OF = {"he": "him", "she": "her", "they": "them"}
# verbs whose own default reads well with a person ({person}); anything else done to a person is person_verb
_PEOPLE_VERBS = frozenset({"wave", "give", "show", "say", "sorry", "hello", "goodbye", "hug", "kiss", "follow"})
# verbs that need the person within reach (or earshot): a scene's `far:` answers them for someone only in sight
REACHING = frozenset({"talk", "ask", "tell", "hug", "kiss", "give", "show", "hello", "goodbye", "forgive", "thank", "love",
                      "sorry", "touch", "push", "pull", "taste"})
# words that, said aloud (`say sorry`, `answer no`), are answered as their own verb
_SAID_WORDS = frozenset({"yes", "no", "sorry", "hello", "goodbye", "sing", "pray", "shout"})


@dataclass(slots=True)
class Reply:
    outcome: Outcome
    named: Noun | None = None  # what the line named: for it/them/him/her
    question: tuple[Candidate, ...] = ()


def person_pronoun(person: Person) -> str:
    return _OBJECT_OF.get(person.pronoun, "them")


class Answers:
    def __init__(self, story: Story):
        self.story = story

    # ---- named responses -------------------------------------------------------------------------
    def text(self, state: GameState, scene: Scene, name: str, values: dict[str, str] | None = None) -> tuple[list[str], str]:
        """A named response as this scene reads it, filled in, and where it was written."""
        found: tuple[Paragraph, ...] | None = scene.responses.get(name)
        source = "scene"
        if found is None:
            place = self.story.places.get(scene.location)
            found = place.responses.get(name) if place is not None else None
            source = "location"
        if found is None:
            found = self.story.responses.get(name)
            source = "story-default"
        lines = prose(state, found) if found is not None else [RESPONSES[name].fallback]
        if found is None:
            source = "story-default"
        if RESPONSES[name].failure:
            source = "parser-failure"
        return [fill(t, values or {}) for t in lines], source

    def respond(self, state: GameState, scene: Scene, name: str, values: dict[str, str] | None = None, kind: str = "reply") -> Outcome:
        said, source = self.text(state, scene, name, values)
        if source == "parser-failure" and kind == "reply":
            kind = "unknown"
        return Outcome(kind, said, source=source)

    def written(self, state: GameState, text: tuple[Paragraph, ...], source: str, values: dict[str, str], kind: str = "reply") -> Outcome:
        return Outcome(kind, [fill(t, values) for t in prose(state, text)], source=source)

    # ---- the answers ---------------------------------------------------------------------------
    def cannot_see(self, state: GameState, scene: Scene, scope: Scope, phrase: str, nearest: str | None) -> Reply:
        person = people.known(self.story, phrase)
        if person is not None:
            return Reply(self.absent(state, scene, person))
        out = self.respond(state, scene, "cannot_see")
        if nearest:
            out.said += self.text(state, scene, "nearest", {"name": nearest, "Name": capitalise(nearest)})[0]
        return Reply(out)

    def absent(self, state: GameState, scene: Scene, person: Person) -> Outcome:
        where = people.whereabouts(state, scene, person)
        values = _person_values(person)
        if where:
            return self.written(state, where, "person", values)
        return self.respond(state, scene, "person_not_here", values)

    def which(self, state: GameState, scene: Scene, verb_text: str, nouns: list[Noun], tail: str) -> Reply:
        """Ask which of several nouns was meant; each candidate is the line that names it alone."""
        labels = [n.name for n in nouns]
        cands = tuple(
            Candidate(n.name, "command", " ".join(x for x in (verb_text, distinguishing_name(n, nouns), tail) if x),
                      keys(" ".join(n.names) + " " + n.name))
            for n in nouns
        )
        out = self.respond(state, scene, "which", {"choices": join_names(labels, "or")}, kind="question")
        return Reply(out, None, cands)

    def ask_whom(self, state: GameState, scene: Scene, verb_text: str, company: list[Person], topic: str) -> Reply:
        """`ask about the tape`, `hug` with several here who could all be meant: ask which of them, as a question whose
        answer (`ruth`, `the second`, `2`) asks or hugs that one."""
        tail = f"about {topic}" if topic else ""
        cands = tuple(Candidate(p.name, "command", " ".join(x for x in (verb_text, p.names[0], tail) if x),
                                keys(" ".join(p.names) + " " + p.name)) for p in company)
        out = self.respond(state, scene, "ask_whom", {"choices": join_names([p.name for p in company], "or")}, kind="question")
        return Reply(out, None, cands)

    def look(self, state: GameState, scene: Scene, scope: Scope, here: dict[str, Person]) -> Outcome:
        """A brief look about: the scene's `look`, or its location's, or its opening sentence; who and what is here."""
        if scene.look:
            said, source = prose(state, scene.look), "scene"
        else:
            place = self.story.places.get(scene.location)
            if place is not None and place.look:
                said, source = prose(state, place.look), "location"
            else:
                first = prose(state, scene.paragraphs[:1])
                said, source = [_first_sentence(first[0])] if first else [], "scene"
        names = [p.name for p in here.values() if not p.everywhere]
        if names:
            said += self.text(state, scene, "people_here", {"people": join_names(names), "were": "was" if len(names) == 1 else "were"})[0]
        things = [n.name for n in scope.nouns if n.kind == "thing" and not n.person]
        if things:
            said += self.text(state, scene, "notable", {"things": join_names(things)})[0]
        return Outcome("look", said, source=source)

    def examine(self, state: GameState, scene: Scene, noun: Noun) -> Outcome:
        if noun.look:
            kind = "examine"
            return self.written(state, noun.look, noun.source, _noun_values(noun), kind)
        person = self.story.people.get(noun.person)
        if person is not None:
            return self.respond(state, scene, "person_verb", _person_values(person))
        return self.respond(state, scene, "cannot_see")

    def to_person(self, state: GameState, scene: Scene, verb: str, person: Person, topic: str) -> Outcome:
        """talk to, ask/tell about, and every other verb done to someone who is here."""
        values = _person_values(person)
        if verb in REACHING and people.far(scene, person):  # Tommy out on the field, Kathy behind the glass
            return self.out_of_reach(state, scene, verb, person, topic, values)
        if verb in ("ask", "tell", "talk") and topic:  # talk to Ruth about Tommy is asking her about him
            text, source = people.topic_reply(state, scene, person, topic, shrug=False)
            if text:
                return self.written(state, text, source, values)
            return self.nearest(state, scene, (), person.lines.fallback, "no_answer", values)
        if verb in ("talk", "ask", "tell"):
            own = scene.people.get(person.id)
            return self.nearest(state, scene, own.talk if own is not None else (), person.lines.talk, "talk", values)
        name = response_name(verb)
        if (verb in PERSONAL or verb in _PEOPLE_VERBS or verb in ALONE) and name in RESPONSES:
            # listen to Ruth, wait for her: the moment's listening, unless the scene wrote her own
            return self.nearest(state, scene, people.own_reply(scene, person, verb), person.lines.replies.get(verb, ()), name, values)
        text, source = people.reply(scene, person, verb)
        return self.written(state, text, source, values) if text else self.respond(state, scene, "person_verb", values)

    def out_of_reach(self, state: GameState, scene: Scene, verb: str, person: Person, topic: str,
                     values: dict[str, str]) -> Outcome:
        """Someone the scene has in sight but not at hand: its own line for them and this verb or topic when it wrote
        one, else its line for a verb of the same kind (people.far_reply: `thank tommy` across the field is what it
        wrote for talking to him), else its `far:` line, else the `out_of_reach` response. Never their story-wide
        words, said as if near."""
        own = scene.people[person.id]
        if verb in ("ask", "tell", "talk"):
            text = (people.topic_reply(state, scene, person, topic, story_wide=False)[0] if topic else ()) or own.talk
        else:
            text = people.far_reply(own, verb)
        if text or own.far_said:
            return self.written(state, text or own.far_said, "scene", values)
        return self.respond(state, scene, "out_of_reach", values)

    def nearest(self, state: GameState, scene: Scene, own: tuple[Paragraph, ...], story_wide: tuple[Paragraph, ...],
                name: str, values: dict[str, str]) -> Outcome:
        """The line written most closely for a person and a verb: the scene's own line for them, then the scene's
        `responses:` for the verb, then the person's story-wide line, then the location's response, then the story's.
        A scene that wrote `hug:` for its moment is not overruled by how Tommy is hugged anywhere else."""
        if own:
            return self.written(state, own, "scene", values)
        if name in scene.responses or not story_wide:
            return self.respond(state, scene, name, values)
        return self.written(state, story_wide, "person", values)

    def verb(self, state: GameState, scene: Scene, verb: str, verb_text: str, noun: Noun | None, carried: bool) -> Outcome:
        """A standard verb's default, alone or with a noun that is here."""
        answered = ANSWERED_AS.get(verb, verb)
        values = _noun_values(noun) if noun is not None else {}
        values["verb"] = verb_text
        if answered == "examine" and noun is not None:
            return self.examine(state, scene, noun)
        if answered in ("talk", "ask", "tell"):
            if noun is not None and noun.name[:1].isupper():  # someone the story never declared: Ruth as a thing
                values.update(person=noun.name, Person=noun.name)
                return self.respond(state, scene, "no_answer" if verb != "talk" else "talk", values)
            return self.respond(state, scene, "talk_thing", values)
        if answered in MIND and noun is not None:  # think about the shirt: the shirt, as the moment has it
            return self.examine(state, scene, noun)
        if answered in ("hug", "kiss") and noun is not None and not noun.person:  # hold the letter: a thing is touched
            answered = "touch"
        if answered == "take" and noun is not None and carried:
            return self.respond(state, scene, "already_carried", values)
        if answered == "drop" and noun is not None and not carried:
            return self.respond(state, scene, "not_carried", values)
        name = response_name(answered)
        if name in RESPONSES:
            return self.respond(state, scene, name, values)
        return self.respond(state, scene, "unknown_verb", values)

    def no_switch(self, state: GameState, scene: Scene) -> Outcome:
        """`turn off the light` with no light here: the scene's own line for switching things, when it wrote one (the
        car with everything off already), else `no_switch` as the scene, its place or the story has it."""
        if "switch_off" in scene.responses and "no_switch" not in scene.responses:
            return self.respond(state, scene, "switch_off")
        return self.respond(state, scene, "no_switch")

    def in_mind(self, state: GameState, scene: Scene, verb: str, verb_text: str, phrase: str) -> Outcome:
        """`think about Tommy`, `remember the Gallery` with nothing of that name here: someone of the story is
        thought of where they are by then (their `where:`); anything else gets the verb's own line for the moment,
        never `cannot_see` (a memory needs nothing in reach)."""
        person = people.known(self.story, phrase)
        if person is not None and not narrator_phrase(phrase):
            return self.absent(state, scene, person)
        return self.verb(state, scene, verb, verb_text, None, False)

    def nobody_to_ask(self, state: GameState, scene: Scene, scope: Scope, topic: str) -> Outcome:
        """`ask about Ruth` with nobody here to ask: Kathy answers herself. Someone of the story is where they are
        by then, a thing here is what she sees of it; only a topic that is neither gets `nobody_here`."""
        person = people.known(self.story, topic) if topic else None
        if person is not None and not narrator_phrase(topic):
            return self.absent(state, scene, person)
        nouns = scope.find(topic) if topic else []
        if len(nouns) == 1 and nouns[0].look:
            return self.examine(state, scene, nouns[0])
        return self.respond(state, scene, "nobody_here")

    def inventory(self, state: GameState, scene: Scene) -> Outcome:
        if not state.items:
            return self.respond(state, scene, "carrying_nothing", kind="inventory")
        names = [self.story.items[i].name if i in self.story.items else i for i in state.items]
        return self.respond(state, scene, "carrying", {"things": join_names(names)}, kind="inventory")

    def said_aloud(self, state: GameState, scene: Scene, words_said: str) -> Outcome:
        """`say sorry`, `answer yes`: words said that are a verb with a reply of its own get that reply (the scene's
        `sorry`); any other words are simply said (`say`), never looked for as a thing that is not there."""
        own = CANONICAL.get(words_said, "")
        if own in _SAID_WORDS:
            return self.verb(state, scene, own, words_said, None, False)
        return self.respond(state, scene, "say", {"verb": "say"})

    def needs_object(self, state: GameState, scene: Scene, verb: str) -> bool:
        """True when `verb` alone should ask "what?": it usually takes an object, and neither this scene nor its
        place wrote a reply for it alone (a scene that answers `search` or `touch` by itself is asked first)."""
        answered = ANSWERED_AS.get(verb, verb)
        if answered not in SYNONYMS or answered in ALONE:
            return False
        name = response_name(answered)
        place = self.story.places.get(scene.location)
        return name not in scene.responses and (place is None or name not in place.responses)


def _first_sentence(text: str) -> str:
    for end in (". ", "? ", "! "):
        i = text.find(end)
        if 0 < i < 300:
            return text[: i + 1]
    return text


def _noun_values(noun: Noun) -> dict[str, str]:
    it = "they" if noun.plural else "it"
    return {"name": noun.name, "Name": capitalise(noun.name), "it": "them" if noun.plural else "it",
            "It": capitalise(it)}


def _person_values(person: Person) -> dict[str, str]:
    obj = person_pronoun(person)
    return {"person": person.name, "Person": capitalise(person.name), "name": person.name, "Name": capitalise(person.name),
            "it": obj, "It": capitalise(obj)}


def narrator_phrase(phrase: str) -> bool:
    return bool(phrase) and set(phrase.split()) <= NARRATOR_WORDS
