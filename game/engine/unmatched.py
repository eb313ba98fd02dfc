"""What a typed line gets when no action or choice of the scene took it: which of the parser's own answers
(answers.py) it is sent to.

Apart from commands.py, which decides whether an action or a choice takes a line at all, because the routing
among answers is long and grows with every verb taught: a line with no object (`hug`, `ask about the tape`), a
line naming a person (present, or away), a line naming nothing that is here (`think about Tommy`, `say sorry`),
and a line naming one thing or several. The order below is the order a player would expect the answer to come.
"""

from __future__ import annotations

from dataclasses import replace

from game.engine import people
from game.engine.answers import PRONOUN_WORDS, Answers, Reply, narrator_phrase, person_pronoun
from game.engine.model import Person, Scene, Story
from game.engine.nouns import Noun, Scope, is_plural, noun_name
from game.engine.outcome import Outcome
from game.engine.parsing import Parsed
from game.engine.state import GameState
from game.engine.verbs import ANSWERED_AS, CANONICAL, MAKING, MIND, MOVE_WORDS, PERSONAL, SYNONYMS, WITHOUT_OBJECT
from game.engine.words import is_english, join_names, keys

_PERSON_VERBS = ("talk", "ask", "tell")
# said to someone, though typed alone: with one person at hand it is said to them (their own reply to it); with several,
# or nobody, it is the moment's own line for the verb
# `examine my hands`, `look at my coat` with no such thing written: Kathy herself, as `x me` shows her
_MINE = frozenset({"hand", "hands", "face", "feet", "foot", "hair", "clothes", "coat", "jumper", "cardigan", "shoes",
                   "reflection", "fingers", "arms", "arm", "legs", "nails", "skirt", "dress", "body", "eyes", "self"})
_SAID_TO_SOMEONE = frozenset({"sorry", "thank", "love", "forgive"})
# what `turn off the light` names: with none of them here, Kathy says there is none (`no_switch`); a radio that is not
# here is simply not here
_LIGHTS = frozenset({"light", "lights", "lamp", "lamps", "bulb", "bulbs", "candle", "candles", "torch", "lantern",
                     "headlights", "fire", "gas", "switch", "lightbulb"})
# what `turn on the radio` names: with none of them here, it is the moment's music (`play`): what there was to listen
# to, or that there was nothing
_SOUNDS = frozenset({"radio", "wireless", "television", "telly", "tv", "record", "records", "stereo", "music", "cassette",
                     "tape", "walkman", "player", "recorder", "gramophone", "transistor", "hifi"})
# furniture verbs: `open the drawer`, `look under the bed` with no drawer or bed here are told that there is none, or
# what there is (`not_here`), not that Kathy could not see it
_FURNITURE = frozenset({"open", "close", "look under", "look behind", "search"})
# what is done to a him or her with a hand: `hold her hand` with no her here is nobody to hold
_HOLDING = frozenset({"hug", "kiss", "touch"})


class Unmatched:
    """Sends a line no action or choice took to the answer written nearest to its moment."""

    def __init__(self, story: Story, answers: Answers, verb_phrases: frozenset[str]):
        self.story = story
        self.answers = answers
        self.verb_phrases = verb_phrases

    def answer(self, state: GameState, scene: Scene, parsed: Parsed, scope: Scope, here: dict[str, Person],
               nouns: list[Noun]) -> Reply:
        a = self.answers
        verb, obj = parsed.verb, parsed.obj
        answered = ANSWERED_AS.get(verb, verb)
        if verb == "again" or (answered == "sing" and obj):  # sing never let me go: a song, not a thing or a me
            return Reply(a.respond(state, scene, "no_again") if verb == "again" else a.verb(state, scene, verb, parsed.verb_text, None, False))
        if answered == "look" and not obj:  # look, look up, look round
            return Reply(a.look(state, scene, scope, here))
        topic = parsed.second
        if answered in _PERSON_VERBS and obj.startswith("about "):  # ask about the elephant: whoever is here
            obj, topic = "", obj[len("about "):]
        elif answered == "tell" and obj and not nouns and not parsed.second and people.known(self.story, obj) is None:
            obj, topic = "", obj  # tell the truth, tell everything: told to whoever is here, as `tell about` it
        if verb not in SYNONYMS and verb not in ANSWERED_AS:
            if obj and not nouns and verb in self.verb_phrases:
                return a.cannot_see(state, scene, scope, obj, scope.nearest(obj))
            return Reply(a.respond(state, scene, "unknown_verb", {"verb": parsed.verb_text}))
        if not obj:
            return self._alone(state, scene, parsed, scope, here, topic)
        if answered in PERSONAL or answered in _PERSON_VERBS:  # talk to laura: the person, even where a bowl answers to laura
            who = people.known(self.story, obj)
            if who is not None and not narrator_phrase(obj):
                if who.id not in here:
                    return Reply(a.absent(state, scene, who))
                noun = next((n for n in nouns if n.person == who.id), None)
                return Reply(a.to_person(state, scene, answered, who, topic), noun)
        if not nouns:
            return self._unseen(state, scene, parsed, scope, here, obj)
        if len(nouns) > 1:
            tail = f"{parsed.prep} {parsed.second}".strip()
            return a.which(state, scene, parsed.verb_text, nouns, tail)
        return self._one(state, scene, parsed, scope, here, nouns[0], topic)

    def _alone(self, state: GameState, scene: Scene, parsed: Parsed, scope: Scope, here: dict[str, Person], topic: str) -> Reply:
        """A verb with no object: `hug`, `ask about the tape`, `sit`, `examine`."""
        a, verb = self.answers, parsed.verb
        answered = ANSWERED_AS.get(verb, verb)
        company = people.at_hand(scene, [p for p in here.values() if not p.everywhere])
        if answered in _PERSON_VERBS:
            company = people.who_knows(self.story, state, scene, company, topic)
            if len(company) == 1:  # ask about the tape, with Ruth and Tommy there: whichever of them knows of it
                return Reply(a.to_person(state, scene, answered, company[0], topic))
            if company:
                return a.ask_whom(state, scene, parsed.verb_text, company, topic)
            return Reply(a.nobody_to_ask(state, scene, scope, topic))
        if verb == "read":  # read, with nothing named: what there was to read here, or that there was nothing
            return Reply(a.respond(state, scene, "read"))
        if answered == "examine":
            return Reply(a.respond(state, scene, "examine_what"))
        if answered in ("hug", "kiss") and not company and a.needs_object(state, scene, verb):  # hold hands, alone: nobody
            return Reply(a.respond(state, scene, "nobody_near"))
        if answered in ("hello", "goodbye") and len(company) > 1 and answered not in scene.responses:
            # said to them all: the one the scene wrote a word back for answers, else the first with one of their own
            speaker = next((p for p in company if people.own_reply(scene, p, answered)), None)
            speaker = speaker or next((p for p in company if people.reply(scene, p, answered)[0]), None)
            if speaker is not None:
                return Reply(a.to_person(state, scene, answered, speaker, ""))
        if (answered in PERSONAL or answered in _SAID_TO_SOMEONE) and len(company) == 1:  # hug, sorry: Tommy, the one there
            return Reply(a.to_person(state, scene, answered, company[0], ""))
        if answered in PERSONAL and company and a.needs_object(state, scene, verb):  # hug, with Ruth and Tommy both there
            return a.ask_whom(state, scene, parsed.verb_text, company, "")
        if a.needs_object(state, scene, verb):
            return Reply(a.respond(state, scene, "verb_what", {"verb": parsed.verb_text}))
        return Reply(a.verb(state, scene, verb, parsed.verb_text, None, False))

    def _unseen(self, state: GameState, scene: Scene, parsed: Parsed, scope: Scope, here: dict[str, Person], obj: str) -> Reply:
        """A line naming nothing that is here: a thought, words said, Kathy herself, a pronoun, somewhere to go."""
        a, verb = self.answers, parsed.verb
        answered = ANSWERED_AS.get(verb, verb)
        if answered in MIND or answered in MAKING:  # think about Tommy, make tea: where he is now, or the moment's own line
            return Reply(a.in_mind(state, scene, verb, parsed.verb_text, obj))
        if answered == "say" and people.known(self.story, obj) is None:  # say sorry, answer yes: words, not things
            said = CANONICAL.get(obj, "")
            if said in _SAID_TO_SOMEONE:  # say sorry: as `sorry` typed alone, to whoever is at hand
                return self._alone(state, scene, Parsed(said, obj, "", "", "", parsed.raw), scope, here, "")
            return Reply(a.said_aloud(state, scene, obj))
        if answered == "examine" and parsed.obj_text.lower().split()[:1] == ["my"] and obj.split()[-1] in _MINE:
            me = scope.find("me")
            return Reply(a.examine(state, scene, me[0]) if len(me) == 1 else a.respond(state, scene, "examine_me"))
        if answered == "switch off" and obj.split()[-1] in _LIGHTS:  # turn off the light where there is none
            return Reply(a.no_switch(state, scene))
        typed_words = all(is_english(w) for w in obj.split())  # a slip of the hand is mended first, not answered
        if answered == "switch off" and obj.split()[-1] in _SOUNDS and typed_words:  # turn on the radio, with none
            return Reply(a.respond(state, scene, "play"))
        if (verb == "read" or answered in _FURNITURE) and typed_words and people.known(self.story, obj) is None:
            return Reply(a.respond(state, scene, "read" if verb == "read" else "not_here"))
        if narrator_phrase(obj):
            return Reply(a.verb(state, scene, verb, parsed.verb_text, None, False) if answered != "examine"
                         else a.respond(state, scene, "examine_me"))
        if obj in PRONOUN_WORDS:  # commands.read puts the one he or she here in its place, or answers `nobody`
            return Reply(a.respond(state, scene, "no_pronoun"))
        if answered in ("go", "follow") or parsed.verb_text.split()[0] in MOVE_WORDS:
            absent = people.known(self.story, obj)
            if absent is not None and absent.id not in here:
                return Reply(a.absent(state, scene, absent))
            return Reply(a.respond(state, scene, answered if answered in ("follow", "climb") else "go"))
        if answered in WITHOUT_OBJECT and people.known(self.story, obj) is None:  # sit on the bed, with no bed: sitting
            return Reply(a.verb(state, scene, verb, parsed.verb_text, None, False))
        return a.cannot_see(state, scene, scope, obj, scope.nearest(obj))

    def nobody(self, state: GameState, scene: Scene, parsed: Parsed, here: dict[str, Person]) -> Reply | None:
        """`hold her hand`, `kiss him` when no name fits the pronoun (neither the one she or he here nor the run's last
        named): with several of that kind at hand, which of them; with nobody of it, that there was nobody to hold, or
        who there was. None for any other line, which stays not understood."""
        a, answered = self.answers, ANSWERED_AS.get(parsed.verb, parsed.verb)
        pronoun = PRONOUN_WORDS.get(parsed.obj, "")
        if pronoun not in ("him", "her") or answered not in _HOLDING:
            return None
        company = people.at_hand(scene, [p for p in here.values() if not p.everywhere])
        meant = [p for p in company if person_pronoun(p) == pronoun]
        if len(meant) > 1:
            return a.ask_whom(state, scene, parsed.verb_text, meant, "")
        if meant:
            return None
        if not company:
            return Reply(a.respond(state, scene, "nobody_near"))
        names = [p.name for p in company]
        return Reply(a.respond(state, scene, "not_them", {"people": join_names(names), "were": "was" if len(names) == 1 else "were"}))

    def _one(self, state: GameState, scene: Scene, parsed: Parsed, scope: Scope, here: dict[str, Person], noun: Noun,
             topic: str) -> Reply:
        """A line naming one thing or person that is here."""
        a, verb, obj = self.answers, parsed.verb, parsed.obj
        answered = ANSWERED_AS.get(verb, verb)
        named = Reply(Outcome("reply"), noun)
        by_name = noun.kind == "person" or obj in PRONOUN_WORDS or people.known(self.story, obj) is not None
        if noun.person and noun.person in here and answered not in ("examine", *MIND) and by_name:  # not `open window`
            named.outcome = a.to_person(state, scene, answered, here[noun.person], topic)
            return named
        if answered in ("give", "show") and parsed.second:  # show her the case, with one person here: her
            company = [p for p in here.values() if not p.everywhere]
            receiver = scope.find(company[0].names[0] if parsed.second in PRONOUN_WORDS and len(company) == 1 else parsed.second)
            taker = here.get(receiver[0].person) if len(receiver) == 1 else None
            if taker is not None and (people.far(scene, taker) or people.reply(scene, taker, answered)[0]):
                named.outcome = a.to_person(state, scene, answered, taker, "")  # their own reply to it, or out of reach
                return named
            away = people.known(self.story, parsed.second)
            if away is not None and away.id not in here:  # show it to Tommy, who is gone: where he is by then
                named.outcome = a.absent(state, scene, away)
                return named
        typed = next((n for n in noun.names if set(parsed.obj.split()) <= set(n.split())), "")
        typed = typed or next((n for n in noun.names if keys(parsed.obj) <= keys(n)), noun.names[0])  # lamp of `fox, lamps`
        if noun.kind in ("scenery", "thing") and typed != noun.names[0] and (not noun.name[:1].isupper() or noun.person):  # `open door` of `dent, car door`: the car door, not the dent
            noun = replace(noun, name=noun_name(typed), plural=is_plural(typed))
        named.outcome = a.verb(state, scene, verb, parsed.verb_text, noun, noun.kind == "item")
        return named
