"""Settings: text speed (down to instant), text size, theme, volume and mute, fullscreen; applied at once, kept on leaving."""

from __future__ import annotations

from functools import partial

import pygame

from game.frontends.desktop.events import Click, Event, Text
from game.frontends.desktop.framed import FramedScreen
from game.frontends.desktop.screen import Host
from game.frontends.desktop.settings import THEME_NAMES
from game.frontends.desktop.text import Block, draw_block
from game.frontends.desktop.ui import Item, Menu

SAMPLE = ("The rain started somewhere after the last roundabout, and it hasn’t let up since. "
          "Forty minutes to the centre, a little more in this, and the letter on the seat beside me.")

ROWS = (
    ("text_speed", "Text speed"),
    ("text_size", "Text size"),
    ("theme", "Theme"),
    ("volume", "Volume"),
    ("muted", "Sound"),
    ("fullscreen", "Fullscreen"),
)


def shown(field: str, value: object) -> str:
    if field == "theme":
        return THEME_NAMES.get(str(value), str(value))
    if field == "volume" and isinstance(value, int):
        return " ".join("•" * value + "·" * (10 - value))
    if field == "muted":
        return "off" if value else "on"
    if field == "fullscreen":
        return "on" if value else "off"
    return str(value).capitalize()


class SettingsScreen(FramedScreen):
    name = "settings"
    heading = "Settings"

    def __init__(self, host: Host) -> None:
        self._sample: Block | None = None
        self._sample_key: tuple[int, int] | None = None
        super().__init__(host)
        self.menu = self.build_menu()
        self.sample_reveal = 0.0

    def build_menu(self, focus: int = 0) -> Menu:
        s = self.host.settings
        items = [Item(label, partial(self.change, f, 1), detail="‹  " + shown(f, getattr(s, f)) + "  ›") for f, label in ROWS]
        items.append(Item("Back", self.close))
        return Menu(items, focus=focus, on_back=self.close, on_side=self.side)

    def side(self, index: int, step: int) -> None:
        if index < len(ROWS):
            self.change(ROWS[index][0], step)

    def change(self, field: str, step: int) -> None:
        host = self.host
        host.apply_settings(host.settings.cycled(field, step))
        focus = self.menu.focus
        self.layout()
        self.menu = self.build_menu(focus)
        if field in ("text_speed", "text_size"):
            self.sample_reveal = 0.0  # show the new speed or size at work
        host.dirty = True

    def on_exit(self) -> None:
        self.host.save_settings()

    def on_resize(self) -> None:
        super().on_resize()
        self.menu = self.build_menu(self.menu.focus)

    def on_event(self, ev: Event) -> None:
        if isinstance(ev, Text):
            return
        if isinstance(ev, Click) and ev.button == 1:
            hit = self.menu.hit(ev.x, ev.y)
            if hit is not None and hit < len(ROWS):  # a click on the left half steps back, on the right half forward
                r = self.menu.rects[hit]
                self.menu.focus = hit
                self.change(ROWS[hit][0], -1 if ev.x < r.left + r.width // 3 and ROWS[hit][0] in ("volume", "text_size", "text_speed", "theme") else 1)
                return
        if self.handle_back(ev):
            return
        if self.menu.handle(ev):
            self.host.dirty = True

    def update(self, dt: float) -> bool:
        cps = self.host.settings.chars_per_second
        if cps > 0 and self.sample_reveal < len(SAMPLE):
            self.sample_reveal += dt * cps
            return True
        return False

    def on_draw(self, surface: pygame.Surface) -> None:
        host = self.host
        m = host.metrics
        look = self.draw_frame(surface)
        c = self.content
        width = min(c.width, round(m.ui * 20))
        left = c.centerx - width // 2
        bottom = self.menu.draw(host.pen, surface, look, left, c.top, m.ui, spacing=1.6, align="left", width=width)
        key = (m.body, c.width)
        if self._sample is None or self._sample_key != key:
            self._sample, self._sample_key = Block(SAMPLE, "regular", m.body, c.width).layout(host.fonts), key
        sample = self._sample
        y = bottom + round(m.ui * 0.8)
        if y + sample.height <= c.bottom:
            pygame.draw.line(surface, look.faint, (c.left, y - round(m.ui * 0.4)), (c.right, y - round(m.ui * 0.4)), 1)
            cps = host.settings.chars_per_second
            revealed = None if cps <= 0 or self.sample_reveal >= sample.chars else int(self.sample_reveal)
            draw_block(surface, host.fonts, sample, c.left, y, look.ink, revealed, c, host.pen.record)
