"""Diagnostics: the one shape every story error and warning takes, and the one way they are printed.

Every check in the engine and the author tools returns these, so that editors can jump to
`path:line:col` and tools can read `--format json` without each check inventing its own output.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from game.engine.bounds import one_line
from game.engine.frozen import frozen

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: Severity
    message: str

    def format(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        return one_line(f"{where}: {self.severity}: {self.message}")  # one line a diagnostic, whatever a file held

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "message": self.message,
        }

    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.line, self.col, self.severity != "error", self.message)


@frozen
class Pos:
    """Where something was written: kept in the model so run-time tools can point back at the file."""

    path: str
    line: int = 0
    col: int = 0

    def error(self, message: str) -> Diagnostic:
        return Diagnostic(self.path, self.line, self.col, "error", message)

    def warning(self, message: str) -> Diagnostic:
        return Diagnostic(self.path, self.line, self.col, "warning", message)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}" if self.line else self.path



class StoryError(Exception):
    """A story that cannot be played. Carries every diagnostic found, not just the first."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
        errors = [d for d in self.diagnostics if d.severity == "error"]
        first = errors[0].format() if errors else "the story has errors"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def report(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 error', '3 errors', '2 moves': how every count in a message is written."""
    return f"{n} {word if n == 1 else (words or word + 's')}"
