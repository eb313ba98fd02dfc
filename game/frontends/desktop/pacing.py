"""Skip and Auto, as in Ren'Py: pass over text already read, or read on by itself at the player's pace.

Skip shows every paragraph read in some run before at once and goes straight to the choices;
it stops, with a word, at the first paragraph never read (Ren'Py's "skip seen text only"), and
it stays on across choices until the player turns it off. Auto waits as long as the text on
view takes to read at the chosen pace (and for the voice to finish, when it speaks), then reads
on down the page; at the choices it waits for the player. Neither ever takes a choice.

A plain helper the play screen owns, like the Reading it paces. While Auto only waits, nothing
is drawn: the app's idle loop still runs `update`, so the timer costs no frames.
"""

from __future__ import annotations

from typing import Protocol

from game.engine import LogEntry
from game.frontends.desktop.reading import Reading
from game.frontends.desktop.screen import Host

MIN_WAIT = 1.2  # seconds, however short the text
SKIP_SCROLL = 0.0  # skipping jumps, it does not glide


class Turns(Protocol):
    def advance(self) -> None: ...


class Pacer:
    def __init__(self, host: Host, reading: Reading) -> None:
        self.host = host
        self.reading = reading
        self.skipping = False
        self.auto = False
        self.wait: float | None = None  # Auto: seconds left before reading on (None: nothing to wait for)
        self._counted: set[tuple[int, int, int]] = set()  # lines already timed for Auto: (page, item, line)
        reading.passes = self.passes
        reading.read = self.mark_read

    # ---- what has been read ---------------------------------------------------------------------
    def passes(self, entry: LogEntry) -> bool:
        return self.skipping and self.host.session.read.seen(entry.scene, entry.text)

    def mark_read(self, entry: LogEntry) -> None:
        if entry.kind in ("title", "text", "reply"):
            self.host.session.read.mark(entry.scene, entry.text)

    # ---- turning them on and off ----------------------------------------------------------------
    def toggle_skip(self) -> None:
        self.skipping = not self.skipping
        if self.skipping:
            self.auto = False
            r = self.reading
            if r.revealing and self._all_pending_read():
                r.finish_reveal()
            if r.revealing:
                self.stop_skipping("Nothing here has been read before.")
                return
            self.jump_to_choices()
            self.host.toast("Skipping what has been read.", 2.0)
        else:
            self.host.toast("Skip is off.", 1.6)
        self.host.dirty = True

    def toggle_auto(self) -> None:
        self.auto = not self.auto
        if self.auto:
            self.skipping = False
            self.restart_wait()
        self.host.toast("Reading on by itself." if self.auto else "Auto is off.", 1.8)
        self.host.dirty = True

    def stop_skipping(self, why: str) -> None:
        self.skipping = False
        self.host.toast(why, 2.4)
        self.host.dirty = True

    def _all_pending_read(self) -> bool:
        """Is everything still typing out text read in some run before?"""
        page = self.reading.page
        seen = self.host.session.read.seen
        return page is not None and all(item.entry is None or seen(item.entry.scene, item.entry.text)
                                        for item in page.items if item.start is not None)

    # ---- after the page changed -----------------------------------------------------------------
    def followed(self) -> None:
        """The page has just been brought up to date with the run."""
        if self.skipping:
            if self.reading.unread_met:
                self.stop_skipping("New text: skipping stops here.")
            else:
                self.jump_to_choices()
        self.restart_wait()

    def jump_to_choices(self) -> None:
        r = self.reading
        r.target = r.scroll = r.max_scroll
        self.host.dirty = True

    def restart_wait(self) -> None:
        """Auto waits afresh: as long as the text now in view takes to read."""
        self.wait = self.reading_time() if self.auto else None

    def reading_time(self) -> float:
        """As long as the lines come into view since Auto last waited take to read at the chosen pace."""
        r = self.reading
        page = r.page
        if page is None:
            return MIN_WAIT
        top, bottom = r.target, r.target + r.view.height
        chars = 0
        for i, item in enumerate(page.items):
            for k, line in enumerate(item.block.lines):
                y = item.y + line.y
                key = (r.page_start, i, k)
                if top <= y and y + item.block.line_height <= bottom and key not in self._counted:
                    self._counted.add(key)
                    chars += len(line.text)
        return MIN_WAIT + chars / self.host.settings.reading_cps

    # ---- time -----------------------------------------------------------------------------------
    def update(self, dt: float, turns: Turns) -> None:
        """Auto's timer. It runs only while the page is still and the voice silent."""
        r = self.reading
        if not self.auto or self.wait is None or r.revealing or self.host.voice.speaking:
            return
        if abs(r.target - r.scroll) > 0.5:
            return
        self.wait -= dt
        if self.wait > 0:
            return
        if r.target < r.max_scroll - 0.5:
            turns.advance()  # reads on down the page
            self.wait = self.reading_time()
        else:
            self.wait = None  # at the choices: the player's turn
