"""Opening screens by name, so the pause menu, typed words (save, load, map) and hotkeys share one table."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.frontends.desktop.app import App


def open_screen(app: "App", name: str) -> None:
    session = app.session
    if name == "pause":
        from game.frontends.desktop.pause import PauseScreen

        app.push(PauseScreen(app))
    elif name in ("save", "load"):
        from game.frontends.desktop.saveload import SaveLoadScreen

        if name == "save" and session is None:
            return
        app.fade_push(SaveLoadScreen(app, name), 0.25)
    elif name == "settings":
        from game.frontends.desktop.settings_screen import SettingsScreen

        app.fade_push(SettingsScreen(app), 0.25)
    elif name == "history" and session is not None:
        from game.frontends.desktop.history import HistoryScreen

        app.fade_push(HistoryScreen(app, session), 0.25)
    elif name == "map" and session is not None:
        from game.frontends.desktop.flowchart import FlowchartScreen

        app.fade_push(FlowchartScreen(app, session, session.run.view().chapter), 0.3)
    elif name == "memories":
        from game.frontends.desktop.memories_screen import MemoriesScreen

        if app.ensure_story():
            app.fade_push(MemoriesScreen(app), 0.25)
    elif name == "title":
        app.to_title()
