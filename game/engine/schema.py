"""The scene format, defined once: every key of every object, its type, whether it is required, and what it means.

The loader checks files against these tables (unknown keys, missing keys, wrong types) and the
JSON Schema for editors is generated from them, so the format is never described twice.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str  # a key of TYPES below
    doc: str
    required: bool = False


# What each type name accepts, in words an author reads in an error message.
TYPES: dict[str, str] = {
    "id": "a dotted id such as hailsham.pavilion",
    "name": "a short name such as tape or asked_lucy",
    "string": "a piece of text",
    "text": "a piece of text, or a list of paragraphs",
    "bool": "true or false",
    "int": "a whole number",
    "expr": "a condition such as tommy >= 2 and not has('tape')",
    "effects": "a list of effects such as [{set: {asked: true}}, {give: tape}]",
    "names": "a word, or a list of words and phrases",
    "things": "a mapping from thing names to things",
    "actions": "a list of actions",
    "choices": "a list of choices",
    "ending": "false, or the name of an ending",
    "show": "hidden or disabled",
    "chapters": "a list of chapters",
    "items": "a mapping from item names to items",
    "endings": "a mapping from ending names to endings",
    "variables": "a mapping from variable names to starting values",
    "locations": "a list of location names, or a mapping from location names to places",
    "people": "a list of people's names, or a mapping from people's names to this scene's lines for them",
    "persons": "a mapping from people's names to people",
    "scenery": "a mapping from a noun (or several, split by commas) to the line `examine` shows",
    "responses": "a mapping from response names to text",
    "topics": "a mapping from a topic (or several words, split by commas) to text, or to a topic",
    "replies": "a mapping from verbs (hug, follow, give, ...) to text",
    "where": "a list of whereabouts",
    "pronoun": "he, she or they",
    "far": "true, or a piece of text or a list of paragraphs",
}

SCENE = (
    Field("id", "id", "Unique id of the scene, dotted; the folder is a natural prefix (hailsham.pavilion).", True),
    Field("chapter", "string", "The chapter the scene belongs to, by title; a chapter card is shown when it changes.", True),
    Field("title", "string", "The scene's title, shown above its prose and in save slots.", True),
    Field("location", "name", "Where it happens; picks the background and palette in the window (hailsham, cottages, ...)."),
    Field("text", "text", "The prose: one string or a list of paragraphs; a paragraph may be conditional.", True),
    Field("look", "text", "What the typed command `look` shows here; defaults to the scene's text."),
    Field("on_enter", "effects", "Effects run every time the scene is entered, before its text is shown."),
    Field("things", "things", "What typed commands can refer to here: examine X, take X, ask X about Y."),
    Field("actions", "actions", "Typed commands this scene answers (take tape, ask ruth about chess)."),
    Field("choices", "choices", "The choices offered, in order."),
    Field("ending", "ending", "`false`, or the name of the ending this scene is; an ending scene has no choices."),
    Field("people", "people", "Who is here to talk to, ask and hug; a mapping gives this scene's own lines for them."),
    Field("scenery", "scenery", "Nouns of the prose that answer `examine` with one line (bed: The bed was made.)."),
    Field("responses", "responses", "This scene's own replies to standard verbs (remember, listen, wait, ...)."),
)

PARAGRAPH = (
    Field("text", "string", "The paragraph shown when the condition holds.", True),
    Field("if", "expr", "Show the paragraph only when this condition holds.", True),
    Field("else", "string", "Shown instead when the condition does not hold."),
)

THING = (
    Field("name", "string", "How `look` lists it (Maureen, the noticeboard); defaults to its key with spaces for _."),
    Field("names", "names", "The words a player may type for it; the thing's own key always works too."),
    Field("look", "text", "What `examine X` shows.", True),
    Field("if", "expr", "The thing is only here while this condition holds."),
)

ACTION = (
    Field("id", "name", "A stable name for the action (made from its verb and thing when absent)."),
    Field("verbs", "names", "The verbs that trigger it: take, pick up, ask, give, open, ...", True),
    Field("thing", "name", "What it acts on: a thing of this scene or an item; leave out for verbs alone (wait, listen)."),
    Field("about", "names", "For ask X about Y, give X to Y, show X to Y: the words that may follow about/to/with."),
    Field("if", "expr", "The action only works while this holds."),
    Field("blocked", "text", "Said when the verb and thing match but the condition does not hold."),
    Field("do", "effects", "Effects run when the action is taken."),
    Field("say", "text", "What Kathy says or notices when it works."),
    Field("goto", "id", "Scene to move to afterwards."),
    Field("once", "bool", "Only works once; afterwards `blocked` is said (or a default line)."),
    Field("choice", "string", "Also offer the action as a choice with this text."),
)

CHOICE = (
    Field("id", "name", "A stable name for the choice, used by saves and chosen(); made from the text when absent."),
    Field("text", "string", "What the player reads and picks.", True),
    Field("if", "expr", "Offer the choice only while this holds."),
    Field("show", "show", "When the condition fails: hidden (the default) or disabled (drawn muted, not takeable)."),
    Field("do", "effects", "Effects run when the choice is taken, before moving."),
    Field("say", "text", "Prose shown after taking it (and before the next scene, if it moves)."),
    Field("goto", "id", "The scene the choice leads to; without it the player stays in this scene."),
    Field("once", "bool", "The choice disappears after it has been taken."),
    Field("words", "names", "More phrases a player may type to take it, beside its own text (`stay`, `the window`)."),
)

STORY = (
    Field("id", "name", "The story's identity; saves made for another story are refused.", True),
    Field("title", "string", "The story's title.", True),
    Field("version", "int", "Bump when a change should be visible in saves and replays."),
    Field("start", "id", "The scene a new game begins in.", True),
    Field("chapters", "chapters", "The chapters in order, each with a title and a line for its card."),
    Field("items", "items", "Everything Kathy can carry. give/take/has() may only name these."),
    Field("endings", "endings", "Every ending, with the title and line shown when it is reached."),
    Field("variables", "variables", "Variables with their starting values (others start at 0 / false)."),
    Field("locations", "locations", "The locations scenes may name (each has its own look in the window); as a mapping, each with its look, scenery and responses."),
    Field("people", "persons", "The people of the story: their names, their words to `talk to` and `ask about`, and where they are."),
    Field("responses", "responses", "The story-wide replies to standard verbs and parser failures, by name (see Responses)."),
)

PERSON = (
    Field("name", "string", "How replies name the person: Ruth, Miss Lucy.", True),
    Field("names", "names", "Words a player may type for them; the key always works too."),
    Field("pronoun", "pronoun", "he, she or they: what `him`, `her` and `them` refer back to."),
    Field("look", "text", "What `examine X` shows when the scene has no thing for them."),
    Field("talk", "text", "The reply to `talk to X`."),
    Field("topics", "topics", "What they say when asked or told about something; first that fits wins."),
    Field("fallback", "text", "Their reply to a topic they have nothing on, in their own voice."),
    Field("replies", "replies", "Replies to other verbs done to them: hug, kiss, follow, wave, give, show, ..."),
    Field("where", "where", "Where they are when not in the scene, for `talk to X` then."),
    Field("everywhere", "bool", "In every scene (Kathy herself, for `x me`)."),
)

SCENE_PERSON = (
    Field("look", "text", "This scene's `examine X` for them."),
    Field("talk", "text", "This scene's reply to `talk to X`."),
    Field("topics", "topics", "Topics asked first in this scene, before the person's own."),
    Field("fallback", "text", "This scene's reply to topics neither has."),
    Field("replies", "replies", "This scene's replies to hug, follow, ..."),
    Field("far", "far", "In sight but not at hand (out on the field, across the road): talk, ask, hug, kiss, give, "
                        "show and the like are answered by this line (true: the `out_of_reach` response)."),
)

TOPIC = (
    Field("say", "text", "What is said.", True),
    Field("names", "names", "More words for the topic, beside its key."),
    Field("if", "expr", "The topic answers only while this holds."),
)

WHEREABOUTS = (
    Field("text", "text", "Said when they are asked for and are not here: Ruth was off with her set.", True),
    Field("chapter", "string", "Only in this chapter."),
    Field("location", "name", "Only at this location."),
    Field("if", "expr", "Only while this holds."),
)

PLACE = (
    Field("name", "string", "The location's name in prose."),
    Field("look", "text", "What `look` says of it, when a scene there has no `look:` of its own."),
    Field("scenery", "scenery", "Nouns every scene at this location answers to `examine`."),
    Field("responses", "responses", "Replies to standard verbs for every scene at this location."),
)

CHAPTER = (
    Field("title", "string", "The chapter's title; scenes name it in `chapter:`.", True),
    Field("card", "string", "A line shown under the title on the chapter card."),
)

ITEM = (
    Field("name", "string", "How the item is named in prose and in the inventory: the cassette tape.", True),
    Field("names", "names", "Words a player may type for it."),
    Field("look", "text", "What `examine X` shows while Kathy carries it.", True),
)

ENDING = (
    Field("title", "string", "The ending's name, shown when it is reached and in Memories.", True),
    Field("text", "string", "A line shown under the title."),
)

EFFECTS_DOC = {
    "set": "set: {name: value} sets variables; a value is a number, true/false, or an expression ('text' in quotes is a string).",
    "add": "add: {name: n} adds n (which may be negative or an expression) to a number variable.",
    "give": "give: item (or a list) puts items in Kathy's keeping.",
    "take": "take: item (or a list) takes items away.",
    "goto": "goto: scene.id moves to another scene after the other effects.",
    "roll": "roll: {name: n} sets the variable to a random whole number from 1 to n, from the run's seeded generator.",
    "if": "if: condition, then: [effects], else: [effects] runs effects only when a condition holds.",
}

OBJECTS: dict[str, tuple[Field, ...]] = {
    "scene": SCENE,
    "paragraph": PARAGRAPH,
    "thing": THING,
    "action": ACTION,
    "choice": CHOICE,
    "story": STORY,
    "chapter": CHAPTER,
    "item": ITEM,
    "ending": ENDING,
    "person": PERSON,
    "scene_person": SCENE_PERSON,
    "topic": TOPIC,
    "whereabouts": WHEREABOUTS,
    "place": PLACE,
}


def keys(kind: str) -> list[str]:
    return [f.name for f in OBJECTS[kind]]


def required(kind: str) -> list[str]:
    return [f.name for f in OBJECTS[kind] if f.required]
