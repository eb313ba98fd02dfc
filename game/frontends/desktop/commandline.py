"""The typed-command line: its text, the commands typed before (Up/Down) and Tab completion."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_LENGTH = 400  # longer than any command needs; reaching it is said, never silent


@dataclass
class CommandLine:
    text: str = ""
    history: list[str] = field(default_factory=list)
    browsing: int | None = None  # index into history while Up/Down walk it
    _draft: str = ""  # what was typed before browsing began
    _cycle: list[str] = field(default_factory=list)  # completions being cycled by Tab
    _cycle_at: int = -1
    _cycle_base: str = ""

    def type(self, chars: str) -> bool:
        """Add typed characters. False when the line is full and some were not taken (the caller says so)."""
        self._end_cycle()
        self.browsing = None
        joined = self.text + chars
        self.text = joined[:MAX_LENGTH]
        return len(joined) <= MAX_LENGTH

    def erase(self) -> None:
        self._end_cycle()
        self.browsing = None
        self.text = self.text[:-1]

    def clear(self) -> None:
        self._end_cycle()
        self.browsing = None
        self.text = ""

    def submit(self) -> str:
        """The line to run; it joins the history (not twice in a row) and the line empties."""
        line = self.text.strip()
        if line and (not self.history or self.history[-1] != line):
            self.history.append(line)
        self.clear()
        return line

    def older(self) -> bool:
        """Up: step back through earlier commands. False when there is nothing older."""
        if not self.history:
            return False
        if self.browsing is None:
            self._draft = self.text
            self.browsing = len(self.history) - 1
        elif self.browsing > 0:
            self.browsing -= 1
        else:
            return False
        self._end_cycle()
        self.text = self.history[self.browsing]
        return True

    def newer(self) -> bool:
        """Down: step forward again, back to what was being typed."""
        if self.browsing is None:
            return False
        self._end_cycle()
        if self.browsing < len(self.history) - 1:
            self.browsing += 1
            self.text = self.history[self.browsing]
        else:
            self.browsing = None
            self.text = self._draft
        return True

    def complete(self, words: list[str]) -> list[str]:
        """Tab: complete the word being typed from `words`; Tab again cycles. Returns the candidates."""
        if self._cycle:
            self._cycle_at = (self._cycle_at + 1) % len(self._cycle)
            self.text = self._cycle_base + self._cycle[self._cycle_at]
            return self._cycle
        head, _, frag = self.text.rpartition(" ")
        base = head + " " if head else ""
        lowered = frag.lower()
        line = self.text.lower()
        # a multi-word phrase ("look at") may complete the whole line; single words complete the last word
        matches = [w for w in words if " " in w and w.startswith(line) and w != line] if head else []
        if matches:
            base, lowered = "", line
        else:
            matches = [w for w in words if w.startswith(lowered) and w != lowered]
        matches = sorted(dict.fromkeys(matches), key=lambda w: (len(w), w))
        if not matches:
            return []
        if len(matches) == 1:
            self.text = (base + matches[0] + " ")[:MAX_LENGTH]
            return matches
        self._cycle, self._cycle_at, self._cycle_base = matches, 0, base
        self.text = (base + matches[0])[:MAX_LENGTH]
        return matches

    def _end_cycle(self) -> None:
        self._cycle, self._cycle_at = [], -1
