"""The story model: frozen dataclasses built from the scene files, with the source position of everything.

The model never changes while a story is played; everything that changes lives in GameState.
Conditions and effects arrive here already parsed and compiled, so playing never parses text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from game.engine.diagnostics import Pos
from game.engine.expr import Tree
from game.engine.frozen import frozen

NO_POS = Pos("")  # where a thing made in code, not read from a file, was written: nowhere


@frozen
class Cond:
    """A condition or value expression: its source (for messages), tree (for tools) and compiled form."""

    source: str
    tree: Tree
    pos: Pos
    fn: Callable[[Any], Any] = field(compare=False, repr=False)

    def __call__(self, state: Any) -> Any:
        return self.fn(state)


@frozen
class Effect:
    op: str  # set[Any] | add | give | take | goto | roll | if
    target: str = ""  # variable, item or scene id
    value: Cond | None = None  # for set/add/roll; the condition for `if`
    then: tuple[Effect, ...] = ()
    otherwise: tuple[Effect, ...] = ()
    pos: Pos = NO_POS


@frozen
class Paragraph:
    text: str
    cond: Cond | None = None
    else_text: str | None = None
    pos: Pos = NO_POS


@frozen
class Thing:
    id: str
    names: tuple[str, ...]
    look: tuple[Paragraph, ...]
    cond: Cond | None
    pos: Pos
    name: str = ""  # how `look` lists it


@frozen
class Scenery:
    """A noun of the prose that answers `examine` with one line: a scene's or a location's `scenery:`."""

    names: tuple[str, ...]  # the first is how it is named back ("the bed")
    look: tuple[Paragraph, ...]
    pos: Pos


@frozen
class Topic:
    """What a person says about something: `ask ruth about the tape`."""

    names: tuple[str, ...]
    say: tuple[Paragraph, ...]
    cond: Cond | None
    pos: Pos


@frozen
class Lines:
    """A person's words, story-wide (people:) or a scene's override of them (a scene's people: mapping)."""

    look: tuple[Paragraph, ...] = ()
    talk: tuple[Paragraph, ...] = ()
    fallback: tuple[Paragraph, ...] = ()  # any topic they have no answer for, in their own voice
    topics: tuple[Topic, ...] = ()
    replies: dict[str, tuple[Paragraph, ...]] = field(default_factory=dict)  # verb -> reply (hug, follow, ...)
    # a scene's only: the person is in sight but not at hand (out on the field, across the road), and `far_said` is
    # what talking to, hugging or giving them anything comes to here (empty: the `out_of_reach` response)
    far: bool = False
    far_said: tuple[Paragraph, ...] = ()


@frozen
class Whereabouts:
    """Where an absent person is, for "Ruth was not there": when the chapter, location and condition fit."""

    chapter: str
    location: str
    cond: Cond | None
    text: tuple[Paragraph, ...]
    pos: Pos


@frozen
class Person:
    id: str
    name: str
    names: tuple[str, ...]
    pronoun: str  # he | she | they
    lines: Lines
    where: tuple[Whereabouts, ...]
    everywhere: bool  # the narrator: present in every scene (x me)
    pos: Pos


@frozen
class Place:
    """A location of story.yaml written as a mapping: what `look` says of it, its scenery, its responses."""

    id: str
    name: str
    look: tuple[Paragraph, ...]
    scenery: tuple[Scenery, ...]
    responses: dict[str, tuple[Paragraph, ...]]
    pos: Pos


@frozen
class Option:
    """One line of the choice list a front end draws. Made once per choice, reused every view."""

    id: str
    text: str
    enabled: bool = True
    kind: str = "choice"  # "choice" | "action"


@frozen
class Action:
    id: str
    verbs: tuple[str, ...]  # canonical verbs (see commands.canonical_verb)
    verb_text: tuple[str, ...]  # as the author wrote them, for help and completion
    thing: str | None
    about: tuple[str, ...]
    cond: Cond | None
    blocked: tuple[Paragraph, ...]
    effects: tuple[Effect, ...]
    say: tuple[Paragraph, ...]
    goto: str | None
    once: bool
    choice_text: str | None
    pos: Pos
    option: Option | None = None  # set when offered as a choice
    key: str = ""  # "scene.id/action_id": how GameState.chosen counts it


@frozen
class Choice:
    id: str
    text: str
    cond: Cond | None
    show_disabled: bool
    effects: tuple[Effect, ...]
    say: tuple[Paragraph, ...]
    goto: str | None
    once: bool
    pos: Pos
    option: Option = field(default_factory=lambda: Option("", ""))
    disabled_option: Option = field(default_factory=lambda: Option("", "", False))
    key: str = ""  # "scene.id/choice_id": how GameState.chosen counts it
    words: tuple[str, ...] = ()  # more phrases a player may type to take it (choices in words)


@frozen
class Scene:
    id: str
    chapter: str
    title: str
    location: str
    paragraphs: tuple[Paragraph, ...]
    look: tuple[Paragraph, ...]
    on_enter: tuple[Effect, ...]
    things: dict[str, Thing]
    actions: tuple[Action, ...]
    choices: tuple[Choice, ...]
    ending: str | None
    pos: Pos
    # Precomputed for speed: when nothing in the scene is conditional, views reuse these.
    static_text: tuple[str, ...] | None = None
    static_options: tuple[Option, ...] | None = None
    choice_index: dict[str, Any] = field(default_factory=dict)  # option id -> Choice | Action
    people: dict[str, Lines] = field(default_factory=dict)  # who is here, each with this scene's own lines
    scenery: tuple[Scenery, ...] = ()
    responses: dict[str, tuple[Paragraph, ...]] = field(default_factory=dict)  # overrides of story responses

    @property
    def path(self) -> str:
        return self.pos.path

    def all_effects(self) -> Iterator[Effect]:
        """Every effect the scene holds (on_enter, actions, choices), nested ones included, whether or not it can run."""
        stack = list(self.on_enter)
        for a in self.actions:
            stack.extend(a.effects)
        for c in self.choices:
            stack.extend(c.effects)
        while stack:
            e = stack.pop()
            yield e
            stack.extend(e.then)
            stack.extend(e.otherwise)


@frozen
class Item:
    id: str
    name: str
    names: tuple[str, ...]
    look: tuple[Paragraph, ...]
    pos: Pos


@frozen
class Chapter:
    title: str
    card: str
    pos: Pos


@frozen
class Ending:
    id: str
    title: str
    text: str
    pos: Pos


@dataclass(frozen=True)
class Story:
    """A loaded, validated story. Built by loader.load_story; never mutated afterwards."""

    id: str
    title: str
    version: int
    start: str
    scenes: Mapping[str, Scene]  # a build.Scenes: each scene is built when first asked for
    items: dict[str, Item]
    endings: dict[str, Ending]
    chapters: tuple[Chapter, ...]
    variables: dict[str, Any]
    locations: tuple[str, ...]
    content_hash: str
    root: str
    files: tuple[str, ...] = ()
    warnings: tuple[Any, ...] = ()  # Diagnostics of severity "warning" found while loading
    pos: Pos = NO_POS
    verb_phrases: frozenset[str] = frozenset()  # every verb an action names: the command parser's vocabulary
    people: dict[str, Person] = field(default_factory=dict)
    responses: dict[str, tuple[Paragraph, ...]] = field(default_factory=dict)  # story-wide named responses
    places: dict[str, Place] = field(default_factory=dict)  # locations written as mappings

    def chapter_index(self, title: str) -> int:
        for i, ch in enumerate(self.chapters):
            if ch.title == title:
                return i
        return -1

    def chapter(self, title: str) -> Chapter | None:
        i = self.chapter_index(title)
        return self.chapters[i] if i >= 0 else None
