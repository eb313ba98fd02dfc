"""`nlmg check`'s memory of a story it has checked: the whole-story analysis and the summary, by what they depend on.

On a warm cache the load of a 10,000-scene story takes half a second, and then the analysis (0.6-0.9 s)
and the summary (which builds every scene to count its words, 0.5 s more) would do again exactly what
they did last time. Both are functions of the story alone, so they are kept beside the loader's records
and used again only when everything they depend on is the same: the story's content hash, the paths the
messages print (they follow the folder and where the command is run from), and the source of the engine
and of these tools (a changed check is never answered by an old one). Plain JSON, read through the
bounded reader; anything unexpected in it is a miss, and the check simply runs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine import Diagnostic, Story
from game.engine.files import UnreadableFile, read_limited
from game.engine.loadcache import cache_file, code_fingerprint, source_fingerprint, write_quietly

FORMAT = 1
TOOLS = Path(__file__).resolve().parent
SUMMARY_KEYS = ("scenes", "choices", "actions", "endings", "words")
MAX_BYTES = 256 << 20


@dataclass
class Known:
    """What an earlier check of the same story found: its summary, and its analysis if that check ran one."""

    summary: dict[str, int]
    analysis: list[Diagnostic] | None


def key(story: Story) -> str:
    h = hashlib.sha256(f"{FORMAT}\0{code_fingerprint()}\0{source_fingerprint(TOOLS)}\0{story.content_hash}\0".encode())
    h.update("\0".join((story.pos.path, *story.files)).encode())
    return h.hexdigest()


def _file(folder: Path, root: str | Path) -> Path:
    return cache_file(folder, str(Path(root).resolve()), "check", ".json")


def recall(folder: Path | None, root: str | Path, story: Story) -> Known | None:
    """What the last check of this very story found, or None."""
    if folder is None:
        return None
    try:
        data = json.loads(read_limited(_file(folder, root), MAX_BYTES, "cache file"))
    except (UnreadableFile, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("key") != key(story):
        return None
    summary, analysis = data.get("summary"), data.get("analysis")
    if not isinstance(summary, dict) or any(type(summary.get(k)) is not int for k in SUMMARY_KEYS):
        return None
    if analysis is None:
        return Known({k: summary[k] for k in SUMMARY_KEYS}, None)
    if not isinstance(analysis, list):
        return None
    found = [d for d in (_diagnostic(item) for item in analysis) if d is not None]
    if len(found) != len(analysis):
        return None
    return Known({k: summary[k] for k in SUMMARY_KEYS}, found)


def remember(folder: Path | None, root: str | Path, story: Story, known: Known) -> None:
    """Keep what this check found for the next one. Never raises."""
    if folder is None:
        return
    data: dict[str, Any] = {
        "key": key(story), "summary": known.summary,
        "analysis": None if known.analysis is None else [d.to_json() for d in known.analysis],
    }
    write_quietly(_file(folder, root), json.dumps(data).encode("ascii"))


def _diagnostic(item: Any) -> Diagnostic | None:
    if not isinstance(item, dict):
        return None
    path, line, col, severity, message = (item.get(k) for k in ("path", "line", "col", "severity", "message"))
    if not (isinstance(path, str) and type(line) is int and type(col) is int and severity in ("error", "warning") and isinstance(message, str)):
        return None
    return Diagnostic(path, line, col, severity, message)
