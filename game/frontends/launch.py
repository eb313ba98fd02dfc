"""`nlmg play`: the desktop window unless --text is asked for (or no window can be opened)."""

from __future__ import annotations

import argparse
import importlib.util
import sys


def main(args: argparse.Namespace) -> int:
    if args.text:
        from game.frontends import terminal

        return terminal.main(args)
    if importlib.util.find_spec("game.frontends.desktop.app") is None:
        print("The desktop window is not built yet; playing in the terminal.", file=sys.stderr)
        from game.frontends import terminal

        return terminal.main(args)
    from game.frontends.desktop import app

    return app.main(args)
