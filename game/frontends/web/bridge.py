"""The web edition's one door into the engine: the page calls a WebGame through Pyodide, and nothing else.

Every method takes plain values and returns JSON text, which the page parses: no Python object ever
crosses into JavaScript, so nothing leaks and the page never depends on the engine's classes. This
is the only Python written for the browser; the engine runs there unchanged, building its story from
the compiled JSON that `nlmg build-web` wrote (game.engine.compiled), with no PyYAML.

The page holds a Run, as the desktop does: a story that fails comes back as `outcome.error` with
the run put back as it was, and is shown as a value, never raised into the page. Saves are the
desktop's own format 2, written and read by game.engine.saves (a JSON header line, `---`, a JSON
body), so a save made here verifies with `nlmg replay --verify` and a desktop save loads here.
Saves from before format 2 have a YAML body, which the browser cannot read: the saves package
refuses them in one sentence.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from game.engine.compiled import load_compiled
from game.engine.engine import Engine, Outcome, RunError
from game.engine.recording import Recording
from game.engine.run import LogEntry, Run
from game.engine.saves import SAVE_FORMAT, SaveError, encode_checked, header_info, parse_header, read_save_bytes, rebuild, renamed
from game.engine.saves.format import SEPARATOR
from game.engine.storymap import StoryMap, build_map
from game.frontends.goback import GO_BACK_HEADING, GO_BACK_NO, GO_BACK_YES, go_back_question
from game.frontends.howto import EMPTY_LINE, how_to_play
from game.frontends.readmark import READ_KINDS, mark_of
from game.frontends.web.mapview import story_map

KINDS = ("manual", "quick", "auto")
SAVE_NAME = Path("save")  # what the saves package calls a save the browser holds (its messages are shown without it)
_INPUT_ECHO = ("choice", "command")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _refused(error: str, fault: bool = False) -> str:
    """A step the page shows as a message, the run as it was: `fault` when the story itself went wrong."""
    return _dumps({"ok": False, "error": error, "fault": fault})


def _story_fault(error: str) -> str:
    return _refused(f"The story went wrong here; this is a fault in the scene files. {error}", fault=True)


class WebGame:
    """One story and the run being played in the page."""

    def __init__(self, compiled_json: str):
        self.story = load_compiled(json.loads(compiled_json))
        self.engine = Engine(self.story)
        self.run: Run | None = None
        self._shown = 0  # how much of the run's log the page has been given
        self._page_start = -1
        self._map: StoryMap | None = None  # built the first time the map is opened

    # ---- the story ------------------------------------------------------------------------------
    def meta(self) -> str:
        """What the title, chapter cards, ending and Memories screens show, once."""
        s = self.story
        return _dumps({
            "id": s.id, "title": s.title, "version": s.version, "content_hash": s.content_hash,
            "chapters": [{"title": c.title, "card": c.card} for c in s.chapters],
            "endings": [{"id": e.id, "title": e.title, "text": e.text} for e in s.endings.values()],
            "scenes": len(s.scenes), "save_format": SAVE_FORMAT,
        })

    # ---- starting -------------------------------------------------------------------------------
    def new_game(self, seed: int) -> str:
        try:
            run = Run(self.engine, int(seed))
        except RunError as exc:  # only building a run raises: the story fails as it begins
            return _story_fault(str(exc))
        return self._started(run, None)

    def start_at(self, seed: int, inputs_json: str) -> str:
        """A run rebuilt from recorded inputs (chapter select in Memories): the way it was first reached."""
        try:
            inputs = json.loads(inputs_json)
            if not isinstance(inputs, list):
                raise ValueError("its moves are not a list")
            recording = Recording.of(self.story, int(seed), inputs)
        except (ValueError, TypeError) as exc:
            return _refused(f"That memory is damaged ({exc}).")
        try:
            run, stop = Run.replay(self.engine, recording)
        except RunError as exc:
            return _refused(f"The story went wrong while replaying to that chapter: {exc}", fault=True)
        notice = None
        if stop is not None:
            notice = "The story has changed since this chapter was first reached; the run starts where the old way still leads."
        return self._started(run, notice)

    def _started(self, run: Run, notice: str | None, **extra: Any) -> str:
        self.run = run
        self._shown = 0
        self._page_start = -1
        return _dumps({"ok": True, "kind": "start", "notice": notice, **extra, **self._page(), "view": self._view()})

    # ---- playing --------------------------------------------------------------------------------
    def choose(self, option_id: str) -> str:
        run = self._need_run()
        return self._step(lambda: run.choose(option_id))

    def command(self, line: str) -> str:
        """A typed line, read by the engine's parser (pronouns, questions, choices in words, undo and redo).

        A bare number takes that choice, as in the window, except while the parser is asking
        "Which did I mean...?": then the number answers the question.
        """
        run = self._need_run()
        text = line.strip()
        if text.isdigit() and not run.parser.asking:
            options = list(run.view().options)
            n = int(text)
            if not 1 <= n <= len(options):
                return _refused(f"There is no choice {n} here.")
            return self.choose(options[n - 1].id)
        return self._step(lambda: run.command(text))

    def undo(self) -> str:
        """Step back one thing the player did (a choice, a look, a whole typed line); the notice is the Run's words for it:
        without them a player, and a screen reader most of all, would hear nothing of what Ctrl+Z changed."""
        return self._step(self._need_run().take_back)

    def redo(self) -> str:
        return self._step(self._need_run().do_again)

    def go_back(self, index: int) -> str:
        """History: back to just before the moment at log `index` (a choice or a typed line), as the window's History
        does it (Run.undo_to), so Redo brings each step back in turn."""
        outcome = self._need_run().undo_to(int(index))
        if outcome.kind == "invalid":
            return _refused(" ".join(outcome.said))
        return self._step(lambda: outcome)

    def go_back_question(self, index: int) -> str:
        """What the History asks before going back to the moment at log `index`: the window's own question and answers
        (game.frontends.common), the question in the story's words (the named response `go_back_confirm`)."""
        run = self._need_run()
        index = int(index)
        if not 0 <= index < len(run.log):
            return _refused(" ".join(run.engine.response(run.state, "no_moment")))
        return _dumps({"ok": True, "heading": GO_BACK_HEADING, "question": go_back_question(run, index),
                       "yes": GO_BACK_YES, "no": GO_BACK_NO})

    def _step(self, step: Callable[[], Outcome]) -> str:
        outcome = step()
        if outcome.kind == "error":  # the Run has put everything back as it was before the input
            return _story_fault(outcome.error or "")
        notice = " ".join(outcome.said) if outcome.kind in ("undo", "redo") and outcome.said else None
        if outcome.kind == "help":  # how to play is the front end's to say, as the window toasts it (howto.py)
            notice = how_to_play(self._need_run())
        elif outcome.kind == "empty":
            notice = EMPTY_LINE
        return _dumps({"ok": True, "kind": outcome.kind, "recorded": outcome.recorded, "notice": notice,
                       **self._page(), "view": self._view()})

    # ---- what the page shows --------------------------------------------------------------------
    def _page(self) -> dict[str, Any]:
        """The log entries the page needs: the whole page when it starts afresh, else only the new ones.

        A page begins with the input that led into its scene (the choice's words and what they
        said), then the scene's title and text, then every command and reply made there. Beside the
        entries go their read marks, the window's own (read.json), so Skip knows what was read.
        """
        log = self._need_run().log
        start = _page_start(log)
        fresh = start != self._page_start or len(log) < self._shown
        first_new = max(self._shown, start)
        if fresh:
            entries = log[start:]
            new_from = first_new - start if len(log) >= self._shown else len(entries)
        else:
            entries = log[self._shown:]
            new_from = 0
        self._page_start = start
        self._shown = len(log)
        # each entry's read mark (frontends/readmark.py), or null where it is not read text: for Skip
        marks = [mark_of(e.scene, e.text) if e.kind in READ_KINDS else None for e in entries]
        return {"fresh": fresh, "new_from": new_from, "entries": [[e.kind, e.text] for e in entries], "marks": marks}

    def _view(self) -> dict[str, Any]:
        run = self._need_run()
        view = run.view()
        ending = view.ending
        return {
            "scene": view.scene.id, "chapter": view.chapter, "chapter_number": self.story.chapter_index(view.chapter) + 1,
            "title": view.title, "location": view.location or "",
            "options": [{"id": o.id, "text": o.text, "enabled": o.enabled, "kind": o.kind} for o in view.options],
            "ended": run.ended,
            "ending": {"id": ending.id, "title": ending.title, "text": ending.text} if ending is not None else None,
            "can_undo": run.can_undo, "can_redo": run.can_redo, "moves": run.moves,
            "asking": run.parser.asking,  # a number key then answers the parser's question, not a choice
        }

    def view(self) -> str:
        return _dumps(self._view())

    def page(self) -> str:
        """The whole current page again (after the page was drawn afresh, e.g. a text size change)."""
        self._page_start = -1
        return _dumps(self._page())

    def history(self) -> str:
        """Everything read and done so far, in order: the History panel."""
        return _dumps([[e.kind, e.text] for e in self._need_run().log])

    def story_map(self, memories_json: str) -> str:
        """The story map (mapview.py): this run's way through each chapter, what `memories_json` (the page's
        memories of this story) says earlier runs found, and the endings with their hints."""
        run = self._need_run()
        if self._map is None:
            self._map = build_map(self.story)
        try:
            memories = json.loads(memories_json)
        except ValueError:
            memories = None
        return _dumps(story_map(self.story, self._map, run.trace(), run.state.scene,
                                memories if isinstance(memories, dict) else {}))

    def completions(self) -> str:
        return _dumps(self._need_run().completions())

    def mark(self) -> str:
        """How this run reached where it is (seed and inputs), for Memories' chapter select."""
        run = self._need_run()
        return _dumps({"seed": run.seed, "inputs": [i.to_plain() for i in run.inputs],
                       "chapter": run.view().chapter, "ended": run.state.ended})

    def _need_run(self) -> Run:
        if self.run is None:
            raise RuntimeError("no run has been started: call new_game, start_at or load_text first")
        return self.run

    # ---- saves ----------------------------------------------------------------------------------
    def save_text(self, kind: str, saved_at: str, play_seconds: float, name: str = "") -> str:
        """The run as a save file's text, written by the desktop's own writer (format 2) and read back with every check
        a load makes before it is given out (store.encode_checked), so the page never keeps a save it would refuse.
        Raises SaveError saying why a run cannot be saved; `save` is the page's way in, which says so instead.

        `saved_at` is the page's clock as an ISO local date-time: the engine never reads a clock.
        """
        run = self._need_run()
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        datetime.fromisoformat(saved_at)  # a ValueError here, rather than a file the desktop refuses
        seconds = float(play_seconds)
        _, data = encode_checked(SAVE_NAME, run, kind, saved_at, seconds if math.isfinite(seconds) and seconds > 0 else 0.0, name)
        return data.decode("utf-8")

    def save(self, kind: str, saved_at: str, play_seconds: float, name: str = "") -> str:
        """save_text for the page: {"ok": true, "text"}, or {"ok": false, "error"} saying why this run cannot be saved
        (every earlier save in the browser is left as it was)."""
        try:
            return _dumps({"ok": True, "text": self.save_text(kind, saved_at, play_seconds, name)})
        except SaveError as exc:
            return _refused(_sentence(exc.reason))

    def save_info(self, text: str) -> str:
        """The header of a save (what a slot lists), or its error: without reading its run."""
        try:
            head = text.partition(SEPARATOR)[0]  # the header alone, as read_header reads it: the run is never parsed
            info = header_info(SAVE_NAME, parse_header(SAVE_NAME, head))
        except SaveError as exc:
            return _refused(_sentence(exc.reason))
        return _dumps({"ok": True, "saved_at": info.saved_at, "kind": info.kind, "name": info.name,
                       "chapter": info.chapter, "title": info.title, "excerpt": info.excerpt,
                       "story_id": info.story_id, "play_seconds": info.play_seconds, "moves": info.moves})

    def rename_text(self, text: str, name: str) -> str:
        """A save given a name (the window's Rename, F2): its header rewritten and read back whole, the run's bytes
        untouched and nothing replayed (saves/rename.py), as the desktop's store does. Returns {"ok", "text"}, or why not."""
        try:
            data, _ = renamed(SAVE_NAME, text.encode("utf-8"), name)
        except SaveError as exc:
            return _refused(_sentence(exc.reason))
        return _dumps({"ok": True, "text": data.decode("utf-8")})

    def load_text(self, text: str) -> str:
        """Replace the run with the one a save holds, replayed exactly; or say in one sentence why not (the saves
        package's words: with no YAML reader here, it still tells a text that is no save from an earlier version's)."""
        try:
            save = read_save_bytes(SAVE_NAME, text.encode("utf-8"), check_snapshot=False)
            run, notice = rebuild(save, self.engine)
        except SaveError as exc:
            return _refused(_sentence(exc.reason))
        return self._started(run, notice, play_seconds=save.info.play_seconds)


def _sentence(reason: str) -> str:
    """A saves-package reason ("the file is empty; it is not a save") as the sentence a notice shows."""
    reason = reason.strip()
    return (reason[:1].upper() + reason[1:]).rstrip(".") + "."


# ---- pages ----------------------------------------------------------------------------------------
def _page_start(log: list[LogEntry]) -> int:
    """Where the current page begins in the log: at the input that entered the scene, else at its title
    (or the chapter heading just before it, which tells the page a chapter began)."""
    i = max((i for i, e in enumerate(log) if e.kind == "title"), default=0)
    while i > 0 and log[i - 1].kind in ("chapter", "reply"):
        i -= 1
    return i - 1 if i > 0 and log[i - 1].kind in _INPUT_ECHO else i
