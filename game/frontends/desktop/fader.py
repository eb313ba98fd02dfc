"""The crossfade between screens: the window as it was, fading out over whatever is drawn next.

With reduced motion (Settings) there is none: the next screen is simply there.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame


@dataclass(slots=True)
class Fade:
    snapshot: pygame.Surface  # what the window showed when the fade began
    elapsed: float
    duration: float


class Fader:
    def __init__(self) -> None:
        self.fade: Fade | None = None

    def start(self, window: pygame.Surface, seconds: float) -> bool:
        """Begin a fade from what `window` shows now. False when there is none to run."""
        if seconds <= 0:
            return False
        self.fade = Fade(window.copy(), 0.0, seconds)
        return True

    def update(self, dt: float) -> tuple[bool, bool]:
        """(moving, ended): the fade runs on, or has just finished (draw once more without it)."""
        fade = self.fade
        if fade is None:
            return False, False
        fade.elapsed += dt
        if fade.elapsed >= fade.duration:
            self.fade = None
            return False, True
        return True, False

    def draw(self, surface: pygame.Surface) -> None:
        fade = self.fade
        if fade is not None:
            a = 1.0 - fade.elapsed / fade.duration
            fade.snapshot.set_alpha(round(255 * a * a * (3 - 2 * a)))
            surface.blit(fade.snapshot, (0, 0))
