"""GameState: the world of a run (where Kathy is, what she carries, what she has done), and nothing else.

The state is the only thing the engine changes while a story is played. How the run got there
(the seed and the inputs) is its Recording (recording.py), kept beside it by Run, as ink keeps
its StoryState apart from the choices that led to it. The state refers to scenes, choices and
items by their string ids, never by object, so a saved state means the same thing after the
story's files are edited.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from game.engine.canonical import canonical_json, canonical_texts

__all__ = ["MASK64", "STATE_FORMAT", "GameState", "canonical_json", "canonical_texts", "same_state", "seed_to_rng"]

MASK64 = (1 << 64) - 1
STATE_FORMAT = 2  # 1 held the run's inputs too; 2 (world only) reads 1's fields the same way


@dataclass(slots=True)
class GameState:
    scene: str
    seed: int
    rng: int
    vars: dict[str, Any] = field(default_factory=dict)
    items: dict[str, int] = field(default_factory=dict)  # insertion-ordered: the order things were found
    visits: dict[str, int] = field(default_factory=dict)
    chosen: dict[str, int] = field(default_factory=dict)  # "scene.id/option_id" -> times taken
    ended: str | None = None

    # ---- the seeded generator: SplitMix64, its whole state one integer kept in the run -----------
    def random(self) -> int:
        self.rng = (self.rng + 0x9E3779B97F4A7C15) & MASK64
        z = self.rng
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    # ---- plain data ---------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "format": STATE_FORMAT,
            "scene": self.scene,
            "seed": self.seed,
            "rng": self.rng,
            "vars": dict(self.vars),
            "items": list(self.items),
            "visits": dict(self.visits),
            "chosen": dict(self.chosen),
            "ended": self.ended,
        }

    @classmethod
    def from_dict(cls, data: Any) -> GameState:
        """Rebuild a state from plain data, checking every field. Raises ValueError saying what is wrong."""
        if not isinstance(data, dict):
            raise ValueError("the state is not a mapping")
        fmt = data.get("format", STATE_FORMAT)
        if fmt not in (1, STATE_FORMAT) or isinstance(fmt, bool):
            raise ValueError(f"the state has format {fmt!r}; this version reads formats 1 to {STATE_FORMAT}")
        scene = _typed(data, "scene", str)
        seed = _typed(data, "seed", int)
        rng = _typed(data, "rng", int)
        if not 0 <= rng <= MASK64:
            raise ValueError("'rng' is out of range")
        vars_ = _typed(data, "vars", dict)
        for k, v in vars_.items():
            if not isinstance(k, str) or not isinstance(v, (bool, int, float, str)):
                raise ValueError(f"variable {k!r} has a value of the wrong kind")
        items = _typed(data, "items", list)
        if not all(isinstance(i, str) for i in items):
            raise ValueError("'items' must be a list of names")
        visits = _counts(data, "visits")
        chosen = _counts(data, "chosen")
        if "inputs" in data:
            raise ValueError("the state holds no inputs: they belong to the run's recording")
        ended = data.get("ended")
        if ended is not None and not isinstance(ended, str):
            raise ValueError("'ended' must be a name or empty")
        return cls(scene, seed, rng, dict(vars_), {i: 1 for i in items}, visits, chosen, ended)

    def copy(self) -> GameState:
        return GameState(
            self.scene, self.seed, self.rng, dict(self.vars), dict(self.items), dict(self.visits), dict(self.chosen), self.ended,
        )

    def hash(self) -> str:
        """A stable fingerprint: equal for equal runs on any machine and Python version."""
        return hashlib.sha256(canonical_json(self.to_dict()).encode("ascii")).hexdigest()


def same_state(a: GameState, b: GameState) -> bool:
    """Equal as their fingerprints see them (where 1 and True, or 0.0 and -0.0, differ), without serialising either:
    counts and items are whole numbers on both sides, so only the variables need their types compared."""
    return a == b and list(a.items) == list(b.items) and all(
        type(v) is type(b.vars[k]) and repr(v) == repr(b.vars[k]) for k, v in a.vars.items())


def _typed(data: dict[str, Any], key: str, kind: type) -> Any:
    if key not in data:
        raise ValueError(f"the state has no '{key}'")
    value = data[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"'{key}' should be a {kind.__name__}")
    return value


def _counts(data: dict[str, Any], key: str) -> dict[str, int]:
    value = _typed(data, key, dict)
    if set(map(type, value)) <= {str} and set(map(type, value.values())) <= {int} and min(value.values(), default=0) >= 0:
        return dict(value)  # checked in C: a long run has tens of thousands (the loop below says what is wrong)
    for k, v in value.items():
        if not isinstance(k, str) or not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise ValueError(f"'{key}' must map names to counts")
    return dict(value)


def seed_to_rng(seed: int) -> int:
    """Spread a small seed over 64 bits so seeds 1 and 2 give unrelated sequences."""
    s = GameState("", seed, (seed * 0x9E3779B97F4A7C15) & MASK64)
    s.random()
    return s.rng
