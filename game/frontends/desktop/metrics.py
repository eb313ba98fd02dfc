"""Sizes that follow the window: type scale, margins and the reading column (a measure of 60-75 characters)."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.frontends.desktop.text import Fonts

MEASURE_CHARS = 66  # the book measure we aim for; the column never holds more than ~75


@dataclass(frozen=True, slots=True)
class Metrics:
    w: int
    h: int
    body: int  # prose pixel size
    small: int  # hints, dates, labels
    ui: int  # menu items
    heading: int  # screen titles
    display: int  # the game's name on the title screen
    margin: int  # space kept clear at the window's edges
    column: pygame.Rect  # where the prose goes, full height of the window
    gap: int  # space between paragraphs

    def reading_frame(self) -> ReadingFrame:
        """The page as the play screen and the replay player both lay it out."""
        padx = round(self.body * 1.7)
        col = self.column
        top = max(round(self.margin * 0.7), 10)
        bar_h = round(self.body * 2.3)
        bar = pygame.Rect(col.left, self.h - top - bar_h, col.width, bar_h)
        view = pygame.Rect(col.left - round(self.body * 0.4), top + round(self.small * 1.5) + round(self.body * 0.6),
                           col.width + round(self.body * 0.8), 0)
        view.height = max(40, bar.top - round(self.body * 0.5) - view.top)
        return ReadingFrame(pygame.Rect(col.left - padx, 0, col.width + 2 * padx, self.h), top, bar, view)


@dataclass(frozen=True, slots=True)
class ReadingFrame:
    panel: pygame.Rect  # the page-coloured panel behind the column
    header_y: int  # where the chapter line and Menu sit
    bar: pygame.Rect  # the command line (play) or the step controls (replay) at the foot
    view: pygame.Rect  # the scrolling prose between them


def compute(size: tuple[int, int], body_px: int, fonts: Fonts) -> Metrics:
    """Everything scales with the window's smaller ratio to 1280x720, within limits that keep text readable."""
    w, h = max(320, size[0]), max(240, size[1])
    scale = max(0.78, min(1.6, min(w / 1280, h / 720)))
    body = max(15, round(body_px * scale))
    margin = max(16, round(min(w, h) * 0.045))
    avg = fonts.word_width("regular", body, "abcdefghijklmnopqrstuvwxyz etaoin shrdlu") / 41
    col_w = min(round(avg * MEASURE_CHARS), w - 2 * margin - round(24 * scale))
    col_w = max(200, col_w)
    column = pygame.Rect((w - col_w) // 2, 0, col_w, h)
    return Metrics(
        w=w, h=h, body=body,
        small=max(13, round(body * 0.72)), ui=max(16, round(body * 1.08)),
        heading=max(20, round(body * 1.5)), display=max(30, round(body * 2.9)),
        margin=margin, column=column, gap=round(body * 0.7),
    )
