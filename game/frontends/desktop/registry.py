"""The app's screens by name: the one table through which the pause menu, typed words, hotkeys and flows open them.

Like Textual's `SCREENS`: each name maps to a factory that builds the screen from the Host, and
to how long the window crossfades as it opens. A factory returns None when its screen makes no
sense now (the history with no run, the memories of a story that would not load): then nothing
opens. Only this module and the screens themselves import screen classes; the app imports this.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from game.frontends.desktop.card import ChapterCard
from game.frontends.desktop.credits import CreditsScreen, TipCard
from game.frontends.desktop.ending import EndingScreen
from game.frontends.desktop.flowchart import FlowchartScreen
from game.frontends.desktop.history import HistoryScreen
from game.frontends.desktop.memories_screen import MemoriesScreen
from game.frontends.desktop.pause import PauseScreen
from game.frontends.desktop.play import PlayScreen
from game.frontends.desktop.saveload import SaveLoadScreen
from game.frontends.desktop.screen import Host, Screen
from game.frontends.desktop.settings_screen import SettingsScreen
from game.frontends.desktop.title import TitleScreen

Factory = Callable[[Host], "Screen[Any] | None"]


@dataclass(frozen=True, slots=True)
class Entry:
    build: Factory
    fade: float = 0.0  # seconds of crossfade as it opens


def _in_a_run(build: Callable[[Host], Screen[Any]]) -> Factory:
    """A screen about the run being played: nothing opens when there is none."""
    return lambda host: build(host) if host.session.playing else None


def _memories(host: Host) -> Screen[Any] | None:
    story = host.session.story
    return MemoriesScreen(host, story) if story is not None else None


SCREENS: dict[str, Entry] = {
    "title": Entry(TitleScreen),
    "play": Entry(_in_a_run(PlayScreen)),
    "card": Entry(_in_a_run(ChapterCard)),  # no crossfade: it rises out of the dark by itself
    "ending": Entry(_in_a_run(EndingScreen), 0.45),
    "pause": Entry(PauseScreen),
    "save": Entry(_in_a_run(lambda host: SaveLoadScreen(host, "save")), 0.25),
    "load": Entry(lambda host: SaveLoadScreen(host, "load"), 0.25),
    "settings": Entry(SettingsScreen, 0.25),
    "history": Entry(_in_a_run(HistoryScreen), 0.25),
    "map": Entry(_in_a_run(FlowchartScreen), 0.3),
    "memories": Entry(_memories, 0.25),
    "credits": Entry(CreditsScreen, 0.25),
    "tip": Entry(_in_a_run(TipCard)),
}
