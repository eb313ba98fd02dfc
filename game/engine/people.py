"""People as the parser knows them: who is here, what they say about a topic, and where they are when they are not.

A person is written once in story.yaml (names, topics, a fallback in their own voice, where they
are by chapter); a scene says who is present and may override any of their lines. A thing of the
scene named like a person stands for them, so scenes written before people existed already have
their Ruth and Tommy to talk to.
"""

from __future__ import annotations

from typing import Any

from game.engine.expr import ExprRuntimeError
from game.engine.model import Action, Lines, Paragraph, Person, Scene, Story, Thing, Topic
from game.engine.outcome import RunError
from game.engine.parsing import Parsed, canonical_verb
from game.engine.state import GameState
from game.engine.words import keys


def present(story: Story, scene: Scene, things: list[Thing]) -> dict[str, Person]:
    """The people in the scene: listed in its `people:`, in every scene, or standing as one of its things."""
    people = story.people
    if not people:
        return {}
    out = {pid: people[pid] for pid in scene.people if pid in people}
    for p in people.values():
        if p.everywhere:
            out.setdefault(p.id, p)
    if things:
        for t in things:
            hit = people.get(t.id) or next((p for p in people.values() if _stands_for(t, p)), None)
            if hit is not None:
                out.setdefault(hit.id, hit)
    return out


def _stands_for(thing: Thing, person: Person) -> bool:
    """A thing is the person when it is named as they are: its id or shown name is one of their names, or
    it answers to their full name of more than one word (`miss geraldine`). A bowl that also answers to
    `laura` is still a bowl."""
    if thing.id.replace("_", " ") in person.names or thing.name == person.name:
        return True
    return any(" " in n and n in thing.names for n in person.names)


def _holds(state: GameState, topic: Topic) -> bool:
    try:
        return topic.cond is None or bool(topic.cond.fn(state))
    except ExprRuntimeError as exc:
        raise RunError(str(exc), str(topic.pos)) from None


def topic_fits(topic_words: str, names: tuple[str, ...]) -> bool:
    """Whole words, by key: `the elephant` fits `elephant`, `elephants` too; `herself` does not fit `her`."""
    tk = keys(topic_words)
    if not tk:
        return False
    return any((nk := keys(n)) and (nk <= tk or tk <= nk) for n in names)


def topic_reply(state: GameState, scene: Scene, person: Person, topic_words: str,
                shrug: bool = True, story_wide: bool = True) -> tuple[tuple[Paragraph, ...], str]:
    """(what is said, where it was written) for asking `person` about `topic_words`; () when nobody wrote it. Without
    `shrug`, the person's story-wide fallback is left to the caller, which puts the scene's `no_answer` before it;
    without `story_wide`, only the scene's own lines for them count (someone out of earshot)."""
    own = scene.people.get(person.id)
    for lines, source in ((own, "scene"), (person.lines if story_wide else None, "person")):
        if lines is None:
            continue
        for t in lines.topics:
            if topic_fits(topic_words, t.names) and _holds(state, t):
                return t.say, source
    if own is not None and own.fallback:
        return own.fallback, "scene"
    if shrug and story_wide and person.lines.fallback:
        return person.lines.fallback, "person"
    return (), ""


def who_knows(story: Story, state: GameState, scene: Scene, company: list[Person], topic_words: str) -> list[Person]:
    """Whom `ask about X` means when several are here: not someone X names (asking about Tommy with Ruth and Tommy
    there is asking Ruth), and of the rest, those with words of their own on X, when any have (their topics, the
    scene's or the story's, whose conditions hold now; a shrug does not count). The company unchanged otherwise."""
    if len(company) < 2 or not topic_words:
        return company
    named = known(story, topic_words)
    others = [p for p in company if named is None or p.id != named.id] or company
    return [p for p in others if has_words(state, scene, p, topic_words)] or others


def has_words(state: GameState, scene: Scene, person: Person, topic_words: str) -> bool:
    """Whether `person` has words of their own on this topic, the scene's or the story's, whose conditions hold now
    (a shrug does not count): who `ask about X` means, and whether they, not a scene's action, answer it."""
    return any(topic_fits(topic_words, t.names) and _holds(state, t)
               for lines in (scene.people.get(person.id), person.lines) if lines is not None for t in lines.topics)


def by_pronoun(here: dict[str, Person]) -> dict[str, str]:
    """`him` -> `tommy` when Tommy is the only he here (and likewise her, them): what a pronoun means before anyone
    has been named, so `hold his hand` with Ruth and Tommy there is holding Tommy's."""
    found: dict[str, list[str]] = {}
    for p in here.values():
        if not p.everywhere:
            found.setdefault({"he": "him", "she": "her"}.get(p.pronoun, "them"), []).append(p.names[0])
    return {word: names[0] for word, names in found.items() if len(names) == 1}


def swapped(parsed: Parsed, named: dict[str, str], pronoun_words: dict[str, str]) -> str:
    """The line as parsed, each pronoun replaced by the name it stands for (`hold his hand` -> `hold tommy`, `give him
    the tape` -> `give tape to tommy`): what to record, so a replay needs no memory of who was meant."""
    parsed = holding(parsed)
    typed = " ".join(x for x in (parsed.verb_text, parsed.obj, parsed.prep, parsed.second) if x)
    return " ".join(named.get(pronoun_words.get(w, ""), w) for w in typed.split())


def far(scene: Scene, person: Person) -> bool:
    """True when the scene has this person in sight but not at hand (its `far:`): out on the field, across the road."""
    own = scene.people.get(person.id)
    return own is not None and own.far


# What a scene wrote for one way of reaching someone out of reach answers the others of its kind, so its single `far:`
# line is not said to every verb: anything said across the distance (hello, thank, sorry) is its `talk` for them;
# reaching for them (kiss, push) is its hug or touch; showing is giving. The verb's own reply, when written, comes first.
_FAR_KIN: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("hello", "goodbye", "thank", "sorry", "love", "forgive"), ("talk",)),
    "hug": ("touch",), "kiss": ("hug", "touch"), "touch": ("hug",),
    **dict.fromkeys(("push", "pull", "taste"), ("touch", "hug")),
    "give": ("show",), "show": ("give",),
}


def far_reply(own: Lines, verb: str) -> tuple[Paragraph, ...]:
    """A scene's line for a verb done to someone it has out of reach: its reply to that verb, else to one of its kind
    (_FAR_KIN); () when it wrote neither, and its `far:` line answers."""
    if verb in own.replies:
        return own.replies[verb]
    for kin in _FAR_KIN.get(verb, ()):
        text = own.talk if kin == "talk" else own.replies.get(kin, ())
        if text:
            return text
    return ()


def at_hand(scene: Scene, company: list[Person]) -> list[Person]:
    """Those of `company` within reach, when any are: `hug` with Ruth beside her and Tommy out on the field is Ruth."""
    return [p for p in company if not far(scene, p)] or company


def own_reply(scene: Scene, person: Person, verb: str) -> tuple[Paragraph, ...]:
    """The scene's own reply for this person and verb (its `people:` entry), or ()."""
    own: Lines | None = scene.people.get(person.id)
    return own.replies.get(verb, ()) if own is not None else ()


def reply(scene: Scene, person: Person, verb: str) -> tuple[tuple[Paragraph, ...], str]:
    """The scene's or the person's reply to a verb done to them (hug, follow, give): (text, source)."""
    own: Lines | None = scene.people.get(person.id)
    if own is not None and verb in own.replies:
        return own.replies[verb], "scene"
    return person.lines.replies.get(verb, ()), "person"


def whereabouts(state: GameState, scene: Scene, person: Person) -> tuple[Paragraph, ...]:
    """Where an absent person is, if the story says for this chapter, location and state."""
    for w in person.where:
        if w.chapter and w.chapter != scene.chapter:
            continue
        if w.location and w.location != scene.location:
            continue
        try:
            if w.cond is not None and not w.cond.fn(state):
                continue
        except ExprRuntimeError as exc:
            raise RunError(str(exc), str(w.pos)) from None
        return w.text
    return ()


def known(story: Story, phrase: str) -> Person | None:
    """The person of the story a phrase names, present or not (`ruth`, `miss lucy`, `lucy`)."""
    pk = keys(phrase)
    if not pk:
        return None
    hits = [p for p in story.people.values() if any(keys(n) == pk or (keys(n) and pk <= keys(n)) for n in p.names)]
    return hits[0] if len(hits) == 1 else None


def addressed(parsed: Parsed, scene: Scene, here: dict[str, Person], things: list[Thing]) -> Parsed:
    """`ask about the field` read as `ask donor about the field` when nobody of the story is here and one thing of
    the scene is what its actions talk to (a donor in his bed, a nurse at her desk): he is who Kathy means."""
    if any(not p.everywhere for p in here.values()):
        return parsed
    topic = parsed.obj[len("about "):]
    # someone the scene talks to at all (its `talk` action answers any topic), or asks about this very topic
    spoken = {a.thing for a in scene.actions if a.thing and (
        (not a.about and "talk" in a.verbs) or (parsed.verb in a.verbs and topic_fits(topic, a.about)))}
    found = [t for t in things if t.id in spoken]
    if len(found) != 1:
        return parsed
    return Parsed(parsed.verb, parsed.verb_text, found[0].names[0], topic, "about", parsed.raw)


def named_away(story: Story, phrase: str, found: list[Any], here: dict[str, Person]) -> bool:
    """True when `phrase` is the name of someone of the story who is not here, and nothing found answers to it
    by that very name: `examine ruth` with only Ruth's tape in reach is about Ruth, where she is by then."""
    who = known(story, phrase)
    return who is not None and who.id not in here and not any(phrase in n.names for n in found)


def talk_instead(verb: str, found: list[Any], open_actions: list[Action]) -> Action | None:
    """`ask the woman about Hailsham` when none of her topics fits: the scene's own `talk to` her, written for this
    moment, rather than a line for talking to things. Only a thing some open action talks to, asked or told."""
    if verb not in ("ask", "tell") or len(found) != 1 or found[0].kind != "thing" or found[0].person:
        return None  # someone of the story answers in their own words (a topic, or their shrug)
    return next((a for a in open_actions if a.thing == found[0].id and "talk" in a.verbs and not a.about), None)


# `hold his hand`, `take Ruth's hand`, `kiss her hand`: the hand is the person's, and holding it is holding them
_HOLDING = frozenset({"hold", "take", "grab", "squeeze", "clasp", "hold onto", "touch", "kiss", "reach for"})
_WHOSE = {"his": "him", "her": "her", "their": "them", "your": ""}


def holding(parsed: Parsed) -> Parsed:
    """`hold his hand`, `take Ruth's hand` read as holding him, or Ruth; the line as parsed otherwise. Only asked when
    nothing of the scene took the line as typed, so a hand that is a thing of its own (Ruth's, on the sheet) is still
    the thing its actions name."""
    ws = parsed.obj.split()
    if len(ws) < 2 or ws[-1] not in ("hand", "hands") or parsed.verb_text not in _HOLDING:
        return parsed
    if ws[-2] not in _WHOSE and not ws[-2].endswith("'s"):
        return parsed
    held = " ".join([*ws[:-2], _WHOSE.get(ws[-2], ws[-2].removesuffix("'s"))])
    verb_text = parsed.verb_text if parsed.verb_text in ("kiss", "touch") else "hold"
    return Parsed(canonical_verb(verb_text), verb_text, held, parsed.second, parsed.prep, parsed.raw, held)


def leading(story: Story, parsed: Parsed) -> Parsed:
    """`ask madame why she was crying`, `tell ruth the truth`: a person named first and the rest what is asked or
    told, as if typed with `about`. Only for ask and tell with no preposition of their own; `hold his hand`
    (holding); `give tommy the shirt` (_given). Asked only when nothing took the line as typed."""
    if (held := holding(parsed)) is not parsed:  # hold his hand
        return held
    ws = parsed.obj.split()
    if parsed.verb in ("give", "show") and not parsed.prep and len(ws) >= 2:
        return _given(story, parsed, ws)
    if parsed.verb not in ("ask", "tell") or parsed.prep or len(ws) < 2:
        return parsed
    for n in range(len(ws) - 1, 0, -1):
        who = " ".join(ws[:n])
        if known(story, who) is None:
            continue
        if ws[n:n + 2] == ["i", "love"]:  # tell tommy I love him: said
            return Parsed("love", "tell", who, "", "", parsed.raw)
        return Parsed(parsed.verb, parsed.verb_text, who, " ".join(ws[n:]), "about", parsed.raw)
    return parsed


# what is given that is really done: `give ruth a hug` is hugging her
_GIVEN_AS = {"hug": "hug", "cuddle": "hug", "kiss": "kiss", "peck": "kiss", "wave": "wave", "smile": "laugh"}


def _given(story: Story, parsed: Parsed, ws: list[str]) -> Parsed:
    """`give tommy the shirt` as giving the shirt to Tommy, `show ruth the tape` as showing it to her; `give ruth a hug`
    as hugging her. The person is named first; the line as parsed when nobody is."""
    for n in range(len(ws) - 1, 0, -1):
        who, rest = " ".join(ws[:n]), " ".join(ws[n:])
        if known(story, who) is None:
            continue
        if rest in _GIVEN_AS:
            return Parsed(_GIVEN_AS[rest], rest, who, "", "", parsed.raw)
        return Parsed(parsed.verb, parsed.verb_text, rest, who, "to", parsed.raw)
    return parsed


def speaks_to(story: Story, state: GameState, scene: Scene, thing_id: str | None, topic_words: str) -> bool:
    """True when the person a thing of the scene stands for has words of their own on this topic (the scene's or
    the story's, not a shrug): then `ask emily about deferrals` is answered by them, not by an action of the
    scene that talks to them about anything."""
    thing = scene.things.get(thing_id or "")
    if thing is None:
        return False
    person = story.people.get(thing.id) or next((p for p in story.people.values() if _stands_for(thing, p)), None)
    return person is not None and has_words(state, scene, person, topic_words)
