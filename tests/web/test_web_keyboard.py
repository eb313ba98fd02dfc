"""The page by keyboard alone, as a new player meets it: the title ready for Enter as the window's is."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # builds the site and drives Chromium: make test-slow

INSTANT = {"text_speed": "instant", "theme": "light", "text_size": "medium", "motion": "reduce"}
FOCUS = "document.activeElement.id"


def test_the_title_is_ready_for_enter_new_game_first_then_continue(page) -> None:
    page.open(settings=INSTANT)
    page.wait(f"{FOCUS} === 'new-game'")  # no save yet: New game, as the window's title has it
    page.press("Enter")
    page.wait("document.getElementById('card-dialog').open")
    page.press("Enter")
    page.wait("document.activeElement.classList.contains('option')")
    page.press("2")
    assert page.view()["moves"] == 1
    scene = page.view()["scene"]
    page.wait("window.nlmg.latestSave() && window.nlmg.latestSave().info.moves === 1")  # the new scene's autosave

    page.open(settings=INSTANT, clear=False)  # the page opened again: Continue, and Enter goes on with the run
    page.wait(f"{FOCUS} === 'continue'")
    page.press("Enter")
    page.wait("document.body.dataset.screen === 'play'")
    assert page.view()["moves"] == 1 and page.view()["scene"] == scene
    assert page.problems() == []


def test_the_title_leaves_the_focus_where_the_player_put_it(page) -> None:
    page.p("page", width=1280, height=800)
    page.p("prepare", js="localStorage.clear(); localStorage.setItem('nlmg:tip', 'shown');")
    page.p("goto", url=page.url)  # not waiting for Python: Settings and About work before it is up
    page.wait("document.getElementById('title-settings') !== null")
    page.js("document.getElementById('title-about').focus()")
    page.wait("document.documentElement.dataset.ready === 'true'", timeout=30000)
    assert page.js(FOCUS) == "title-about"
