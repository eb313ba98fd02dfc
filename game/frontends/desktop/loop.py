"""The window's main loop: frames only while something moves, and otherwise asleep between short looks at the queue.

Kept apart from the app so its timing can be read (and measured, bench/bench_desktop.py) in one
place. Idle costs almost nothing: pygame's event.wait polls SDL every millisecond (about 1.5% of
a core); sleeping between looks at the queue costs a tenth of that and keeps a key press under
35 ms from the screen. Timers (a card's hold, Auto's wait, a notice) still run on in step(),
drawing nothing.
"""

from __future__ import annotations

import time
from typing import Protocol

import pygame

from game.engine.bounds import one_line
from game.frontends.desktop import firstframe
from game.frontends.desktop.events import Event

IDLE_POLL = (0.012, 0.035)  # seconds between looks at the event queue while idle: just idle, then idle a while
IDLE_LONG = 0.5  # after this long with nothing happening, look less often (a key then waits at most 35 ms)


class Loopable(Protocol):
    running: bool
    animating: bool
    dirty: bool
    fps: int
    frames: int

    def step(self, raw_events: list[pygame.event.Event], dt: float | None = None) -> None: ...


def run(app: Loopable) -> None:
    """Until the app stops: tick at the frame rate its moving things ask for, or sleep while nothing moves."""
    tick = pygame.time.Clock()
    idle_since: float | None = None
    unkept = True  # the first frame is kept for NLMG_FIRST_FRAME once drawn (App.start has usually drawn it already)
    while app.running:
        if unkept and app.frames:
            firstframe.keep(pygame.display.get_surface())
            unkept = False
        if app.animating or app.dirty:
            tick.tick(app.fps)
            idle_since = None
            events = pygame.event.get()
        else:
            now = time.monotonic()
            idle_since = now if idle_since is None else idle_since
            time.sleep(IDLE_POLL[0] if now - idle_since < IDLE_LONG else IDLE_POLL[1])
            events = pygame.event.get()
            if events:
                idle_since = None
        app.step(events)


class Dispatching(Protocol):
    dirty: bool

    def dispatch(self, ev: Event) -> None: ...
    def toast(self, text: str) -> None: ...


def dispatch_guarded(app: Dispatching, ev: Event) -> None:
    """The top-level handler (issue 12): a fault while answering an input becomes a notice, and play goes on."""
    try:
        app.dispatch(ev)
    except Exception as exc:
        app.toast(f"Something went wrong with that, and nothing happened ({one_line(str(exc))[:160] or type(exc).__name__}).")
        app.dirty = True
