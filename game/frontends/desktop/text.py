"""Text on screen: the shipped fonts, word wrap, and line surfaces rendered once and blitted after.

Measured (NOTES.md): re-rendering a page every frame costs ~1 ms, blitting cached lines ~0.3 ms.
So a paragraph is wrapped once per width (word widths cached per font), each line is rendered
once per colour, and the typing reveal clips a finished line surface instead of rendering a
partial one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pygame

from game import paths
from game.frontends.desktop.theme import RGB
from game.frontends.desktop.typography import smarten

Record = list[tuple[pygame.Rect, str]]  # where each text was drawn this frame, and what it said (see pen.py)

# Each family by style ("figures": the choice badges' digits). The book face is EB Garamond with its own
# lining figures mapped to the digits (assets/fonts/README.md): its old-style 1 read as a dotless i.
FAMILIES: dict[str, dict[str, str]] = {
    "book": {"regular": "GaramondLining-Regular.otf", "italic": "GaramondLining-Italic.otf",
             "figures": "GaramondLining-Regular.otf"},
    "legible": {"regular": "OpenDyslexic-Regular.otf", "italic": "OpenDyslexic-Italic.otf",
                "figures": "OpenDyslexic-Regular.otf"},
}
SIZE_RATIO = {"book": 1.0, "legible": 0.86}  # OpenDyslexic is drawn large for its size: the same measure, about
FONT_FILES = FAMILIES["book"]


class Fonts:
    """Fonts by style and pixel size, loaded from assets/fonts once each (the system's are never used).

    `family` (Settings: book or easy reading) and `spacing` (the line height, in the font's own
    line sizes) are the reader's; the app sets them and lays everything out again.
    """

    def __init__(self, folder: Path | None = None, family: str = "book", spacing: float = 1.08):
        self.folder = folder or paths.assets_dir() / "fonts"
        self.family = family if family in FAMILIES else "book"
        self.spacing = spacing
        self._fonts: dict[tuple[str, str, int], pygame.font.Font] = {}
        self._widths: dict[tuple[str, str, int], dict[str, int]] = {}

    def use(self, family: str, spacing: float) -> bool:
        """Change the reader's family and spacing; True when anything changed (lay out again)."""
        family = family if family in FAMILIES else "book"
        changed = (family, spacing) != (self.family, self.spacing)
        self.family, self.spacing = family, spacing
        return changed

    def _key(self, style: str, size: int) -> tuple[str, str, int]:
        return (self.family, style, max(6, int(size)))

    def get(self, style: str, size: int) -> pygame.font.Font:
        key = self._key(style, size)
        font = self._fonts.get(key)
        if font is None:
            files = FAMILIES[self.family]
            path = self.folder / files.get(style, files["regular"])
            px = max(6, round(key[2] * SIZE_RATIO[self.family]))
            try:
                font = pygame.font.Font(path, px)
            except (FileNotFoundError, OSError, pygame.error):  # a broken install still shows text
                font = pygame.font.Font(None, round(px * 1.2))
            self._fonts[key] = font
            self._widths[key] = {}
        return font

    def measure(self, style: str, size: int) -> tuple[pygame.font.Font, dict[str, int]]:
        """The font and its cache of word widths, for a loop that measures many words (wrap): one lookup, not one a word."""
        font = self.get(style, size)
        return font, self._widths[self._key(style, size)]

    def word_width(self, style: str, size: int, word: str) -> int:
        font = self.get(style, size)
        cache = self._widths[self._key(style, size)]
        w = cache.get(word)
        if w is None:
            w = cache[word] = font.size(word)[0]
        return w


def wrap(fonts: Fonts, style: str, size: int, text: str, width: int) -> list[str]:
    """Greedy word wrap to `width` pixels. Words wider than a line are split by characters."""
    space = fonts.word_width(style, size, " ")
    font, widths = fonts.measure(style, size)  # a long history wraps 30,000 entries: a call a word less is a third faster
    lines: list[str] = []
    for para_line in text.split("\n"):
        words = para_line.split()
        if not words:
            lines.append("")
            continue
        cur: list[str] = []
        cur_w = 0
        for word in words:
            ww = widths.get(word)
            if ww is None:
                ww = widths[word] = font.size(word)[0]
            if ww > width:  # a very long word (a URL, a test string): split it
                if cur:
                    lines.append(" ".join(cur))
                pieces = split_word(fonts.get(style, size), word, width)
                lines.extend(pieces[:-1])
                cur, cur_w = [pieces[-1]], fonts.word_width(style, size, pieces[-1])
                continue
            extra = ww + (space if cur else 0)
            if cur and cur_w + extra > width:
                lines.append(" ".join(cur))
                cur, cur_w = [word], ww
            else:
                cur.append(word)
                cur_w += extra
        if cur:
            lines.append(" ".join(cur))
    return lines


def split_word(font: pygame.font.Font, word: str, width: int) -> list[str]:
    """A word wider than a line cut into pieces that each fit (a single glyph wider than the line goes alone).

    Each piece is the longest that fits, found by galloping out from the last piece's length and then
    bisecting: a handful of measurements of a line's worth of text per line, none of them kept.
    Measuring every prefix a character at a time, as this once did, cost a measurement and a cached
    string per character: 18 s and 16 MB for a word of 100,000 letters, against 1.5 s and 0.4 MB now
    (issue 12: a scene may hold a word of up to a million characters).
    """

    def fits(a: int, n: int) -> bool:
        return n <= 1 or font.size(word[a:a + n])[0] <= width

    pieces: list[str] = []
    guess = max(1, width // max(1, font.size("n")[0]))
    start, end = 0, len(word)
    while start < end:
        left = end - start
        n = min(left, guess)
        step = 1
        if fits(start, n):  # gallop up: `good` fits, `bad` (if any) does not
            good, bad = n, left + 1
            while good < left:
                if fits(start, min(left, good + step)):
                    good, step = min(left, good + step), step * 2
                else:
                    bad = min(left, good + step)
                    break
        else:  # gallop down
            good, bad = 1, n
            while bad - step > 1:
                if fits(start, bad - step):
                    good = bad - step
                    break
                bad, step = bad - step, step * 2
        while bad - good > 1:
            mid = (good + bad) // 2
            good, bad = (mid, bad) if fits(start, mid) else (good, mid)
        pieces.append(word[start:start + good])
        start += good
        guess = good
    return pieces


@dataclass(slots=True)
class Line:
    text: str
    y: int  # top, relative to its block
    start: int  # index of its first character in the block's reveal count
    surf: pygame.Surface | None = None
    color: RGB | None = None


@dataclass(slots=True)
class Block:
    """One paragraph (or title, or echo of a choice) wrapped to a width, with its lines' surfaces cached."""

    text: str
    style: str
    size: int
    width: int
    align: str = "left"  # left | center
    indent: int = 0
    lines: list[Line] = field(default_factory=list)
    line_height: int = 0
    height: int = 0
    chars: int = 0  # how many characters the reveal counts in this block

    def layout(self, fonts: Fonts) -> Block:
        font = fonts.get(self.style, self.size)
        self.line_height = round(font.get_linesize() * fonts.spacing)
        start = 0
        self.lines = []
        for k, text in enumerate(wrap(fonts, self.style, self.size, smarten(self.text), self.width - self.indent)):
            self.lines.append(Line(text, k * self.line_height, start))
            start += len(text) + 1
        self.chars = max(0, start - 1)
        self.height = len(self.lines) * self.line_height
        return self

    def copy(self) -> Block:
        """The same block, laid out already, with lines of its own (their surfaces are rendered when first drawn)."""
        return Block(self.text, self.style, self.size, self.width, self.align, self.indent,
                     [Line(line.text, line.y, line.start) for line in self.lines], self.line_height, self.height, self.chars)

    def surface(self, fonts: Fonts, line: Line, color: RGB) -> pygame.Surface:
        if line.surf is None or line.color != color:
            line.surf = fonts.get(self.style, self.size).render(line.text, True, color)
            line.color = color
        return line.surf

    def line_x(self, line: Line) -> int:
        if self.align == "center" and line.surf is not None:
            return (self.width - line.surf.get_width()) // 2
        return self.indent


def draw_block(target: pygame.Surface, fonts: Fonts, block: Block, x: int, y: int, color: RGB,
               revealed: int | None = None, clip: pygame.Rect | None = None, record: Record | None = None) -> None:
    """Blit a block's lines at (x, y); `revealed` characters only (None: all); lines outside `clip` are skipped.

    `record` collects the rect of every line drawn, for the layout tests' overlap check.
    """
    font = None
    for line in block.lines:
        top = y + line.y
        if clip is not None and (top + block.line_height <= clip.top or top >= clip.bottom):
            continue
        if revealed is not None and line.start >= revealed:
            break
        surf = block.surface(fonts, line, color)
        lx = x + block.line_x(line)
        shown = len(line.text) if revealed is None else revealed - line.start
        if shown < len(line.text):
            font = font or fonts.get(block.style, block.size)
            cut = font.size(line.text[:max(0, shown)])[0]
            area = pygame.Rect(0, 0, cut, surf.get_height())
        else:
            area = surf.get_rect()
        if clip is not None:
            dest = pygame.Rect(lx, top, area.width, area.height).clip(clip)
            if dest.width <= 0 or dest.height <= 0:
                continue
            area = pygame.Rect(area.x + dest.x - lx, area.y + dest.y - top, dest.width, dest.height)
            target.blit(surf, dest.topleft, area)
            if record is not None:
                record.append((dest, line.text))
        else:
            target.blit(surf, (lx, top), area)
            if record is not None:
                record.append((pygame.Rect(lx, top, area.width, area.height), line.text))


def render_line(fonts: Fonts, style: str, size: int, text: str, color: RGB) -> pygame.Surface:
    """One short line (a menu item, a label): callers keep the surface while it does not change."""
    return fonts.get(style, size).render(smarten(text), True, color)


def fit(fonts: Fonts, style: str, size: int, text: str, width: int) -> str:
    """`text` shortened with an ellipsis so it fits `width` pixels: at a word's end, never mid-word
    (unless a single word is all there is room for)."""
    text = smarten(text)
    if fonts.word_width(style, size, text) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        shown = " ".join(words).rstrip(",;:—–- ") + "…"
        if fonts.word_width(style, size, shown) <= width:
            return shown
    while text and fonts.word_width(style, size, text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"
