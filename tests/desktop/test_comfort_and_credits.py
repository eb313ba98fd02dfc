"""Reading comfort (line spacing, the easy-reading font, reduced motion), the About screen and the one-time tip,
each with the keyboard, the mouse and the gamepad alone."""

from __future__ import annotations

import json

import pygame

from tests.desktop.test_devices import menu_click
from tests.desktop.test_play_flow import to_play


def focus_row(d, field: str) -> None:
    rows = [f for f, _ in d.top.rows]
    while d.top.menu.focus != rows.index(field):
        d.press("down")


def test_line_spacing_and_the_easy_reading_font_with_the_keyboard(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    height = play.reading.page.items[1].block.line_height
    d.press("escape")
    d.app.open("settings")
    d.settle(0.5)
    focus_row(d, "line_spacing")
    d.press("right")
    assert d.app.settings.line_spacing == "airy"
    focus_row(d, "font")
    d.press("right")
    assert d.app.settings.font == "legible" and d.app.fonts.family == "legible"
    d.shot("settings-comfort")
    d.press("escape")
    d.press("escape")
    assert d.top is play
    d.app.draw()
    assert play.reading.page.items[1].block.line_height > height  # laid out again, airier, in the new face
    d.shot("play-easy-reading-airy")


def test_reduced_motion_with_the_gamepad_means_no_typing_and_no_fades(launch):
    d = launch()
    d.pump(2)
    d.app.open("settings")
    d.settle(0.5)
    rows = [f for f, _ in d.top.rows]
    for _ in range(rows.index("reduced_motion")):
        d.pad(pygame.CONTROLLER_BUTTON_DPAD_DOWN)
    d.pad(pygame.CONTROLLER_BUTTON_DPAD_RIGHT)
    assert d.app.settings.reduced_motion and d.app.settings.chars_per_second == 0
    d.pad(pygame.CONTROLLER_BUTTON_B)
    d.pad(pygame.CONTROLLER_BUTTON_A)  # New game
    assert d.top.name == "card" and d.top.t >= 1.6 and d.app.fader.fade is None  # the card is there at once
    d.pad(pygame.CONTROLLER_BUTTON_A)
    play = d.top
    assert play.name == "play" and not play.reading.revealing and play.reading.options_alpha == 255


def test_settings_comfort_rows_with_the_mouse(launch):
    d = launch()
    d.pump(2)
    menu_click(d, "Settings")
    d.settle(0.5)
    d.app.draw()
    row = [f for f, _ in d.top.rows].index("line_spacing")
    d.click(d.top.arrow_rects[row][1].center)
    assert d.app.settings.line_spacing == "airy"
    d.click(d.top.arrow_rects[row][0].center)
    assert d.app.settings.line_spacing == "book"


def test_about_from_the_title_with_each_device(launch):
    d = launch()
    d.pump(2)
    menu_click(d, "About")  # mouse
    d.settle(0.5)
    assert d.top.name == "credits"
    d.app.draw()
    texts = " ".join(t for _, t in d.app.pen.record)
    assert "Ishiguro" in texts and "Georg Duffner" in texts and "OpenDyslexic" in texts and "MIT" in texts
    d.shot("about")
    d.click(d.top.back_rect.center)
    d.settle(0.5)
    assert d.top.name == "title"
    items = [i.label for i in d.top.menu.items]
    while d.top.menu.focus != items.index("About"):
        d.press("down")
    d.press("enter")  # keyboard
    assert d.top.name == "credits"
    d.press("escape")
    d.settle(0.5)
    d.pad(pygame.CONTROLLER_BUTTON_A)  # gamepad: About is still focused
    assert d.top.name == "credits"
    d.pad(pygame.CONTROLLER_BUTTON_B)
    assert d.top.name == "title"


def test_the_first_run_tip_is_shown_once(launch, tmp_path):
    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / "settings.json").write_text(json.dumps({"tip_shown": False}))
    d = launch(saves=saves)
    d.pump(2)
    d.press("enter")  # New game
    d.settle(1.0)
    assert d.top.name == "card"
    d.press("space")
    d.press("space")
    assert d.top.name == "tip"
    d.press("space")  # a second key meant for the card, just as it left: the tip stays
    assert d.top.name == "tip"
    d.settle(1.0)
    d.app.draw()
    d.shot("first-run-tip")
    assert any("press a number" in t for _, t in d.app.pen.record)
    d.click((10, 10))  # any click puts it away
    assert d.top.name == "play"
    assert json.loads((saves / "settings.json").read_text())["tip_shown"] is True
    d.app.to_title()
    d.settle(1.0)
    d.app.new_game()
    d.settle(1.0)
    d.press("space")
    d.press("space")
    d.settle(1.0)
    assert d.top.name == "play"  # not again
