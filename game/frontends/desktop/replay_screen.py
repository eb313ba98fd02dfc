"""The replay player's screen (`nlmg replay SAVE`): a saved run shown again, step by step, the choice taken highlighted.

Space or Right steps forward, Left steps back, A toggles auto-play, + and - change its pace,
Home and End jump, Escape leaves. The steps come ready-made from game.engine.replay's
ReplayModel, so stepping back and forth never runs the engine again.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine import LogEntry
from game.engine.model import Option
from game.engine.replay import ReplayModel, Step
from game.frontends.desktop.events import Click, Event, Key, Motion, Pad, Text, intent
from game.frontends.desktop.page import Page
from game.frontends.desktop.screen import Host, Screen
from game.frontends.desktop.theme import Look
from game.frontends.desktop.typography import spaced
from game.frontends.desktop.ui import Backdrop

PACES = (0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0)


class ReplayScreen(Screen[None]):
    name = "replay"

    def __init__(self, host: Host, model: ReplayModel, pace: float = 2.0) -> None:
        super().__init__(host)
        self.model = model
        self.pace = min(PACES, key=lambda p: abs(p - pace))
        self.auto = False
        self.clock = 0.0
        self.scroll = 0
        self.page: Page | None = None
        self.focus = -1
        self.controls: dict[str, pygame.Rect] = {}
        self.hover: str | None = None
        self.backdrop = Backdrop()
        self.layout()

    # ---- layout ---------------------------------------------------------------------------------
    def layout(self) -> None:
        frame = self.host.metrics.reading_frame()
        self.panel, self.header_y, self.bar, self.view = frame.panel, frame.header_y, frame.bar, frame.view
        self.build()

    def on_resize(self) -> None:
        self.layout()

    def build(self) -> None:
        """The page for the current step: what the player read there, and what they did."""
        model = self.model
        step = model.current
        prev = model.steps[step.index - 1] if step.index > 0 else None
        page = Page(self.host.fonts, self.host.metrics)
        if step.new_scene:
            for r in step.replies:
                page.add(LogEntry("choice", r, step.scene), reveal=False)
        page.add(LogEntry("title", step.title, step.scene), reveal=False)
        for p in step.paragraphs:
            page.add(LogEntry("text", p, step.scene), reveal=False)
        if not step.new_scene and prev is not None and prev.taken is not None:
            page.add(LogEntry("choice" if prev.taken.kind == "choose" else "command", prev.taken.text, step.scene), reveal=False)
            for r in step.replies:
                page.add(LogEntry("reply", r, step.scene), reveal=False)
        options = list(step.options)
        self.focus = -1
        taken = step.taken
        if taken is not None:
            if taken.option_index is not None:
                self.focus = taken.option_index
            else:
                options.append(Option(taken.value, f"› {taken.text}"))
                self.focus = len(options) - 1
        elif step.ending:
            options = [Option("end", f"The end: {step.ending}", False)]
        page.set_options(options, False)
        self.page = page
        # show the taken choice: scroll so the options are in view when the page is long
        most = max(0, page.height - self.view.height)
        self.scroll = most if self.focus >= 0 else 0
        self.host.dirty = True

    # ---- moving ---------------------------------------------------------------------------------
    def forward(self) -> None:
        if self.model.forward():
            self.build()
        else:
            self.auto = False
            self.host.dirty = True

    def back(self) -> None:
        if self.model.back():
            self.build()

    def toggle_auto(self) -> None:
        self.auto = not self.auto
        self.clock = 0.0
        if self.auto and self.model.at_end:
            self.model.seek(0)
            self.build()
        self.host.toast(f"Auto-play {'on' if self.auto else 'off'}: a step every {self.pace:g} s")
        self.host.dirty = True

    def change_pace(self, step: int) -> None:
        i = PACES.index(self.pace)
        self.pace = PACES[max(0, min(len(PACES) - 1, i + step))]
        self.host.toast(f"A step every {self.pace:g} s")

    def leave(self) -> None:
        """Close the player (it is the only screen, so the window closes too)."""
        self.dismiss(None)

    # ---- events ---------------------------------------------------------------------------------
    def on_event(self, ev: Event) -> None:
        what = intent(ev)
        if isinstance(ev, Text):
            if ev.text in "+=":
                self.change_pace(-1)  # more often: a shorter pace
            elif ev.text in "-_":
                self.change_pace(1)
            elif ev.text.lower() == "a":
                self.toggle_auto()
            return
        if isinstance(ev, Key):
            if ev.name in ("space", "right"):
                self.forward()
            elif ev.name == "left":
                self.back()
            elif ev.name == "home":
                self.model.seek(0)
                self.build()
            elif ev.name == "end":
                self.model.seek(len(self.model) - 1)
                self.build()
            elif ev.name == "escape":
                self.leave()
            elif ev.name in ("up", "down", "pageup", "pagedown"):
                amount = self.host.metrics.body * (3 if ev.name in ("up", "down") else 12)
                most = max(0, self.page.height - self.view.height) if self.page else 0
                self.scroll = max(0, min(most, self.scroll + (amount if ev.name in ("down", "pagedown") else -amount)))
                self.host.dirty = True
            return
        if isinstance(ev, Pad):
            if what in ("right", "accept"):
                self.forward()
            elif what == "left":
                self.back()
            elif what == "back":
                self.leave()
            elif what == "pause":
                self.toggle_auto()
            return
        if isinstance(ev, Motion):
            hit = next((k for k, r in self.controls.items() if r.collidepoint(ev.x, ev.y)), None)
            if hit != self.hover:
                self.hover = hit
                self.host.dirty = True
            return
        if isinstance(ev, Click):
            if ev.button == 3:
                self.back()
                return
            hit = next((k for k, r in self.controls.items() if r.collidepoint(ev.x, ev.y)), None)
            actions: dict[str, Callable[[], None]] = {"back": self.back, "forward": self.forward, "auto": self.toggle_auto, "leave": self.leave,
                       "slower": lambda: self.change_pace(1), "faster": lambda: self.change_pace(-1)}
            if hit is not None:
                actions[hit]()
            else:
                self.forward()

    def update(self, dt: float) -> bool:
        if self.auto:
            self.clock += dt
            if self.clock >= self.pace:
                self.clock = 0.0
                self.forward()
        return False

    # ---- drawing --------------------------------------------------------------------------------
    def on_draw(self, surface: pygame.Surface) -> None:
        host = self.host
        m = host.metrics
        step: Step = self.model.current
        look = host.look(step.location)
        surface.blit(self.backdrop.get(step.location, (m.w, m.h), look, self.panel, look.theme.page_alpha, round(m.body * 0.5)),
                     (0, 0))
        label = host.pen.label(spaced(step.chapter), "regular", m.small, look.muted, round(m.column.width * 0.55))
        host.pen.put(surface, label, (m.column.left, self.header_y), step.chapter)
        where = f"Replay · step {step.index + 1} of {len(self.model)}"
        w = host.pen.label(where, "italic", m.small, look.muted)
        host.pen.put(surface, w, (m.column.right - w.get_width(), self.header_y), where)
        if self.page is not None:
            origin = self.view.top - self.scroll
            self.page.draw_text(surface, look, m.column.left, origin, self.view, 0, host.pen.record)
            self.page.draw_options(host.pen, surface, look, m.column.left, origin, self.view, self.focus)
        self.draw_controls(surface, look)

    def draw_controls(self, surface: pygame.Surface, look: Look) -> None:
        host = self.host
        m = host.metrics
        bar = self.bar
        pygame.draw.line(surface, look.faint, (bar.left, bar.top), (bar.right, bar.top), 1)
        items = [("back", "‹ Back"), ("auto", "Pause" if self.auto else "Auto-play"), ("slower", "slower"),
                 ("faster", "faster"), ("forward", "Forward ›"), ("leave", "Leave")]
        surfs = [(k, t, host.pen.label(t, "regular" if k in ("back", "forward", "auto") else "italic", m.small,
                                       look.accent if k == self.hover else look.muted)) for k, t in items]
        total = sum(s.get_width() for _, _, s in surfs)
        gap = max(8, (bar.width - total) // (len(surfs) - 1))
        x = bar.left
        y = bar.top + (bar.height - surfs[0][2].get_height()) // 2
        self.controls = {}
        for k, t, s in surfs:
            host.pen.put(surface, s, (x, y), t)
            self.controls[k] = pygame.Rect(x - 6, y - 6, s.get_width() + 12, s.get_height() + 12)
            x += s.get_width() + gap
