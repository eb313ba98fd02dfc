"""The page on a phone (390x844, touch) at the largest text size: nothing the player needs is cut off."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # builds the site and drives Chromium: make test-slow

LARGEST = {"text_speed": "instant", "theme": "light", "text_size": "largest", "motion": "reduce"}
CLIPPED = "(el) => el.scrollWidth > el.clientWidth + 1"


def test_the_chapters_name_and_the_memories_fit_a_phone_at_the_largest_size(page) -> None:
    page.open(width=390, height=844, mobile=True, settings=LARGEST)
    page.p("tap", selector="#new-game")
    page.wait("document.getElementById('card-dialog').open")
    page.p("tap", selector="#card-go")
    page.wait("!document.querySelector('dialog[open]')")
    for _ in range(6):  # on into the second chapter, whose name is longer
        page.p("tap", selector="#choices .option:not([aria-disabled])")
        while page.dialog() in ("map-dialog", "card-dialog"):
            page.press("Enter")
    assert page.view()["chapter"] == "Hailsham"
    page.shot("phone-largest-topbar")
    label = page.js("document.getElementById('chapter-label').textContent")
    assert label == "Hailsham"
    assert not page.js(f"({CLIPPED})(document.getElementById('chapter-label'))")  # the whole name, not "H…"
    tools = page.js("[...document.querySelectorAll('.tools button')].map((b) => b.getBoundingClientRect().right)")
    assert max(tools) <= 390  # and every tool still on the screen

    page.p("tap", selector="#menu-button")
    page.p("tap", selector="#menu-dialog [data-action='memories']")
    page.wait("document.getElementById('memories-dialog').open")
    page.shot("phone-largest-memories")
    assert not page.js(f"({CLIPPED})(document.getElementById('memories-dialog'))")  # no sideways scrolling
    right = page.js("document.getElementById('memories-dialog').getBoundingClientRect().right")
    begin = page.js("[...document.querySelectorAll('#chapters button')].map((b) => b.getBoundingClientRect().right)")
    assert begin and max(begin) <= right  # "Begin here" is on the screen, not past its edge
    assert page.problems() == []
