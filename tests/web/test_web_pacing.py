"""Skip and Auto on the page, as in the window (desktop/pacing.py), in a real headless Chromium.

Skip (F6, the Skip button, the pad's X) shows at once what was read in some run before and goes to the
choices; it stops with a word at the first paragraph never read. What was read is the window's own marks,
kept in the browser across reloads. Auto (F7, the Auto button, the pad's Y) waits as long as the text in
view takes to read at the chosen pace, reads on down the page, waits at the choices and while a line is
being typed, and never takes a choice. Both say they are on by the buttons' pressed state and a spoken
status line.
"""

from __future__ import annotations

import json

import pytest

from game.engine import load_story
from game.frontends.desktop.readmarks import mark_of
from game.frontends.desktop.settings import AUTO_PACES
from tests.conftest import ROOT
from tests.web.test_web_controls import FAKE_PAD, FAKE_SPEECH

pytestmark = pytest.mark.slow  # builds the site and drives Chromium: make test-slow

# Text typed out slowly with motion on, so there is a reveal for Skip to pass over (or stop in).
SLOW = {"text_speed": "slow", "theme": "light", "text_size": "medium", "motion": "full"}
INSTANT = {"text_speed": "instant", "theme": "light", "text_size": "medium", "motion": "reduce"}
NO_DIALOG = "!document.querySelector('dialog[open]')"
PACER = "window.nlmg.play.pacer"
TOAST = "document.getElementById('toast').textContent"


def pressed(page, button: str) -> str:
    return page.js(f"document.getElementById('{button}').getAttribute('aria-pressed')")


def revealing(page) -> bool:
    return page.js("window.nlmg.play.revealing")


def moves(page) -> int:
    return page.view()["moves"]


def test_skip_passes_what_was_read_stops_at_new_text_and_remembers_across_a_reload(page) -> None:
    story = load_story(ROOT / "scenes")
    page.open(settings=SLOW)
    page.start()
    assert revealing(page)
    page.press("F6")  # nothing on the first page has been read before: skipping will not start
    assert page.js(TOAST) == "Nothing here has been read before." and pressed(page, "skip") == "false"
    assert revealing(page)
    page.press("Space")  # shown whole: read now
    first_title = next(text for kind, text in page.js("window.nlmg.call('history')") if kind == "title")
    page.press("1")
    assert revealing(page)  # new text types out
    page.press("Space")
    after_first = page.text()
    page.click("#undo")
    assert moves(page) == 0

    page.press("F6")
    assert page.js(f"{PACER}.skipping") and pressed(page, "skip") == "true"
    assert page.js(TOAST) == "Skipping what has been read."
    assert page.js("document.getElementById('toast').getAttribute('role')") == "status"  # said by a screen reader
    page.press("1")  # the same choice again: all of it read before, so it is simply there, at its choices
    assert not revealing(page) and page.text() == after_first
    assert page.js("document.querySelectorAll('#text .revealing, #text .held').length") == 0
    page.wait("Math.abs(scrollY - (document.documentElement.scrollHeight - innerHeight)) < 2")
    assert page.js(f"{PACER}.skipping")  # Skip stays on across choices

    page.press("1")  # somewhere never read: it types out, and skipping stops there, with a word
    assert revealing(page)
    assert not page.js(f"{PACER}.skipping") and pressed(page, "skip") == "false"
    assert page.js(TOAST) == "New text: skipping stops here."
    page.press("Space")
    assert not revealing(page)

    # kept (once the step is drawn) in the window's read.json shape, every mark
    page.wait(f"(JSON.parse(localStorage.getItem('nlmg:read') || '{{}}').read || []).length === {PACER}.read.size")
    kept = set(page.js("JSON.parse(localStorage.getItem('nlmg:read')).read"))
    assert page.js("JSON.parse(localStorage.getItem('nlmg:read')).format") == 1
    assert mark_of(story.start, first_title) in kept  # the window's mark for the first scene's title
    assert len(kept) == page.js(f"{PACER}.read.size")

    page.p("reload", until="document.documentElement.dataset.ready === 'true'")  # read-ness outlives the page
    page.click("#new-game")
    page.wait("document.getElementById('card-dialog').open")
    page.press("Enter")
    page.wait(NO_DIALOG)
    assert revealing(page)
    page.click("#skip")  # the button, as a mouse does it: everything here was read before the reload
    assert not revealing(page) and page.js(f"{PACER}.skipping")
    page.press("1")
    assert not revealing(page) and page.text() == after_first
    page.shot("desktop-skip")
    assert page.problems() == []


def test_a_step_never_settles_the_page_it_leaves(page) -> None:
    """Failed before: on the way into a step the page being left was settled as if read to the end, so self-voicing
    read out text just undone or moved on from (and Auto was timed afresh for a page about to change)."""
    page.open(settings={**SLOW, "voice": "on"})
    page.js(FAKE_SPEECH)
    page.start()
    page.press("Space")  # the first page whole
    page.press("1")
    assert revealing(page)
    first = page.js("window.nlmg.play.fresh.map((el) => el.textContent)")
    left = " ".join(max(first, key=len).split())[:40]  # its prose, not the echo of the choice (said again as undone)
    said = page.js("window.__said.length")
    page.click("#undo")  # undone while it was still coming: it is not read out on the way back
    assert moves(page) == 0
    page.wait(f"!{PACER}.play.revealing")
    assert not [s for s in page.js(f"window.__said.slice({said})") if left in " ".join(s.split())]
    page.press("1")
    assert revealing(page)
    said = page.js("window.__said.length")
    page.click("#command-line")
    page.type("look")
    page.press("Enter")  # on to a typed line while the choice's text is coming: that text is not read out either
    page.wait(f"!{PACER}.play.revealing", timeout=30000)
    heard = page.js(f"window.__said.slice({said})")
    assert not [s for s in heard if left in " ".join(s.split())]
    assert heard and "I typed: look" in heard[-1]  # what is said is the new step, once it is shown whole
    assert page.problems() == []


def test_auto_reads_on_at_the_readers_pace_waits_at_choices_and_never_chooses(page) -> None:
    page.open(width=800, height=420, settings={**INSTANT, "auto_pace": "slow"})
    page.start()
    page.press("2")  # a long page: more than a screen
    before = moves(page)
    assert page.js("document.documentElement.scrollHeight - innerHeight") > 300
    page.press("F7")
    assert page.js(f"{PACER}.auto") and pressed(page, "auto") == "true" and page.js(TOAST) == "Reading on by itself."
    waited = page.js(f"{PACER}.waiting")
    # As long as what is in view takes to read at 14 characters a second: more than a whole paragraph in view
    # needs, less than the whole page would.
    seen = page.js("""(() => { const top = document.querySelector('.topbar').getBoundingClientRect().bottom;
      const bottom = document.getElementById('command').getBoundingClientRect().top;
      return [...document.querySelectorAll('#text > *')].filter((el) => { const r = el.getBoundingClientRect();
        return r.top >= top && r.bottom <= bottom; }).reduce((n, el) => n + el.textContent.length, 0); })()""")
    everything = len(page.text())
    slow = AUTO_PACES["slow"]
    assert seen > 0 and 1200 + seen / slow * 1000 <= waited <= 1200 + everything / slow * 1000

    page.js("import('./store.js').then((m) => { m.AUTO_PACES.slow = 4000; })")  # a very quick reader, so the test is short
    page.js(f"{PACER}.restart()")
    y0 = page.js("scrollY")
    page.wait(f"scrollY > {y0}", timeout=6000)  # read on down the page by itself
    view = page.js("document.getElementById('command').getBoundingClientRect().top - document.querySelector('.topbar').getBoundingClientRect().bottom")
    assert page.js("scrollY") - y0 <= view  # never past a line not yet in view
    page.wait(f"{PACER}.waiting === null && !{PACER}.timer", timeout=20000)  # at the choices: the player's turn
    assert page.js("document.getElementById('choices-box').getBoundingClientRect().bottom <= innerHeight + 2")
    assert moves(page) == before  # it never took a choice

    page.press("1")  # Auto stays on across choices
    while page.dialog() in ("map-dialog", "card-dialog"):  # a chapter's end: Auto waits for the player there
        assert page.js(f"{PACER}.waiting") is None
        page.press("Enter")
    page.wait(f"{PACER}.waiting !== null")
    page.click("#command-line")
    page.type("look at")  # while a line is being typed, Auto waits
    y1 = page.js("scrollY")
    page.js("new Promise((r) => setTimeout(r, 2500))")
    assert page.js("scrollY") == y1 and page.js(f"{PACER}.auto")
    page.js("document.getElementById('command-line').value = ''")
    page.press("F7")
    assert not page.js(f"{PACER}.auto") and pressed(page, "auto") == "false" and page.js(TOAST) == "Auto is off."
    assert page.problems() == []


def test_skip_and_auto_from_the_pad_the_buttons_and_settings(page) -> None:
    page.open(settings=INSTANT)
    page.js(FAKE_PAD)
    page.start()
    page.js("window.__pad(2)")  # X: Skip
    assert page.js(f"{PACER}.skipping") and pressed(page, "skip") == "true"
    page.js("window.__pad(3)")  # Y: Auto, which turns Skip off
    assert page.js(f"{PACER}.auto") and not page.js(f"{PACER}.skipping")
    assert pressed(page, "auto") == "true" and pressed(page, "skip") == "false"
    page.shot("desktop-auto-on")
    page.click("#auto")
    assert not page.js(f"{PACER}.auto")
    assert page.js("document.getElementById('skip').getAttribute('aria-keyshortcuts')") == "F6"
    assert page.js("document.getElementById('auto').getAttribute('aria-keyshortcuts')") == "F7"

    page.press("Escape")
    page.click("#menu-dialog [data-action='settings']")
    pace = page.js("[...document.querySelectorAll(\"#settings-form input[name='auto_pace']\")].map((i) => i.value)")
    assert pace == list(AUTO_PACES)
    assert page.js("import('./store.js').then((m) => m.AUTO_PACES)") == AUTO_PACES  # the window's characters a second
    page.click("#settings-form input[name='auto_pace'][value='fast']")
    assert json.loads(page.js("localStorage.getItem('nlmg:settings')"))["auto_pace"] == "fast"
    page.press("Escape")
    page.press("Escape")
    page.wait(NO_DIALOG)
    page.press("F6")  # a new run turns both off, as the window's new play screen has them
    page.js("window.nlmg.showTitle()")
    page.click("#new-game")
    assert not page.js(f"{PACER}.skipping") and pressed(page, "skip") == "false"
    assert page.problems() == []
