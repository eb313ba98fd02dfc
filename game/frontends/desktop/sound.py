"""Soft ambient sound, made by our own code: a slow, swelling chord and a little wind for each kind of place.

No sound files ship with the game. A loop is synthesised in pure Python in a background thread
(one period of the chord is computed and tiled, so it takes about a tenth of a second) and played
on repeat with long crossfades between places. Where no audio device exists the game is silent,
never broken.
"""

from __future__ import annotations

import contextlib
import math
import os
import random
import threading
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pygame

from game.frontends.desktop.theme import palette_for

RATE = 22050
PERIOD = 800  # samples in one period of the chord's fundamental: RATE / PERIOD = 27.56 Hz
LOOP_PERIODS = 276  # ~10 s
FADE_MS = 2200


@dataclass(frozen=True, slots=True)
class Mood:
    harmonics: tuple[int, ...]  # of the fundamental: 8:10:12 is a major triad, 10:12:15 a minor one
    swell: tuple[int, ...]  # how many slow swells per loop, per note
    wind: float  # 0..1
    level: float = 0.16


MOODS: dict[str, Mood] = {
    "hailsham": Mood((8, 10, 12, 16), (1, 2, 3, 2), 0.12),
    "cottages": Mood((8, 12, 15, 18), (2, 1, 3, 2), 0.18),
    "norfolk": Mood((8, 12, 16, 18), (1, 3, 2, 1), 0.35),
    "field": Mood((8, 12, 16, 24), (1, 2, 1, 3), 0.5),
    "boat": Mood((8, 12, 18), (1, 2, 1), 0.42),
    "recovery": Mood((10, 12, 15, 20), (2, 1, 3, 1), 0.08),
    "kingsfield": Mood((10, 12, 15, 20), (1, 2, 1, 3), 0.1),
    "carer": Mood((10, 15, 18, 20), (1, 3, 2, 1), 0.2),
    "madame": Mood((10, 12, 15, 24), (2, 1, 2, 3), 0.06),
    "title": Mood((8, 10, 12, 16), (1, 1, 2, 3), 0.2),
    "default": Mood((8, 12, 16), (1, 2, 3), 0.15),
}


def mood_for(location: str | None) -> str:
    name = palette_for(location).name
    return name if name in MOODS else "default"


def synthesise(mood: Mood, seed: int = 1) -> bytes:
    """A seamless stereo loop of signed 16-bit samples at RATE, as raw bytes for pygame.mixer.Sound(buffer=...)."""
    n_notes = len(mood.harmonics)
    tables = []
    for h in mood.harmonics:  # one period per note, with a touch of the octave above for warmth
        w = 2 * math.pi * h / PERIOD
        tables.append([math.sin(w * i) + 0.18 * math.sin(2 * w * i) for i in range(PERIOD)])
    segments = LOOP_PERIODS
    phase = [random.Random(seed + k).uniform(0, math.tau) for k in range(n_notes)]
    mono: list[float] = []
    for s in range(segments):
        t = s / segments
        seg = [0.0] * PERIOD
        for k, table in enumerate(tables):
            g = 0.5 + 0.5 * math.sin(math.tau * mood.swell[k] * t + phase[k])
            seg = [a + g * v for a, v in zip(seg, table)]
        mono.extend(seg)
    total = len(mono)
    if mood.wind > 0:
        wind = _wind(total, seed)
        mono = [a + mood.wind * 2.2 * b for a, b in zip(mono, wind)]
    peak = max(1e-6, max(map(abs, mono)))
    scale = 32767 * mood.level / peak
    left = [int(v * scale) for v in mono]
    shift = total * 2 // 5  # the right ear hears the same loop later: wide, and free to compute
    out = array("h", bytes(4 * total))
    out[0::2] = array("h", left)
    out[1::2] = array("h", left[shift:] + left[:shift])
    return out.tobytes()


def _wind(n: int, seed: int) -> list[float]:
    """Low-passed noise that breathes slowly, made at an eighth of the rate (it has no highs) and
    interpolated up; its end is crossfaded into its start so the loop has no seam."""
    step = 8
    m = n // step + 1
    rng = random.Random(seed)
    low = [0.0] * m
    y = 0.0
    for i in range(m):
        y += 0.15 * ((rng.random() - 0.5) - y)
        low[i] = y
    fade = m // 10
    for i in range(fade):
        a = i / fade
        low[m - fade + i] = low[m - fade + i] * (1 - a) + low[i] * a
    low = low[fade:] + low[:fade]
    low.append(low[0])
    out = [low[i // step] + (low[i // step + 1] - low[i // step]) * (i % step) / step for i in range(n)]
    return [v * (0.6 + 0.4 * math.sin(math.tau * 2 * i / n)) for i, v in enumerate(out)]


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence file descriptor 2 for a moment (C libraries write there directly, past sys.stderr)."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class Ambience:
    """Plays the mood of the current place. Every failure (no device, no mixer) just means silence."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.ready = False
        self.problem: str | None = None
        self.gain = 0.5
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._channel: pygame.mixer.Channel | None = None
        self._current: str | None = None
        self._wanted: str | None = None
        self._lock = threading.Lock()
        self._closed = False  # set by stop(): after it, no thread may touch the mixer (pygame.quit follows)

    def _init(self) -> bool:
        if self.ready:
            return True
        if not self.enabled:
            return False
        try:
            with quiet_stderr():  # ALSA prints a page of C-level complaints when there is no sound card
                pygame.mixer.init(frequency=RATE, size=-16, channels=2, buffer=2048, allowedchanges=0)
            self.ready = True
        except Exception as exc:  # no audio device is normal on servers and in CI
            self.problem = str(exc)
            self.enabled = False
        return self.ready

    def set_gain(self, gain: float) -> None:
        self.gain = max(0.0, min(1.0, gain))
        with self._lock:
            if self._channel is not None:
                self._channel.set_volume(self.gain)

    def play(self, location: str | None) -> None:
        name = mood_for(location)
        if name == self._wanted or not self._init():
            return
        self._wanted = name
        if name in self._sounds:
            self._start(name)
            return
        threading.Thread(target=self._make, args=(name,), daemon=True).start()

    def _make(self, name: str) -> None:
        try:
            data = synthesise(MOODS[name], seed=len(name))
            with self._lock:  # the window may have closed while this was being made (issue 12: a segfault)
                if self._closed:
                    return
                sound = pygame.mixer.Sound(buffer=data)
        except Exception as exc:
            self.problem = str(exc)
            return
        self._sounds[name] = sound
        if self._wanted == name:
            self._start(name)

    def _start(self, name: str) -> None:
        with self._lock:
            if self._current == name or self._closed:
                return
            try:
                if self._channel is not None:
                    self._channel.fadeout(FADE_MS)
                channel = self._sounds[name].play(loops=-1, fade_ms=FADE_MS)
                if channel is not None:
                    channel.set_volume(self.gain)
                self._channel = channel
                self._current = name
            except Exception as exc:
                self.problem = str(exc)

    def stop(self) -> None:
        with self._lock:
            self._closed = True
        if self.ready:
            with contextlib.suppress(pygame.error):
                pygame.mixer.fadeout(300)
