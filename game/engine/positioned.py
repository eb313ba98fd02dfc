"""Plain data that remembers where it was written: the mapping and list types the YAML reader builds.

They live apart from yamlpos (which needs PyYAML) so that the checks in reader.py can be imported
where there is no PyYAML at all: the web edition builds its story from compiled records.
"""

from __future__ import annotations

from typing import Any

# (line, col, style): 1-based; style is the YAML scalar style (None plain, "'", '"', '|', '>')
Where = tuple[int, int, str | None]


class PMap(dict[Any, Any]):
    """A mapping with the position of itself, each key and each value."""

    __slots__ = ("col", "kpos", "line", "vpos")

    def __init__(self) -> None:
        super().__init__()
        self.line = 0
        self.col = 0
        self.kpos: dict[Any, Where] = {}
        self.vpos: dict[Any, Where] = {}


class PList(list[Any]):
    """A sequence with the position of itself and each item."""

    __slots__ = ("col", "ipos", "line")

    def __init__(self) -> None:
        super().__init__()
        self.line = 0
        self.col = 0
        self.ipos: list[Where] = []
