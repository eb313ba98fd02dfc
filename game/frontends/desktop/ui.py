"""Widgets shared by the menus: a vertical menu, a row of buttons, a Back link, panels and scrims.

Menus answer to the keyboard (arrows, Enter, Escape), the gamepad (D-pad, A, B) and the mouse
(hover to focus, click to take) alike, so every screen can be played with any one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from game.frontends.desktop import art
from game.frontends.desktop.events import Click, Event, Motion, intent
from game.frontends.desktop.pen import Pen
from game.frontends.desktop.theme import RGB, Look


@dataclass
class Item:
    label: str
    action: Callable[[], None]
    enabled: bool = True
    detail: str = ""  # a quieter second part, drawn after the label (a setting's value)


@dataclass
class Menu:
    """A vertical list of items. Focus moves with arrows or the pad, follows the mouse, wraps at the ends."""

    items: list[Item]
    focus: int = 0
    rects: list[pygame.Rect] = field(default_factory=list)
    on_back: Callable[[], None] | None = None
    on_side: Callable[[int, int], None] | None = None  # left/right on an item: (index, -1 | +1)

    def __post_init__(self) -> None:
        """Focus the first enabled item from `focus`; a negative focus means nothing is focused until pointed at."""
        self.focus = self._next(self.focus - 1, 1) if self.items and self.focus >= 0 else -1

    def _next(self, start: int, step: int) -> int:
        n = len(self.items)
        for k in range(1, n + 1):
            i = (start + step * k) % n
            if self.items[i].enabled:
                return i
        return -1

    def handle(self, ev: Event) -> bool:
        """Take the event if it is the menu's; True when something changed (redraw)."""
        what = intent(ev)
        if what in ("up", "down") and self.items:
            self.focus = self._next(self.focus, -1 if what == "up" else 1)
            return True
        if what in ("left", "right") and self.on_side is not None and self.focus >= 0:
            self.on_side(self.focus, -1 if what == "left" else 1)
            return True
        if what == "accept" and 0 <= self.focus < len(self.items) and self.items[self.focus].enabled:
            self.items[self.focus].action()
            return True
        if what == "back" and self.on_back is not None:
            self.on_back()
            return True
        if isinstance(ev, Motion):
            hit = self.hit(ev.x, ev.y)
            if hit is not None and hit != self.focus and self.items[hit].enabled:
                self.focus = hit
                return True
            return False
        if isinstance(ev, Click) and ev.button == 1:
            hit = self.hit(ev.x, ev.y)
            if hit is not None and self.items[hit].enabled:
                self.focus = hit
                self.items[hit].action()
                return True
        return False

    def hit(self, x: int, y: int) -> int | None:
        for i, r in enumerate(self.rects):
            if r.collidepoint(x, y):
                return i
        return None

    def draw(self, pen: Pen, surface: pygame.Surface, look: Look, center_x: int, top: int, size: int,
             spacing: float = 1.65, align: str = "center", width: int | None = None, highlight: str = "pill",
             shadow: bool = False) -> int:
        """Draw the items from `top`; returns the y below the last one. Keeps their rects for the mouse."""
        self.rects = []
        y = top
        step = round(size * spacing)
        for i, item in enumerate(self.items):
            focused = i == self.focus
            color = look.accent if focused else (look.ink if item.enabled else look.disabled)
            label = pen.label(item.label, "regular", size, color)
            detail = pen.label(item.detail, "italic", size, look.muted if item.enabled else look.disabled) if item.detail else None
            gap = round(size * 0.7) if detail else 0
            total = label.get_width() + gap + (detail.get_width() if detail else 0)
            if align == "center":
                x = center_x - total // 2
            else:
                x = center_x
            row = pygame.Rect(x - round(size * 0.6), y - round(size * 0.12), total + round(size * 1.2), round(size * 1.32))
            if width is not None and align != "center":
                row.width = max(row.width, width + round(size * 1.2))
            if focused and highlight == "pill":
                pill(surface, row, look.select_bg, 200)
            elif focused:  # a short rule under the word, like a pencil mark
                uy = y + label.get_height() - round(size * 0.12)
                pygame.draw.line(surface, look.accent, (x + label.get_width() // 4, uy), (x + label.get_width() * 3 // 4, uy), 1)
            if shadow and item.enabled:
                surface.blit(pen.shadow(item.label, "regular", size), (x - max(2, size // 6), y - max(2, size // 6) + 1))
            pen.put(surface, label, (x, y), item.label)
            if detail is not None:
                if width is not None and align != "center":
                    pen.put(surface, detail, (x + width - detail.get_width(), y), item.detail)
                else:
                    pen.put(surface, detail, (x + label.get_width() + gap, y), item.detail)
            self.rects.append(row)
            y += step
        return y


def pill(surface: pygame.Surface, rect: pygame.Rect, color: RGB, alpha: int = 255) -> None:
    """A softly rounded highlight."""
    radius = max(4, min(rect.height // 3, 14))
    if alpha >= 255:
        pygame.draw.rect(surface, color, rect, border_radius=radius)
        return
    layer = pygame.Surface(rect.size, pygame.SRCALPHA)
    pygame.draw.rect(layer, (*color, alpha), layer.get_rect(), border_radius=radius)
    surface.blit(layer, rect.topleft)


def scrim(surface: pygame.Surface, color: RGB = (10, 12, 18), alpha: int = 150) -> None:
    layer = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    layer.fill((*color, alpha))
    surface.blit(layer, (0, 0))


def panel(size: tuple[int, int], color: RGB, alpha: int, edge: int = 0, shadow: bool = True) -> pygame.Surface:
    """A page-coloured panel with feathered side edges, made once per size and reused."""
    w, h = size
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    surf.fill((*color, alpha))
    if edge > 0:
        for i in range(edge):
            a = round(alpha * (i + 1) / (edge + 1))
            pygame.draw.line(surf, (*color, a), (i, 0), (i, h))
            pygame.draw.line(surf, (*color, a), (w - 1 - i, 0), (w - 1 - i, h))
    return surf


def button_row(pen: Pen, surface: pygame.Surface, look: Look, labels: list[str], focus: int, center_x: int, y: int,
               size: int) -> list[pygame.Rect]:
    """Buttons side by side (a dialog's Yes / No); returns their rects."""
    surfs = [pen.label(t, "regular", size, look.accent if i == focus else look.ink) for i, t in enumerate(labels)]
    pad = round(size * 0.9)
    gap = round(size * 1.4)
    total = sum(s.get_width() + 2 * pad for s in surfs) + gap * (len(surfs) - 1)
    x = center_x - total // 2
    rects = []
    for i, (t, s) in enumerate(zip(labels, surfs)):
        r = pygame.Rect(x, y - round(size * 0.2), s.get_width() + 2 * pad, round(size * 1.45))
        pill(surface, r, look.select_bg if i == focus else look.page, 230 if i == focus else 150)
        pygame.draw.rect(surface, look.faint if i != focus else look.accent, r, 1, border_radius=max(4, r.height // 3))
        pen.put(surface, s, (x + pad, y), t)
        rects.append(r)
        x += r.width + gap
    return rects


def back_link(pen: Pen, surface: pygame.Surface, look: Look, x: int, y: int, size: int, focused: bool = False,
              text: str = "‹ Back") -> pygame.Rect:
    """The small 'Back' a mouse player clicks to leave a screen (keyboard: Escape; pad: B)."""
    s = pen.label(text, "regular", size, look.accent if focused else look.muted)
    r = pygame.Rect(x - 8, y - 4, s.get_width() + 16, s.get_height() + 8)
    pen.put(surface, s, (x, y), text)
    return r


class Backdrop:
    """A place's painting with the page panel laid over it, made once per place, size, theme and panel, then reused."""

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._surface: pygame.Surface | None = None

    def get(self, location: str | None, size: tuple[int, int], look: Look, panel_rect: pygame.Rect, alpha: int,
            edge: int) -> pygame.Surface:
        key = (location, size, look.theme.name, look.page, panel_rect.left, panel_rect.width, alpha, edge)
        if self._surface is None or key != self._key:
            bg = art.paint(location, size, look.theme.name).copy()
            bg.blit(panel(panel_rect.size, look.page, alpha, edge=edge), panel_rect.topleft)
            self._surface, self._key = bg, key
        return self._surface
