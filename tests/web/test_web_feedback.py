"""What the page tells a player about what just happened, played as a new player would: undo and redo say what
they took back, a message over an open screen is seen and read out, and the save screen keeps the keyboard's
place as slots are saved, named and deleted."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # builds the site and drives Chromium: make test-slow

INSTANT = {"text_speed": "instant", "theme": "light", "text_size": "medium", "motion": "reduce"}
TOAST = "document.getElementById('toast').textContent"
# The toast is seen when nothing is painted over its middle (it takes no clicks, so for this look it is made to)
TOAST_ON_TOP = """(() => { const el = document.getElementById('toast'); el.style.pointerEvents = 'auto';
  const r = el.getBoundingClientRect(); const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  el.style.pointerEvents = ''; return hit === el; })()"""


def focused(page) -> dict:
    return page.p("focused")["value"]


def spoken(page) -> list[str]:
    return page.p("spoken")["value"]


def test_undo_and_redo_say_what_they_took_back_by_key_by_button_and_typed(page) -> None:
    page.open(settings=INSTANT)
    page.start()
    page.press("1")
    page.press("Control+KeyZ")
    back = "I go back on that, as though I\u2019d never done it: Read the letter again."  # the Run's words, in the frame's tense
    assert page.js(TOAST) == back  # the same words the window and the terminal show (rollback.py)
    assert back in spoken(page)  # a status a screen reader reads
    page.click("#redo")
    assert page.js(TOAST) == "I do it again, just as I did the first time: Read the letter again."
    page.click("#command-line")
    page.type("look")
    page.press("Enter")
    said = page.js("document.getElementById('announce').textContent")
    assert said.startswith("I typed: look\n")  # the "›" drawn before it is for the eye, not read out as a glyph's name
    page.type("undo")
    page.press("Enter")
    assert page.js(TOAST) == "I let that go, as if it had never crossed my mind: look." and page.view()["moves"] == 1
    page.press("Control+KeyZ")
    page.press("Control+KeyZ")
    assert page.js(TOAST) == "There is nothing to undo. This is where it begins: the car, the rain, the letter on the seat."
    assert page.view()["moves"] == 0
    line = "look at the letter and then read the letter"  # two clauses, two things done: one undo takes back both
    page.type(line)
    page.press("Enter")
    assert page.view()["moves"] == 1
    page.press("Control+KeyZ")
    assert page.js(TOAST) == f"I take all of that back, every part of it: {line}." and page.view()["moves"] == 0
    assert page.js("window.nlmg.call('history')")[-1][0] == "text"  # nothing of the line is left on the page
    assert page.problems() == []


def test_help_says_how_to_play_with_an_example_from_the_moment(page) -> None:
    """Failed before: typing help on the page showed only Kathy's line, not how to play (the window toasts it)."""
    page.open(settings=INSTANT)
    page.start()
    page.click("#command-line")
    page.type("help")
    page.press("Enter")
    told = page.js(TOAST)
    assert told.startswith("Choose by number, or type what Kathy should do") and "examine the letter" in told
    assert "<" not in told and told in spoken(page)  # seen, and read out as the window's toast is
    assert page.js("window.nlmg.call('history')")[-1] == ["reply", "Here I could listen, open, read or take, or simply sit, which is what I am doing."]
    assert page.problems() == []


def test_a_message_over_an_open_screen_is_seen_and_read_out(page, shots) -> None:
    page.open(settings=INSTANT)
    page.start()
    page.press("Escape")
    page.click("#menu-dialog [data-action='save']")
    page.click("#slots li[data-slot='1'] button")
    assert page.js(TOAST) == "Saved in slot 1."
    page.wait("getComputedStyle(document.getElementById('toast')).opacity === '1'")
    page.shot("desktop-saved-toast")
    assert page.js(TOAST_ON_TOP)  # not under the screen's backdrop
    assert "Saved in slot 1." in spoken(page)  # and not in the inert page behind the screen
    page.press("Escape")
    page.press("Escape")
    page.wait("!document.querySelector('dialog[open]')")
    page.press("F5")  # with every screen closed, the page's own messages are where they were
    assert page.js(TOAST) == "Quicksaved." and page.js(TOAST_ON_TOP) and "Quicksaved." in spoken(page)


def test_the_save_screen_keeps_the_keyboards_place_through_save_name_and_delete(page) -> None:
    page.open(settings=INSTANT)
    page.start()
    page.press("1")
    page.press("Escape")
    page.press("Tab")  # the menu's Resume, then Save
    page.press("Enter")
    assert page.dialog() in ("menu-dialog", "saves-dialog") and page.js("document.getElementById('saves-dialog').open")
    assert focused(page)["text"] == "Back"  # where the screen starts; then Quicksave's button, then Slot 1's
    page.press("Tab")
    page.press("Tab")
    assert focused(page)["text"] == "Save here"
    page.press("Enter")
    assert page.js(TOAST) == "Saved in slot 1."
    now = page.js("document.activeElement.getAttribute('aria-label')")
    assert now == "Save over this: Slot 1"  # the same slot's button, not the page behind
    assert page.js("document.querySelector('#slots li[data-slot=\"1\"] .about').textContent").endswith(", 1 move.")

    page.press("Tab")
    assert focused(page)["text"] == "Name"
    page.press("Enter")
    page.type(" at the centre")
    page.press("Enter")
    page.wait("!document.getElementById('name-dialog').open")
    assert page.js("document.activeElement.getAttribute('aria-label')") == "Name: Slot 1"

    page.press("Tab")
    page.press("Tab")
    assert focused(page)["text"] == "Delete"
    for _ in range(3):
        page.press("Shift+Tab")
    assert focused(page)["text"] == "Save over this"
    page.press("Delete")  # the Delete key on a slot, as in the window: asked first too
    assert page.js("document.getElementById('confirm-dialog').open")
    page.press("Escape")
    assert focused(page)["text"] == "Save over this"
    for _ in range(3):
        page.press("Tab")
    page.press("Enter")  # asked first, as the window asks; the safe answer is where the focus starts
    assert page.js("document.getElementById('confirm-text').textContent") == (
        "Delete Slot 1 (The road in the rain)? This cannot be undone.")
    assert focused(page)["text"] == "Keep it"
    page.press("Escape")
    assert page.js("document.activeElement.getAttribute('aria-label')") == "Delete: Slot 1"
    assert page.js("localStorage.getItem('nlmg:save:never_let_me_go:1')") is not None  # kept
    page.press("Enter")
    page.press("Tab")
    assert focused(page)["text"] == "Delete"
    page.press("Enter")
    assert page.js(TOAST) == "Slot 1 deleted." and page.js("document.getElementById('confirm-dialog').open") is False
    assert page.js("localStorage.getItem('nlmg:save:never_let_me_go:1')") is None
    assert page.js("document.activeElement.getAttribute('aria-label')") == "Save here: Slot 1"
    page.press("Escape")  # back to the menu, on the button that opened the screen
    assert page.js("document.activeElement.dataset.action") == "save"
    assert page.problems() == []


def test_importing_a_file_that_is_no_save_says_so_and_sends_no_one_to_the_desktop(page, tmp_path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Kathy,\nthis is a letter, not a save.\n", encoding="utf-8")
    page.open(settings=INSTANT)
    page.click("#title-load")
    page.p("upload", selector="#import-file", path=str(letter))
    page.wait("document.getElementById('notice-dialog').open")
    said = page.js("document.getElementById('notice-text').textContent")  # the saves package's words, the desktop's
    assert said == "This is not a Never Let Me Go save (it has no 'nlmg_save' header)."
    assert focused(page)["text"] == "Close"
    page.press("Escape")  # back to the Load screen it came from
    page.wait("!document.getElementById('notice-dialog').open")  # a screen closes when the browser has done with the key
    assert page.js("window.nlmg.dialogs.stack.map((d) => d.id).join()") == "saves-dialog"
    assert page.js("document.body.dataset.screen") == "title"


# Every change to the live region, with the screens open once the task that made it is done (as a screen reader
# looks): what is written there under a modal screen is written into an inert page, which it is not told of.
WATCH_ANNOUNCE = """window.__said = []; new MutationObserver(() => { const said = {
  text: document.getElementById('announce').textContent }; window.__said.push(said);
  setTimeout(() => { said.under = [...document.querySelectorAll('dialog[open]')].map((d) => d.id); }); }).observe(
  document.getElementById('announce'), { childList: true, characterData: true, subtree: true })"""


def test_the_text_behind_a_chapter_card_is_read_out_once_the_card_has_gone(page) -> None:
    page.open(settings=INSTANT, tip=True)  # a first game: the card, then How to play over the first page
    page.js(WATCH_ANNOUNCE)
    page.click("#new-game")
    page.wait("document.getElementById('card-dialog').open")
    page.press("Enter")
    page.wait("document.getElementById('tip-dialog').open")
    page.press("Enter")
    page.wait("!document.querySelector('dialog[open]')")
    page.wait("window.__said.some((s) => s.text && s.under)")  # said a moment after the last screen closed (dialogs.js), and looked at once that task was done
    title = page.view()["title"]
    said = [s for s in page.js("window.__said") if s["text"]]
    assert len(said) == 1 and said[0]["text"].startswith(title) and said[0]["under"] == []  # once, with nothing over it
    assert any(name.startswith(title) for name in spoken(page))

    for _ in range(40):  # on to the next chapter: its map, then its card
        page.js("window.__said = []")
        page.press("1")
        if page.js("document.getElementById('map-dialog').open"):
            break
    else:
        pytest.fail("no chapter ended")
    assert page.js("document.getElementById('announce').textContent") == ""  # nothing said into the page behind
    page.press("Escape")  # the map, then the new chapter's card
    page.wait("document.getElementById('card-dialog').open")
    page.press("Enter")
    page.wait("!document.querySelector('dialog[open]')")
    page.wait("window.__said.some((s) => s.text && s.under)")
    said = [s for s in page.js("window.__said") if s["text"]]
    assert len(said) == 1 and said[0]["under"] == [] and f"\n{page.view()['title']}\n" in said[0]["text"]
    assert page.problems() == []
