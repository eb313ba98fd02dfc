"""Screens by name and results by callback: the registry opens what makes sense now, and a dialog's answer comes back."""

from __future__ import annotations

from game.frontends.desktop.dialog import ConfirmDialog
from game.frontends.desktop.registry import SCREENS
from tests.desktop.test_play_flow import to_play

ABOUT_A_RUN = {"play", "card", "ending", "save", "history", "map", "tip"}


def test_a_dialog_hands_its_answer_to_whoever_opened_it(launch):
    d = launch()
    d.pump(2)
    answers: list[bool] = []
    d.app.push(ConfirmDialog(d.app, "Leave the garden?", "Leave"), answers.append)
    assert d.top.name == "confirm"
    d.press("escape")  # Escape means no
    d.app.push(ConfirmDialog(d.app, "Leave the garden?", "Leave"), answers.append)
    d.press("left")  # to the first button
    d.press("enter")
    assert answers == [False, True]
    assert d.top.name == "title"  # each dialog took itself off the stack before answering


def test_screens_about_a_run_do_not_open_without_one(launch):
    d = launch()
    d.pump(2)
    for name in sorted(ABOUT_A_RUN):
        d.app.open(name)
        d.pump(2)
        assert d.top.name == "title" and len(d.app.stack) == 1, name
    for name in sorted(set(SCREENS) - ABOUT_A_RUN - {"title"}):
        d.app.open(name)
        d.settle(0.5)
        assert d.top.name == name, name
        d.press("escape")
        d.settle(0.5)
        assert d.top.name == "title", name


def test_every_screen_opened_by_name_over_the_page_closes_back_to_it(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    for name in ("pause", "save", "load", "settings", "history", "map", "memories", "card"):
        d.app.open(name)
        d.settle(0.5)
        assert d.top.name == name, name
        d.press("escape")
        d.settle(1.0)
        assert d.top is play, name
    assert play.run.state.scene == "school.gate"  # looking at the menus changed nothing in the run


def test_every_settings_value_is_written_as_the_others_are(launch):
    """Failed before: Motion said "full" and Sound, Self-voicing, the wheel and Fullscreen "on" and "off", in lower
    case beside "At once", "Medium" and "Light" (and the page's Settings say On and Off)."""
    d = launch(settings={"text_speed": "instant"})
    d.app.open("settings")
    d.settle(0.5)
    screen = d.top
    said = []
    for _ in range(12):
        said.append(screen.speech()[1])
        d.press("right")  # and each row's other value too
        said.append(screen.speech()[1])
        d.press("down")
    values = [words.split(": ", 1)[1] for words in said if ": " in words]
    assert len(values) == 24
    assert all(v[0].isupper() or v.endswith("of 10") for v in values), values
    assert {"On", "Off", "Full", "Reduced"} <= set(values)
