"""`@frozen`: the story model's dataclasses, immutable to the type checker and cheap to make at run time.

A `frozen=True` dataclass sets every field through `object.__setattr__`, a call per field: building
10,000 scenes makes about 400,000 model objects (a Pos for every paragraph, choice and condition),
and that check cost 0.4-0.6 s of a 1.0-1.2 s build, measured. The model is never changed after it
is built (the engine keeps everything that changes in GameState), and `mypy --strict`, which `make
test` runs over the whole package, refuses any assignment to a field of these classes through
`dataclass_transform(frozen_default=True)`. So immutability is proved where the code is written,
not paid for at run time. Equality and hashing are as a frozen dataclass has them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: type[T]) -> type[T]:
    """A slotted dataclass with a frozen dataclass's equality and hash, that mypy treats as frozen."""
    return dataclass(slots=True, unsafe_hash=True)(cls)
