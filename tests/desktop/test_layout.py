"""Layout at 800x600 and 1920x1080: on every screen each line of text lies inside the window and none overlaps another.

Every text surface the screens draw is recorded by App.put / draw_block (the top layer only: a
dialog's text is checked, not the page dimmed beneath it). A screenshot of each screen is kept.
"""

from __future__ import annotations

import pygame
import pytest


def back_to_play(d) -> None:
    """Through a chapter's map and card (Enter on each) back to the page."""
    for _ in range(6):
        d.settle(2.0)
        if d.top.name == "play":
            return
        d.press("enter")
    assert d.top.name == "play"


def check(d, label: str) -> None:
    d.app.fader.fade = None
    d.app.notices.toasts = []
    d.app.draw()
    window = pygame.Rect((0, 0), d.app.window.size)
    rects = [(r, t) for r, t in d.app.pen.record if r.width > 0 and r.height > 0]
    assert rects, f"{label}: nothing was drawn"
    for r, text in rects:
        assert window.contains(r), f"{label}: {text!r} at {r} is outside the window {window.size}"
    for i, (a, ta) in enumerate(rects):
        for b, tb in rects[i + 1:]:
            # glyph boxes include the font's leading; a one-pixel touch is not an overlap
            assert not a.inflate(-2, -2).colliderect(b.inflate(-2, -2)), f"{label}: {ta!r} {a} overlaps {tb!r} {b}"
    d.shot(label)


@pytest.mark.parametrize("size", ["800x600", "1920x1080", "640x480"])
def test_every_screen_fits_and_nothing_overlaps(launch, size):
    d = launch(size=size, settings={"text_speed": "instant"})
    tag = size
    d.pump(2)
    check(d, f"{tag}-title")
    d.press("enter")
    d.settle(0.3)
    check(d, f"{tag}-chapter-card")
    d.press("space")  # the first key shows the card whole, the second moves on
    d.press("space")
    d.settle(1.0)
    play = d.top
    assert play.name == "play"
    check(d, f"{tag}-play-top")
    d.press("pagedown")
    d.settle(1.0)
    check(d, f"{tag}-play-scrolled")
    d.type("examine pond")
    check(d, f"{tag}-play-typing")
    d.press("enter")
    d.settle(1.0)
    d.press("escape")
    check(d, f"{tag}-pause")
    d.app.open("save")
    d.settle(0.5)
    d.press("enter")
    check(d, f"{tag}-save")
    d.press("enter")
    check(d, f"{tag}-confirm")
    d.press("escape")
    d.press("escape")
    d.app.open("load")
    d.settle(0.5)
    check(d, f"{tag}-load")
    d.press("escape")
    d.app.open("settings")
    d.settle(3.0)
    check(d, f"{tag}-settings")
    d.press("escape")
    d.app.open("history")
    d.settle(0.5)
    check(d, f"{tag}-history")
    d.press("escape")
    d.press("escape")
    d.settle(0.5)
    assert d.top.name == "play"
    d.digit(3)  # the pond
    d.settle(1.0)
    d.digit(1)  # the coach: the chapter ends, its map, then the next chapter's card
    d.settle(0.5)
    assert d.top.name == "map"
    check(d, f"{tag}-chapter-map")
    d.press("enter")
    d.settle(2.0)
    assert d.top.name == "card"
    check(d, f"{tag}-chapter-card-2")
    d.press("enter")
    d.settle(1.0)
    assert d.top.name == "play"
    d.digit(2)  # the trip to Norfolk: another chapter's end, map and card
    back_to_play(d)
    d.digit(1)  # the shore: an ending
    d.settle(1.0)
    check(d, f"{tag}-ending-page")
    d.digit(1)  # Continue
    d.settle(3.0)
    assert d.top.name == "ending"
    check(d, f"{tag}-ending")
    d.press("down")  # nothing is focused on the ending: the first Down points at "Return to the title"
    d.press("down")
    d.press("enter")
    d.settle(0.5)
    assert d.top.name == "memories"
    check(d, f"{tag}-memories")


@pytest.mark.parametrize("theme", ["dark", "contrast"])
def test_themes_draw_every_line_inside(launch, theme):
    d = launch(size="1280x720", settings={"text_speed": "instant", "theme": theme})
    d.press("enter")
    d.settle(2.0)
    d.press("space")
    d.settle(1.0)
    check(d, f"theme-{theme}-play")
    d.press("escape")
    check(d, f"theme-{theme}-pause")


@pytest.mark.parametrize("size", ["640x480", "800x600"])
def test_the_title_fits_a_small_window_at_the_largest_text_size(launch, size):
    """Failed before: at 640x480 and the largest text size Quit was below the window and About lay on the credit."""
    d = launch(size=size, settings={"text_speed": "instant", "text_size": "largest"})
    d.pump(2)
    check(d, f"{size}-largest-title")
    menu = d.top.menu
    quit_row = menu.rects[-1]
    assert menu.items[-1].label == "Quit" and quit_row.bottom <= d.app.window.size[1]
    d.click((quit_row.centerx - quit_row.width // 4, quit_row.centery))  # the pointer still finds it where it is drawn
    assert not d.app.running


def test_the_ending_fits_a_small_window_at_the_largest_text_size(launch):
    """Failed before: at 640x480 and the largest text size the ending's last choice, Story map, was below the window."""
    d = launch(size="640x480", settings={"text_speed": "instant", "text_size": "largest"})
    d.press("enter")
    d.settle(0.3)
    d.press("space")
    d.press("space")
    d.settle(1.0)
    d.digit(3)  # the pond
    d.settle(1.0)
    d.digit(1)  # the coach: the chapter's map, then the next card
    back_to_play(d)
    d.digit(2)  # the trip to Norfolk
    back_to_play(d)
    d.digit(1)  # the shore: an ending
    d.settle(1.0)
    d.digit(1)  # Continue
    d.settle(3.0)
    assert d.top.name == "ending"
    check(d, "640x480-largest-ending")
    assert [item.label for item in d.top.menu.items][-1] == "Story map"
    for _ in range(3):  # the keys reach the last choice, and it opens
        d.press("down")
    d.press("enter")
    d.settle(1.0)
    assert d.top.name == "map"
