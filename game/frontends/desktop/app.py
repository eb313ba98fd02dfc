"""The desktop app: the loop, the stack of screens, and the services screens share (the Host they are given).

The loop draws only when something changed or moves, and otherwise sleeps between short looks
at the event queue, so an idle game costs almost nothing. `step(events, dt)` is one turn of the
loop with the time passed in: tests drive the real app with posted pygame events and never
sleep. The app owns plain helpers rather than mixing them in: the Window, the Session (the
story, saves, memories, run and play clock), the Flows (the ways through the game), the
Notices drawn over everything, and the Pen screens write with.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import pygame

from game import paths
from game.frontends.desktop import loop, readmarks
from game.frontends.desktop import memories as memories_file
from game.frontends.desktop import settings as settings_file
from game.frontends.desktop.events import Click, Event, Key, Pad, Quit, Resize, Text, Translator
from game.frontends.desktop.fader import Fader
from game.frontends.desktop.flows import Flows
from game.frontends.desktop.metrics import Metrics, compute
from game.frontends.desktop.notices import Notices
from game.frontends.desktop.pen import Pen
from game.frontends.desktop.screen import Screen
from game.frontends.desktop.session import Session
from game.frontends.desktop.settings import Settings
from game.frontends.desktop.sound import Ambience
from game.frontends.desktop.speech import Speaker, Voice
from game.frontends.desktop.text import Fonts
from game.frontends.desktop.theme import Look, look
from game.frontends.desktop.title import TitleScreen
from game.frontends.desktop.window import NoWindow, Window, parse_size

__all__ = ["App", "NoWindow", "main"]

FPS = 60  # fades and scrolling
TEXT_FPS = 30  # text typing itself out: two characters a frame at the normal speed, half the cost of 60
MAX_STEP = 0.1  # animations never jump more than this in one frame
REDRAW_EVENTS = {pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED, pygame.VIDEOEXPOSE,
                 pygame.WINDOWFOCUSGAINED}

R = TypeVar("R")


class App:
    def __init__(self, args: argparse.Namespace, *, clock: Callable[[], float] = time.monotonic, sound: bool = True,
                 speaker: Speaker | None = None) -> None:
        self.clock = clock
        saves = getattr(args, "saves", None)
        scenes = getattr(args, "scenes", None)
        self.data_dir = paths.data_dir(saves)
        self.settings, problem = settings_file.load(self.data_dir)
        memories, problem2 = memories_file.load(self.data_dir)
        read, problem3 = readmarks.load(self.data_dir)
        self.warnings = [p for p in (problem, problem2, problem3) if p]
        story_dir = Path(scenes) if scenes else paths.scenes_dir()
        self.session = Session(story_dir, paths.saves_dir(saves), memories, clock, read)
        self.session.picture = self.page_picture
        self.voice = Voice(speaker)
        self.voice.turn(self.settings.voice)
        self.flows = Flows(self, getattr(args, "seed", None), getattr(args, "load", None))
        self.translator = Translator()
        self.stack: list[Screen[Any]] = []
        self.notices = Notices()
        self.running = True
        self.dirty = True
        self.keyboard_mode = False  # the last input came from keys or a pad: keep a choice focused
        self._key_left: Screen[Any] | None = None  # the screen a key press just took the player away from
        self.fader = Fader()
        self._last = clock()
        self.frames = 0
        self.animating = False
        self.fps = FPS  # what the moving things of this frame need; see smooth()
        fullscreen = self.settings.fullscreen and not getattr(args, "windowed", False)
        asked = parse_size(getattr(args, "size", None))
        remembered = self.settings.window_size if asked is None else None
        self.window = Window(asked or remembered, fullscreen, self.settings.window_pos if asked is None else None)
        self.fonts = Fonts(family=self.settings.font, spacing=self.settings.spacing)
        self.pen = Pen(self.fonts)
        self.metrics: Metrics = compute(self.window.size, self.settings.body_px, self.fonts)
        self.sound = Ambience(enabled=sound, cache=paths.cache_dir(story_dir))  # made loops kept beside the parse cache
        self.sound.set_gain(self.settings.gain)

    # ---- the window -----------------------------------------------------------------------------
    def toggle_fullscreen(self) -> None:
        self.apply_settings(replace(self.settings, fullscreen=not self.window.is_fullscreen))

    def resized(self, w: int, h: int) -> None:
        self.window.resized(w, h)
        self.relayout()

    def relayout(self) -> None:
        self.window.refresh()
        self.metrics = compute(self.window.size, self.settings.body_px, self.fonts)
        self.fader.fade = None
        for screen in self.stack:
            screen.on_resize()
        self.dirty = True

    # ---- settings and looks ---------------------------------------------------------------------
    def look(self, location: str | None) -> Look:
        return look(self.settings.theme, location)

    def apply_settings(self, new: Settings) -> None:
        old, self.settings = self.settings, new
        if new.fullscreen != old.fullscreen or new.fullscreen != self.window.is_fullscreen:
            try:
                self.window.set_mode(new.fullscreen)
            except pygame.error as exc:
                self.toast(f"Fullscreen is not available here ({exc}).")
                self.settings = replace(new, fullscreen=False)
                self.window.set_mode(False)
            self.relayout()
        elif self.fonts.use(new.font, new.spacing):
            self.pen.forget()
            self.relayout()
        elif new.text_size != old.text_size:
            self.relayout()
        self.sound.set_gain(new.gain)
        if new.voice != old.voice:
            self.voice.turn(new.voice)
            if new.voice:
                self.voice.follow((object(), "Self-voicing on."))
        self.dirty = True

    def save_settings(self) -> None:
        """Keep the settings, and the window's size and place for the next start."""
        if not self.window.is_fullscreen:
            self.settings = replace(self.settings, window_size=self.window.windowed_size,
                                    window_pos=self.window.position or self.settings.window_pos)
        problem = settings_file.save(self.data_dir, self.settings)
        if problem:
            self.toast("Settings could not be saved.")
            print(problem, file=sys.stderr)

    # ---- notices --------------------------------------------------------------------------------
    def toast(self, text: str, seconds: float = 3.2) -> None:
        self.notices.toast(text, seconds)
        self.dirty = True

    def show_errors(self, lines: Sequence[str], message: str) -> None:
        self.notices.show_errors(lines, message)
        self.dirty = True

    def hide_errors(self) -> None:
        self.notices.hide_errors()
        self.dirty = True

    # ---- the screen stack -----------------------------------------------------------------------
    @property
    def top(self) -> Screen[Any] | None:
        return self.stack[-1] if self.stack else None

    def open(self, name: str, on_result: Callable[[Any], None] | None = None, fade: float | None = None) -> None:
        # start-up time: the registry brings in every screen, and the first frame needs only the title
        from game.frontends.desktop.registry import SCREENS

        entry = SCREENS[name]
        screen = entry.build(self)
        if screen is not None:
            self.push(screen, on_result, entry.fade if fade is None else fade)

    def push(self, screen: Screen[R], on_result: Callable[[R], None] | None = None, fade: float = 0.0) -> None:
        self.crossfade(fade)
        screen.on_result = on_result
        self.stack.append(screen)
        screen.on_enter()
        self.dirty = True

    def close(self, screen: Screen[Any], fade: float = 0.0) -> None:
        if screen not in self.stack:
            return
        self.crossfade(fade)
        was_top = screen is self.stack[-1]
        self.stack.remove(screen)
        screen.on_exit()
        if was_top and self.stack:
            self.stack[-1].on_enter()
        self.dirty = True

    def replace_all(self, name: str) -> None:
        while self.stack:
            self.stack.pop().on_exit()
        self.open(name, fade=0.0)

    def story_changed(self) -> None:
        for screen in self.stack:
            screen.on_story_changed()
        self.dirty = True

    def crossfade(self, seconds: float) -> None:
        """Fade from what is on the window now to whatever is drawn next."""
        if self.frames > 0 and not self.settings.reduced_motion and self.fader.start(self.window.surface, seconds):
            self.dirty = True

    def smooth(self) -> None:
        """Something on screen slides or fades this frame: run at the full frame rate."""
        self.fps = FPS

    # ---- the ways through the game (flows.py) ---------------------------------------------------
    def new_game(self) -> None:
        self.flows.new_game()

    def continue_game(self) -> None:
        self.flows.continue_game()

    def load_game(self, slot: str) -> bool:
        return self.flows.load_game(slot)

    def quickload(self) -> None:
        self.flows.quickload()

    def reload_story(self) -> None:
        self.flows.reload_story()

    def begin_at(self, chapter: str) -> None:
        self.flows.begin_at(chapter)

    def to_title(self) -> None:
        self.flows.to_title()

    def quit(self) -> None:
        self.flows.quit()

    def stop(self) -> None:
        self.running = False

    # ---- the loop -------------------------------------------------------------------------------
    def step(self, raw_events: list[pygame.event.Event], dt: float | None = None) -> None:
        now = self.clock()
        real = now - self._last if dt is None else dt
        self._last = now
        for raw in raw_events:
            if raw.type in REDRAW_EVENTS:
                self.dirty = True
            for ev in self.translator.translate(raw):
                loop.dispatch_guarded(self, ev)
                if not self.running:
                    return
        if not self.stack:  # the last screen closed itself (the replay player): the window closes
            self.running = False
            return
        moving = self.update(min(MAX_STEP, max(0.0, real)))
        top = self.stack[-1]
        self.voice.follow(top.speech())
        self.session.clock.run(self.session.playing and top.counts_play_time)
        if self.dirty or moving:
            self.draw()
        self.animating = moving

    def dispatch(self, ev: Event) -> None:
        if isinstance(ev, Quit):
            self.quit()
            return
        if isinstance(ev, Resize):
            self.resized(ev.w, ev.h)
            return
        if isinstance(ev, Key) and (ev.name == "f11" or (ev.name == "enter" and ev.alt)):
            self.toggle_fullscreen()
            return
        if isinstance(ev, Key) and ev.name == "v" and not ev.ctrl and not ev.repeat and (ev.alt or not self._typing()):
            self.apply_settings(replace(self.settings, voice=not self.settings.voice))  # as Ren'Py's V
            self.save_settings()
            return
        if self.notices.dismissed_by(ev):  # Escape or a click on the error box hides it
            self.dirty = True
            return
        if isinstance(ev, (Key, Pad)):
            self.keyboard_mode = True  # keep a choice focused for the next Enter or A
        elif isinstance(ev, Click):
            self.keyboard_mode = False
        if isinstance(ev, (Key, Click)):
            self.fader.fade = None  # an impatient player is never made to wait for a fade
        top = self.top
        if isinstance(ev, Text) and self._key_left is not None:
            self._key_left = None
            return  # the character of a key that closed or opened a screen is not typed into the next one
        self._key_left = None
        if top is not None:
            top.on_event(ev)
            if isinstance(ev, Key) and self.top is not top:
                self._key_left = top

    def page_picture(self) -> pygame.Surface | None:
        """The page under whatever menu is open, drawn aside: what a save's picture shows."""
        return next((p for p in (s.picture() for s in reversed(self.stack)) if p is not None), None)

    def _typing(self) -> bool:
        top = self.top
        return top is not None and top.takes_text

    def update(self, dt: float) -> bool:
        self.fps = TEXT_FPS
        moving, ended = self.fader.update(dt)
        if moving or ended:
            self.fps = FPS
            self.dirty = self.dirty or ended
        fading, gone = self.notices.update(dt)
        if fading:
            moving = True
            self.fps = FPS
        if gone:
            self.dirty = True
        top = self.top
        if top is not None and top.update(dt):
            moving = True
            if top.frame_rate is not None and self.fps == TEXT_FPS:  # a slow veil: fewer frames will do
                self.fps = top.frame_rate
        return moving

    def draw(self) -> None:
        """One frame. While only the top screen's reveal moves, only what it changed is drawn and sent (damage)."""
        surface = self.window.surface
        damage = self.damage()
        if damage == []:  # the reveal is between paragraphs: nothing on screen changes
            return
        self.pen.record = []
        base = len(self.stack) - 1
        while base > 0 and self.stack[base].overlay:
            base -= 1
        if damage:
            surface.set_clip(damage[0].unionall(damage[1:]))
        for screen in self.stack[max(0, base):]:
            if screen.overlay:
                self.pen.record = []  # the layout tests check the top layer only
            screen.on_draw(surface)
        surface.set_clip(None)
        self.fader.draw(surface)
        self.notices.draw(surface, self.metrics, self.fonts, self.look(None))
        if damage is None:
            pygame.display.flip()
        else:
            pygame.display.update(damage)
        self.frames += 1
        self.dirty = False

    def damage(self) -> list[pygame.Rect] | None:
        """What the next frame changes, when only the top screen moves (text being typed out): asked before drawing.

        None means the whole window. Only those rectangles are then drawn and copied to the display:
        under X a full 1280x720 frame costs ~10 ms of CPU, a line being revealed a small fraction of it.
        """
        top = self.top
        if self.dirty or self.fader.fade is not None or self.notices.showing or top is None or top.overlay:
            return None
        return top.damage()

    def pump(self, frames: int = 1, dt: float = 1 / FPS) -> None:
        """Tests: take what is in pygame's queue and run `frames` turns of the loop, never sleeping."""
        for _ in range(frames):
            self.step(pygame.event.get(), dt)

    def show_title(self) -> None:
        """The title, drawn at once: the first frame. Nothing slow has happened yet."""
        self.push(TitleScreen(self))
        self.step([], 0.0)

    def start(self) -> None:
        """Show the title, and only then start the pads, paint the icon and load the story."""
        self.show_title()
        self.translator.start_controllers()  # after the first frame: none of this delays the title
        self.window.set_icon()
        self.flows.settle_in()
        # start-up time: the screens' code loads now, after the first frame, not when New game is chosen
        from game.frontends.desktop import registry  # noqa: F401

        for w in self.warnings:
            print(w, file=sys.stderr)

    def run(self, first: Callable[[], None] | None = None) -> int:
        """The loop: 60 frames a second while something moves, asleep between looks at the queue otherwise."""
        if first is None:
            self.start()
        else:
            first()
            self.step([], 0.0)
        loop.run(self)
        self.sound.stop()
        self.voice.stop()
        return 0


def main(args: argparse.Namespace) -> int:
    """`nlmg play` in a window. Raises NoWindow before anything is shown when no window can be opened."""
    app = App(args)
    try:
        return app.run()
    finally:
        pygame.quit()
