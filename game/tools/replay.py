"""`nlmg replay SAVE`: watch a saved run again in the window, print or export it, or verify it replays exactly.

Exit codes: 0 when the save was shown, written or verified; 1 when the save or the story cannot
be read, or --verify found the replay does not reach the saved state (the first diverging input
and why are printed). Never a traceback: a bad save is one line naming the file and the reason.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import ModuleType

from game import paths
from game.engine import Engine
from game.engine.replay import ReplayModel, verify
from game.engine.saves import SaveError, SaveStore, read_save, write_atomic
from game.frontends.common import load_or_report


def window() -> tuple[ModuleType | None, str]:
    """The desktop replay player, or None and why it cannot be had here (pygame missing or broken)."""
    try:
        from game.frontends.desktop import replay as player  # pygame: optional, and slow to import for --text
    except ImportError as exc:
        return None, str(exc)
    return player, ""


def main(args: argparse.Namespace) -> int:
    story = load_or_report(getattr(args, "scenes", None))
    if story is None:
        return 1
    engine = Engine(story)
    store = SaveStore(paths.saves_dir(getattr(args, "saves", None)))
    path = store.find(args.save)
    code = 0
    if args.verify:
        code = run_verify(path, engine)
        if not (args.text or args.transcript):
            return code
    try:
        model = ReplayModel.from_save(path, engine)
    except SaveError as exc:
        print(f"Cannot replay: {exc}", file=sys.stderr)
        return 1
    if model.notice and not args.verify:
        print(model.notice, file=sys.stderr)
    if args.transcript:
        out = Path(args.transcript)
        try:
            write_atomic(out, model.transcript().encode("utf-8"))
        except SaveError as exc:
            print(f"Cannot write the transcript: {exc}", file=sys.stderr)
            return 1
        print(f"Wrote the transcript of {path} ({model.run.moves} moves) to {out}.", file=sys.stderr)
    if args.text:
        sys.stdout.write(model.transcript())
    if args.text or args.transcript or args.verify:
        return code
    player, why = window()
    if player is not None:
        return int(player.main(args, model) or 0)
    print(f"(No window can be opened here ({why}), so here is the run as text.)", file=sys.stderr)
    sys.stdout.write(model.transcript())
    return 0


def run_verify(path: Path, engine: Engine) -> int:
    ok, message = verify(path, engine)
    if not ok:
        print(f"{path}: does not replay exactly. {message}" if not str(message).startswith(str(path)) else str(message))
        return 1
    save = read_save(path)
    print(f"{path}: replays exactly: {len(save.inputs)} moves reach the saved state {save.state_hash[:12]}.")
    if message:
        print(message)
    return 0
