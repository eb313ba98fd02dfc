"""What is drawn over every screen: short notices (toasts) and the error box of a broken story or live reload."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import pygame

from game.frontends.desktop.events import Click, Event, Key
from game.frontends.desktop.metrics import Metrics
from game.frontends.desktop.text import Block, Fonts, draw_block
from game.frontends.desktop.theme import Look
from game.frontends.desktop.ui import pill

FADE_OUT = 0.6  # a notice fades in its last this-many seconds


@dataclass(slots=True)
class Toast:
    text: str
    left: float  # seconds until it is gone


class Errors(NamedTuple):
    message: str
    lines: list[str]  # file:line: message


class Notices:
    """The toasts and the error box: their timers, and how they are drawn over the game."""

    def __init__(self) -> None:
        self.toasts: list[Toast] = []
        self.errors: Errors | None = None
        self.error_rect: pygame.Rect | None = None  # where the box was drawn, so a click on it hides it
        self.rects: list[pygame.Rect] = []  # where the toasts were drawn last

    @property
    def showing(self) -> bool:
        return bool(self.toasts) or self.errors is not None

    def toast(self, text: str, seconds: float) -> None:
        """A short notice at the foot of the window; the same text again restarts it, and at most three stay."""
        self.toasts = [*[t for t in self.toasts if t.text != text][-2:], Toast(text, seconds)]

    def show_errors(self, lines: Sequence[str], message: str) -> None:
        self.errors = Errors(message, list(lines))

    def dismissed_by(self, ev: Event) -> bool:
        """Does this event hide the error box (Escape, or a click on the box)? It is hidden if so."""
        if self.errors is None:
            return False
        hit = isinstance(ev, Click) and self.error_rect is not None and self.error_rect.collidepoint(ev.x, ev.y)
        if hit or (isinstance(ev, Key) and ev.name == "escape"):
            self.hide_errors()
            return True
        return False

    def hide_errors(self) -> None:
        self.errors = None
        self.error_rect = None

    def update(self, dt: float) -> tuple[bool, bool]:
        """Run the toasts' timers. (moving, changed): a toast is fading; one has gone."""
        if not self.toasts:
            return False, False
        for t in self.toasts:
            t.left -= dt
        before = len(self.toasts)
        self.toasts = [t for t in self.toasts if t.left > 0]
        return any(t.left < FADE_OUT for t in self.toasts), len(self.toasts) != before

    def draw(self, surface: pygame.Surface, m: Metrics, fonts: Fonts, look: Look) -> None:
        self._draw_toasts(surface, m, fonts, look)
        self._draw_errors(surface, m, fonts)

    def _draw_toasts(self, surface: pygame.Surface, m: Metrics, fonts: Fonts, look: Look) -> None:
        """Beside the page, never on it: in the margin right of the reading panel, newest at the top, one
        under another. A window too narrow for a margin shows the newest alone, over the command line."""
        self.rects = []
        panel_right = m.column.right + round(m.body * 1.7)
        room = m.w - panel_right - 2 * round(m.small * 0.8)
        beside = room >= m.small * 11
        shown = list(reversed(self.toasts)) if beside else self.toasts[-1:]
        y = m.margin
        for toast in shown:
            width = room if beside else min(m.column.width, m.w - 2 * m.margin)
            block = Block(toast.text, "italic", m.small, width - 2 * m.small).layout(fonts)
            widest = max((fonts.word_width("italic", m.small, ln.text) for ln in block.lines), default=0)
            box = pygame.Rect(0, 0, widest + 2 * m.small, block.height + m.small)
            if beside:
                box.topleft = (panel_right + round(m.small * 0.8), y)
            else:
                bar = m.reading_frame().bar
                box.center = (m.w // 2, bar.centery)
            alpha = max(0.0, min(1.0, toast.left / FADE_OUT))
            layer = pygame.Surface(box.size, pygame.SRCALPHA)
            pill(layer, layer.get_rect(), look.theme.ink, 225)
            draw_block(layer, fonts, block, m.small, m.small // 2, look.theme.page)
            layer.set_alpha(round(255 * alpha))
            surface.blit(layer, box.topleft)
            self.rects.append(box)
            y = box.bottom + round(m.small * 0.6)

    def _draw_errors(self, surface: pygame.Surface, m: Metrics, fonts: Fonts) -> None:
        """The error box: the message and each problem as file:line: message, over the game."""
        if self.errors is None:
            self.error_rect = None
            return
        message, lines = self.errors
        width = min(m.w - 2 * m.margin, round(m.column.width * 1.25))
        inner = width - 2 * m.small
        head = Block(message, "italic", m.small, inner).layout(fonts)
        shown = lines[:6] + ([f"… and {len(lines) - 6} more (nlmg check lists them all)"] if len(lines) > 6 else [])
        blocks = [Block(t, "regular", m.small, inner).layout(fonts) for t in shown]
        foot = Block("Fix the file and press Ctrl+R again. Esc or a click hides this.", "italic", m.small, inner).layout(fonts)
        height = m.small + head.height + round(m.small * 0.5) + sum(b.height for b in blocks) + round(m.small * 0.5) + foot.height + m.small
        box = pygame.Rect((m.w - width) // 2, m.margin, width, min(height, m.h - 2 * m.margin))
        layer = pygame.Surface(box.size, pygame.SRCALPHA)
        pill(layer, layer.get_rect(), (40, 18, 16), 238)
        x, y = m.small, m.small // 2 + m.small // 2
        draw_block(layer, fonts, head, x, y, (255, 214, 196))
        y += head.height + m.small // 2
        for b in blocks:
            draw_block(layer, fonts, b, x, y, (250, 240, 232), clip=layer.get_rect())
            y += b.height
        y += m.small // 2
        draw_block(layer, fonts, foot, x, y, (214, 180, 170), clip=layer.get_rect())
        surface.blit(layer, box.topleft)
        self.error_rect = box
