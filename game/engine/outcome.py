"""What one input did (Outcome), what a front end draws (View), and the error a broken story raises (RunError).

Both halves of a step use these: the state machine (engine.py) and the typed-command reader
(commands.py), which is why they live apart from either. `prose` and `is_open` are the two
readings of the story against a state that both halves need.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.expr import ExprRuntimeError
from game.engine.model import Action, Ending, Option, Paragraph, Scene
from game.engine.state import GameState


class RunError(Exception):
    """The story did something impossible while being played (a loop of gotos, 'a' < 3). Names the place."""

    def __init__(self, message: str, where: str = ""):
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.message = message  # without the place: for reports that print `where` in a column of their own


class Outcome:
    """What one input did. `said` is prose to show before the next view.

    A plain slotted class rather than a dataclass: one is made for every input, and the
    dataclass's default factories cost more than the rest of a simple choice. `error` is set
    (and kind is "error") only by Run, when the story failed during the input and the run was
    put back as it was before it: the front end shows it and play goes on.

    `source` says where a typed line's reply was written, so the author tools can count what the
    parser answers well: "scene" (an action, a choice, the scene's things, scenery, people lines or
    responses), "location" (the location's scenery or responses), "person" (a person's own lines in
    story.yaml), "item" (a carried item's look), "story-default" (a story-wide response), or
    "parser-failure" (the line was not understood: cannot see, unknown verb, no pronoun, a question).
    It is "" for inputs that were not typed lines.
    """

    __slots__ = ("ended", "entered", "error", "kind", "recorded", "said", "source", "taken")

    def __init__(self, kind: str, said: list[str] | None = None, recorded: bool = False,
                 entered: list[str] | None = None, ended: str | None = None, taken: str = "",
                 error: str | None = None, source: str = ""):
        # choice | action | look | examine | inventory | help | empty | blocked | unknown | invalid | ended
        # | reply (a default or a person's words) | question (which did I mean?)
        # (and, from Run: undo | redo | error)
        self.kind = kind
        self.said = said if said is not None else []
        self.recorded = recorded  # did it change the state (and join the run's inputs)?
        self.entered = entered if entered is not None else []  # scenes entered, in order
        self.ended = ended
        self.taken = taken  # the id of the choice or action taken, when one was
        self.error = error
        self.source = source

    @property
    def ok(self) -> bool:
        return self.kind not in ("unknown", "invalid", "blocked", "ended", "empty", "error", "question")

    def __repr__(self) -> str:
        return (f"Outcome(kind={self.kind!r}, said={self.said!r}, recorded={self.recorded!r}, "
                f"entered={self.entered!r}, ended={self.ended!r}, taken={self.taken!r}, error={self.error!r}, "
                f"source={self.source!r})")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Outcome) and all(getattr(self, k) == getattr(other, k) for k in self.__slots__)


@dataclass(slots=True)
class View:
    """What a front end draws for the current moment."""

    scene: Scene
    paragraphs: tuple[str, ...] | list[str]
    options: tuple[Option, ...] | list[Option]
    ending: Ending | None

    @property
    def chapter(self) -> str:
        return self.scene.chapter

    @property
    def title(self) -> str:
        return self.scene.title

    @property
    def location(self) -> str:
        return self.scene.location

    @property
    def ended(self) -> bool:
        return self.ending is not None or self.scene.ending is not None


def prose(state: GameState, paragraphs: tuple[Paragraph, ...]) -> list[str]:
    """The paragraphs as this state reads them: each conditional one's text or its else."""
    out = []
    p: Paragraph | None = None
    try:
        for p in paragraphs:
            if p.cond is None or p.cond.fn(state):
                out.append(p.text)
            elif p.else_text:
                out.append(p.else_text)
    except ExprRuntimeError as exc:
        raise RunError(str(exc), str(p.pos) if p is not None else "") from None
    return out


def is_open(state: GameState, action: Action) -> bool:
    """Whether an action can be taken now: not a `once` already taken, and its condition holds."""
    if action.once and state.chosen.get(action.key):
        return False
    return action.cond is None or bool(action.cond.fn(state))
