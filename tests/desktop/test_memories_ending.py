"""Endings and Memories: an ending is shown and remembered across runs; chapters reached can be begun again."""

from __future__ import annotations

import json

from game.engine import load_story
from tests.conftest import ROOT
from tests.desktop.test_layout import back_to_play, check


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


def test_memories_fits_a_small_window_at_the_largest_text_size(launch, tmp_path):
    """Failed before: at 640x480 and the largest text size the single column ran its chapter list off the bottom
    (with the shipped story's nine chapters and five endings, Back was drawn below the window). Now it scrolls, and
    what the keyboard points at is always in sight; the wheel and Home scroll it, and a click reaches Back."""
    story = load_story(ROOT / "scenes")
    saves = tmp_path / "saves"
    saves.mkdir()
    found = list(story.endings)[:2]
    chapters = {ch.title: {"seed": 1, "inputs": []} for ch in story.chapters}
    (saves / "memories.json").write_text(json.dumps({"format": 1, "stories": {story.id: {
        "endings": found, "scenes": [], "chapters": chapters}}}))
    d = launch(size="640x480", scenes=ROOT / "scenes", saves=saves, settings={"text_speed": "instant", "text_size": "largest"})
    d.pump(2)
    assert d.top.name == "title"
    while d.top.menu.items[d.top.menu.focus].label != "Memories":
        d.press("down")
    d.press("enter")
    d.settle(0.5)
    screen = d.top
    assert screen.name == "memories"
    window = d.app.window.surface.get_rect()
    assert screen.scroll == 0 and screen.max_scroll > 0  # it opens at the top, the endings first: there is more below
    check(d, "640x480-largest-memories-top")  # every line drawn is inside the window, none over another
    assert screen.menu.focus == -1  # pointing at nothing it cannot show: Enter takes nothing unseen
    d.press("enter")
    assert d.top is screen and d.app.session.playing is False
    d.press("down")  # the first chapter, scrolled into sight
    check(d, "640x480-largest-memories-first-chapter")
    labels = [i.label for i in screen.menu.items]
    assert labels == [ch.title for ch in story.chapters] + ["Back"]
    seen = []
    for _ in labels:  # every chapter, then Back, pointed at in turn with the keyboard: each is in the window, whole
        d.app.draw()
        rect = screen.menu.rects[screen.menu.focus]
        assert screen.content.contains(rect) and window.contains(rect), (screen.menu.focus, rect)
        seen.append(screen.menu.items[screen.menu.focus].label)
        d.press("down")
    assert seen == labels
    d.app.draw()  # down from Back wraps to the first chapter, and the column scrolls back up to it
    assert screen.menu.focus == 0 and screen.content.contains(screen.menu.rects[0]) and screen.scroll < screen.max_scroll
    d.press("end")
    assert screen.scroll == screen.max_scroll
    check(d, "640x480-largest-memories-foot")
    d.app.draw()
    back = screen.menu.rects[-1]
    assert window.contains(back)
    d.wheel(1)  # the wheel, up: away from the foot
    assert 0 < screen.scroll < screen.max_scroll
    d.press("home")
    assert screen.scroll == 0
    d.wheel(-40)  # down as far as it goes, and no further
    assert screen.scroll == screen.max_scroll
    d.app.draw()
    d.click(screen.menu.rects[-1].center)  # Back, with the mouse
    d.settle(0.5)
    assert d.top.name == "title"
