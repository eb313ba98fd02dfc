"""How screens put words on the window: short texts rendered once and kept, and a note of every text drawn.

The note (`Pen.record`) is what the layout tests read to prove that no line leaves the window
or overlaps another; the app empties it at the start of each frame, and again under an
overlay, so it holds the top layer only.
"""

from __future__ import annotations

from collections import OrderedDict

import pygame

from game.frontends.desktop.text import Fonts, Record, fit, render_line
from game.frontends.desktop.theme import RGB

LabelKey = tuple[str, str, int, RGB | str, int | None]


class Labels:
    """Rendered short texts by (text, style, size, colour): menus redraw from here without rendering again."""

    def __init__(self, fonts: Fonts, size: int = 512) -> None:
        self.fonts = fonts
        self._cache: OrderedDict[LabelKey, pygame.Surface] = OrderedDict()
        self._size = size

    def get(self, text: str, style: str, size: int, color: RGB, width: int | None = None) -> pygame.Surface:
        key: LabelKey = (text, style, size, color, width)
        surf = self._cache.get(key)
        if surf is None:
            shown = fit(self.fonts, style, size, text, width) if width else text
            surf = render_line(self.fonts, style, size, shown, color)
            self._keep(key, surf)
        else:
            self._cache.move_to_end(key)
        return surf

    def shadow(self, text: str, style: str, size: int) -> pygame.Surface:
        """A soft dark halo to set light words on a busy picture: the text, blurred. Blit it size // 6 up and left."""
        key: LabelKey = (text, style, size, "shadow", None)
        surf = self._cache.get(key)
        if surf is None:
            words = render_line(self.fonts, style, size, text, (12, 12, 22))
            pad = max(2, size // 6)
            surf = pygame.Surface((words.get_width() + 2 * pad, words.get_height() + 2 * pad), pygame.SRCALPHA)
            surf.blit(words, (pad, pad))
            # shrunk to a quarter and scaled back up: smooth scaling does the blurring, cheaply
            small = pygame.transform.smoothscale(surf, (max(1, surf.get_width() // 4), max(1, surf.get_height() // 4)))
            surf = pygame.transform.smoothscale(small, surf.get_size())
            self._keep(key, surf)
        return surf

    def _keep(self, key: LabelKey, surf: pygame.Surface) -> None:
        self._cache[key] = surf
        if len(self._cache) > self._size:
            self._cache.popitem(last=False)


class Pen:
    """The fonts, the label cache and the record of this frame's text, handed to everything that draws words."""

    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self.labels = Labels(fonts)
        self.record: Record = []

    def forget(self) -> None:
        """The reader changed the font: every label is rendered again as it is next asked for."""
        self.labels = Labels(self.fonts)

    def label(self, text: str, style: str, size: int, color: RGB, width: int | None = None) -> pygame.Surface:
        """A short text rendered (once) in one style, size and colour; shortened with an ellipsis to `width`."""
        return self.labels.get(text, style, size, color, width)

    def shadow(self, text: str, style: str, size: int) -> pygame.Surface:
        return self.labels.shadow(text, style, size)

    def put(self, surface: pygame.Surface, surf: pygame.Surface, pos: tuple[int, int], text: str = "") -> None:
        """Blit a rendered text and note where it went."""
        surface.blit(surf, pos)
        self.record.append((pygame.Rect(pos, surf.get_size()), text))

    def note(self, rect: pygame.Rect, text: str) -> None:
        """Note text that was drawn some other way (clipped, faded, or through a layer)."""
        self.record.append((rect, text))
