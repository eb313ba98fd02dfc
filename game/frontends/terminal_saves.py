"""Saving and loading in the terminal: the `save`, `load` and `saves` commands, `--load`, and autosaves.

Scripts drive the terminal too (`printf '1\\nsave 3\\n' | nlmg play --text`), so every reply is
a plain line and nothing waits for a key. Autosaves are taken on every scene entry when a
person is playing (standard input is a terminal) or a saves folder was named (--saves or
NLMG_SAVES): a script piped in without one must never overwrite a player's autosaves.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime
from typing import Any

from game import paths
from game.engine import Outcome, Run
from game.engine.diagnostics import plural
from game.engine.saves import MANUAL_SLOTS, SaveError, SaveStore, SlotInfo, slot_kind
from game.frontends.common import play_time_text

CONTINUE_WORDS = ("continue", "latest", "last")


class SavingRun:
    """The terminal's run, with an autosave on every scene entry. Everything else is the Run's own."""

    def __init__(self, run: Run, session: Session):
        self.inner = run
        self.session = session

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def choose(self, option_id: str) -> Outcome:
        return self._after(self.inner.choose(option_id))

    def command(self, line: str) -> Outcome:
        return self._after(self.inner.command(line))

    def _after(self, outcome: Outcome) -> Outcome:
        if outcome.entered and outcome.recorded:
            self.session.autosave()
        return outcome


class Session:
    """The saves folder and play clock of one terminal game."""

    def __init__(self, game: Any, store: SaveStore, autosaves: bool):
        self.game = game
        self.store = store
        self.autosaves = autosaves
        self.started = time.monotonic()
        self.before = 0.0  # play time carried in from a loaded save
        self.autosave_failed = False

    @property
    def run(self) -> Run:
        run = self.game.run
        return run.inner if isinstance(run, SavingRun) else run

    def play_seconds(self) -> float:
        return self.before + time.monotonic() - self.started

    def use(self, run: Run, play_seconds: float) -> None:
        self.game.run = SavingRun(run, self)
        self.before = play_seconds
        self.started = time.monotonic()

    def autosave(self) -> None:
        if not self.autosaves:
            return
        try:
            self.store.autosave(self.run, self.play_seconds())
        except SaveError as exc:
            if not self.autosave_failed:  # say it once, not at every scene
                self.autosave_failed = True
                self.game.say(f"(Autosave failed: {exc})")

    # ---- commands -----------------------------------------------------------------------------
    def save(self, arg: str) -> list[str]:
        slot, name = self.slot_for(arg)
        if slot is None:
            return [f"Every slot from 1 to {MANUAL_SLOTS} is taken. Save over one by number (save 3), or delete one in the saves folder."]
        try:
            info = self.store.save(self.run, slot, self.play_seconds(), name)
        except SaveError as exc:
            return [f"Not saved: {exc}"]
        return [f"Saved in {describe_slot(info)}."]

    def slot_for(self, arg: str) -> tuple[str | None, str]:
        """`save` -> quick; `save 3` -> slot 3; `save by the bench` -> the slot with that name, or the first free one."""
        arg = " ".join(arg.split())
        if not arg:
            return "quick", ""
        if slot_kind(arg) in ("manual", "quick"):
            return arg, ""
        infos = self.store.list()
        for info in infos:
            if info.kind == "manual" and info.name.lower() == arg.lower():
                return info.slot, arg
        used = {info.slot for info in infos}
        free = next((str(n) for n in range(1, MANUAL_SLOTS + 1) if str(n) not in used), None)
        return free, arg

    def load(self, arg: str) -> list[str]:
        arg = arg.strip()
        target: Any = arg
        if not arg or arg.lower() in CONTINUE_WORDS:
            latest = self.store.latest()
            if latest is None:
                return [f"There are no saves yet in {self.store.folder}."]
            target = latest.path
        try:
            loaded = self.store.load(target, self.run.engine)
        except SaveError as exc:
            return [f"Not loaded: {exc}"]
        self.use(loaded.run, loaded.play_seconds)
        self.game.say(f"Loaded {describe_slot(loaded.info)}.")
        if loaded.notice:
            self.game.say(loaded.notice)
        self.game.shown_chapter = None
        self.game.show_view(self.game.run.view())
        return []

    def saves(self, arg: str) -> list[str]:
        infos = self.store.list()
        if not infos:
            return [f"There are no saves yet in {self.store.folder}."]
        lines = [f"Saves in {self.store.folder}, newest first:"]
        for info in infos:
            lines.append("  " + list_line(info))
        lines.append("Type load and a slot (load 3, load quick, load auto-1) or a save's name.")
        return lines


def describe_slot(info: SlotInfo) -> str:
    where = {"quick": "the quicksave slot", "auto": f"autosave {info.slot[5:]}"}.get(info.kind, f"slot {info.slot}")
    return f"{where} (\u201c{info.name}\u201d)" if info.name else where


def list_line(info: SlotInfo) -> str:
    if info.error:
        return f"[{info.slot}] cannot be loaded: {info.error}"
    name = f" \u201c{info.name}\u201d" if info.name else ""
    return f"[{info.slot}]{name} {info.chapter}: {info.title}. {plural(info.moves, 'move')}, {play_time_text(info.play_seconds)}, saved {when(info.saved_at)}."


def when(saved_at: str) -> str:
    try:
        return datetime.fromisoformat(saved_at).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return saved_at


def attach(game: Any, args: argparse.Namespace) -> int | None:
    """Add save, load and saves to a TerminalGame; start from --load if given. Returns an exit code to stop, or None."""
    override = getattr(args, "saves", None)
    store = SaveStore(paths.saves_dir(override))
    interactive = sys.stdin is not None and sys.stdin.isatty()
    session = Session(game, store, autosaves=interactive or bool(override) or bool(os.environ.get("NLMG_SAVES")))
    game.extra_commands["save"] = session.save
    game.extra_commands["load"] = session.load
    game.extra_commands["saves"] = session.saves
    wanted = getattr(args, "load", None)
    if wanted:
        target: Any = wanted
        if wanted.lower() in CONTINUE_WORDS:
            latest = store.latest()
            if latest is None:
                print(f"There are no saves yet in {store.folder}.", file=sys.stderr)
                return 1
            target = latest.path
        try:
            loaded = store.load(target, game.run.engine)
        except SaveError as exc:
            print(f"Cannot load the save: {exc}", file=sys.stderr)
            return 1
        session.use(loaded.run, loaded.play_seconds)
        game.say(f"Loaded {describe_slot(loaded.info)}.")
        if loaded.notice:
            game.say(loaded.notice)
    else:
        session.use(session.run, 0.0)
    return None
