"""How the play screen draws: the place behind a page-coloured panel, the page, its choices and the command line."""

from __future__ import annotations

import pygame

from game.frontends.desktop import art
from game.frontends.desktop.theme import Look
from game.frontends.desktop.typography import spaced
from game.frontends.desktop.ui import panel


class PlayDrawing:
    """Mixed into PlayScreen (play.py): everything on_draw needs, and the changed-lines damage report."""

    def damage(self) -> list[pygame.Rect] | None:
        """While only the reveal moves, only the lines it touched since the last frame changed."""
        page = self.page
        prev_reveal, prev_scroll = self._prev
        if page is None or not self.revealing or prev_reveal is None or prev_scroll != self._drawn_scroll:
            return None
        lo, hi = prev_reveal, self.reveal
        if hi < lo:
            return None
        top = bottom = None
        origin = self.view.top - round(self.scroll)
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
        if top is None:
            return []
        rect = pygame.Rect(self.view.left, top, self.view.width, bottom - top).clip(self.view)
        return [rect] if rect.width and rect.height else []

    def background(self) -> pygame.Surface:
        m = self.app.metrics
        look = self.look
        key = (self.location, m.w, m.h, look.theme.name, self.panel.left, self.panel.width)
        if key != self._bg_key:
            bg = art.paint(self.location, (m.w, m.h), look.theme.name).copy()
            bg.blit(panel(self.panel.size, look.page, look.theme.page_alpha, edge=round(m.body * 0.5)), self.panel.topleft)
            self._bg, self._bg_key = bg, key
        return self._bg

    def on_draw(self, surface: pygame.Surface) -> None:
        app = self.app
        m = app.metrics
        look = self.look
        surface.blit(self.background(), (0, 0))
        self._prev = (self._drawn_reveal, self._drawn_scroll)  # what the frame before this one showed
        self._drawn_reveal = self.reveal if self.revealing else None
        self._drawn_scroll = round(self.scroll)
        self.draw_header(surface, look)
        origin = self.view.top - round(self.scroll)
        page = self.page
        if page is not None:
            page.draw_text(surface, look, m.column.left, origin, self.view, self.reveal, app.record)
            if not self.revealing:
                focus = self.focus if self.mode == "choices" else -1
                page.draw_options(app, surface, look, m.column.left, origin, self.view, focus, app.record, round(self.options_alpha))
            self.draw_scrollbar(surface, look)
            if not self.revealing and self.scroll < self.max_scroll - 1:
                self.draw_more(surface, look)
        self.draw_command_bar(surface, look)

    def draw_more(self, surface: pygame.Surface, look: Look) -> None:
        """More below: the page fades out into the panel at the bottom of the view, with a small mark."""
        m = self.app.metrics
        h = round(m.body * 1.6)
        key = (h, self.view.width, look.page)
        if getattr(self, "_more_key", None) != key:
            fade = pygame.Surface((self.view.width, h), pygame.SRCALPHA)
            for i in range(h):
                pygame.draw.line(fade, (*look.page, round(235 * (i / h) ** 1.3)), (0, i), (self.view.width, i))
            self._more, self._more_key = fade, key
        surface.blit(self._more, (self.view.left, self.view.bottom - h))
        cx, y = self.view.right - round(m.body * 0.9), self.view.bottom - round(m.body * 0.35)
        pygame.draw.lines(surface, look.muted, False, [(cx - 7, y - 5), (cx, y), (cx + 7, y - 5)], 1)

    def draw_header(self, surface: pygame.Surface, look: Look) -> None:
        app = self.app
        m = app.metrics
        chapter = self.run.view().chapter
        label = app.labels.get(spaced(chapter), "regular", m.small, look.muted, round(m.column.width * 0.6))
        app.put(surface, label, (m.column.left, self.header_y), chapter)
        menu = app.labels.get("Menu", "italic", m.small, look.muted)
        pos = (m.column.right - menu.get_width(), self.header_y)
        app.put(surface, menu, pos, "Menu")
        self.rects["menu"] = pygame.Rect(pos[0] - 10, pos[1] - 6, menu.get_width() + 20, menu.get_height() + 12)

    def draw_scrollbar(self, surface: pygame.Surface, look: Look) -> None:
        if self.max_scroll <= 0 or self.page is None or self.revealing:
            return
        v = self.view
        x = self.panel.right - round(self.app.metrics.body * 0.6)
        frac = v.height / max(1, self.page.height)
        h = max(24, round(v.height * frac))
        y = v.top + round((v.height - h) * (self.scroll / self.max_scroll))
        pygame.draw.line(surface, look.faint, (x, v.top), (x, v.bottom), 1)
        pygame.draw.line(surface, look.muted, (x, y), (x, y + h), 3)

    def draw_command_bar(self, surface: pygame.Surface, look: Look) -> None:
        app = self.app
        m = app.metrics
        bar = self.bar
        pygame.draw.line(surface, look.faint, (bar.left, bar.top), (bar.right, bar.top), 1)
        y = bar.top + (bar.height - app.fonts.get("regular", m.body).get_height()) // 2
        active = self.mode == "command"
        prompt = app.labels.get("›", "regular", m.body, look.accent if active else look.muted)
        app.put(surface, prompt, (bar.left, y), "›")
        x = bar.left + prompt.get_width() + round(m.body * 0.5)
        room = bar.right - x
        if self.cmd.text:
            text = app.labels.get(self.cmd.text, "regular", m.body, look.ink)
            if text.get_width() > room - 4:  # show the end of a long line
                area = pygame.Rect(text.get_width() - (room - 4), 0, room - 4, text.get_height())
                surface.blit(text, (x, y), area)
                app.record.append((pygame.Rect(x, y, area.width, area.height), self.cmd.text))
                caret_x = x + room - 3
            else:
                app.put(surface, text, (x, y), self.cmd.text)
                caret_x = x + text.get_width() + 2
        else:
            hint = "Type what Kathy should do, or press a number" if not active else "look, examine, take, ask … (Tab completes)"
            ph = app.labels.get(hint, "italic", m.body, look.faint, room - 8)
            app.put(surface, ph, (x, y), hint)
            caret_x = x - 2
        if active:
            h = app.fonts.get("regular", m.body).get_height()
            pygame.draw.line(surface, look.accent, (caret_x, y + round(h * 0.18)), (caret_x, y + round(h * 0.86)), 2)
        if self.candidates and active:  # what Tab can complete to, quietly, at the line's right
            text = "  ·  ".join(self.candidates[:8]) + ("  …" if len(self.candidates) > 8 else "")
            used = caret_x + round(m.body * 1.2)
            s = app.labels.get(text, "italic", m.small, look.muted, max(20, bar.right - used))
            if s.get_width() <= bar.right - used:
                app.put(surface, s, (bar.right - s.get_width(), y + (app.fonts.get("regular", m.body).get_height() - s.get_height()) // 2), text)
