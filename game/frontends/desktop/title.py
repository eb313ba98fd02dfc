"""The title screen: the game's name over its own painted dusk, and the way into everything else."""

from __future__ import annotations

import pygame

from game.frontends.desktop import art
from game.frontends.desktop.events import Event
from game.frontends.desktop.screen import Screen
from game.frontends.desktop.text import Block, draw_block
from game.frontends.desktop.theme import mix
from game.frontends.desktop.ui import Item, Menu

CREAM = (246, 240, 228)


class TitleScreen(Screen):
    name = "title"

    def __init__(self, app):
        super().__init__(app)
        self.checked = False
        self.has_save = False
        self.menu = self.build_menu()

    def build_menu(self) -> Menu:
        app = self.app
        playable = app.story_problem is None
        items = [
            Item("New game", app.new_game, playable),
            Item("Continue", app.continue_game, playable and self.has_save),
            Item("Load", lambda: app.open("load"), playable),
            Item("Memories", lambda: app.open("memories"), playable),
            Item("Settings", lambda: app.open("settings")),
            Item("Quit", app.quit),
        ]
        focus = 1 if playable and self.has_save else (0 if playable else 4)
        menu = Menu(items, focus=focus)
        return menu

    def refresh(self) -> None:
        """After the first frame: is there a run to continue? (Listing saves waits until the title is up.)"""
        self.checked = True
        try:
            self.has_save = self.app.story is not None and self.app.store.latest() is not None
        except Exception:  # a saves folder that cannot be read is not a reason to stop at the title
            self.has_save = False
        self.menu = self.build_menu()
        self.app.dirty = True

    def on_enter(self) -> None:
        if self.app.frames > 0:
            self.refresh()
        self.app.sound.play("title")

    def update(self, dt: float) -> bool:
        if not self.checked and self.app.frames > 0:
            self.refresh()
        return False

    def on_event(self, ev: Event) -> None:
        if self.menu.handle(ev):
            self.app.dirty = True

    def on_draw(self, surface: pygame.Surface) -> None:
        app = self.app
        m = app.metrics
        look = app.look("title")
        surface.blit(art.paint("title", (m.w, m.h), look.theme.name), (0, 0))
        title = app.story_title
        size = m.display if len(title) < 24 else round(m.display * 0.75)
        text = app.labels.get(title, "regular", size, CREAM)
        y = round(m.h * 0.17)
        x = (m.w - text.get_width()) // 2
        surface.blit(app.labels.shadow(title, "regular", size), (x - size // 6 + 2, y - size // 6 + 3))
        app.put(surface, text, (x, y), title)
        sub = "a text adventure"
        s = app.labels.get(sub, "italic", m.ui, mix(CREAM, (200, 170, 150), 0.4))
        sy = y + text.get_height() + round(m.ui * 0.1)
        app.put(surface, s, ((m.w - s.get_width()) // 2, sy), sub)

        top = sy + s.get_height() + round(m.h * 0.07)
        step = round(m.ui * 1.65)
        box = pygame.Rect(0, top, m.w, step * len(self.menu.items))
        self.menu.draw(app, surface, self.menu_look(look), m.w // 2, top, m.ui, highlight="underline", shadow=True)

        if app.story_problem:
            self.draw_problem(surface, look, box.bottom + m.small)
        else:
            foot = "after the novel by Kazuo Ishiguro"
            f = app.labels.get(foot, "italic", m.small, mix(CREAM, (120, 120, 130), 0.35))
            app.put(surface, f, ((m.w - f.get_width()) // 2, m.h - m.margin - f.get_height()), foot)

    def menu_look(self, look):
        """Cream words on the dusk, the focused one lit like the low sun; unavailable ones faded."""
        from dataclasses import replace as dc_replace

        theme = dc_replace(look.theme, ink=CREAM)
        glow = mix(look.palette.glow, (255, 236, 200), 0.3)
        return dc_replace(look, theme=theme, accent=glow, select_bg=(30, 30, 44), disabled=mix(CREAM, (90, 90, 110), 0.4))

    def draw_problem(self, surface: pygame.Surface, look, top: int) -> None:
        app = self.app
        m = app.metrics
        lines = ["The story cannot be played: its scene files have errors."] + app.story_problem[:5]
        width = min(m.w - 2 * m.margin, m.column.width)
        y = top
        for i, t in enumerate(lines):
            b = Block(t, "italic" if i == 0 else "regular", m.small, width).layout(app.fonts)
            if y + b.height > m.h - m.margin:
                break
            draw_block(surface, app.fonts, b, (m.w - width) // 2, y, CREAM, record=app.record)
            y += b.height + 4
