"""Named responses: every reply the parser gives that no action wrote, and where each one is looked up.

As in Inform, where "block waiting rule response (A)" can be replaced story-wide or in one place,
each default reply has a name (`wait`, `cannot_see`, `which`). A scene's `responses:` is asked
first, then its location's, then story.yaml's; the texts below are only the engine's last resort,
for stories that write none (tiny test stories). A response may hold a few placeholders, filled
in plain words, never in quotes: {name} is the thing or person meant ("the tape", "Ruth"), {Name}
the same with a capital, {it}/{It} its pronoun, {person}/{Person} the person spoken to, {verb} the
verb as typed, {command} a thing to try (read the letter), {choices} the candidates of a question, {things}/{people} a list, {were} was or were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.engine.verbs import SYNONYMS


@dataclass(frozen=True, slots=True)
class Response:
    name: str
    doc: str  # when it is said, for authors
    fallback: str  # the engine's own line, used only when the story writes none
    failure: bool = False  # the parser did not understand: counted apart from defaults by the author tools


_VERB_DOCS: dict[str, tuple[str, str]] = {
    # verb: (when, the engine's plain line)
    "look under": ("`look under X`", "There was nothing under it but dust."),
    "look behind": ("`look behind X`", "There was nothing behind it that mattered."),
    "search": ("`search X`, `look in X`", "I looked, and found nothing I hadn't expected."),
    "take": ("`take X` for something not meant to be taken", "I left it where it was."),
    "drop": ("`drop X` for something carried", "I kept hold of it."),
    "give": ("`give X to Y` that no action answers", "I thought better of it and kept it."),
    "show": ("`show X to Y` that no action answers", "I held it out, but nobody looked for long."),
    "put": ("`put X in/on Y`", "I put it back the way it had been."),
    "open": ("`open X`", "It wasn't something to open."),
    "close": ("`close X`", "It wasn't something to close."),
    "push": ("`push X`, `move X`", "It didn't move, and I didn't make it."),
    "pull": ("`pull X`", "I gave it a tug and left it."),
    "touch": ("`touch X`", "I touched it, and it was only what it looked like."),
    "smell": ("`smell` or `smell X`", "There was no smell I could put a name to."),
    "listen": ("`listen` or `listen to X`", "I listened. Nothing I heard was meant for me."),
    "taste": ("`taste X`", "I didn't put it in my mouth."),
    "eat": ("`eat X`", "I wasn't hungry, and it wasn't food."),
    "drink": ("`drink X`", "There was nothing to drink."),
    "play": ("`play X`", "There was nothing to play it on."),
    "sit": ("`sit`, `sit down`, `sit on X`", "I sat a moment, and then got up again."),
    "stand": ("`stand`, `stand up`", "I was standing already."),
    "lie down": ("`lie down`", "It was no place to lie down."),
    "sleep": ("`sleep`", "I wasn't tired, not in that way."),
    "wait": ("`wait`, `z`", "I waited. Nothing changed."),
    "think": ("`think`", "I thought about it, and got no further."),
    "remember": ("`remember`", "I tried to remember, and it came back only in pieces."),
    "sing": ("`sing`, `hum`", "I hummed a line or two under my breath."),
    "cry": ("`cry`", "I didn't cry. Not then."),
    "laugh": ("`laugh`, `smile`", "I smiled, though there was nothing to smile at."),
    "jump": ("`jump`", "I stayed where I was."),
    "dance": ("`dance`", "I didn't dance. I wasn't alone."),
    "shout": ("`shout`", "I didn't raise my voice."),
    "hug": ("`hug X`", "I didn't, though I thought about it."),
    "kiss": ("`kiss X`", "It wasn't the moment for that."),
    "love": ("`i love you`, `tell X I love them`", "I didn't say it, not in words."),
    "wave": ("`wave`, `wave to X`", "I waved, and felt foolish."),
    "attack": ("`hit X`, `break X`", "I wasn't going to break anything."),
    "climb": ("`climb X`", "I didn't climb anything."),
    "buy": ("`buy X`", "There was nothing to buy."),
    "write": ("`write`, `draw`", "I had nothing to write with."),
    "switch off": ("`switch off X`, `turn X off`, `put out X`, `turn on X` for something here", "I left it as it was."),
    "smoke": ("`smoke`, `light a cigarette`", "I didn't smoke. None of us did."),
    "knock": ("`knock`, `knock on X`", "I knocked, and nobody came."),
    "make": ("`make X`, `make tea`", "There was nothing there to make it with."),
    "wash": ("`wash`, `wash my hands`, `clean X`", "I washed my hands later, when there was somewhere to do it."),
    "dress": ("`get dressed`, `get changed`", "I was dressed already, in what I always wore."),
    "forgive": ("`forgive X`, `make up with X`", "I forgave {name}, or tried to, without a word said."),
    "thank": ("`thank X`, `say thank you`", "I said thank you, quietly."),
    "pray": ("`pray`", "I didn't know how to pray. Nobody had ever taught us."),
    "hide": ("`hide`, `hide behind X`", "I stayed where I was. There was nowhere to hide, and nothing to hide from."),
    "yes": ("`yes`", "Nobody had asked me anything."),
    "no": ("`no`", "Nobody had asked me anything."),
    "sorry": ("`sorry`", "I said sorry, to nobody in particular."),
    "hello": ("`hello`, `greet X`", "I said hello, quietly."),
    "goodbye": ("`goodbye`", "It wasn't time for goodbyes."),
    "say": ("`say X`", "I said it, quietly, and nobody answered."),
    "follow": ("`follow X` with no choice that does", "I stayed where I was."),
    "go": ("`go somewhere`, `leave`, `enter X` with no choice that goes there", "I couldn't go there, not then."),
}

_OTHER: tuple[Response, ...] = (
    Response("examine_me", "`x me`, `examine myself` when no person called `kathy` (or `me`) is in the story",
             "I looked the same as ever."),
    Response("talk", "`talk to X` for a person with no `talk:` of their own", "{Person} and I talked a while about nothing."),
    Response("talk_thing", "`talk to X`, `ask X about Y` for a thing, not a person", "I didn't talk to things, not out loud."),
    Response("no_answer", "`ask X about Y` for a person with no `fallback:`", "{Person} had nothing to say about that."),
    Response("person_not_here", "naming a person of the story who is not in the scene (and has no `where:` that fits)",
             "{Person} wasn't there."),
    Response("out_of_reach", "talk, ask, hug, kiss, give, show ... to someone a scene marks `far:` (in sight, not at hand)",
             "{Person} was too far off for that, and all I could do was watch."),
    Response("read", "`read`, `read a book` with nothing of that name here to read", "There was nothing there to read."),
    Response("not_here", "`open X`, `close X`, `look under X`, `look behind X`, `search X` for something not here (a "
             "drawer, a bed): that there was none, or what there was instead", "There was nothing like that there."),
    Response("nobody_near", "`hug`, `kiss`, `hold her hand` with nobody at hand to do it to", "There was nobody there to hold."),
    Response("not_them", "`hold her hand`, `kiss him` with nobody of that kind here, only others ({people}, {were})",
             "{people} {were} there, and nobody else."),
    Response("no_switch", "`turn off the light`, `switch on X` where nothing of that name is here (a scene's `switch_off` "
             "comes first)", "There was no light there to turn on or off."),
    Response("person_verb", "a verb done to a person that nothing else answers (push Ruth, taste Tommy)",
             "{Person} would only have looked at me."),
    Response("not_carried", "`drop X`, `give X` for something Kathy is not carrying", "I didn't have it with me."),
    Response("already_carried", "`take X` for something carried", "I had it with me already."),
    Response("done_already", "a spent `once` action with no `blocked` text", "I had done that already."),
    Response("held_back", "an action whose `if` fails, with no `blocked` text", "Not then. Something held me back."),
    Response("carrying", "`inventory` ({things} lists what is carried)", "I had with me {things}."),
    Response("carrying_nothing", "`inventory` with nothing carried", "I was carrying nothing that mattered."),
    Response("people_here", "`look`: who is here ({people}, {were})", "{people} {were} there."),
    Response("notable", "`look`: the things here ({things})", "I noticed {things}."),
    Response("help", "`help` ({verbs} lists this scene's own verbs)", "Here I might try {verbs}."),
    Response("help_none", "`help` in a scene with no verbs of its own", "Nothing here asked for more than looking."),
    Response("hint", "`hint`: one thing this scene answers that Kathy has not done yet ({command}: read the letter)",
             "I might {command}."),
    Response("hint_none", "`hint` when everything this scene answers has been done", "There was nothing left to do but choose."),
    Response("ended", "anything typed after the story has ended", "The story had ended."),
    Response("nothing_to_undo", "`undo` at the start of a run", "There was nothing to undo: this was where it began."),
    Response("nothing_to_redo", "`redo` with nothing undone", "There was nothing to redo."),
    Response("undone", "`undo` of a choice or a typed line that changed something ({done}: its words)",
             "I went back on it, as though I never had: {done}"),
    Response("undone_aside", "`undo` of a look, a question or anything typed that changed nothing ({done})",
             "I let it go from my mind: {done}"),
    Response("undone_line", "`undo` of a typed line of several parts, all taken back at once ({done}: the line)",
             "I took it all back, every part of it: {done}"),
    Response("redone", "`redo`: what undo took back, done again ({done})", "I did it again, just as before: {done}"),
    Response("gone_back", "going back to a moment in the history, all after it undone ({done}: that moment)",
             "I went back to just before it, and let all that came after go: {done}"),
    Response("go_back_confirm", "asked before going back to a moment in the history, all after it to be undone ({done}: that "
             "moment); the window and the page ask it alike", "I could go back to just before it, and take up again all that came after: {done}"),
    Response("no_moment", "going back to something in the history that is not a moment (a line of prose)",
             "That wasn't a moment I could go back to."),
)

_FAILURES: tuple[Response, ...] = (
    Response("cannot_see", "`examine X` (or another verb) for something not here", "I couldn't see anything like that."),
    Response("nearest", "added after cannot_see when a name here is close ({name})", "Perhaps I meant {name}."),
    Response("examine_what", "`examine` with nothing after it", "I looked about me, but at what, I couldn't have said."),
    Response("verb_what", "a verb that needs a thing, typed alone ({verb})", "I meant to {verb} something, but what?"),
    Response("unknown_verb", "a line whose verb the story does not know", "That wasn't something I knew how to do."),
    Response("no_pronoun", "`it`, `him`, `her`, `them` before anything was named", "I wasn't sure what I meant by that."),
    Response("nobody_here", "`talk`, `ask`, `tell` with no one present", "There was nobody there to talk to."),
    Response("ask_whom", "`ask about X`, `hug` with more than one person who could be meant ({choices}: a question)",
             "Which of them did I mean, {choices}?"),
    Response("no_again", "`again` before anything was typed", "There was nothing to do again."),
    Response("which", "a question when a line fits more than one thing or choice ({choices})", "Which did I mean, {choices}?"),
    Response("empty", "a line with no words that mean anything", "I didn't say anything after all."),
)

RESPONSES: dict[str, Response] = {}
for _verb, (_doc, _line) in _VERB_DOCS.items():
    RESPONSES[_verb.replace(" ", "_")] = Response(_verb.replace(" ", "_"), _doc, _line)
for _r in _OTHER:
    RESPONSES[_r.name] = _r
for _r in _FAILURES:
    RESPONSES[_r.name] = Response(_r.name, _r.doc, _r.fallback, True)

PLACEHOLDER_NAMES = ("name", "Name", "it", "It", "person", "Person", "verb", "choices", "things", "people", "were", "verbs",
                     "command", "done")  # in the order an author's error message lists them
PLACEHOLDERS = frozenset(PLACEHOLDER_NAMES)
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")


def response_name(verb: str) -> str:
    """The response a canonical verb falls back to (`lie down` -> `lie_down`)."""
    return verb.replace(" ", "_")


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in `text` that no response fills: for `nlmg check`."""
    return [m for m in _PLACEHOLDER.findall(text) if m not in PLACEHOLDERS]


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with its placeholders replaced; a placeholder with no value here becomes 'it'."""
    if "{" not in text:
        return text
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), "It" if m.group(1)[:1].isupper() else "it"), text)


def verb_has_response(verb: str) -> bool:
    return response_name(verb) in RESPONSES


assert all(v in SYNONYMS for v in _VERB_DOCS), "every default verb must be a verb of verbs.SYNONYMS"
