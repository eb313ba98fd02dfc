"""The desktop app: the window, the loop, the stack of screens, and the services screens share.

The loop draws only when something changed or moves, and otherwise sleeps between short looks
at the event queue, so an idle game costs almost nothing. `step(events, dt)` is one
turn of the loop with the time passed in: tests drive the real app with posted pygame events
and never sleep.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

import pygame

from game import paths
from game.frontends.desktop import memories as memories_file
from game.frontends.desktop import settings as settings_file
from game.frontends.desktop.events import Click, Key, Pad, Quit, Resize, Translator
from game.frontends.desktop.flows import GameFlows
from game.frontends.desktop.metrics import Metrics, compute
from game.frontends.desktop.screen import Screen
from game.frontends.desktop.settings import Settings
from game.frontends.desktop.sound import Ambience
from game.frontends.desktop.text import Fonts
from game.frontends.desktop.theme import Look, look
from game.frontends.desktop.ui import Labels

FPS = 60  # fades and scrolling
TEXT_FPS = 30  # text typing itself out: two characters a frame at the normal speed, half the cost of 60
IDLE_POLL = (0.012, 0.035)  # seconds between looks at the event queue while idle: just idle, then idle a while
IDLE_LONG = 2.0  # after this long with nothing happening, look less often (a key then waits at most 35 ms)
MAX_STEP = 0.1  # animations never jump more than this in one frame
DEFAULT_SIZE = (1280, 760)
MIN_SIZE = (640, 480)
REDRAW_EVENTS = {pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED, pygame.VIDEOEXPOSE,
                 pygame.WINDOWFOCUSGAINED}


FIRST_FRAME_ENV = "NLMG_FIRST_FRAME_FILE"  # bench/bench_desktop.py: note when the first frame is up, then leave


def mark_first_frame(path: str) -> None:
    """Write the system's monotonic clock at the first frame (comparable across processes on one machine)."""
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(repr(time.monotonic()))
    except OSError:
        pass


class NoWindow(Exception):
    """No window could be opened here (no display, no video driver). The launcher falls back to the terminal."""


class App(GameFlows):
    def __init__(self, args: argparse.Namespace, *, clock: Callable[[], float] = time.monotonic, sound: bool = True):
        self.args = args
        self.clock = clock
        self.data_dir = paths.data_dir(getattr(args, "saves", None))
        self.saves_dir = paths.saves_dir(getattr(args, "saves", None))
        self.story_dir = Path(args.scenes) if getattr(args, "scenes", None) else paths.scenes_dir()
        self.settings, problem = settings_file.load(self.data_dir)
        self.memories, problem2 = memories_file.load(self.data_dir)
        self.warnings = [p for p in (problem, problem2) if p]
        self.translator = Translator()
        self.stack: list[Screen] = []
        self.running = True
        self.dirty = True
        self.keyboard_mode = False  # the last input came from keys or a pad: keep a choice focused
        self.record: list[tuple[pygame.Rect, str]] = []  # text drawn this frame (top layer), for layout tests
        self.overlay_record: list[tuple[pygame.Rect, str]] = []  # toasts and error boxes drawn over everything
        self.toasts: list[list] = []  # [text, seconds left]
        self.errors: tuple[str, list[str]] | None = None  # (message, file:line: message lines) over the game
        self.error_rect: pygame.Rect | None = None
        self._fade: list | None = None  # [snapshot, elapsed, duration]
        self._last = clock()
        self.story = None
        self.story_problem: list[str] | None = None
        self.story_title = peek_title(self.story_dir)
        self.session = None
        self._store = None
        self.frames = 0
        self.animating = False
        self.fps = FPS  # what the moving things of this frame need; see smooth()
        self.open_window()
        self.fonts = Fonts()
        self.labels = Labels(self.fonts)
        self.metrics: Metrics = compute(self.window.get_size(), self.settings.body_px, self.fonts)
        self.sound = Ambience(enabled=sound)
        self.sound.set_gain(self.settings.gain)

    # ---- the window -----------------------------------------------------------------------------
    def open_window(self) -> None:
        try:
            pygame.display.init()
            pygame.font.init()
        except pygame.error as exc:
            raise NoWindow(str(exc)) from None
        size = parse_size(getattr(self.args, "size", None))
        if size is None:
            size = DEFAULT_SIZE
            try:
                desktop = pygame.display.get_desktop_sizes()[0]
                size = (min(size[0], round(desktop[0] * 0.9)), min(size[1], round(desktop[1] * 0.88)))
            except (pygame.error, IndexError):
                pass
        self.windowed_size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        fullscreen = self.settings.fullscreen and not getattr(self.args, "windowed", False)
        pygame.display.set_caption("Never Let Me Go")
        try:
            self._set_mode(fullscreen)
        except pygame.error as exc:
            raise NoWindow(str(exc)) from None
        pygame.key.set_repeat(420, 45)  # holding Backspace undoes step after step
        pygame.key.start_text_input()
        pygame.event.set_blocked([pygame.FINGERMOTION, pygame.FINGERDOWN, pygame.FINGERUP, pygame.JOYAXISMOTION])

    def _set_mode(self, fullscreen: bool) -> None:
        if fullscreen:
            self.window = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            self.window = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        self.is_fullscreen = fullscreen

    def set_icon(self) -> None:
        """The window's icon: the title's dusk, painted small."""
        from game.frontends.desktop import art

        try:
            pygame.display.set_icon(pygame.transform.smoothscale(art.paint("title", (192, 192), "light"), (64, 64)))
        except pygame.error:
            pass

    def toggle_fullscreen(self) -> None:
        self.apply_settings(replace(self.settings, fullscreen=not self.is_fullscreen))

    def resized(self, w: int, h: int) -> None:
        w, h = max(MIN_SIZE[0], w), max(MIN_SIZE[1], h)
        if self.window.get_size() != (w, h) and not self.is_fullscreen:
            self.window = pygame.display.set_mode((w, h), pygame.RESIZABLE)
        if not self.is_fullscreen:
            self.windowed_size = self.window.get_size()
        self.relayout()

    def relayout(self) -> None:
        self.window = pygame.display.get_surface() or self.window
        self.metrics = compute(self.window.get_size(), self.settings.body_px, self.fonts)
        self._fade = None
        for screen in self.stack:
            screen.on_resize()
        self.dirty = True

    # ---- settings and looks ---------------------------------------------------------------------
    def look(self, location: str | None) -> Look:
        return look(self.settings.theme, location)

    def apply_settings(self, new: Settings) -> None:
        old, self.settings = self.settings, new
        if new.fullscreen != old.fullscreen or new.fullscreen != self.is_fullscreen:
            try:
                self._set_mode(new.fullscreen)
            except pygame.error as exc:
                self.toast(f"Fullscreen is not available here ({exc}).")
                self.settings = replace(new, fullscreen=False)
                self._set_mode(False)
            self.relayout()
        elif new.text_size != old.text_size:
            self.relayout()
        self.sound.set_gain(new.gain)
        self.dirty = True

    def save_settings(self) -> None:
        problem = settings_file.save(self.data_dir, self.settings)
        if problem:
            self.toast("Settings could not be saved.")
            print(problem, file=sys.stderr)

    def save_memories(self) -> None:
        problem = memories_file.save(self.data_dir, self.memories)
        if problem:
            print(problem, file=sys.stderr)

    # ---- drawing helpers ------------------------------------------------------------------------
    def put(self, surface: pygame.Surface, surf: pygame.Surface, pos: tuple[int, int], text: str = "") -> None:
        surface.blit(surf, pos)
        self.record.append((pygame.Rect(pos, surf.get_size()), text))

    def toast(self, text: str, seconds: float = 3.2) -> None:
        self.toasts = [t for t in self.toasts if t[0] != text][-2:] + [[text, seconds]]
        self.dirty = True

    def show_errors(self, lines: list[str] | tuple[str, ...], message: str) -> None:
        self.errors = (message, list(lines))
        self.dirty = True

    # ---- the screen stack -----------------------------------------------------------------------
    @property
    def top(self) -> Screen | None:
        return self.stack[-1] if self.stack else None

    def push(self, screen: Screen) -> None:
        self.stack.append(screen)
        screen.on_enter()
        self.dirty = True

    def pop(self) -> None:
        if self.stack:
            self.stack.pop().on_exit()
        if self.stack:
            self.stack[-1].on_enter()
        self.dirty = True

    def replace_all(self, screen: Screen) -> None:
        while self.stack:
            self.stack.pop().on_exit()
        self.push(screen)

    def crossfade(self, seconds: float = 0.5) -> None:
        """Fade from what is on the window now to whatever is drawn next."""
        if seconds > 0 and self.frames > 0:
            self._fade = [self.window.copy(), 0.0, seconds]
        self.dirty = True

    def fade_push(self, screen: Screen, seconds: float = 0.45) -> None:
        self.crossfade(seconds)
        self.push(screen)

    def fade_pop(self, seconds: float = 0.35) -> None:
        self.crossfade(seconds)
        self.pop()

    def find(self, kind: type) -> Screen | None:
        return next((s for s in reversed(self.stack) if isinstance(s, kind)), None)

    def open(self, name: str) -> None:
        """Open a named screen over the current one (the pause menu's entries, typed words, hotkeys)."""
        from game.frontends.desktop import screens

        screens.open_screen(self, name)

    # ---- the loop -------------------------------------------------------------------------------
    def step(self, raw_events: list, dt: float | None = None) -> None:
        now = self.clock()
        real = now - self._last if dt is None else dt
        self._last = now
        for raw in raw_events:
            if raw.type in REDRAW_EVENTS:
                self.dirty = True
            for ev in self.translator.translate(raw):
                self.dispatch(ev)
                if not self.running:
                    return
        if self.session is not None and self.top is not None and self.top.name == "play":
            self.session.play_seconds += max(0.0, real)
        moving = self.update(min(MAX_STEP, max(0.0, real)))
        if self.dirty or moving:
            self.draw()
        self.animating = moving

    def dispatch(self, ev) -> None:
        if isinstance(ev, Quit):
            self.quit()
            return
        if isinstance(ev, Resize):
            self.resized(ev.w, ev.h)
            return
        if isinstance(ev, Key) and (ev.name == "f11" or (ev.name == "enter" and ev.alt)):
            self.toggle_fullscreen()
            return
        if self.errors is not None:
            if isinstance(ev, Key) and ev.name == "escape":
                self.errors = None
                self.dirty = True
                return
            if isinstance(ev, Click) and self.error_rect is not None and self.error_rect.collidepoint(ev.x, ev.y):
                self.errors = None
                self.dirty = True
                return
        if isinstance(ev, (Key, Pad)):
            self.keyboard_mode = True  # keep a choice focused for the next Enter or A
        elif isinstance(ev, Click):
            self.keyboard_mode = False
        if isinstance(ev, (Key, Click)) and self._fade is not None:
            self._fade = None  # an impatient player is never made to wait for a fade
        top = self.top
        if top is not None:
            top.on_event(ev)

    def smooth(self) -> None:
        """Something on screen slides or fades this frame: run at the full frame rate."""
        self.fps = FPS

    def update(self, dt: float) -> bool:
        moving = False
        self.fps = TEXT_FPS
        if self._fade is not None:
            self.fps = FPS
            self._fade[1] += dt
            if self._fade[1] >= self._fade[2]:
                self._fade = None
                self.dirty = True
            else:
                moving = True
        if self.toasts:
            for t in self.toasts:
                t[1] -= dt
            before = len(self.toasts)
            self.toasts = [t for t in self.toasts if t[1] > 0]
            if any(t[1] < 0.6 for t in self.toasts):
                moving = True
                self.fps = FPS
            if len(self.toasts) != before:
                self.dirty = True
        top = self.top
        if top is not None and top.update(dt):
            moving = True
        return moving

    def draw(self) -> None:
        surface = self.window
        self.record = []
        self.overlay_record = []
        base = len(self.stack) - 1
        while base > 0 and self.stack[base].overlay:
            base -= 1
        for screen in self.stack[max(0, base):]:
            if screen.overlay:
                self.record = []
            screen.on_draw(surface)
        if self._fade is not None:
            snap, t, dur = self._fade
            a = 1.0 - t / dur
            snap.set_alpha(round(255 * a * a * (3 - 2 * a)))
            surface.blit(snap, (0, 0))
        from game.frontends.desktop.overlays import draw_errors, draw_toasts

        draw_toasts(self, surface)
        draw_errors(self, surface)
        damage = self.damage()
        if damage is None:
            pygame.display.flip()
        elif damage:
            pygame.display.update(damage)
        self.frames += 1
        self.dirty = False
        if self.frames == 1 and os.environ.get(FIRST_FRAME_ENV):
            mark_first_frame(os.environ[FIRST_FRAME_ENV])
            self.running = False

    def damage(self) -> list[pygame.Rect] | None:
        """What changed on screen this frame, when only the top screen moved (text being typed out).

        None means the whole window. A real display then copies only those rectangles: under X a
        full 1280x720 flip costs ~10 ms of CPU, a line being revealed a small fraction of it.
        """
        if self.dirty or self._fade is not None or self.toasts or self.errors is not None or not self.stack:
            return None
        if self.top.overlay:
            return None
        return self.top.damage()

    def pump(self, frames: int = 1, dt: float = 1 / FPS) -> None:
        """Tests: take what is in pygame's queue and run `frames` turns of the loop, never sleeping."""
        for _ in range(frames):
            self.step(pygame.event.get(), dt)

    def run(self, first: Callable[[], None] | None = None) -> int:
        """The loop: 60 frames a second while something moves, asleep between looks at the queue otherwise."""
        if first is None:
            self.start()
        else:
            first()
            self.step([], 0.0)
        tick = pygame.time.Clock()
        idle_since: float | None = None
        while self.running:
            if self.animating or self.dirty:
                tick.tick(self.fps)
                idle_since = None
                events = pygame.event.get()
            else:
                # pygame's event.wait polls SDL every millisecond (about 1.5% of a core); sleeping between
                # looks at the queue costs a tenth of that and keeps a key press under 35 ms from the screen
                now = time.monotonic()
                idle_since = now if idle_since is None else idle_since
                time.sleep(IDLE_POLL[0] if now - idle_since < IDLE_LONG else IDLE_POLL[1])
                events = pygame.event.get()
                if events:
                    idle_since = None
            self.step(events)  # timers (a card's hold, auto-play, a notice) run on in update(), drawing nothing
        self.sound.stop()
        return 0


def parse_size(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        w, h = text.lower().split("x")
        return max(MIN_SIZE[0], int(w)), max(MIN_SIZE[1], int(h))
    except ValueError:
        print(f"--size {text}: expected WIDTHxHEIGHT such as 1280x720; using the default size", file=sys.stderr)
        return None


def peek_title(story_dir: Path) -> str:
    """The story's title from story.yaml alone, for the first frame (the whole story loads after it)."""
    try:
        from game.engine.yamlpos import load_documents

        docs, _ = load_documents((story_dir / "story.yaml").read_text(encoding="utf-8"), "story.yaml")
        data = docs[0] if docs else None
        title = data.get("title") if isinstance(data, dict) else None
        if isinstance(title, str) and title.strip():
            return title.strip()
    except Exception:  # any problem here is reported properly when the story loads
        pass
    return "Never Let Me Go"


def main(args: argparse.Namespace) -> int:
    """`nlmg play` in a window. Raises NoWindow before anything is shown when no window can be opened."""
    app = App(args)
    try:
        return app.run()
    finally:
        pygame.quit()
