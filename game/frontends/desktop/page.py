"""The page of one scene: what the run's log says was read and done there, laid out in the column, then the choices.

The page is rebuilt from `Run.log` (everything after the scene's title entry), so undo, redo,
loading and live reload all show exactly what the player read, and new entries are simply
appended and revealed. Positions are in page coordinates; the play screen scrolls them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.engine import LogEntry
from game.engine.model import Option
from game.frontends.desktop.metrics import Metrics
from game.frontends.desktop.pen import Pen
from game.frontends.desktop.text import Block, Fonts, Record, draw_block
from game.frontends.desktop.theme import Look
from game.frontends.desktop.ui import pill

PAUSE_CHARS = 14  # the reveal waits this many characters' time between paragraphs


@dataclass(slots=True)
class PageItem:
    kind: str  # title | text | choice | command | reply
    block: Block
    y: int = 0
    start: int | None = None  # where its characters begin in the reveal count; None: already read
    entry: LogEntry | None = None  # what it shows (Skip asks whether it was read before)


@dataclass(slots=True)
class OptionRow:
    number: int
    option: Option | None  # None: the page's own "Continue" (after an ending)
    label: str
    block: Block
    y: int = 0
    height: int = 0


@dataclass
class Page:
    fonts: Fonts
    m: Metrics
    items: list[PageItem] = field(default_factory=list)
    rows: list[OptionRow] = field(default_factory=list)
    text_height: int = 0
    height: int = 0
    pending: int = 0  # characters (and pauses) waiting to be revealed
    options_y: int = 0

    # ---- building -------------------------------------------------------------------------------
    def add(self, entry: LogEntry, reveal: bool) -> None:
        m = self.m
        kind = entry.kind
        if kind == "title":
            block = Block(entry.text, "regular", round(m.body * 1.45), m.column.width, align="center")
        elif kind in ("choice", "command"):
            text = entry.text if kind == "choice" else f"› {entry.text}"
            block = Block(text, "italic", m.body, m.column.width, indent=round(m.body * 1.4))
        elif kind in ("text", "reply"):
            block = Block(entry.text, "regular", m.body, m.column.width)
        else:
            return  # chapter and ending entries are shown by their own screens
        block.layout(self.fonts)
        item = PageItem(kind, block, entry=entry)
        if reveal:
            item.start = self.pending
            self.pending += block.chars + PAUSE_CHARS
        self.items.append(item)
        self._place_text()

    def set_options(self, options: list[Option], ended: bool) -> None:
        m = self.m
        indent = round(m.body * 1.9)
        self.rows = []
        rows: list[tuple[Option | None, str]] = [(None, "Continue")] if ended else [(o, o.text) for o in options]
        for n, (opt, label) in enumerate(rows, 1):
            block = Block(label, "regular", m.body, m.column.width - round(m.body * 0.6), indent=indent).layout(self.fonts)
            self.rows.append(OptionRow(n, opt, label, block))
        self._place_options()

    def _place_text(self) -> None:
        y = 0
        gap = self.m.gap
        prev = None
        for item in self.items:
            if prev is not None:
                y += gap
                if prev == "title":
                    y += round(self.m.body * 1.6)  # room for the rule under the title
                elif item.kind in ("choice", "command") or prev in ("choice", "command"):
                    y += round(gap * 0.6)
            item.y = y
            y += item.block.height
            prev = item.kind
        self.text_height = y
        self._place_options()

    def _place_options(self) -> None:
        y = self.text_height + round(self.m.body * 2.2)
        self.options_y = y
        pad = round(self.m.body * 0.35)
        for row in self.rows:
            row.y = y
            row.height = row.block.height + 2 * pad
            y += row.height + round(self.m.body * 0.2)
        self.height = y if self.rows else self.text_height

    # ---- revealing ------------------------------------------------------------------------------
    def reveal_bottom(self, revealed: float) -> int:
        """The page y of the lowest line shown so far: the scroll follows it."""
        bottom = 0
        for item in self.items:
            if item.start is None:
                bottom = item.y + item.block.height
                continue
            shown = revealed - item.start
            if shown <= 0:
                break
            for line in item.block.lines:
                if line.start < shown:
                    bottom = item.y + line.y + item.block.line_height
        return bottom

    def finish(self) -> None:
        for item in self.items:
            item.start = None
        self.pending = 0

    # ---- drawing --------------------------------------------------------------------------------
    def draw_text(self, surface: pygame.Surface, look: Look, x: int, y: int, clip: pygame.Rect, revealed: float,
                  record: Record | None) -> None:
        for item in self.items:
            top = y + item.y
            if top > clip.bottom:
                break
            if top + item.block.height < clip.top:
                continue
            if item.start is None:
                shown = None
            else:
                shown = int(revealed) - item.start
                if shown <= 0:
                    break
            color = look.muted if item.kind in ("choice", "command") else (look.accent if item.kind == "title" else look.ink)
            draw_block(surface, self.fonts, item.block, x, top, color, shown, clip, record)
            if item.kind == "title" and (shown is None or shown >= item.block.chars):
                rule_y = top + item.block.height + round(self.m.body * 0.75)
                if clip.top <= rule_y <= clip.bottom:
                    half = round(self.m.body * 1.6)
                    cx = x + self.m.column.width // 2
                    pygame.draw.line(surface, look.faint, (cx - half, rule_y), (cx + half, rule_y), 1)
                    pygame.draw.circle(surface, look.faint, (cx, rule_y), 2)

    def option_rect(self, row: OptionRow, x: int, y: int) -> pygame.Rect:
        pad = round(self.m.body * 0.3)
        return pygame.Rect(x - pad, y + row.y, self.m.column.width + 2 * pad, row.height)

    def draw_options(self, pen: Pen, surface: pygame.Surface, look: Look, x: int, y: int, clip: pygame.Rect, focus: int,
                     alpha: int = 255) -> None:
        pad = round(self.m.body * 0.35)
        for i, row in enumerate(self.rows):
            rect = self.option_rect(row, x, y)
            if rect.bottom < clip.top or rect.top > clip.bottom:
                continue
            enabled = row.option is None or row.option.enabled
            focused = i == focus and enabled
            if focused:
                pill(surface, rect.clip(clip), look.select_bg, 235)
            color = look.accent if focused else (look.ink if enabled else look.disabled)
            self.draw_badge(pen, surface, look, row, x, y + row.y + pad, clip, enabled, focused, alpha)
            if alpha < 255:
                layer = pygame.Surface((rect.width, rect.height), pygame.SRCALPHA)
                draw_block(layer, self.fonts, row.block, x - rect.x, pad, color)
                layer.set_alpha(alpha)
                old_clip = surface.get_clip()
                surface.set_clip(clip)
                surface.blit(layer, rect.topleft)
                surface.set_clip(old_clip)
            else:
                draw_block(surface, self.fonts, row.block, x, y + row.y + pad, color, None, clip, pen.record)

    def draw_badge(self, pen: Pen, surface: pygame.Surface, look: Look, row: OptionRow, x: int, top: int, clip: pygame.Rect,
                   enabled: bool, focused: bool, alpha: int) -> None:
        """The choice's key in a small ring, in lining figures (EB Garamond's old-style 1 reads as a dotless i)."""
        m = self.m
        r = round(m.body * 0.56)
        cx = x + round(m.body * 0.62)
        cy = top + round(row.block.line_height * 0.5)
        if cy - r < clip.top or cy + r > clip.bottom:
            return
        num = str(row.number) if enabled else "–"
        ring = look.accent if enabled else look.disabled
        size = round(m.body * 0.8)
        layer = pygame.Surface((2 * r + 2, 2 * r + 2), pygame.SRCALPHA)
        if focused:
            pygame.draw.circle(layer, ring, (r + 1, r + 1), r)
            color = look.page
        else:
            pygame.draw.circle(layer, ring, (r + 1, r + 1), r, 1)
            color = ring
        digit = pen.label(num, "figures", size, color)
        layer.blit(digit, (r + 1 - digit.get_width() // 2, r + 1 - digit.get_height() // 2 - round(size * 0.06)))
        if alpha < 255:
            layer.set_alpha(alpha)
        surface.blit(layer, (cx - r - 1, cy - r - 1))
        pen.note(pygame.Rect(cx - r - 1, cy - r - 1, 2 * r + 2, 2 * r + 2), num)
