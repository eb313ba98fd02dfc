"""Endings and Memories: an ending is shown and remembered across runs; chapters reached can be begun again."""

from __future__ import annotations

import json

from tests.desktop.test_layout import back_to_play


def play_to_the_shore(d) -> None:
    d.press("enter")
    back_to_play(d)
    for digit in (3, 1):  # the pond, the coach
        d.digit(digit)
        d.settle(1.0)
    back_to_play(d)
    d.digit(2)  # the trip
    back_to_play(d)
    d.digit(1)  # the shore
    d.settle(1.0)


def test_an_ending_is_shown_and_remembered(launch, tmp_path):
    saves = tmp_path / "saves"
    d = launch(saves=saves, settings={"text_speed": "instant"})
    play_to_the_shore(d)
    play = d.top
    assert play.run.ended
    assert [r.label for r in play.reading.page.rows] == ["Continue"]
    d.press("enter")  # Enter at the foot of the last page goes on to the ending
    d.settle(3.0)
    assert d.top.name == "ending"
    assert d.top.ending.title == "The Shore"
    data = json.loads((saves / "memories.json").read_text())
    assert data["stories"]["garden"]["endings"] == ["shore"]
    assert set(data["stories"]["garden"]["chapters"]) == {"The School", "The Cottages", "The Coast"}
    d.press("enter")  # nothing is focused on the ending: Enter stays
    assert d.top.name == "ending"
    d.press("down")
    d.press("enter")  # Return to the title
    d.settle(1.0)
    assert d.top.name == "title"
    # a later run: Memories shows one ending found and lets the player begin at a chapter already reached
    d2 = launch(saves=saves, settings={"text_speed": "instant"})
    d2.pump(2)
    d2.app.open("memories")
    d2.settle(0.5)
    screen = d2.top
    assert screen.name == "memories"
    labels = [i.label for i in screen.menu.items]
    assert labels == ["The School", "The Cottages", "The Coast", "Back"]
    d2.shot("memories-after-an-ending")
    d2.press("down")  # The Cottages
    d2.press("enter")
    d2.settle(3.0)
    assert d2.top.name == "card"
    back_to_play(d2)
    run = d2.app.session.run
    assert run.state.scene == "cottages.yard"
    assert run.state.visits.get("school.gate") == 1  # a true state: the way there was replayed


def test_locked_chapters_cannot_be_begun(launch):
    d = launch()
    d.pump(2)
    d.app.open("memories")
    d.settle(0.5)
    items = d.top.menu.items
    assert [i.enabled for i in items] == [False, False, False, True]  # nothing reached yet; Back
    assert items[0].label == "· · ·"
