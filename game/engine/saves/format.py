"""What a save file holds, how a run is written into one, and how one is parsed back into plain data.

A save is two documents: a one-line header (what a load screen shows, so listing hundreds of
saves never parses a run) and a body (the Recording, the asides, a snapshot of the state and its
fingerprints). Format 2 writes both as JSON, separated by a `---` line: the standard library
reads it anywhere (the browser edition has nothing else), and since JSON is YAML, any YAML
reader, older versions of this game among them, reads it too. Format 1 (the header as JSON and
the body as block YAML) is still read; see validation.py for the checks on every field.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.engine.checkpoints import fingerprint
from game.engine.recording import Input, Recording
from game.engine.run import Run
from game.engine.state import GameState, canonical_json, canonical_texts

if TYPE_CHECKING:
    from game.engine.diagnostics import Diagnostic

SAVE_FORMAT = 2  # bump on any change an older game could not read; list each change below
# 1: header document (nlmg_save, saved_at, kind, name, chapter, title, play_seconds, excerpt, story_id, moves)
#    as JSON, then `---` and the body (story, seed, state, inputs, asides, checks, state_hash) as block YAML;
#    inputs as lines of "scene kind value", state_hash over the state and its inputs.
# 2: the same header on one line, then `---` and the body as JSON: inputs as [scene, kind, value] lists one a
#    line, asides and checks as [count, text] pairs, the state without inputs (GameState format 2);
#    state_hash over {"state": ..., "inputs": ...}, checks over the state alone (GameState.hash). Checks are
#    at multiples of CHECK_EVERY inputs: every one (before 2026-12), or as checkpoints.py spaces them (since), which
#    readers of format 2 take as they are, since a check names its own input count. Since 2026-12 the state is
#    written with sorted keys and no spaces (the very text its fingerprint is taken of, so a save serialises it
#    once) and the input lines without spaces; every reader of format 2 parses it as JSON, so nothing reads it
#    differently: only the bytes are fewer.
READABLE_FORMATS = (1, 2)
KINDS = ("manual", "quick", "auto")
SEPARATOR = "\n---\n"


class SaveError(Exception):
    """The one error a save can raise: str() names the file and says what is wrong with it."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True)
class SlotInfo:
    """What a load screen shows for one save. A broken save still lists, with `error` saying why."""

    slot: str  # "1".."99" manual, "quick", "auto-1".."auto-3" (a copied-in file: its name)
    path: Path
    kind: str  # "manual" | "quick" | "auto"
    saved_at: str  # ISO local date-time
    chapter: str
    title: str
    play_seconds: float
    excerpt: str
    name: str
    story_id: str
    error: str | None = None
    moves: int = 0  # inputs made so far


@dataclass(frozen=True)
class SaveFile:
    """A save read from disk with every field checked, not yet replayed against a story."""

    info: SlotInfo
    recording: Recording
    asides: list[tuple[int, str]]
    checks: dict[int, str]  # input count -> fingerprint of the state there
    state: GameState  # the snapshot
    state_hash: str
    format: int = SAVE_FORMAT

    @property
    def story_id(self) -> str:
        return self.recording.story_id

    @property
    def content_hash(self) -> str:
        return self.recording.content_hash

    @property
    def seed(self) -> int:
        return self.recording.seed

    @property
    def inputs(self) -> list[Input]:
        return self.recording.inputs


# ---- fingerprints -----------------------------------------------------------------------------
def state_hash(state: GameState, fmt: int = SAVE_FORMAT, inputs: Sequence[Input] = ()) -> str:
    """The fingerprint a save records: the state and the inputs that led to it, so that a hand-edited input is
    caught as surely as an edited variable. Format 1 hashed the state's own plain data with the inputs inside it."""
    if fmt >= 2:
        return _fingerprint(canonical_json(state.to_dict()), _input_texts(inputs)[1] or canonical_json(inputs))
    data = state.to_dict()
    data["format"] = 1
    data["inputs"] = [list(i) for i in inputs]
    return hashlib.sha256(canonical_json(data).encode("ascii")).hexdigest()


def _fingerprint(state: str, inputs: str) -> str:
    """sha256 of canonical_json({"state": ..., "inputs": ...}) from the canonical JSON of each (its keys sort so)."""
    return hashlib.sha256(f'{{"inputs":{inputs},"state":{state}}}'.encode("ascii")).hexdigest()


def state_digest(state: GameState, fmt: int = SAVE_FORMAT) -> str:
    """A short fingerprint of a state alone: what a save records as its checks (checkpoints.py says where)."""
    return fingerprint(state) if fmt >= 2 else state_hash(state, fmt)[:16]


# ---- writing ----------------------------------------------------------------------------------
def excerpt_of(paragraphs: Sequence[str], limit: int = 100) -> str:
    """A line of the current text for the load screen: the first paragraph, cut at a word."""
    text = " ".join(str(paragraphs[0]).split()) if paragraphs else ""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def plain(text: str, limit: int = 200) -> str:
    """One line of printable text: what the header may hold, so JSON and YAML read it alike."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())[:limit].rstrip()


def encode_save(run: Run, kind: str, saved_at: str, play_seconds: float, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The two documents of a save of `run` as plain data: header and body."""
    header, body = _documents(run, kind, saved_at, play_seconds, name)
    body["state_hash"] = state_hash(run.state, SAVE_FORMAT, run.recording.inputs)  # last: a file cut off anywhere lacks it
    return header, body


def save_file(run: Run, kind: str, saved_at: str, play_seconds: float, name: str) -> tuple[dict[str, Any], bytes]:
    """A save of `run`: its header, and the bytes dump_save(*encode_save(...)) would give, made with the state and the
    inputs each serialised once, for the file and its fingerprint alike (the most of a long run's save, issue 13)."""
    header, body = _documents(run, kind, saved_at, play_seconds, name)
    state_text, state_canonical = canonical_texts(body["state"])
    lines, inputs_canonical = _input_texts(body["inputs"])
    body["state_hash"] = _fingerprint(state_canonical, inputs_canonical or canonical_json(body["inputs"]))
    return header, _dump(header, body, state_text, lines)


def _documents(run: Run, kind: str, saved_at: str, play_seconds: float, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    view = run.view()
    state = run.state
    recording = run.recording
    story = run.engine.story
    header = {
        "nlmg_save": SAVE_FORMAT,
        "saved_at": saved_at,
        "kind": kind,
        "name": plain(name, 80),
        "chapter": plain(view.chapter),
        "title": plain(view.title),
        "play_seconds": round(min(float(play_seconds), 1e9), 1),  # below 1e16, so never written as 1e+16
        "excerpt": plain(excerpt_of(view.paragraphs)),
        "story_id": recording.story_id,
        "moves": len(recording.inputs),
    }
    checks = [[k, p] for k, p in sorted(run.fingerprints().items())]  # taken as the run went: never serialised again here
    body = {
        "story": {"id": recording.story_id, "version": story.version, "content_hash": recording.content_hash},
        "seed": recording.seed,
        "state": state.to_dict(),
        "inputs": recording.inputs,
        "asides": [[n, t] for n, t in run.asides()],
        "checks": checks,
    }
    return header, body


_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_spaced = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


_recent: tuple[list[Input], list[str], bool] = ([], [], True)  # the inputs last written, their lines, all plain ASCII


def _input_texts(inputs: Sequence[Input]) -> tuple[list[str], str | None]:
    """Each input as the compact JSON line a save writes, and canonical_json(inputs) when that is the same lines joined
    (every text plain ASCII, as a usual run's are), else None.

    A run is saved again and again as it grows (three autosaves, the quicksave, the player's own), and its inputs only
    ever grow at the end, or are taken back there: so the lines of the inputs written last time are kept, and those
    of the longest prefix this run still shares with them are used again (an Input is an immutable tuple of texts:
    an equal one has the same line). For a long run, that was a tenth of each save (issue 13).
    """
    global _recent
    inputs = list(inputs)
    done, done_lines, done_plain = _recent
    same = min(len(inputs), len(done))
    if same and (inputs[:same] != done[:same] or (same < len(done) and not done_plain)):
        same = 0  # another run, or this one taken back further than its end; or a part of lines not all plain, which may be
    lines, plain = _lines_of(inputs[same:])
    if same:
        lines = done_lines[:same] + lines
        plain = plain and done_plain
    _recent = (inputs, lines, plain)
    return lines, ("[" + ",".join(lines) + "]" if plain else None)


def _lines_of(inputs: list[Input]) -> tuple[list[str], bool]:
    """Each input as its compact JSON line, and whether every text is plain ASCII (so the lines are canonical too).
    A text that needs no escaping is written directly, which is exactly what the JSON encoder would give; a run
    repeats the same few inputs, so any other is encoded once."""
    texts = "".join(chain.from_iterable(inputs))
    if texts.isprintable() and '"' not in texts and "\\" not in texts:  # the usual case, checked once at C speed
        return [f'["{s}","{k}","{v}"]' for s, k, v in inputs], texts.isascii()
    made: dict[Input, str] = {}
    out = []
    for inp in inputs:
        line = made.get(inp)
        if line is None:
            line = made[inp] = _compact(inp)
        out.append(line)
    return out, False


def dump_save(header: dict[str, Any], body: dict[str, Any]) -> bytes:
    """The save file's bytes: the header on the first line, `---`, then the body with one field, and one input, a line.

    Lines keep a save readable and a diff of two saves short; each part is plain JSON. The state is written with its
    keys sorted and no spaces, the very text its fingerprint is taken of (save_file makes it once for both).
    """
    state, inputs = body.get("state"), body.get("inputs")
    state_text = None
    if isinstance(state, dict):
        with contextlib.suppress(TypeError):  # names that cannot be sorted (only a test's hand-made body has them)
            state_text = canonical_texts(state)[0]
    return _dump(header, body, state_text, _input_texts(inputs)[0] if inputs else [])


def _dump(header: dict[str, Any], body: dict[str, Any], state_text: str | None, input_lines: list[str]) -> bytes:
    lines = ["{"]
    last = len(body) - 1
    for n, (key, value) in enumerate(body.items()):
        end = "" if n == last else ","
        if key == "inputs" and value:
            lines.append(' "inputs": [\n  ' + ",\n  ".join(input_lines) + f"\n ]{end}")
        elif key == "state" and state_text is not None:
            lines.append(f' "state": {state_text}{end}')
        else:
            lines.append(f" {_compact(key)}: {_spaced(value)}{end}")
    return (_spaced(header) + SEPARATOR + "\n".join(lines) + "\n}\n").encode("utf-8")


# ---- parsing ----------------------------------------------------------------------------------
def load_documents(path: Path, text: str, json_error: json.JSONDecodeError | None = None) -> tuple[list[Any], list[Diagnostic]]:
    """The YAML documents of a save that is not JSON (format 1's body, a header rewritten by hand).

    yamlpos (and so PyYAML) is imported here, not at the top: the web edition imports this package
    to write and read format-2 saves in a browser that has no PyYAML, and needs YAML for nothing else.
    Without it, such a save is refused by name in one sentence rather than the whole module failing.
    """
    try:  # lazily, and only here: the browser has no PyYAML (see above)
        from game.engine import yamlpos
    except ImportError:
        raise SaveError(path, _without_yaml(text, json_error)) from None
    return yamlpos.load_documents(text, str(path))


def _without_yaml(text: str, json_error: json.JSONDecodeError | None) -> str:
    """Why a text that is not all JSON cannot be read where there is no YAML reader, as near the desktop's words as
    JSON can tell: with no YAML reader every text is "YAML", and only a real format-1 save is an earlier version's."""
    if json_error is not None:  # it looked like this version's JSON, and is not
        return f"the file is not valid JSON at line {json_error.lineno} ({json_error.msg}); it is cut off, damaged or not a save"
    if "nlmg_save" not in text.partition(SEPARATOR)[0]:
        return "this is not a Never Let Me Go save (it has no 'nlmg_save' header)"
    return ("this save was written by an earlier version of the game, in YAML, which only the desktop game reads; "
            "load it there and save again to bring it here")


_NOT_JSON = object()


def _json(text: str) -> tuple[Any, json.JSONDecodeError | None]:
    """(value, None) when `text` (after any comment lines) is one JSON value, else (_NOT_JSON, the error if it looked like JSON)."""
    skipped = 0
    while text.startswith("#"):  # comment lines, a line at a time: the body of a long run is thousands of lines
        _, _, text = text.partition("\n")
        skipped += 1
    body = text.strip()
    if not body.startswith(("{", "[")):
        return _NOT_JSON, None
    try:
        return json.loads(body), None
    except json.JSONDecodeError as exc:
        return _NOT_JSON, _shift(exc, skipped)
    except (ValueError, RecursionError):  # numbers too long to read, nesting too deep
        return _NOT_JSON, None


def _shift(exc: json.JSONDecodeError, lines: int) -> json.JSONDecodeError:
    shifted = json.JSONDecodeError(exc.msg, exc.doc, exc.pos)
    shifted.lineno += lines
    return shifted


def split_documents(path: Path, text: str) -> tuple[Any, Any, int]:
    """The header and body of a save file's text, and how many documents it holds. Raises SaveError.

    Each part is read as JSON when it is one (as the game writes it: fast, and no YAML needed);
    anything else (format 1's YAML body, a header a person rewrote as YAML) goes through the
    story loader's YAML reader, libyaml with a lean constructor that refuses every tag but plain data.
    """
    head, sep, rest = text.partition(SEPARATOR)
    json_error: json.JSONDecodeError | None = None
    if sep:
        header, json_error = _json(head)
        body, body_error = _json(rest)
        if body_error is not None:
            json_error = _shift(body_error, head.count("\n") + 2)
        if header is not _NOT_JSON and body is not _NOT_JSON:
            return header, body, 2
    else:
        header, _ = _json(head)
        if header is not _NOT_JSON:  # a header alone: a save cut off before its run, said so without YAML
            return header, None, 1
    try:
        docs, problems = load_documents(path, text, json_error)
    except SaveError:
        raise
    except Exception:  # hostile bytes: huge numbers, deep nesting
        raise SaveError(path, "the file cannot be read as YAML; it is damaged or not a save") from None
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        if json_error is not None:
            raise SaveError(path, f"the file is not valid JSON at line {json_error.lineno} ({json_error.msg}); it is cut off, damaged or not a save")
        where = f" at line {errors[0].line}" if errors[0].line else ""
        problem = errors[0].message.removeprefix("YAML syntax: ").removeprefix("YAML: ")
        raise SaveError(path, f"the file is not valid YAML{where} ({problem}); it is damaged or not a save")
    return (docs[0] if docs else None), (docs[1] if len(docs) > 1 else None), len(docs)


def parse_header(path: Path, text: str) -> Any:
    """The header document alone (the text before the first `---`): for listing, which never reads a run."""
    header, _ = _json(text)
    if header is not _NOT_JSON:
        return header
    try:
        docs, problems = load_documents(path, text)
    except SaveError:
        raise
    except Exception:
        raise SaveError(path, "the header cannot be read as YAML; it is damaged or not a save") from None
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        where = f" at line {errors[0].line}" if errors[0].line else ""
        raise SaveError(path, f"the header is not valid YAML{where}; it is damaged or not a save")
    return docs[0] if docs else None
