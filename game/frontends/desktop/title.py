"""The title screen: the game's name over its own painted dusk, and the way into everything else."""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.frontends.desktop import art
from game.frontends.desktop.events import Event
from game.frontends.desktop.screen import Host, Screen
from game.frontends.desktop.text import Block, draw_block
from game.frontends.desktop.theme import Look, mix
from game.frontends.desktop.ui import Item, Menu

CREAM = (246, 240, 228)


class TitleScreen(Screen[None]):
    name = "title"

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.checked = False
        self.has_save = False
        self.menu = self.build_menu()

    def build_menu(self) -> Menu:
        host = self.host
        playable = host.session.problem is None
        items = [
            Item("New game", host.new_game, playable),
            Item("Continue", host.continue_game, playable and self.has_save),
            Item("Load", lambda: host.open("load"), playable),
            Item("Memories", lambda: host.open("memories"), playable),
            Item("Settings", lambda: host.open("settings")),
            Item("About", lambda: host.open("credits")),
            Item("Quit", host.quit),
        ]
        focus = 1 if playable and self.has_save else (0 if playable else 4)
        menu = Menu(items, focus=focus)
        return menu

    def refresh(self) -> None:
        """After the first frame: is there a run to continue? (Listing saves waits until the title is up.)

        Coming back from a screen the title opened, the focus stays on the item that opened it."""
        kept = self.menu.focus if self.checked else -1
        self.checked = True
        try:
            session = self.host.session
            self.has_save = session.story is not None and session.store.latest() is not None
        except Exception:  # a saves folder that cannot be read is not a reason to stop at the title
            self.has_save = False
        self.menu = self.build_menu()
        if 0 <= kept < len(self.menu.items) and self.menu.items[kept].enabled:
            self.menu.focus = kept
        self.host.dirty = True

    def on_enter(self) -> None:
        if self.host.frames > 0:
            self.refresh()
        self.host.sound.play("title")

    def update(self, dt: float) -> bool:
        if not self.checked and self.host.frames > 0:
            self.refresh()
        return False

    def on_event(self, ev: Event) -> None:
        if self.menu.handle(ev):
            self.host.dirty = True

    def on_draw(self, surface: pygame.Surface) -> None:
        host = self.host
        m = host.metrics
        look = host.look("title")
        surface.blit(art.paint("title", (m.w, m.h), look.theme.name), (0, 0))
        title = host.session.title
        size = m.display if len(title) < 24 else round(m.display * 0.75)
        text = host.pen.label(title, "regular", size, CREAM)
        y = round(m.h * 0.17)
        x = (m.w - text.get_width()) // 2
        surface.blit(host.pen.shadow(title, "regular", size), (x - size // 6 + 2, y - size // 6 + 3))
        host.pen.put(surface, text, (x, y), title)
        sub = "a text adventure"
        s = host.pen.label(sub, "italic", m.ui, mix(CREAM, (200, 170, 150), 0.4))
        sy = y + text.get_height() + round(m.ui * 0.1)
        host.pen.put(surface, s, ((m.w - s.get_width()) // 2, sy), sub)

        foot = "after the novel by Kazuo Ishiguro"
        f = host.pen.label(foot, "italic", m.small, mix(CREAM, (120, 120, 130), 0.35))
        foot_y = m.h - m.margin - f.get_height()
        top, size, spacing = self.menu_room(sy + s.get_height(), foot_y - round(m.small * 0.5))
        box = pygame.Rect(0, top, m.w, round(size * spacing) * len(self.menu.items))
        self.menu.draw(host.pen, surface, self.menu_look(look), m.w // 2, top, size, spacing=spacing, highlight="underline",
                       shadow=True)

        if host.session.problem:
            self.draw_problem(surface, box.bottom + m.small)
        else:
            host.pen.put(surface, f, ((m.w - f.get_width()) // 2, foot_y), foot)

    def menu_room(self, below: int, above: int) -> tuple[int, int, float]:
        """Where the menu starts, its type size and its spacing, to fit between the subtitle (`below`) and the credit
        (`above`): a small window at the largest text size gives up first the gap under the subtitle, then the
        menu's spacing, then some of its size (at 640x480 Quit was off the window and About on the credit)."""
        m = self.host.metrics
        count = len(self.menu.items)
        size, spacing = m.ui, 1.65

        def height(size: int, spacing: float) -> int:  # the last item is as tall as its line, not a step
            return round(size * spacing) * (count - 1) + round(size * 1.35)

        top = below + round(m.h * 0.07)
        if top + height(size, spacing) <= above:
            return top, size, spacing
        top = below + round(size * 0.5)
        room = max(1, above - top)
        spacing = max(1.3, (room - round(size * 1.35)) / max(1, (count - 1) * size))
        while size > 10 and height(size, spacing) > room:
            size -= 1
        return top, size, spacing

    def menu_look(self, look: Look) -> Look:
        """Cream words on the dusk, the focused one lit like the low sun; unavailable ones faded."""
        theme = replace(look.theme, ink=CREAM)
        glow = mix(look.palette.glow, (255, 236, 200), 0.3)
        return replace(look, theme=theme, accent=glow, select_bg=(30, 30, 44), disabled=mix(CREAM, (90, 90, 110), 0.4))

    def draw_problem(self, surface: pygame.Surface, top: int) -> None:
        host = self.host
        m = host.metrics
        lines = ["The story cannot be played: its scene files have errors.", *(host.session.problem or [])[:5]]
        width = min(m.w - 2 * m.margin, m.column.width)
        y = top
        for i, t in enumerate(lines):
            b = Block(t, "italic" if i == 0 else "regular", m.small, width).layout(host.fonts)
            if y + b.height > m.h - m.margin:
                break
            draw_block(surface, host.fonts, b, (m.w - width) // 2, y, CREAM, record=host.pen.record)
            y += b.height + 4
