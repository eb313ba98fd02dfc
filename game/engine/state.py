"""GameState: everything a run is, and nothing else. Plain data in, plain data out.

The state is the only thing that changes while a story is played and the only thing saved.
It refers to scenes, choices and items by their string ids, never by object, so a saved state
means the same thing after the story's files are edited.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

MASK64 = (1 << 64) - 1
STATE_FORMAT = 1


@dataclass(slots=True)
class GameState:
    scene: str
    seed: int
    rng: int
    vars: dict[str, Any] = field(default_factory=dict)
    items: dict[str, int] = field(default_factory=dict)  # insertion-ordered: the order things were found
    visits: dict[str, int] = field(default_factory=dict)
    chosen: dict[str, int] = field(default_factory=dict)  # "scene.id/option_id" -> times taken
    inputs: list[list] = field(default_factory=list)  # [scene id, "choose" | "command", value]
    ended: str | None = None

    # ---- the seeded generator: SplitMix64, its whole state one integer kept in the run -----------
    def random(self) -> int:
        self.rng = (self.rng + 0x9E3779B97F4A7C15) & MASK64
        z = self.rng
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    # ---- plain data ---------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "format": STATE_FORMAT,
            "scene": self.scene,
            "seed": self.seed,
            "rng": self.rng,
            "vars": dict(self.vars),
            "items": list(self.items),
            "visits": dict(self.visits),
            "chosen": dict(self.chosen),
            "inputs": [list(i) for i in self.inputs],
            "ended": self.ended,
        }

    @classmethod
    def from_dict(cls, data: Any) -> "GameState":
        """Rebuild a state from plain data, checking every field. Raises ValueError saying what is wrong."""
        if not isinstance(data, dict):
            raise ValueError("the state is not a mapping")
        fmt = data.get("format", STATE_FORMAT)
        if fmt != STATE_FORMAT:
            raise ValueError(f"the state has format {fmt!r}; this version reads format {STATE_FORMAT}")
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
        inputs = _typed(data, "inputs", list)
        for i, inp in enumerate(inputs):
            if (
                not isinstance(inp, list) or len(inp) != 3 or not all(isinstance(x, str) for x in inp)
                or inp[1] not in ("choose", "command")
            ):
                raise ValueError(f"input {i + 1} is not [scene, choose|command, value]")
        ended = data.get("ended")
        if ended is not None and not isinstance(ended, str):
            raise ValueError("'ended' must be a name or empty")
        return cls(scene, seed, rng, dict(vars_), {i: 1 for i in items}, visits, chosen, [list(i) for i in inputs], ended)

    def copy(self) -> "GameState":
        return GameState(
            self.scene, self.seed, self.rng, dict(self.vars), dict(self.items), dict(self.visits),
            dict(self.chosen), [list(i) for i in self.inputs], self.ended,
        )

    def hash(self) -> str:
        """A stable fingerprint: equal for equal runs on any machine and Python version."""
        blob = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        return hashlib.sha256(blob.encode("ascii")).hexdigest()


def _typed(data: dict, key: str, kind: type) -> Any:
    if key not in data:
        raise ValueError(f"the state has no '{key}'")
    value = data[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"'{key}' should be a {kind.__name__}")
    return value


def _counts(data: dict, key: str) -> dict[str, int]:
    value = _typed(data, key, dict)
    for k, v in value.items():
        if not isinstance(k, str) or not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise ValueError(f"'{key}' must map names to counts")
    return dict(value)


def seed_to_rng(seed: int) -> int:
    """Spread a small seed over 64 bits so seeds 1 and 2 give unrelated sequences."""
    s = GameState("", seed, (seed * 0x9E3779B97F4A7C15) & MASK64)
    s.random()
    return s.rng
