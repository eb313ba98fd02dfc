"""A run as data: which story (id and content hash), the seed, and every input that changed the state.

A run is exactly this: replaying a Recording's inputs from a new state with its seed arrives at
the same state on any machine and in any front end. GameState holds the world; the Recording
holds how the player got there. Saves, replays, chapter marks, the explorer's problem runs and
the exhaustive search's routes are all Recordings (or their inputs).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from game.engine.model import Story

InputKind = Literal["choose", "command"]
INPUT_KINDS: tuple[InputKind, ...] = ("choose", "command")


class Input(NamedTuple):
    """One recorded input: in `scene`, choose the option `value`, or type the line `value`.

    A NamedTuple rather than a frozen dataclass: a run makes one per move and a long run's
    inputs are rebuilt on every load, and tuples are made several times faster. As plain data
    (JSON, memories, explorer reports) it is the list [scene, kind, value].
    """

    scene: str
    kind: InputKind
    value: str

    @classmethod
    def from_plain(cls, data: Any) -> Input:
        """An Input from plain data ([scene, choose|command, value]). Raises ValueError saying what is wrong."""
        if not (isinstance(data, (list, tuple)) and len(data) == 3 and all(isinstance(x, str) for x in data)):
            raise ValueError("an input is [scene, choose|command, value], three texts")
        scene, kind, value = data
        if kind == "choose":
            return cls(scene, "choose", value)
        if kind == "command":
            return cls(scene, "command", value)
        raise ValueError(f"an input's kind is choose or command, not {kind[:20]!r}")

    def to_plain(self) -> list[str]:
        return [self.scene, self.kind, self.value]


@dataclass(slots=True)
class Recording:
    """Everything needed to play a run again exactly. `inputs` grows as the run is played."""

    story_id: str
    content_hash: str
    seed: int
    inputs: list[Input] = field(default_factory=list)

    @classmethod
    def of(cls, story: Story, seed: int, inputs: Iterable[Any] = ()) -> Recording:
        """A recording on `story`; `inputs` may be Inputs or plain [scene, kind, value] lists (checked: ValueError)."""
        return cls(story.id, story.content_hash, seed, [i if type(i) is Input else Input.from_plain(i) for i in inputs])

    def __len__(self) -> int:
        return len(self.inputs)

    def to_plain(self) -> dict[str, Any]:
        return {"story": self.story_id, "content_hash": self.content_hash, "seed": self.seed,
                "inputs": [i.to_plain() for i in self.inputs]}

    @classmethod
    def from_plain(cls, data: Any) -> Recording:
        """A recording from plain data, every field checked. Raises ValueError saying what is wrong."""
        if not isinstance(data, dict):
            raise ValueError("a recording is a mapping")
        story, content_hash, seed, inputs = (data.get(k) for k in ("story", "content_hash", "seed", "inputs"))
        if not isinstance(story, str) or not isinstance(content_hash, str):
            raise ValueError("a recording names its story and the story's content hash")
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise ValueError("a recording's seed is a whole number")
        if not isinstance(inputs, list):
            raise ValueError("a recording's inputs are a list")
        out = []
        for n, inp in enumerate(inputs, 1):
            try:
                out.append(Input.from_plain(inp))
            except ValueError as exc:
                raise ValueError(f"input {n}: {exc}") from None
        return cls(story, content_hash, seed, out)
