"""The web edition's one door into the engine: the page calls a WebGame through Pyodide, and nothing else.

Every method takes plain values and returns JSON text, which the page parses: no Python object ever
crosses into JavaScript, so nothing leaks and the page never depends on the engine's classes. This
is the only Python written for the browser; the engine runs there unchanged, building its story from
the compiled JSON that `nlmg build-web` wrote (game.engine.compiled), with no PyYAML.

Saves. The desktop's save writer (game.engine.saves) needs PyYAML, so the browser writes the same
format-1 save itself (`save_text`): the header as the desktop writes it (JSON), `---`, then the body
with one field a line, each value in JSON. JSON is YAML too, so the desktop's own reader loads these
files unchanged and `nlmg replay --verify` checks them; the browser reads back only this shape
(`load_text`). A desktop save whose body is block YAML cannot be read here and is refused by name.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime
from typing import Any

from game.engine.compiled import load_compiled
from game.engine.engine import Engine, Outcome, RunError
from game.engine.run import LogEntry, ReplayStop, Run
from game.engine.state import GameState

SAVE_FORMAT = 1  # game.engine.saves.SAVE_FORMAT: the header and body fields below are that format's
HEADER_COMMENT = "# Never Let Me Go: a saved run. Plain YAML; the game checks every field when it loads it.\n"
KINDS = ("manual", "quick", "auto")
MAX_SAVE_CHARS = 32 * 1024 * 1024
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
# Characters JSON leaves raw that YAML would refuse or read as a line break: written as \u escapes.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_INPUT_ECHO = ("choice", "command")


class BadSave(Exception):
    """A save the browser cannot use; str() is one sentence for the player."""


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class WebGame:
    """One story and the run being played in the page."""

    def __init__(self, compiled_json: str):
        self.story = load_compiled(json.loads(compiled_json))
        self.engine = Engine(self.story)
        self.run: Run | None = None
        self._shown = 0  # how much of the run's log the page has been given
        self._page_start = -1

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
        return self._started(Run(self.engine, int(seed)), None)

    def start_at(self, seed: int, inputs_json: str) -> str:
        """A run rebuilt from recorded inputs (chapter select in Memories): the way it was first reached."""
        try:
            inputs = json.loads(inputs_json)
            if not isinstance(inputs, list):
                raise ValueError("not a list")
            run, stop = Run.replay(self.engine, int(seed), inputs)
        except (ValueError, TypeError) as exc:
            return _dumps({"ok": False, "error": f"That memory is damaged ({exc})."})
        except RunError as exc:
            return _dumps({"ok": False, "error": f"The story went wrong while replaying to that chapter: {exc}", "fault": True})
        notice = None
        if stop is not None:
            notice = "The story has changed since this chapter was first reached; the run starts where the old way still leads."
        return self._started(run, notice)

    def _started(self, run: Run, notice: str | None) -> str:
        self.run = run
        self._shown = 0
        self._page_start = -1
        return _dumps({"ok": True, "kind": "start", "notice": notice, **self._page(), "view": self._view()})

    # ---- playing --------------------------------------------------------------------------------
    def choose(self, option_id: str) -> str:
        run = self._need_run()
        return self._step(lambda: run.choose(option_id))

    def command(self, line: str) -> str:
        """A typed line. `undo`, `back` and `redo` work here as in the terminal; a number takes that choice."""
        run = self._need_run()
        text = line.strip()
        if text.isdigit():
            options = list(run.view().options)
            n = int(text)
            if not 1 <= n <= len(options):
                return _dumps({"ok": False, "error": f"There is no choice {n} here."})
            return self.choose(options[n - 1].id)
        return self._step(lambda: run.command(text))

    def undo(self) -> str:
        return self.command("undo")

    def redo(self) -> str:
        return self.command("redo")

    def _step(self, step: Any) -> str:
        run = self._need_run()
        before = run.state.copy()  # a fault halfway through an input must not leave half its effects
        try:
            outcome: Outcome = step()
        except RunError as exc:
            run.state = before
            return _dumps({"ok": False, "fault": True, "error": f"The story went wrong here; this is a fault in the scene files. {exc}"})
        notice = " ".join(outcome.said) if outcome.kind in ("undo", "redo") and outcome.said else None
        return _dumps({"ok": True, "kind": outcome.kind, "recorded": outcome.recorded, "notice": notice,
                       **self._page(), "view": self._view()})

    # ---- what the page shows --------------------------------------------------------------------
    def _page(self) -> dict[str, Any]:
        """The log entries the page needs: the whole page when it starts afresh, else only the new ones.

        A page begins with the input that led into its scene (the choice's words and what they
        said), then the scene's title and text, then every command and reply made there.
        """
        run = self._need_run()
        log = run.log
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
        return {"fresh": fresh, "new_from": new_from, "entries": [[e.kind, e.text] for e in entries]}

    def _view(self) -> dict[str, Any]:
        run = self._need_run()
        view = run.view()
        scene = view.scene
        ending = view.ending
        return {
            "scene": scene.id, "chapter": view.chapter, "chapter_number": self.story.chapter_index(view.chapter) + 1,
            "title": view.title, "location": view.location or "",
            "options": [{"id": o.id, "text": o.text, "enabled": o.enabled, "kind": o.kind} for o in view.options],
            "ended": run.ended,
            "ending": {"id": ending.id, "title": ending.title, "text": ending.text} if ending is not None else None,
            "can_undo": run.can_undo, "can_redo": run.can_redo, "moves": len(run.state.inputs),
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

    def completions(self) -> str:
        run = self._need_run()
        return _dumps(self.engine.completions(run.state))

    def mark(self) -> str:
        """How this run reached where it is (seed and inputs), for Memories' chapter select."""
        run = self._need_run()
        return _dumps({"seed": run.seed, "inputs": run.state.inputs, "chapter": run.view().chapter, "ended": run.state.ended})

    def _need_run(self) -> Run:
        if self.run is None:
            raise RuntimeError("no run has been started: call new_game, start_at or load_text first")
        return self.run

    # ---- saves ----------------------------------------------------------------------------------
    def save_text(self, kind: str, saved_at: str, play_seconds: float, name: str = "") -> str:
        """The run as a format-1 save file's text, exactly the fields the desktop writes (see the module's note).

        `saved_at` is the page's clock as an ISO local date-time: the engine never reads a clock.
        """
        run = self._need_run()
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        datetime.fromisoformat(saved_at)  # a ValueError here, rather than a file the desktop refuses
        view = run.view()
        state = run.state
        story = self.story
        seconds = float(play_seconds)
        header = {
            "nlmg_save": SAVE_FORMAT,
            "saved_at": saved_at,
            "kind": kind,
            "name": _plain(name, 80),
            "chapter": _plain(view.chapter),
            "title": _plain(view.title),
            "play_seconds": round(min(seconds, 1e9), 1) if math.isfinite(seconds) and seconds > 0 else 0.0,
            "excerpt": _plain(_excerpt(view.paragraphs)),
            "story_id": story.id,
            "moves": len(state.inputs),
        }
        snapshot = state.to_dict()
        del snapshot["inputs"]  # written once, below
        body = {
            "story": {"id": story.id, "version": story.version, "content_hash": story.content_hash},
            "seed": run.seed,
            "state": snapshot,
            "inputs": [list(i) for i in state.inputs],
            "asides": [[n, t] for n, t in run.asides()],
            "state_hash": state.hash(),  # last: a file cut off anywhere lacks it
        }
        head = _yaml_safe(json.dumps(header, ensure_ascii=False, indent=1))
        return HEADER_COMMENT + head + "\n---\n" + "".join(f"{key}: {_flow(value)}\n" for key, value in body.items())

    def save_info(self, text: str) -> str:
        """The header of a save (what a slot lists), or its error: without replaying it."""
        try:
            header, _ = _split(text)
            return _dumps({"ok": True, **_check_header(header)})
        except BadSave as exc:
            return _dumps({"ok": False, "error": str(exc)})

    def load_text(self, text: str) -> str:
        """Replace the run with the one a save holds, replayed exactly; or say in one sentence why not."""
        try:
            header, body = _split(text)
            info = _check_header(header)
            if body is None:
                raise BadSave("The save is cut off after its header: the run itself is missing.")
            run, notice = self._rebuild(body)
        except BadSave as exc:
            return _dumps({"ok": False, "error": str(exc)})
        except RunError as exc:
            return _dumps({"ok": False, "fault": True, "error": f"The story went wrong while replaying this save: {exc}"})
        out = json.loads(self._started(run, notice))
        out["play_seconds"] = info["play_seconds"]
        return _dumps(out)

    def _rebuild(self, body: dict[str, Any]) -> tuple[Run, str | None]:
        story = self.story
        state_hash = _field(body, "state_hash", str)
        if not _HEX64.match(state_hash):
            raise BadSave("The save's fingerprint is damaged; it is cut off or was edited.")
        about = _field(body, "story", dict)
        story_id = _field(about, "id", str)
        if story_id != story.id:
            raise BadSave(f"This save belongs to another story ('{story_id}').")
        content_hash = _field(about, "content_hash", str)
        seed = _field(body, "seed", int)
        snapshot = _field(body, "state", dict)
        inputs = _field(body, "inputs", list)
        asides_raw = body.get("asides", [])
        if not isinstance(asides_raw, list) or not all(
            isinstance(a, list) and len(a) == 2 and isinstance(a[0], int) and not isinstance(a[0], bool)
            and isinstance(a[1], str) and 0 <= a[0] <= len(inputs) and a[1] for a in asides_raw
        ):
            raise BadSave("The save's list of looks and examines is damaged.")
        if "inputs" in snapshot:
            raise BadSave("The save's state repeats its moves; it was edited by hand.")
        try:
            saved = GameState.from_dict({**snapshot, "inputs": inputs})
        except ValueError as exc:
            raise BadSave(f"The saved state is wrong: {exc}.") from None
        if saved.seed != seed:
            raise BadSave("The save's state and its run disagree about the seed.")
        if saved.hash() != state_hash:
            raise BadSave("The saved state does not match its fingerprint; the file was damaged or edited by hand.")
        run, stop = Run.replay(self.engine, seed, [list(i) for i in inputs], asides=[(n, t) for n, t in asides_raw])
        if stop is None and run.state.hash() == state_hash:
            return run, None
        return run, _notice(stop, content_hash == story.content_hash)


# ---- pages ----------------------------------------------------------------------------------------
def _page_start(log: list[LogEntry]) -> int:
    """Where the current page begins in the log: at the input that entered the scene, else at its title
    (or the chapter heading just before it, which tells the page a chapter began)."""
    i = max((i for i, e in enumerate(log) if e.kind == "title"), default=0)
    while i > 0 and log[i - 1].kind in ("chapter", "reply"):
        i -= 1
    return i - 1 if i > 0 and log[i - 1].kind in _INPUT_ECHO else i


# ---- save text ------------------------------------------------------------------------------------
def _yaml_safe(text: str) -> str:
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _flow(value: Any) -> str:
    """One value as JSON that YAML reads the same: floats always with a point (YAML 1.1 reads 1e-05 as text)."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return _yaml_safe(json.dumps(value, ensure_ascii=False))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"a value of {value} cannot be saved")
        text = repr(value)
        mantissa, e, exponent = text.partition("e")
        if "." not in mantissa:
            mantissa += ".0"
        if e and exponent[0] not in "+-":
            exponent = "+" + exponent
        return mantissa + (f"e{exponent}" if e else "")
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    raise TypeError(f"cannot save a {type(value).__name__}")


def _plain(text: str, limit: int = 200) -> str:
    """One line of printable text: what the header may hold, so JSON and YAML read it alike (as saves._plain)."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())[:limit].rstrip()


def _excerpt(paragraphs: Any, limit: int = 100) -> str:
    """The first paragraph, cut at a word (as saves.excerpt_of)."""
    text = " ".join(str(paragraphs[0]).split()) if paragraphs else ""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def _split(text: str) -> tuple[Any, dict[str, Any] | None]:
    """A save's header and body, in the one shape this module writes. Raises BadSave."""
    if not isinstance(text, str) or not text.strip():
        raise BadSave("The file is empty; it is not a save.")
    if len(text) > MAX_SAVE_CHARS:
        raise BadSave("The file is far too large to be a save.")
    lines = text.replace("\r\n", "\n").split("\n")
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    try:
        cut = lines.index("---")
    except ValueError:
        cut = len(lines)
    try:
        header = json.loads("\n".join(lines[:cut]))
    except ValueError:
        raise BadSave("This is not a Never Let Me Go save (it has no header the game can read).") from None
    if cut == len(lines):
        return header, None
    body: dict[str, Any] = {}
    for line in lines[cut + 1:]:
        if not line.strip():
            continue
        key, sep, value = line.partition(": ")
        try:
            if not sep or not key.isidentifier():
                raise ValueError(line)
            body[key] = json.loads(value)
        except ValueError:
            raise BadSave("This save's run is written in YAML, which only the desktop game reads; "
                          "the browser reads saves the browser wrote.") from None
    return header, body


def _check_header(header: Any) -> dict[str, Any]:
    if not isinstance(header, dict) or "nlmg_save" not in header:
        raise BadSave("This is not a Never Let Me Go save (it has no 'nlmg_save' header).")
    fmt = header["nlmg_save"]
    if not isinstance(fmt, int) or isinstance(fmt, bool) or fmt < 1:
        raise BadSave(f"The save format {fmt!r} is not one this game knows.")
    if fmt > SAVE_FORMAT:
        raise BadSave(f"This save was made by a newer version of the game (save format {fmt}; this version reads up to {SAVE_FORMAT}).")
    info = {k: _field(header, k, str) for k in ("saved_at", "kind", "chapter", "title", "excerpt", "name", "story_id")}
    try:
        datetime.fromisoformat(info["saved_at"])
    except ValueError:
        raise BadSave("The save's date is not a date and time.") from None
    if info["kind"] not in KINDS:
        raise BadSave(f"The save's kind must be one of {', '.join(KINDS)}.")
    play = _field(header, "play_seconds", (int, float))
    moves = _field(header, "moves", int)
    if not math.isfinite(play) or play < 0 or moves < 0:
        raise BadSave("The save's play time or move count is damaged.")
    return {**info, "play_seconds": float(play), "moves": moves}


def _field(data: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    if key not in data:
        raise BadSave(f"The save has no '{key}'; it is cut off, incomplete or not a save.")
    value = data[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise BadSave(f"The save's '{key}' is the wrong kind of value.")
    return value


def _notice(stop: ReplayStop | None, same_story: bool) -> str:
    """The one sentence a load shows when the run could not be rebuilt exactly (as saves.rebuild words it)."""
    where = f"at move {stop.index + 1}, {stop.reason}" if stop is not None else ""
    if same_story:
        if stop is not None:
            return f"This save does not replay exactly in this version of the game: {where}, so the run stops just before it."
        return "This save does not replay exactly in this version of the game; the run was rebuilt from its moves and may differ a little."
    if stop is not None:
        return f"The story has changed since this save: {where}, so the run stops just before it."
    return "The story has changed since this save; the run was replayed against the new version and may differ a little."

