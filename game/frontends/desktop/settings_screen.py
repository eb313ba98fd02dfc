"""Settings: reading (speed, auto pace, size, spacing, font, motion), looks, sound and voice, the wheel, fullscreen.

Applied at once and kept on leaving. Each row shows its value between two arrows: the left one
steps back, the right one on (a click anywhere else on the row steps on). The rows are laid out
from the window's size alone, never from the text size or font being chosen, so nothing moves
under the pointer while the player tries values; a short sample of prose below shows them at work.
A list taller than the window scrolls with the focus.
"""

from __future__ import annotations

from functools import partial

import pygame

from game.frontends.desktop.events import Click, Event, Text, Wheel
from game.frontends.desktop.framed import FramedScreen
from game.frontends.desktop.metrics import Metrics, compute
from game.frontends.desktop.screen import Host
from game.frontends.desktop.settings import THEME_NAMES, Settings
from game.frontends.desktop.text import Block, Fonts, draw_block
from game.frontends.desktop.ui import Item, Menu

SAMPLE = ("The rain started somewhere after the last roundabout, and it hasn’t let up since. "
          "Forty minutes to the centre, a little more in this, and the letter on the seat beside me.")

ROWS: tuple[tuple[str, str], ...] = (
    ("text_speed", "Text speed"),
    ("auto_pace", "Auto-advance pace"),
    ("text_size", "Text size"),
    ("line_spacing", "Line spacing"),
    ("font", "Font"),
    ("reduced_motion", "Motion"),
    ("theme", "Theme"),
    ("volume", "Volume"),
    ("muted", "Sound"),
    ("voice", "Self-voicing (V)"),
    ("wheel_undo", "Wheel up at the top undoes"),
    ("fullscreen", "Fullscreen"),
)
VALUE_NAMES = {
    "theme": THEME_NAMES,
    "text_speed": {"slow": "Slow", "normal": "Normal", "fast": "Fast", "instant": "At once"},
    "font": {"book": "Book", "legible": "Easy reading"},
    "line_spacing": {"book": "Book", "airy": "Airy", "widest": "Widest"},
}
REFERENCE = Fonts()  # the rows' sizes come from the book face at the medium size, whatever is chosen


def shown(field: str, value: object) -> str:
    if field in VALUE_NAMES:
        return VALUE_NAMES[field].get(str(value), str(value))
    if field == "volume" and isinstance(value, int):
        return "•" * value + "·" * (10 - value)
    if field == "muted":
        return "Off" if value else "On"
    if field == "reduced_motion":
        return "Reduced" if value else "Full"
    if isinstance(value, bool):
        return "On" if value else "Off"
    return str(value).capitalize()


def spoken(field: str, label: str, settings: Settings) -> str:
    """A row as self-voicing reads it."""
    value = getattr(settings, field)
    return f"{label}: {value} of 10" if field == "volume" else f"{label}: {shown(field, value)}"


class SettingsScreen(FramedScreen):
    name = "settings"
    heading = "Settings"

    def __init__(self, host: Host) -> None:
        self._sample: Block | None = None
        self._sample_key: tuple[int, int, str, float] | None = None
        self.rows = ROWS
        self.arrow_rects: list[tuple[pygame.Rect, pygame.Rect]] = []
        self.scroll = 0
        super().__init__(host)
        self.menu = self.build_menu()
        self.sample_reveal = 0.0

    @property
    def fixed(self) -> Metrics:
        """Sizes from the window alone (see the module's note)."""
        m = self.host.metrics
        return compute((m.w, m.h), 24, REFERENCE)

    @property
    def frame_metrics(self) -> Metrics:
        return self.fixed

    def build_menu(self, focus: int = 0) -> Menu:
        items = [Item(label, partial(self.change, f, 1)) for f, label in ROWS]
        items.append(Item("Back", self.close))
        return Menu(items, focus=focus, on_back=self.close, on_side=self.side)

    def side(self, index: int, step: int) -> None:
        if index < len(ROWS):
            self.change(ROWS[index][0], step)

    def change(self, field: str, step: int) -> None:
        host = self.host
        host.apply_settings(host.settings.cycled(field, step))
        if field in ("text_speed", "text_size", "font", "line_spacing", "reduced_motion"):
            self.sample_reveal = 0.0  # show the new speed, size or face at work
        host.dirty = True

    def speech(self) -> tuple[object, str] | None:
        """Self-voicing: the focused row and its value, again whenever the value changes."""
        f = self.menu.focus
        words = spoken(ROWS[f][0], ROWS[f][1], self.host.settings) if 0 <= f < len(ROWS) else "Back"
        return ("settings", f, words), words

    def on_exit(self) -> None:
        self.host.save_settings()

    def on_resize(self) -> None:
        super().on_resize()
        self.menu = self.build_menu(self.menu.focus)

    def on_event(self, ev: Event) -> None:
        if isinstance(ev, Text):
            return
        if isinstance(ev, Wheel):
            self.scroll_by(-ev.dy * self.step)
            return
        if isinstance(ev, Click) and ev.button == 1:
            for i, (left, right) in enumerate(self.arrow_rects):
                if left.collidepoint(ev.x, ev.y) or right.collidepoint(ev.x, ev.y):
                    self.menu.focus = i
                    self.change(ROWS[i][0], -1 if left.collidepoint(ev.x, ev.y) else 1)
                    return
        if self.handle_back(ev):
            return
        if self.menu.handle(ev):
            self.keep_visible()
            self.host.dirty = True

    # ---- a list taller than the window scrolls ------------------------------------------------------
    @property
    def step(self) -> int:
        return round(self.fixed.ui * 1.5)

    def scroll_by(self, amount: int) -> None:
        room = (self.content.height // self.step) * self.step
        most = max(0, len(self.menu.items) * self.step + round(self.fixed.ui * 0.4) - room)
        self.scroll = max(0, min(most, self.scroll + amount))
        self.host.dirty = True

    def keep_visible(self) -> None:
        top = self.menu.focus * self.step
        room = (self.content.height // self.step) * self.step
        if top < self.scroll:
            self.scroll_by(top - self.scroll)
        elif top + self.step > self.scroll + room:
            self.scroll_by(top + self.step - room - self.scroll)

    def update(self, dt: float) -> bool:
        cps = self.host.settings.chars_per_second
        if cps > 0 and self.sample_reveal < len(SAMPLE):
            self.sample_reveal += dt * cps
            return True
        return False

    # ---- drawing ------------------------------------------------------------------------------------
    def on_draw(self, surface: pygame.Surface) -> None:
        host = self.host
        look = self.draw_frame(surface)
        m = self.fixed
        c = self.content
        width = min(c.width, round(m.ui * 21))
        left = c.centerx - width // 2
        old_clip = surface.get_clip()
        whole = pygame.Rect(c.left - m.ui, c.top, c.width + 2 * m.ui, (c.height // self.step) * self.step)
        surface.set_clip(whole)  # whole rows only: a row cut in half at the foot reads as broken
        mark = len(host.pen.record)
        top = c.top + round(m.ui * 0.2) - self.scroll  # room for the first row's highlight
        bottom = self.menu.draw(host.pen, surface, look, left, top, m.ui, spacing=1.5, align="left", width=width)
        host.pen.record[mark:] = [(r, t) for r, t in host.pen.record[mark:] if whole.contains(r)]  # what the list shows
        self.menu.rects = [r if whole.contains(r) else pygame.Rect(0, 0, 0, 0) for r in self.menu.rects]
        self.arrow_rects = []
        settings = host.settings
        for i, (field, _) in enumerate(ROWS):
            row = self.menu.rects[i]
            self.arrow_rects.append(self.draw_value(surface, row, shown(field, getattr(settings, field)), m, i == self.menu.focus))
        surface.set_clip(old_clip)
        total = len(self.menu.items) * self.step + round(m.ui * 0.4)
        if total > c.height:  # more rows than room: a thin bar says where the list is
            h = max(20, whole.height * whole.height // total)
            y = c.top + (whole.height - h) * self.scroll // max(1, total - c.height)
            x = self.panel.right - round(m.body * 0.5)
            pygame.draw.line(surface, look.faint, (x, c.top), (x, whole.bottom), 1)
            pygame.draw.line(surface, look.muted, (x, y), (x, min(whole.bottom, y + h)), 3)
        self.draw_sample(surface, bottom)

    def draw_value(self, surface: pygame.Surface, row: pygame.Rect, value: str, m: Metrics,
                   focused: bool) -> tuple[pygame.Rect, pygame.Rect]:
        """‹ value ›, right-aligned in the row; returns the two arrows' rects (empty when the row is out of view)."""
        if row.width == 0:
            return pygame.Rect(0, 0, 0, 0), pygame.Rect(0, 0, 0, 0)
        pen = self.host.pen
        look = self.look
        ink = look.accent if focused else look.muted
        text = pen.label(value, "italic", m.ui, ink)
        arrow_l = pen.label("‹", "regular", m.ui, ink)
        arrow_r = pen.label("›", "regular", m.ui, ink)
        box = round(m.ui * 1.3)
        y = row.top + round(m.ui * 0.12)
        right = pygame.Rect(row.right - box, row.top, box, row.height)
        tx = right.left - round(m.ui * 0.3) - text.get_width()
        left = pygame.Rect(tx - round(m.ui * 0.3) - box, row.top, box, row.height)
        pen.put(surface, arrow_r, (right.centerx - arrow_r.get_width() // 2, y), "›")
        pen.put(surface, text, (tx, y), value)
        pen.put(surface, arrow_l, (left.centerx - arrow_l.get_width() // 2, y), "‹")
        return left, right

    def draw_sample(self, surface: pygame.Surface, bottom: int) -> None:
        host = self.host
        m = host.metrics
        c = self.content
        key = (m.body, c.width, host.fonts.family, host.fonts.spacing)
        if self._sample is None or self._sample_key != key:
            self._sample, self._sample_key = Block(SAMPLE, "regular", m.body, c.width).layout(host.fonts), key
        sample = self._sample
        y = bottom + round(m.ui * 0.8)
        if self.scroll == 0 and y + sample.height <= c.bottom:
            lk = self.look
            pygame.draw.line(surface, lk.faint, (c.left, y - round(m.ui * 0.4)), (c.right, y - round(m.ui * 0.4)), 1)
            cps = host.settings.chars_per_second
            revealed = None if cps <= 0 or self.sample_reveal >= sample.chars else int(self.sample_reveal)
            draw_block(surface, host.fonts, sample, c.left, y, lk.ink, revealed, c, host.pen.record)
