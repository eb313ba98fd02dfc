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


def test_tab_on_the_command_line_completes_and_then_moves_on(page) -> None:
    page.open(settings=INSTANT)
    page.start()
    page.click("#command-line")
    page.type("exa")
    page.press("Tab")
    assert page.js("document.getElementById('command-line').value") == "examine "  # the word finished
    assert page.js(FOCUS) == "command-line"
    page.press("Tab")  # then what could follow, once
    assert page.js("document.getElementById('command-hint').textContent") and page.js(FOCUS) == "command-line"
    page.press("Tab")  # nothing more to offer: on to the next control, as Tab goes anywhere else
    assert page.js("document.activeElement.classList.contains('send')")
    page.press("Shift+Tab")
    page.js("document.getElementById('command-line').value = 'xyzzy'")
    page.press("Tab")  # a word nothing completes is no reason to keep the focus
    assert page.js("document.activeElement.classList.contains('send')")
    assert page.js("document.getElementById('command-line').value") == "xyzzy"


def test_space_reads_on_and_never_takes_a_choice_the_player_has_not_pointed_at(page) -> None:
    """Text at once (or reduced motion) puts the focus on the first choice, below a long page: Space, which reads
    on down the page, must not take it (README: Enter and Space never take a choice you have not pointed at)."""
    page.open(settings=INSTANT)
    page.start()
    page.wait("document.activeElement.classList.contains('option')")
    assert page.js("window.scrollY") == 0
    for _ in range(6):
        page.press("Space")  # read on, down to the foot of the page and past it
    assert page.view()["moves"] == 0 and page.js("window.scrollY") > 0
    page.press("Enter")  # the choice in view with its ring: Enter takes it, as any button
    assert page.view()["moves"] == 1
    page.press("Tab")  # pointing at the second choice: now Space takes it
    second = page.js("document.activeElement.dataset.id")
    page.press("Space")
    assert page.view()["moves"] == 2 and second
    assert page.problems() == []
