"""How the play screen draws: the place behind a page-coloured panel, the page, its choices and the command line."""

from __future__ import annotations

import pygame

from game.frontends.desktop.pacing import Pacer
from game.frontends.desktop.reading import Reading
from game.frontends.desktop.screen import Host
from game.frontends.desktop.text import Fonts
from game.frontends.desktop.theme import Look
from game.frontends.desktop.typography import spaced
from game.frontends.desktop.ui import Backdrop

# The page's own words for them, so the window and the web page name undo and redo alike: "Back" also means
# "leave this screen" everywhere else in the game, which "Undo" never does.
QUICK_WORDS = ("undo", "redo", "history", "skip", "auto", "menu")
QUICK_LABELS = {"undo": "Undo", "redo": "Redo", "history": "History", "skip": "Skip", "auto": "Auto", "menu": "Menu"}
PLACEHOLDER = "Type what Kathy should do, or press a number"
PLACEHOLDER_ACTIVE = "look, examine, take, ask … (Tab completes)"


def tail_that_fits(fonts: Fonts, size: int, text: str, width: int) -> str:
    """The end of a line too long to show, after an ellipsis, cut between letters (never through one)."""
    if fonts.word_width("regular", size, text) <= width:
        return text
    lo, hi = 0, len(text)  # the shortest cut from the left that fits
    while lo < hi:
        mid = (lo + hi) // 2
        if fonts.word_width("regular", size, "…" + text[mid:]) <= width:
            hi = mid
        else:
            lo = mid + 1
    return "…" + text[lo:]


class Painter:
    """Draws a Reading, and knows which lines a frame changed while only the reveal moves."""

    def __init__(self, host: Host, reading: Reading, pacer: Pacer) -> None:
        self.host = host
        self.reading = reading
        self.pacer = pacer
        self.backdrop = Backdrop()
        self._more: pygame.Surface | None = None
        self._more_key: tuple[int, int, tuple[int, int, int]] | None = None
        self._drawn_reveal: float | None = None  # where the reveal was when the last frame was drawn
        self._drawn_scroll = 0
        self.more_rect: pygame.Rect | None = None  # where the "more below" mark was drawn
        self._top_fade: pygame.Surface | None = None
        self._top_key: tuple[object, ...] | None = None

    def damage(self) -> list[pygame.Rect] | None:
        """Asked before a frame is drawn: while only the reveal moves, only the lines it reaches since the last
        frame change (the app then draws into those alone and sends only them to the display). None: all of it."""
        r = self.reading
        page = r.page
        if page is None or not r.revealing or self._drawn_reveal is None or round(r.scroll) != self._drawn_scroll:
            return None
        lo, hi = self._drawn_reveal, r.reveal
        if hi < lo:
            return None
        top: int | None = None
        bottom: int | None = None
        origin = r.view.top - round(r.scroll)
        for item in page.items:
            if item.start is None:
                continue
            for line in item.block.lines:
                a = item.start + line.start
                b = a + len(line.text) + 1
                if b >= lo and a <= hi:
                    y = origin + item.y + line.y
                    top = y if top is None else min(top, y)
                    bottom = y + item.block.line_height if bottom is None else max(bottom, y + item.block.line_height)
        if top is None or bottom is None:
            return []
        rect = pygame.Rect(r.view.left, top, r.view.width, bottom - top).clip(r.view)
        return [rect] if rect.width and rect.height else []

    def snapshot(self, chapter: str) -> pygame.Surface:
        """The page as it will read once the text is all there, drawn aside (a save's picture)."""
        m = self.host.metrics
        r = self.reading
        pen = self.host.pen
        kept = (r.reveal, r.options_alpha, r.rects, self._drawn_reveal, self._drawn_scroll, self.more_rect, pen.record)
        surface = pygame.Surface((m.w, m.h))
        if r.page is not None:
            r.reveal = float(r.page.pending)
        r.options_alpha = 255.0
        pen.record = []
        try:
            self.draw(surface, chapter)
        finally:
            r.reveal, r.options_alpha, r.rects, self._drawn_reveal, self._drawn_scroll, self.more_rect, pen.record = kept
        return surface

    def draw(self, surface: pygame.Surface, chapter: str) -> None:
        """The whole frame: the place, the panel, the chapter line, the page and the command line."""
        host = self.host
        r = self.reading
        m = host.metrics
        look = host.look(r.location)
        backdrop = self.backdrop.get(r.location, (m.w, m.h), look, r.panel, look.theme.page_alpha, round(m.body * 0.5))
        surface.blit(backdrop, (0, 0))
        self._drawn_reveal = r.reveal if r.revealing else None  # what this frame shows: damage() compares with it
        self._drawn_scroll = round(r.scroll)
        self.draw_header(surface, look, chapter)
        origin = r.view.top - round(r.scroll)
        page = r.page
        self.more_rect = None
        if page is not None:
            page.draw_text(surface, look, m.column.left, origin, r.view, r.reveal, host.pen.record)
            if not r.revealing:
                focus = r.focus if r.mode == "choices" else -1
                page.draw_options(host.pen, surface, look, m.column.left, origin, r.view, focus, round(r.options_alpha))
            if r.scroll > 0.5:
                self.fade_top(surface, backdrop)
            self.draw_scrollbar(surface, look)
            if not r.revealing and r.scroll < r.max_scroll - 1:
                self.draw_more(surface, look)
        self.draw_command_bar(surface, look)

    def draw_more(self, surface: pygame.Surface, look: Look) -> None:
        """More below: the page fades out into the panel at the bottom of the view, with a small mark."""
        m = self.host.metrics
        view = self.reading.view
        h = round(m.body * 1.6)
        key = (h, view.width, look.page)
        if self._more is None or self._more_key != key:
            fade = pygame.Surface((view.width, h), pygame.SRCALPHA)
            for i in range(h):
                pygame.draw.line(fade, (*look.page, round(235 * (i / h) ** 1.3)), (0, i), (view.width, i))
            self._more, self._more_key = fade, key
        surface.blit(self._more, (view.left, view.bottom - h))
        # the mark sits in the gap under the page, never on a line of it
        cx = view.centerx
        y = view.bottom + max(2, (self.reading.bar.top - view.bottom) // 2 - 3)
        pygame.draw.lines(surface, look.muted, False, [(cx - 7, y), (cx, y + 5), (cx + 7, y)], 1)
        self.more_rect = pygame.Rect(cx - 8, y - 1, 17, 8)

    def fade_top(self, surface: pygame.Surface, backdrop: pygame.Surface) -> None:
        """A line cut in half at the top of a scrolled page fades into the panel instead of ending in a hard edge."""
        view = self.reading.view
        h = max(4, round(self.host.metrics.body * 0.9))
        key = (id(backdrop), view.left, view.top, view.width, h)
        if self._top_fade is None or self._top_key != key:
            strip = pygame.Surface((view.width, h), pygame.SRCALPHA)
            strip.blit(backdrop, (0, 0), pygame.Rect(view.left, view.top, view.width, h))
            ramp = pygame.Surface((view.width, h), pygame.SRCALPHA)
            for i in range(h):
                t = max(0.0, (i - h * 0.25) / (h * 0.75))  # the top quarter hides the cut edge entirely
                ramp.fill((255, 255, 255, round(255 * (1 - t) ** 0.8)), pygame.Rect(0, i, view.width, 1))
            strip.blit(ramp, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
            self._top_fade, self._top_key = strip, key
        surface.blit(self._top_fade, view.topleft)

    def draw_header(self, surface: pygame.Surface, look: Look, chapter: str) -> None:
        """The chapter at the left; at the right the quick menu a mouse needs (Ren'Py's): Undo, Redo, History, Skip, Auto, Menu."""
        pen = self.host.pen
        m = self.host.metrics
        r = self.reading
        x = m.column.right
        gap = round(m.small * 0.9)
        on = {"skip": self.pacer.skipping, "auto": self.pacer.auto}
        r.rects = {}
        for word in reversed(QUICK_WORDS):
            active = on.get(word, False)
            text = QUICK_LABELS[word]
            s = pen.label(text, "italic", m.small, look.accent if active else look.muted)
            x -= s.get_width()
            pen.put(surface, s, (x, r.header_y), text)
            if active:  # a pencil line under what is running
                uy = r.header_y + s.get_height() - 1
                pygame.draw.line(surface, look.accent, (x, uy), (x + s.get_width(), uy), 1)
            r.rects[word] = pygame.Rect(x - gap // 2, r.header_y - 6, s.get_width() + gap, s.get_height() + 12)
            x -= gap
        room = x - gap - m.column.left
        if room > m.small * 3:
            label = pen.label(spaced(chapter), "regular", m.small, look.muted, room)
            pen.put(surface, label, (m.column.left, r.header_y), chapter)

    def draw_scrollbar(self, surface: pygame.Surface, look: Look) -> None:
        r = self.reading
        if r.max_scroll <= 0 or r.page is None or r.revealing:
            return
        v = r.view
        x = r.panel.right - round(self.host.metrics.body * 0.6)
        frac = v.height / max(1, r.page.height)
        h = max(24, round(v.height * frac))
        y = v.top + round((v.height - h) * (r.scroll / r.max_scroll))
        pygame.draw.line(surface, look.faint, (x, v.top), (x, v.bottom), 1)
        pygame.draw.line(surface, look.muted, (x, y), (x, y + h), 3)

    def draw_command_bar(self, surface: pygame.Surface, look: Look) -> None:
        host = self.host
        pen = host.pen
        m = host.metrics
        r = self.reading
        cmd = r.cmd
        bar = r.bar
        line_h = host.fonts.get("regular", m.body).get_height()
        pygame.draw.line(surface, look.faint, (bar.left, bar.top), (bar.right, bar.top), 1)
        y = bar.top + (bar.height - line_h) // 2
        active = r.mode == "command"
        prompt = pen.label("›", "regular", m.body, look.accent if active else look.muted)
        pen.put(surface, prompt, (bar.left, y), "›")
        x = bar.left + prompt.get_width() + round(m.body * 0.5)
        room = bar.right - x
        if cmd.text:
            shown = tail_that_fits(host.fonts, m.body, cmd.text, room - 4)  # a long line shows its end, marked
            text = pen.label(shown, "regular", m.body, look.ink)
            pen.put(surface, text, (x, y), shown)
            caret_x = x + text.get_width() + 2
        else:
            hint = PLACEHOLDER_ACTIVE if active else PLACEHOLDER
            ph = pen.label(hint, "italic", m.body, look.faint, room - 8)
            pen.put(surface, ph, (x, y), hint)
            caret_x = x - 2
        if active:
            pygame.draw.line(surface, look.accent, (caret_x, y + round(line_h * 0.18)), (caret_x, y + round(line_h * 0.86)), 2)
        if r.candidates and active:  # what Tab can complete to, quietly, at the line's right
            words = "  ·  ".join(r.candidates[:8]) + ("  …" if len(r.candidates) > 8 else "")
            used = caret_x + round(m.body * 1.2)
            s = pen.label(words, "italic", m.small, look.muted, max(20, bar.right - used))
            if s.get_width() <= bar.right - used:
                pen.put(surface, s, (bar.right - s.get_width(), y + (line_h - s.get_height()) // 2), words)
