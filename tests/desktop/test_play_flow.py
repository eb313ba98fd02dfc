"""The real app loop driven by posted pygame events: new game, choosing by key and click, commands, undo, saves, quit, continue."""

from __future__ import annotations

import json

import pygame

from game.engine.saves import SaveStore
from game.frontends.desktop.play import PlayScreen


def to_play(d, settings=None) -> PlayScreen:
    """Title -> New game (Enter) -> chapter card (a key) -> the first scene, its text fully shown."""
    assert d.top.name == "title"
    d.press("enter")  # "New game" is focused when there is no save yet
    d.settle(1.0)
    assert d.top.name == "card"
    d.press("space")
    d.press("space")
    d.settle(1.0)
    assert d.top.name == "play"
    play = d.top
    if play.reading.revealing:
        d.press("enter")
    d.settle(1.0)
    return play


def option_center(d, play: PlayScreen, index: int) -> tuple[int, int]:
    """Where option `index` is on screen (scrolling it into view with the keyboard first)."""
    m = d.app.metrics
    row = play.reading.page.rows[index]
    while True:
        origin = play.reading.view.top - round(play.reading.scroll)
        rect = play.reading.page.option_rect(row, m.column.left, origin)
        if play.reading.view.contains(rect):
            return rect.center
        d.wheel(-1)
        d.settle(0.5)


def test_new_game_reveals_text_then_choose_by_key(launch, screenshots):
    d = launch()
    d.shot("title")
    play = to_play(d)
    assert play.run.state.scene == "school.gate"
    assert not play.reading.revealing
    d.shot("play-first-scene")
    d.digit(2)  # "Walk over to the pavilion" (option 1 is the typed action offered as a choice)
    d.settle(0.2)
    assert play.run.state.scene == "school.pavilion"
    assert play.reading.revealing  # the new scene types itself out at the default speed
    d.digit(1)  # a number while the text is still coming shows it all; it never chooses blind
    assert not play.reading.revealing and play.run.state.scene == "school.pavilion"
    d.press("backspace")
    d.digit(2)
    assert play.reading.revealing
    d.press("space")  # Space completes it at once
    assert not play.reading.revealing
    titles = [e.text for e in play.run.log if e.kind == "title"]
    assert titles[-1] == "The pavilion"


def test_choose_by_click_and_hover(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    labels = [r.label for r in play.reading.page.rows]
    target = labels.index("Go down to the pond on my own.")
    pos = option_center(d, play, target)
    for at in ((pos[0] - 30, pos[1]), pos):  # the pointer moves onto it
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=at, rel=(0, 0), buttons=(0, 0, 0)))
    d.pump(1)
    assert play.reading.focus == target  # hover focuses
    d.click(pos)
    assert play.run.state.scene == "school.pond"


def test_disabled_choice_is_shown_and_cannot_be_taken(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    rows = play.reading.page.rows
    disabled = [i for i, r in enumerate(rows) if r.option is not None and not r.option.enabled]
    assert disabled, "the fixture shows Miss Lucy's choice disabled"
    d.digit(disabled[0] + 1)
    assert play.run.state.scene == "school.gate"
    assert any("not open" in t.text for t in d.app.notices.toasts)


def test_typed_command_replies_in_the_prose_with_history_and_tab(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    d.type("examine bench")
    assert play.reading.cmd.text == "examine bench"
    d.press("enter")
    replies = [e.text for e in play.run.log if e.kind == "reply"]
    assert replies[-1].startswith("The paint has worn through")
    assert any(item.kind == "reply" and item.block.text == replies[-1] for item in play.reading.page.items)
    # Up brings the last command back; Escape clears the line
    d.type("x")
    d.press("backspace")
    d.press("up")
    assert play.reading.cmd.text == "examine bench"
    d.press("escape")
    assert play.reading.cmd.text == "" and d.top is play
    # Tab on an empty line shows what could be typed, verbs first, and types none of it for the player (it typed "help"
    # or "me", the shortest word known, into the line of a player who pressed Tab to look for the choices)
    d.press("tab")
    assert play.reading.cmd.text == "" and "examine" in play.reading.candidates[:6]
    d.press("tab")
    assert play.reading.cmd.text == ""
    # Tab completes verbs and things known here
    d.type("exa")
    d.press("tab")
    assert play.reading.cmd.text == "examine "
    d.type("po")
    d.press("tab")
    assert play.reading.cmd.text == "examine pond "
    d.press("enter")
    assert [e.text for e in play.run.log if e.kind == "reply"][-1].startswith("The pond is very still")
    # a typed action changes the state like a choice would
    d.type("take tape")
    d.press("enter")
    assert "tape" in play.run.state.items
    d.shot("play-after-commands")


def test_undo_with_backspace_and_wheel_redo(launch):
    d = launch(settings={"text_speed": "instant", "wheel_undo": True})  # the wheel undoes only when asked to
    play = to_play(d)
    d.digit(3)  # the pond (options: take tape, pavilion, pond, disabled)
    assert play.run.state.scene == "school.pond"
    d.press("backspace")  # empty command line: undo
    assert play.run.state.scene == "school.gate"
    assert play.run.can_redo
    # the wheel scrolls first; at the bottom of the page it redoes
    for _ in range(20):
        d.wheel(-1)
        d.settle(0.3)
        if play.run.state.scene == "school.pond":
            break
    assert play.run.state.scene == "school.pond"
    # at the top of the page, the wheel up undoes
    play.reading.target = play.reading.scroll = 0.0
    d.wheel(1)
    assert play.run.state.scene == "school.gate"
    d.press("backspace")
    assert play.run.state.scene == "school.gate"  # nothing left to undo: a notice, no crash
    assert any("began" in t.text for t in d.app.notices.toasts)


def test_quicksave_quickload(launch):
    d = launch(settings={"text_speed": "instant"})
    to_play(d)
    d.press("f5")
    assert (d.app.session.saves_dir / "quick.yaml").is_file()
    d.digit(3)
    assert d.app.session.run.state.scene == "school.pond"
    d.press("f9")
    d.settle(1.0)
    assert d.app.session.run.state.scene == "school.gate"
    assert d.top.name == "play"


def test_f9_in_the_pause_menu_quickloads_as_f5_there_quicksaves(launch):
    d = launch(settings={"text_speed": "instant"})
    to_play(d)
    d.press("escape")
    d.press("f9")
    assert d.top.name == "pause" and any("no quicksave yet" in t.text for t in d.app.notices.toasts)
    d.press("f5")
    d.press("escape")
    d.digit(3)
    assert d.app.session.run.state.scene == "school.pond"
    d.press("escape")
    assert d.top.name == "pause"
    d.press("f9")
    d.settle(1.0)
    assert d.app.session.run.state.scene == "school.gate" and d.top.name == "play"


def test_play_time_counts_each_second_on_the_play_screen_once(launch, tmp_path):
    """Play time is read from the app's clock while the page is in front: 12 s of play and 3 more are 15 s in
    the save, the 5 s the pause menu was open are not, and nothing is counted twice."""
    saves = tmp_path / "saves"
    d = launch(saves=saves, settings={"text_speed": "instant"})
    to_play(d)

    def quicksaved() -> float:
        d.press("f5")
        return next(i.play_seconds for i in SaveStore(saves).list() if i.kind == "quick")

    before = quicksaved()
    d.live(12.0)
    d.press("escape")
    assert d.top.name == "pause"
    d.live(5.0)
    d.press("escape")
    assert d.top.name == "play"
    d.live(3.0)
    assert round(quicksaved() - before, 1) == 15.0  # saves keep tenths of a second


def test_save_in_a_slot_quit_then_continue_and_load(launch, tmp_path):
    saves = tmp_path / "saves"
    d = launch(saves=saves, settings={"text_speed": "instant"})
    to_play(d)
    d.digit(2)  # the pavilion
    d.settle(1.5)
    d.press("escape")
    assert d.top.name == "pause"
    d.shot("pause")
    d.press("down")
    d.press("enter")  # Save
    d.settle(0.5)
    assert d.top.name == "save"
    d.press("enter")  # slot 1, empty: saved without asking
    assert (saves / "1.yaml").is_file()
    d.shot("save-slots")
    d.press("enter")  # slot 1 again: asks first
    assert d.top.name == "confirm"
    d.shot("confirm-overwrite")
    d.press("escape")  # Cancel
    assert d.top.name == "save"
    d.press("escape")
    d.press("escape")
    assert d.top.name == "play"
    d.digit(1)  # on to the pond
    d.settle(1.0)
    assert d.app.session.run.state.scene == "school.pond"
    d.quit()  # closing the window autosaves
    assert not d.app.running
    assert (saves / "auto-1.yaml").is_file()
    assert json.loads((saves / "settings.json").read_text())["text_speed"] == "instant"

    # a new start: Continue is focused and loads the newest save (the autosave at the pond)
    d2 = launch(saves=saves)
    d2.pump(2)
    assert d2.top.menu.items[d2.top.menu.focus].label == "Continue"
    d2.press("enter")
    d2.settle(1.0)
    assert d2.top.name == "play"
    assert d2.app.session.run.state.scene == "school.pond"
    # Load from the pause menu: slot 1 is at the pavilion
    d2.press("escape")
    d2.press("down")
    d2.press("down")
    d2.press("enter")
    d2.settle(0.5)
    assert d2.top.name == "load"
    d2.shot("load-slots")
    rows = d2.top.rows
    index = next(i for i, r in enumerate(rows) if r.slot == "1")
    for _ in range(index):
        d2.press("down")
    d2.press("enter")
    d2.settle(1.0)
    assert d2.top.name == "play"
    assert d2.app.session.run.state.scene == "school.pavilion"


def test_resize_reflows_the_page(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    wide_body = d.app.metrics.body
    d.resize(800, 600)
    assert d.app.window.size == (800, 600)
    m = d.app.metrics
    assert m.column.right <= 800 and m.body < wide_body  # smaller type, same comfortable measure
    assert all(item.block.width == m.column.width and item.block.size in (m.body, round(m.body * 1.45))
               for item in play.reading.page.items)
    d.shot("play-800x600")
    d.resize(1600, 900)
    assert d.app.window.size == (1600, 900)
    assert d.top is play and play.run.state.scene == "school.gate"


def test_settings_change_and_persist(launch, tmp_path):
    saves = tmp_path / "saves"
    d = launch(saves=saves)
    d.pump(2)
    settings_index = [i.label for i in d.top.menu.items].index("Settings")
    for _ in range(10):
        if d.top.menu.focus == settings_index:
            break
        d.press("down")
    d.press("enter")
    d.settle(0.5)
    assert d.top.name == "settings"
    body_before = d.app.metrics.body
    rows = [field for field, _ in d.top.rows]

    def go_to(field: str) -> None:
        while d.top.menu.focus != rows.index(field):
            d.press("down")

    d.press("right")  # text speed: normal -> fast
    assert d.app.settings.text_speed == "fast"
    go_to("text_size")
    d.press("right")  # text size: medium -> large
    assert d.app.settings.text_size == "large"
    assert d.app.metrics.body > body_before  # the layout followed at once
    go_to("theme")
    d.press("right")  # theme: light -> dark
    assert d.app.settings.theme == "dark"
    go_to("volume")
    d.press("left")  # volume down
    assert d.app.settings.volume == 5
    go_to("muted")
    d.press("enter")  # sound off
    assert d.app.settings.muted
    d.shot("settings-dark-large")
    # a mouse-only player: click the text speed row's right arrow to step it on
    d.click(d.top.arrow_rects[0][1].center)
    assert d.app.settings.text_speed == "instant"
    d.press("escape")  # leaving the screen keeps the settings
    saved = json.loads((saves / "settings.json").read_text())
    assert {k: saved[k] for k in ("text_speed", "text_size", "theme", "volume", "muted", "fullscreen")} == {
        "text_speed": "instant", "text_size": "large", "theme": "dark", "volume": 5, "muted": True, "fullscreen": False}
    d2 = launch(saves=saves)
    assert d2.app.settings.theme == "dark" and d2.app.settings.text_size == "large"


def test_fullscreen_toggles_with_f11_and_alt_enter(launch):
    d = launch()
    d.press("f11")
    assert d.app.window.is_fullscreen and d.app.settings.fullscreen
    d.key(pygame.K_RETURN, mod=pygame.KMOD_ALT)
    assert not d.app.window.is_fullscreen
    assert d.top.name == "title"  # Alt+Enter did not also take the focused menu item


def test_the_loop_draws_only_when_something_changed(launch):
    d = launch(settings={"text_speed": "instant"})
    to_play(d)
    d.settle(2.0)
    frames = d.app.frames
    d.pump(20)  # nothing happens: nothing is drawn
    assert d.app.frames == frames
    d.type("l")
    assert d.app.frames == frames + 1
