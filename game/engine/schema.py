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
    "locations": "a list of location names",
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
    Field("locations", "locations", "The locations scenes may name (each has its own look in the window)."),
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
}


def keys(kind: str) -> list[str]:
    return [f.name for f in OBJECTS[kind]]


def required(kind: str) -> list[str]:
    return [f.name for f in OBJECTS[kind] if f.required]
