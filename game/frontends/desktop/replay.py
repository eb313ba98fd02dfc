"""`nlmg replay SAVE` in a window: the app with the replay player as its only screen (see replay_screen.py).

Without a window (no display, no video driver) the run is printed as a transcript instead.
"""

from __future__ import annotations

import argparse
import sys

import pygame

from game.engine.replay import ReplayModel
from game.frontends.desktop.app import App, NoWindow
from game.frontends.desktop.replay_screen import ReplayScreen


def main(args: argparse.Namespace, model: ReplayModel) -> int:
    """Open a window on `model` (called by `nlmg replay SAVE`); it closes when the player leaves."""
    try:
        app = App(args, sound=False)
    except NoWindow as exc:
        print(f"No window can be opened here ({exc}); here is the run as text.", file=sys.stderr)
        sys.stdout.write(model.transcript())
        return 0
    pace = getattr(args, "pace", 2.0) or 2.0
    try:
        return app.run(first=lambda: app.push(ReplayScreen(app, model, pace)))
    finally:
        pygame.quit()
