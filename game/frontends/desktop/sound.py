"""Soft ambient sound, made by our own code: a slow, swelling chord and a little wind for each kind of place.

No sound files ship with the game. A loop is synthesised in pure Python in a background thread
and played on repeat with long crossfades between places. Where no audio device exists the game is
silent, never broken. Making a loop costs about a quarter of a second of CPU, which was most of what
the window spent in its first two seconds after New game (issue 14's 18%): so a loop once made is kept
in the cache folder (`.cache/` beside the scenes, or NLMG_CACHE) and read back at later starts.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import random
import threading
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.engine.files import UnreadableFile, read_limited
from game.frontends.desktop.theme import palette_for

RATE = 22050
PERIOD = 800  # samples in one period of the chord's fundamental: RATE / PERIOD = 27.56 Hz
LOOP_PERIODS = 276  # ~10 s
FADE_MS = 2200
LOOP_BYTES = 4 * PERIOD * LOOP_PERIODS  # stereo, 16-bit
SYNTH_VERSION = 1  # part of each kept loop's name: change it when synthesise() changes what it makes


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
    columns = list(zip(*tables))  # one tuple of every note's value per sample of the period
    for s in range(segments):
        t = s / segments
        g = [0.5 + 0.5 * math.sin(math.tau * mood.swell[k] * t + phase[k]) for k in range(n_notes)]
        mono.extend(_chord(g, columns, tables))
    total = len(mono)
    if mood.wind > 0:  # the wind breathes twice a loop; it is shaped and mixed in one pass over the samples
        c, tau2, sin = mood.wind * 2.2, math.tau * 2, math.sin
        mono = [a + c * (b * (0.6 + 0.4 * sin(tau2 * i / total))) for i, (a, b) in enumerate(zip(mono, _wind(total, seed)))]
    peak = max(1e-6, max(map(abs, mono)))
    scale = 32767 * mood.level / peak
    left = [int(v * scale) for v in mono]
    shift = total * 2 // 5  # the right ear hears the same loop later: wide, and free to compute
    out = array("h", bytes(4 * total))
    out[0::2] = array("h", left)
    out[1::2] = array("h", left[shift:] + left[:shift])
    return out.tobytes()


def _wind(n: int, seed: int) -> list[float]:
    """Low-passed noise, made at an eighth of the rate (it has no highs) and interpolated up; its end is
    crossfaded into its start so the loop has no seam. synthesise() makes it breathe as it mixes it in."""
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
    rows = [(low[j], low[j + 1] - low[j]) for j in range(len(low) - 1)]
    return [lo + rise * r / step for lo, rise in rows for r in range(step)][:n]  # each step between two low samples, in order


def _chord(g: list[float], columns: list[tuple[float, ...]], tables: list[list[float]]) -> list[float]:
    """One period of the chord at these gains: the notes summed in order, one pass over the period for the
    three- and four-note chords every mood has (each pass over ~220,000 samples is most of the cost)."""
    if len(g) == 4:
        g0, g1, g2, g3 = g
        return [0.0 + g0 * a + g1 * b + g2 * c + g3 * d for a, b, c, d in columns]
    if len(g) == 3:
        g0, g1, g2 = g
        return [0.0 + g0 * a + g1 * b + g2 * c for a, b, c in columns]
    seg = [0.0] * PERIOD
    for gain, table in zip(g, tables, strict=True):
        seg = [a + gain * v for a, v in zip(seg, table)]
    return seg


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

    def __init__(self, enabled: bool = True, cache: Path | None = None):
        self.enabled = enabled
        self.cache = cache / "ambience" if cache is not None else None  # where made loops are kept between starts
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
            data = self.loop(name)
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

    def loop(self, name: str) -> bytes:
        """The loop of a mood: read back if an earlier start kept it (a whole one, from an ordinary file), else made
        now and kept. A cache that cannot be read or written only means making it again."""
        mood = MOODS[name]
        key = hashlib.sha256(repr((mood, len(name), RATE, PERIOD, LOOP_PERIODS, SYNTH_VERSION)).encode()).hexdigest()[:16]
        path = self.cache / f"{name}-{key}.pcm" if self.cache is not None else None
        if path is not None:
            with contextlib.suppress(UnreadableFile):
                data = read_limited(path, LOOP_BYTES, "kept loop")
                if len(data) == LOOP_BYTES:
                    return data
        data = synthesise(mood, seed=len(name))
        if path is not None:
            part = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                part.write_bytes(data)
                os.replace(part, path)
            except OSError:
                with contextlib.suppress(OSError):
                    part.unlink()
        return data

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
