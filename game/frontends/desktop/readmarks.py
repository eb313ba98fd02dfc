"""Text already read, in any run: what Skip may pass over. Kept in read.json beside memories.json.

Ren'Py's skip passes only "seen" dialogue and stops at the first line never shown. Ours does the
same per paragraph: a paragraph is known by a short hash of its scene and its words, so an
edited paragraph counts as new, and the file stays small (16 hex characters a paragraph).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.frontends.desktop.files import read_json, write_if_changed
from game.frontends.readmark import mark_of

__all__ = ["FILE_NAME", "FORMAT", "ReadMarks", "load", "mark_of", "save"]

FILE_NAME = "read.json"
FORMAT = 1


class ReadMarks:
    def __init__(self, marks: set[str] | None = None) -> None:
        self._marks = marks if marks is not None else set()
        self.changed = False  # something new since the file was last written

    def __len__(self) -> int:
        return len(self._marks)

    def seen(self, scene: str, text: str) -> bool:
        return mark_of(scene, text) in self._marks

    def mark(self, scene: str, text: str) -> None:
        key = mark_of(scene, text)
        if key not in self._marks:
            self._marks.add(key)
            self.changed = True

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "read": sorted(self._marks)}

    @classmethod
    def from_dict(cls, data: Any) -> ReadMarks:
        """Every well-formed mark is kept; a damaged file costs only the skipping, never the game."""
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("read"), list):
            return cls()
        return cls({m for m in data["read"] if isinstance(m, str) and len(m) == 16})


def load(folder: Path) -> tuple[ReadMarks, str | None]:
    data, problem = read_json(folder / FILE_NAME)
    return ReadMarks.from_dict(data), problem


def save(folder: Path, marks: ReadMarks) -> str | None:
    return write_if_changed(folder / FILE_NAME, marks)
