"""Typed commands: what a typed line means in a scene, as an action, a choice, or a reply that changes nothing.

"Pick up the old cassette" and "take tape" mean the same: the player's words and the author's verbs are reduced
to one canonical verb (`parse`). A line is tried, in order: the scene's actions, exactly as the parser has always
read them (so lines recorded by older saves still do what they did); the visible choices in words (choicewords.py);
the actions with nouns found more freely (plurals, adjectives, possessives: nouns.py); last the parser's own answers
(answers.py: examine, look, people, every verb's default, by way of unmatched.py). A line not understood is tried again with typos mended.

`read` needs nothing but the state and the line, which is what replays use. `resolve` adds the
run's memory (memory.py: pronouns, the last question, `again`) and turns the line into the input
to record, already resolved, so a replay never needs that memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine import choicewords, people, verbs
from game.engine.answers import PRONOUN_WORDS, Answers, Reply, person_pronoun
from game.engine.choicewords import ChoiceText
from game.engine.expr import ExprRuntimeError
from game.engine.memory import Candidate, ParserMemory, Question, answer_of
from game.engine.model import Action, Person, Scene, Story, Thing
from game.engine.nouns import Noun, Scope, distinguishing_name, noun_name
from game.engine.outcome import Outcome, RunError, is_open, prose
from game.engine.parsing import Parsed, _topic_matches, canonical_verb, match_name, parse
from game.engine.state import GameState
from game.engine.unmatched import Unmatched
from game.engine.verbs import BUILTIN_VERBS, SYNONYMS, VERB_WORDS, WHEREABOUTS
from game.engine.words import content_keys, join_names, mend, words

__all__ = ["BUILTIN_VERBS", "SYNONYMS", "CommandReader", "Parsed", "Reading", "canonical_verb", "parse"]

def _open(state: GameState, action: Action) -> bool:
    try:
        return is_open(state, action)
    except ExprRuntimeError as exc:
        raise RunError(str(exc), str(action.pos)) from None

@dataclass(slots=True)
class Reading:
    """What a line means: an action to take, a choice to take, or a reply. `line` is the line as resolved."""

    line: str
    action: Action | None = None
    choice: str = ""
    reply: Reply | None = None

    @property
    def failed(self) -> bool:
        return self.reply is not None and self.reply.outcome.source == "parser-failure"


class CommandReader:
    """Reads typed lines against one story: which action or choice a line takes, or what Kathy says instead."""

    def __init__(self, story: Story):
        self.story = story
        self.verb_phrases = story.verb_phrases
        self.item_names = [(i.id, i.names) for i in story.items.values()]
        self.answers = Answers(story)
        self.unmatched = Unmatched(story, self.answers, story.verb_phrases)
        self._verb_words = frozenset(VERB_WORDS | {w for p in story.verb_phrases for w in p.split()})
        # Remembered because every typed line asks several times: who is here, by scene and visible things;
        # the words a scene knows, by scene (the story's people and verbs never change).
        self._present: dict[tuple[str, tuple[str, ...]], dict[str, Person]] = {}
        self._scene_words: dict[str, frozenset[str]] = {}
        self._story_words = self._verb_words | frozenset(
            w for p in story.people.values() for n in (*p.names, *(t for topic in p.lines.topics for t in topic.names))
            for w in n.split())

    # ---- reading a line ---------------------------------------------------------------------------
    def read(self, state: GameState, scene: Scene, line: str, pronouns: dict[str, str] | None = None) -> Reading:
        """What `line` means here, using nothing but the state (and, when resolving, the run's pronouns): what a
        replay relies on. A him or her nothing took is the one he or she here (`hold her hand` with Ruth there), or
        whoever the run last named so; the line read is then the one with the name, and that is what is recorded."""
        reading = self._read(state, scene, line)
        if reading.failed and not (reading.reply and reading.reply.question):
            mended = self.mend(state, scene, line)
            if mended != line:
                again = self._read(state, scene, mended)
                if not again.failed:
                    return again
        if reading.failed and any(w in PRONOUN_WORDS or w == "his" for w in words(line)):  # him, nobody named: the he here
            named = {**people.by_pronoun(self.present(scene, self.visible_things(state, scene))), **(pronouns or {})}
            again = self._read(state, scene, people.swapped(parse(line, self.verb_phrases), named, PRONOUN_WORDS))
            reading = reading if again.failed else again
            if reading.failed:  # hold her hand, with no her here: nobody to hold, or which of them
                led = people.leading(self.story, parse(line, self.verb_phrases))
                things = self.visible_things(state, scene)
                nobody = self.unmatched.nobody(state, scene, led, self.present(scene, things))
                reading = reading if nobody is None else Reading(line, reply=nobody)
        return reading

    def _read(self, state: GameState, scene: Scene, line: str) -> Reading:
        parsed = parse(line, self.verb_phrases)
        if not parsed.verb:
            return Reading(line, reply=Reply(Outcome("empty", source="parser-failure")))
        if parsed.verb in ("help", "hint") and not parsed.obj:  # help Ruth is about Ruth
            return Reading(line, reply=Reply(self.help(state, scene) if parsed.verb == "help" else self.hint(state, scene)))
        if parsed.verb == "inventory":
            return Reading(line, reply=Reply(self.answers.inventory(state, scene)))
        things = self.visible_things(state, scene)
        here = self.present(scene, things)
        if parsed.verb in ("ask", "tell", "talk") and parsed.obj.startswith("about "):  # the donor in his bed
            parsed = people.addressed(parsed, scene, here, things)
        # the author's actions first, as ever, but for `ask about X` addressed above and a person's own topic (_match):
        # an older save that leant on the old reading replays with the notice that it may differ a little
        thing_id = self.resolve_thing(state, scene, parsed.obj) if parsed.obj else None
        action, blocked = self._match(state, scene, parsed, thing_id)
        if action is None and blocked is None and (led := people.leading(self.story, parsed)) is not parsed:
            parsed = led  # ask madame why she cried: madame, about why she cried (only when nothing took it as typed)
            action, blocked = self._match(state, scene, parsed, self.resolve_thing(state, scene, parsed.obj))
        if action is not None:
            return Reading(line, action=action)
        if blocked is None:
            picked = choicewords.match(line, self.choice_texts(state, scene))
            if len(picked) == 1:
                return Reading(line, choice=picked[0])
            if len(picked) > 1:
                return Reading(line, reply=self._which_choice(state, scene, picked))
        scope = Scope(self.story, scene, things, state.items, here)
        nouns = scope.find(parsed.obj) if parsed.obj else []
        nouns = [] if nouns and people.named_away(self.story, parsed.obj, [] if parsed.verb in WHEREABOUTS else nouns, here) else nouns
        if blocked is None and len(nouns) == 1 and nouns[0].id != thing_id:
            action, blocked = self._match(state, scene, parsed, nouns[0].id)
            if action is not None:
                return Reading(line, action=action)
        if blocked is not None:
            return Reading(line, reply=self._blocked(state, scene, parsed, blocked, nouns, here))
        talk = people.talk_instead(parsed.verb, nouns, [a for a in scene.actions if _open(state, a)])
        return Reading(line, action=talk) if talk else Reading(line, reply=self.unmatched.answer(state, scene, parsed, scope, here, nouns))

    def _match(self, state: GameState, scene: Scene, parsed: Parsed, thing_id: str | None) -> tuple[Action | None, Action | None]:
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
            elif parsed.second and parsed.verb in ("ask", "tell", "talk") and people.speaks_to(self.story, state, scene, a.thing, parsed.second):
                continue  # ask emily about deferrals: her own words on it, not the scene's talk with her about anything
            if _open(state, a):
                return a, None
            blocked = blocked or a
        return None, blocked

    def _blocked(self, state: GameState, scene: Scene, parsed: Parsed, blocked: Action, nouns: list[Noun],
                 here: dict[str, Any]) -> Reply:
        # `ask tommy about the elephant` after a once-only `talk to tommy`: his topic answers, not the spent talk
        if not blocked.about and parsed.second and parsed.verb in ("ask", "tell") and nouns and nouns[0].person in here:
            person = here[nouns[0].person]
            if people.far(scene, person):  # out of earshot: what the scene wrote for that, not his story-wide words
                return Reply(self.answers.to_person(state, scene, parsed.verb, person, parsed.second), nouns[0])
            text, source = people.topic_reply(state, scene, person, parsed.second)
            if text:
                return Reply(self.answers.written(state, text, source, {"person": person.name}), nouns[0])
        if blocked.blocked:
            return Reply(Outcome("blocked", prose(state, blocked.blocked), source="scene"))
        name = "done_already" if blocked.once and state.chosen.get(blocked.key) else "held_back"
        return Reply(self.answers.respond(state, scene, name, kind="blocked"))

    def _which_choice(self, state: GameState, scene: Scene, ids: list[str]) -> Reply:
        texts = {c.id: c for c in self.choice_texts(state, scene)}
        labels = [choicewords.label(texts[i].text) for i in ids]
        cands = tuple(Candidate(lab, "choose", i, content_keys(texts[i].text + " " + " ".join(texts[i].words)))
                      for i, lab in zip(ids, labels))
        out = self.answers.respond(state, scene, "which", {"choices": join_names(labels, "or")}, kind="question")
        return Reply(out, None, cands)

    # ---- with the run's memory: what to record --------------------------------------------------------
    def resolve(self, state: GameState, scene: Scene, line: str, memory: ParserMemory) -> tuple[str, str]:
        """The input a typed line makes, resolved through the run's memory: ("choose", id) or ("command", line)."""
        line = line.strip()
        question, memory.question = memory.question, None
        if question is not None and question.scene == scene.id:
            picked = answer_of(question, line)
            if picked is not None:
                memory.last = (picked.kind, picked.value)
                return picked.kind, picked.value
        if words(line) in (("again",), ("g",)) and memory.last is not None:
            return memory.last
        reading = self.read(state, scene, line, memory.pronouns)
        self._remember(state, scene, reading, memory)
        result = ("choose", reading.choice) if reading.choice else ("command", reading.line)
        if not reading.failed:
            memory.last = result
        return result

    def _remember(self, state: GameState, scene: Scene, reading: Reading, memory: ParserMemory) -> None:
        if reading.reply is not None and reading.reply.question:
            memory.question = Question(scene.id, reading.reply.question)
        noun = reading.reply.named if reading.reply is not None else None
        if noun is None and reading.action is not None and reading.action.thing:
            things = self.visible_things(state, scene)
            here = self.present(scene, things)
            found = [n for n in Scope(self.story, scene, things, state.items, here).nouns if n.id == reading.action.thing]
            noun = found[0] if found else None
        if noun is None:  # `x tommy` with Tommy away: `ask him about ruth` still means him
            who = people.known(self.story, parse(reading.line, self.verb_phrases).obj) if reading.reply else None
            memory.pronouns.update({person_pronoun(who): who.names[0]} if who is not None else {})
            return
        person = self.story.people.get(noun.person)
        if person is not None:
            memory.pronouns[person_pronoun(person)] = person.names[0]
        else:
            things = self.visible_things(state, scene)
            scope = Scope(self.story, scene, things, state.items, self.present(scene, things))
            memory.pronouns[noun.pronoun] = distinguishing_name(noun, scope.nouns)

    # ---- mending typos --------------------------------------------------------------------------------
    def mend(self, state: GameState, scene: Scene, line: str) -> str:
        """`line` with its typos mended against every word this scene can name (words.mend)."""
        return mend(line, self._vocabulary(state, scene), self._verb_words)

    def _vocabulary(self, state: GameState, scene: Scene) -> frozenset[str]:
        fixed = self._scene_words.get(scene.id)
        if fixed is None:  # what the scene can ever name: its things, scenery, place, topics, choices
            place = self.story.places.get(scene.location)
            names = [n for t in scene.things.values() for n in t.names] + [n for s in scene.scenery for n in s.names]
            names += [n for s in place.scenery for n in s.names] if place is not None else []
            names += [n for a in scene.actions for n in a.about] + [n for lines in scene.people.values() for t in lines.topics for n in t.names]
            names += [c.text for c in scene.choices] + [w for c in scene.choices for w in c.words]
            names += [a.choice_text for a in scene.actions if a.choice_text]
            fixed = self._scene_words[scene.id] = self._story_words | frozenset(w for n in names for w in words(n))
        carried = [w for i in state.items if i in self.story.items for n in self.story.items[i].names for w in n.split()]
        return fixed | frozenset(carried) if carried else fixed

    def present(self, scene: Scene, things: list[Thing]) -> dict[str, Person]:
        """Who is here (people.present), remembered by scene and visible things."""
        k = (scene.id, tuple(t.id for t in things))
        found = self._present.get(k)
        if found is None:
            found = self._present[k] = people.present(self.story, scene, things)
        return found

    # ---- things, choices and names ------------------------------------------------------------------
    def resolve_thing(self, state: GameState, scene: Scene, phrase: str) -> str | None:
        """The id of the thing or carried item `phrase` names here, as the parser always found it, or None."""
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
        out = []
        for t in scene.things.values():
            try:
                if t.cond is None or t.cond.fn(state):
                    out.append(t)
            except ExprRuntimeError as exc:  # the thing's own `if:` line, where the author will look
                raise RunError(str(exc), str(t.cond.pos if t.cond is not None else t.pos)) from None
        return out

    def choice_texts(self, state: GameState, scene: Scene) -> list[ChoiceText]:
        """The choices open now, as choices in words sees them: offered actions first, as the view lists them."""
        out = [ChoiceText(a.id, a.choice_text or "", (), self._leads_to(scene, a.goto))
               for a in scene.actions if a.option is not None and _open(state, a)]
        for c in scene.choices:
            try:
                if (c.once and state.chosen.get(c.key)) or (c.cond is not None and not c.cond.fn(state)):
                    continue
            except ExprRuntimeError as exc:  # the choice's own line, not the scene's
                raise RunError(str(exc), str(c.cond.pos if c.cond is not None else c.pos)) from None
            out.append(ChoiceText(c.id, c.text, c.words, self._leads_to(scene, c.goto)))
        return out

    def _leads_to(self, scene: Scene, goto: str | None) -> str:
        if not goto or goto == scene.id or goto not in self.story.scenes:
            return ""
        target = self.story.scenes[goto]
        return f"{target.title} {target.location}"

    def visible_names(self, state: GameState, scene: Scene) -> list[str]:
        """Every name of what Kathy can see, meet or carries here: for completion."""
        things = self.visible_things(state, scene)
        return Scope(self.story, scene, things, state.items, self.present(scene, things)).names()

    def help(self, state: GameState, scene: Scene) -> Outcome:
        """What this scene offers to type, in Kathy's words."""
        verbs = sorted({a.verb_text[0] for a in scene.actions if _open(state, a)})
        if not verbs:
            return self.answers.respond(state, scene, "help_none", kind="help")
        return self.answers.respond(state, scene, "help", {"verbs": join_names(verbs, "or")}, kind="help")

    def hint(self, state: GameState, scene: Scene) -> Outcome:
        """One thing typed here finds that Kathy has not done yet (`I might read the letter`): the choices are on screen."""
        untried = [a for a in scene.actions if a.option is None and not state.chosen.get(a.key) and _open(state, a)]
        if not untried:
            return self.answers.respond(state, scene, "hint_none")
        a, thing, item = untried[0], scene.things.get(untried[0].thing or ""), self.story.items.get(untried[0].thing or "")
        shown = noun_name(thing.name or thing.names[0]) if thing is not None else item.name if item is not None else ""
        who = people.known(self.story, a.about[0]) if a.about else None  # about Tommy, with his capital
        what = [verbs.TO_THING.get(a.verb_text[0], a.verb_text[0]) if shown else a.verb_text[0], shown,
                f"about {who.name if who is not None else a.about[0]}" if a.about else ""]
        return self.answers.respond(state, scene, "hint", {"command": " ".join(w for w in what if w)})

    # ---- for tools and front ends -----------------------------------------------------------------
    def command_text(self, scene: Scene, action: Action) -> str:
        """A typed line that triggers `action`, as a player would write it (take tape, ask ruth about chess)."""
        parts = [action.verb_text[0]]
        if action.thing:
            parts.append(self._names_of(scene, action.thing)[0])
        if action.about:
            if action.thing:
                parts.append("about")
            parts.append(action.about[0])
        return " ".join(parts)

    def completions(self, state: GameState, scene: Scene) -> list[str]:
        """Words a command line may complete to here: verbs, then things, people and items."""
        verbs = {v for a in scene.actions for v in a.verb_text} | set(BUILTIN_VERBS)
        nouns = set(self.visible_names(state, scene))
        return sorted(verbs) + sorted(nouns - verbs)
