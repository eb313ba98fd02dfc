"""The window's other controls on the page, in a real headless Chromium: F5/F9 quicksave and quickload,
Ctrl+H for the history, and a gamepad through the Gamepad API (a standard-mapping pad put in the page
in place of navigator.getGamepads, pressed a button at a time)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # builds the site and drives Chromium: make test-slow

INSTANT = {"text_speed": "instant", "theme": "light", "text_size": "medium", "motion": "reduce"}
NO_DIALOG = "!document.querySelector('dialog[open]')"
TOP = "window.nlmg.dialogs.stack.at(-1)?.id || null"

# A pad in the standard mapping (0 A, 1 B, 4 LB, 5 RB, 8 Back, 9 Start, 12-15 the D-pad; axes 0, 1 the
# left stick). __pad(i) presses button i for two frames and lets go; __stick(y) holds the stick there.
FAKE_PAD = """(() => {
  const pad = { index: 0, id: 'Test pad (standard)', connected: true, mapping: 'standard', timestamp: 0,
                buttons: Array.from({ length: 17 }, () => ({ pressed: false, touched: false, value: 0 })), axes: [0, 0, 0, 0] };
  Object.defineProperty(navigator, 'getGamepads', { configurable: true, value: () => [pad, null, null, null] });
  const frames = (n) => new Promise((r) => { const f = () => (n-- > 0 ? requestAnimationFrame(f) : r()); f(); });
  window.__pad = async (i) => { pad.buttons[i] = { pressed: true, touched: true, value: 1 }; await frames(3);
                                pad.buttons[i] = { pressed: false, touched: false, value: 0 }; await frames(3); };
  window.__stick = async (y) => { pad.axes[1] = y; await frames(3); };
  window.dispatchEvent(new Event('gamepadconnected'));
})()"""
A, B, LB, RB, BACK, START, UP, DOWN, LEFT, RIGHT = 0, 1, 4, 5, 8, 9, 12, 13, 14, 15


def moves(page) -> int:
    return page.view()["moves"]


def test_f5_quicksaves_f9_quickloads_and_ctrl_h_opens_the_history(page) -> None:
    page.open(settings=INSTANT)
    page.start()
    page.press("F9")
    assert page.js("document.getElementById('toast').textContent") == "There is no quicksave yet (F5 makes one)."
    page.press("1")
    saved = page.js("window.nlmg.call('mark')")
    page.press("F5")
    assert page.js("document.getElementById('toast').textContent") == "Quicksaved."
    assert page.js("localStorage.getItem('nlmg:save:never_let_me_go:quick')").startswith("{")
    page.press("1")
    page.press("1")
    assert moves(page) == 3
    while page.dialog() in ("map-dialog", "card-dialog"):  # the first chapter's map, then the second one's card
        page.press("Enter")
    page.wait(NO_DIALOG)
    page.press("F9")
    assert page.js("window.nlmg.call('mark')") == saved and moves(page) == 1
    assert page.js("document.getElementById('toast').textContent") == "Quickloaded."
    assert page.js("document.body.dataset.screen") == "play"  # the page was not reloaded by the browser's F5
    page.press("Escape")  # F5 in the menu saves too, as the window's pause menu does
    page.press("2")
    page.press("F5")
    assert page.dialog() == "menu-dialog" and page.js("document.getElementById('toast').textContent") == "Quicksaved."
    page.press("Escape")
    page.wait(NO_DIALOG)
    page.press("Control+KeyH")
    assert page.dialog() == "history-dialog"
    page.press("Escape")
    page.wait(NO_DIALOG)
    assert page.problems() == []


def test_a_gamepad_plays_the_title_the_choices_the_menu_and_the_map(page) -> None:
    page.open(settings=INSTANT)
    page.js(FAKE_PAD)
    page.wait("document.activeElement.id === 'new-game'")  # the title starts on New game, as the window's does
    page.js(f"window.__pad({DOWN})")
    assert page.js("document.activeElement.id") == "title-load"  # past Continue, with no save to continue
    page.js(f"window.__pad({UP})")
    assert page.js("document.activeElement.id") == "new-game"
    page.js(f"window.__pad({A})")  # New game
    page.wait("document.getElementById('card-dialog').open")
    page.js(f"window.__pad({A})")  # past the chapter card
    page.wait(NO_DIALOG)
    page.js(f"window.__pad({DOWN})")
    first = page.js("document.activeElement.dataset.id")
    page.js(f"window.__pad({DOWN})")
    second = page.js("document.activeElement.dataset.id")
    assert first and second and first != second and page.js("document.activeElement.closest('#choices') !== null")
    page.js(f"window.__pad({UP})")
    assert page.js("document.activeElement.dataset.id") == first
    page.js(f"window.__pad({A})")  # takes the choice pointed at
    assert moves(page) == 1 and page.js("window.nlmg.call('mark')")["inputs"][0][2] == first
    page.js(f"window.__pad({B})")  # B undoes, RB redoes, LB undoes too
    assert moves(page) == 0
    page.js(f"window.__pad({RB})")
    assert moves(page) == 1
    page.js(f"window.__pad({LB})")
    assert moves(page) == 0
    page.js(f"window.__pad({RB})")

    page.js("window.__stick(0.9)")  # the stick points once per push, however long it is held
    page.js("window.__stick(0.95)")
    at = page.js("document.activeElement.dataset.id")
    page.js("window.__stick(0)")
    page.js("window.__stick(0.9)")
    page.js("window.__stick(0)")
    options = page.js("[...document.querySelectorAll('#choices .option:not([aria-disabled])')].map((b) => b.dataset.id)")
    assert at == options[0] and page.js("document.activeElement.dataset.id") == options[1 % len(options)]

    page.js(f"window.__pad({START})")  # Start: the menu; the pad walks it to the story map
    assert page.js(TOP) == "menu-dialog"
    labels = page.js("[...document.querySelectorAll('#menu-dialog button')].map((b) => b.textContent)")
    for _ in range(labels.index("Story map")):
        page.js(f"window.__pad({DOWN})")
    assert page.js("document.activeElement.textContent") == "Story map"
    page.js(f"window.__pad({A})")
    assert page.js(TOP) == "map-dialog"
    chapter = page.js("document.getElementById('map-chapter').textContent")
    page.js(f"window.__pad({RIGHT})")
    assert page.js("document.getElementById('map-chapter').textContent") != chapter
    page.js(f"window.__pad({LEFT})")
    assert page.js("document.getElementById('map-chapter').textContent") == chapter
    page.js(f"window.__pad({B})")  # back to the menu, and Start closes it
    assert page.js(TOP) == "menu-dialog"
    page.js(f"window.__pad({START})")
    page.wait(NO_DIALOG)
    page.js(f"window.__pad({BACK})")  # Back/Select: the history
    assert page.js(TOP) == "history-dialog"
    page.js(f"window.__pad({B})")
    page.wait(NO_DIALOG)
    assert page.js("document.documentElement.dataset.input") == "pad"  # focus is drawn for the pad
    page.shot("desktop-pad-focus")
    assert page.problems() == []


def test_the_history_goes_back_to_a_moment_and_redo_brings_it_back(page) -> None:
    """As the window's History: Up/Down point at what I did, Enter asks, yes rolls the run back to just before it."""
    page.open(settings=INSTANT)
    page.start()
    page.press("1")
    while page.dialog() in ("map-dialog", "card-dialog"):
        page.press("Enter")
    page.press("1")
    while page.dialog() in ("map-dialog", "card-dialog"):
        page.press("Enter")
    page.click("#command-line")
    page.type("look")
    page.press("Enter")
    after = page.js("window.nlmg.call('mark')")
    log = page.js("window.nlmg.call('history')")
    page.click("#history-button")  # the top bar's History, as the window's quick menu has it
    assert page.dialog() == "history-dialog"
    assert page.js("[...document.querySelectorAll('#history .moment')].length") == 3
    page.press("ArrowUp")  # from the foot: the newest moment first
    assert page.js("document.activeElement.textContent") == "› look"
    page.press("ArrowUp")
    assert page.js("document.activeElement.closest('p').className") == "choice"
    page.press("Enter")
    assert page.js(TOP) == "confirm-dialog"
    assert page.js("document.activeElement.textContent") == "Stay here"  # the safe answer first
    page.press("Enter")  # no: nothing changes
    page.wait("window.nlmg.dialogs.stack.at(-1)?.id === 'history-dialog'")
    assert moves(page) == 2
    page.js("document.querySelectorAll('#history .moment')[1].focus()")
    page.press("Enter")
    label = [t for k, t in log if k in ("choice", "command")][1]
    index = [i for i, (k, _) in enumerate(log) if k in ("choice", "command")][1]
    asked = page.js(f"window.nlmg.call('go_back_question', {index})")  # the window's question (desktop/history.py)
    assert page.js("document.getElementById('confirm-heading').textContent") == asked["heading"] == "Go back?"
    question = page.js("document.getElementById('confirm-text').textContent")
    assert question.startswith(("I could go back to just before it", "I can go back to just before it"))
    assert question.replace("\u2019", "'") == asked["question"].replace("\u2019", "'") and question.endswith(label.replace("'", "\u2019"))
    page.click("#confirm-yes")
    page.wait(NO_DIALOG)
    toast = page.js("document.getElementById('toast').textContent")  # the Run's words (Run.undo_to), in the scene's tense
    assert moves(page) == 1 and toast.startswith(("I went back to just before it", "I go back to just before it"))
    assert toast.endswith(label.replace("'", "\u2019"))
    assert page.js("window.nlmg.call('mark')")["inputs"] == after["inputs"][:1]
    page.press("Control+KeyY")
    page.press("Control+KeyY")
    assert page.js("window.nlmg.call('mark')") == after and page.js("window.nlmg.call('history')") == log
    assert page.problems() == []


# The browser's speech, put in the page in place of speechSynthesis: it keeps what it is asked to say, and
# "speaks" until __hush() (or cancel) ends it.
FAKE_SPEECH = """(() => {
  const said = []; let busy = false;
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
    speak(u) { said.push(u.text); busy = true; }, cancel() { busy = false; }, get speaking() { return busy; },
    getVoices() { return []; } } });
  window.__said = said;
  window.__hush = () => { busy = false; };
})()"""


def test_self_voicing_reads_the_page_the_choices_and_the_menus_and_auto_waits_for_it(page) -> None:
    page.open(settings=INSTANT)
    page.js(FAKE_SPEECH)
    page.start()
    page.press("Alt+KeyV")  # as the window's V; on the page plain V types
    assert page.js("window.nlmg.settings.voice") == "on"
    said = page.js("window.__said")
    assert said[0] == "Self-voicing on." and said[1].startswith("The road in the rain") and "Choices: 1." in said[1]
    page.press("1")
    said = page.js("window.__said")
    new_page = next(s for s in reversed(said) if "Choices:" in s)
    words = " ".join(new_page.split(" Choices:")[0].split())
    assert words in " ".join(page.text().split()) and not words.startswith("The road in the rain")  # only the new text
    page.click("#command-line")  # a typed line is said as the screen reader hears it, not with the mark drawn before it
    page.type("look")
    page.press("Enter")
    typed = next(s for s in reversed(page.js("window.__said")) if "look" in s)
    assert "I typed: look" in typed and "›" not in typed
    page.press("ArrowDown")  # pointing at a choice says it, by its number
    page.js("document.querySelector('#choices .option').focus()")
    assert page.js("window.__said.at(-1)").startswith("1. ")
    page.press("F7")  # Auto waits while the voice speaks
    assert page.js("window.nlmg.play.pacer.blocked()")
    page.js("window.__hush()")
    assert not page.js("window.nlmg.play.pacer.blocked()")
    page.press("F7")
    page.press("Escape")  # a screen says its name, then what it focuses
    said = page.js("window.__said")
    assert said[-2:] == ["Menu", "Resume"]
    page.press("Escape")
    page.wait("!document.querySelector('dialog[open]')")
    count = page.js("window.__said.length")
    page.press("Alt+KeyV")
    assert page.js("window.nlmg.settings.voice") == "off" and page.js("document.getElementById('toast').textContent") == "Self-voicing off."
    page.press("2")
    assert page.js("window.__said.length") == count  # nothing said while it is off
    assert page.problems() == []


def test_the_wheel_undoes_past_the_top_only_when_settings_say_so(page) -> None:
    page.open(settings=INSTANT)
    page.start()
    page.press("1")
    page.press("1")
    assert moves(page) == 2 and page.dialog() is None
    page.js("scrollTo(0, 0)")
    page.p("wheel", dy=-200)  # off, as the window has it by default: the wheel only scrolls
    page.js("new Promise((r) => setTimeout(r, 500))")
    assert moves(page) == 2
    page.press("Escape")
    page.click("#menu-dialog [data-action='settings']")
    page.click("#settings-form input[name='wheel_undo'][value='on']")
    page.js("window.nlmg.dialogs.closeAll()")
    page.js("scrollTo(0, 0)")
    page.p("wheel", dy=-200)
    page.p("wheel", dy=-200)  # the same turn of the wheel: one step back, not two
    page.wait("window.nlmg.play.view.moves === 1")
    page.js("new Promise((r) => setTimeout(r, 500))")
    assert moves(page) == 1
    page.js("scrollTo(0, document.documentElement.scrollHeight)")
    page.p("wheel", dy=200)  # at the foot, down redoes
    page.wait("window.nlmg.play.view.moves === 2")
    assert page.problems() == []
