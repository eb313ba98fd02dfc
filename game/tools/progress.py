"""A one-line progress bar on stderr for long tool runs; silent when stderr is not a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Redraws at most ten times a second, so drawing never slows the work it reports on."""

    def __init__(self, total: int, what: str, stream: TextIO | None = None, enabled: bool | None = None):
        self.total = max(1, total)
        self.what = what
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.done = 0
        self.started = time.perf_counter()
        self._drawn = 0.0

    def update(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self._drawn >= 0.1 or self.done >= self.total:
            self._drawn = now
            self.draw(now)

    def draw(self, now: float) -> None:
        width = 30
        frac = min(1.0, self.done / self.total)
        filled = int(frac * width)
        rate = self.done / max(1e-9, now - self.started)
        bar = "#" * filled + "." * (width - filled)
        self.stream.write(f"\r{self.what} [{bar}] {self.done:,}/{self.total:,} ({rate:,.0f}/s) ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 78 + "\r")
            self.stream.flush()
