"""What is drawn over every screen: short notices (toasts) and the error box of a broken live reload."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.frontends.desktop.text import Block, draw_block
from game.frontends.desktop.ui import pill

if TYPE_CHECKING:
    from game.frontends.desktop.app import App


def draw_toasts(app: "App", surface: pygame.Surface) -> None:
    if not app.toasts:
        return
    m = app.metrics
    look = app.look(None)
    y = m.h - round(m.body * 4.6)
    for text, left in reversed(app.toasts):
        width = min(m.column.width, m.w - 2 * m.margin)
        block = Block(text, "italic", m.small, width - 2 * m.small).layout(app.fonts)
        widest = max((app.fonts.word_width("italic", m.small, ln.text) for ln in block.lines), default=0)
        box = pygame.Rect(0, 0, widest + 2 * m.small, block.height + m.small)
        box.midbottom = (m.w // 2, y)
        alpha = max(0.0, min(1.0, left / 0.6))
        layer = pygame.Surface(box.size, pygame.SRCALPHA)
        pill(layer, layer.get_rect(), look.theme.ink, 225)
        draw_block(layer, app.fonts, block, m.small, m.small // 2, look.theme.page)
        layer.set_alpha(round(255 * alpha))
        surface.blit(layer, box.topleft)
        app.overlay_record.append((box, text))
        y = box.top - round(m.small * 0.6)


def draw_errors(app: "App", surface: pygame.Surface) -> None:
    """The reload error box: the message and each problem as file:line: message, over the game."""
    if app.errors is None:
        app.error_rect = None
        return
    message, lines = app.errors
    m = app.metrics
    width = min(m.w - 2 * m.margin, round(m.column.width * 1.25))
    head = Block(message, "italic", m.small, width - 2 * m.small).layout(app.fonts)
    shown = lines[:6] + ([f"… and {len(lines) - 6} more (nlmg check lists them all)"] if len(lines) > 6 else [])
    blocks = [Block(t, "regular", m.small, width - 2 * m.small).layout(app.fonts) for t in shown]
    foot = Block("Fix the file and press Shift+R again. Esc or a click hides this.", "italic", m.small, width - 2 * m.small).layout(app.fonts)
    height = m.small + head.height + round(m.small * 0.5) + sum(b.height for b in blocks) + round(m.small * 0.5) + foot.height + m.small
    box = pygame.Rect((m.w - width) // 2, m.margin, width, min(height, m.h - 2 * m.margin))
    layer = pygame.Surface(box.size, pygame.SRCALPHA)
    pill(layer, layer.get_rect(), (40, 18, 16), 238)
    x, y = m.small, m.small // 2 + m.small // 2
    draw_block(layer, app.fonts, head, x, y, (255, 214, 196))
    y += head.height + m.small // 2
    for b in blocks:
        draw_block(layer, app.fonts, b, x, y, (250, 240, 232), clip=layer.get_rect())
        y += b.height
    y += m.small // 2
    draw_block(layer, app.fonts, foot, x, y, (214, 180, 170), clip=layer.get_rect())
    surface.blit(layer, box.topleft)
    app.error_rect = box
    app.overlay_record.append((box, message))
