"""`nlmg play`: the desktop window unless --text is asked for (or no window can be opened)."""

from __future__ import annotations

import argparse
import sys


def _terminal(args: argparse.Namespace) -> int:
    # start-up time: the window never loads the terminal front end
    from game.frontends import terminal

    return terminal.main(args)


def main(args: argparse.Namespace) -> int:
    if args.text:
        return _terminal(args)
    try:
        # optional: pygame may be missing or broken here, and the terminal needs none of it
        from game.frontends.desktop import app
    except ImportError as exc:  # pygame missing or broken in this environment
        print(f"No window can be opened here ({exc}); playing in the terminal instead.", file=sys.stderr)
        return _terminal(args)
    try:
        return app.main(args)
    except app.NoWindow as exc:
        print(f"No window can be opened here ({exc}); playing in the terminal instead.", file=sys.stderr)
        return _terminal(args)
