"""The web edition in a real headless Chromium: play by click, touch, number key and typed command; undo
and redo; history; settings; save, reload and Continue; export a save the desktop verifies; axe-core.

Screenshots at phone (390x844) and desktop (1280x800) widths are written to the folder the run prints.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.engine import Engine, Run, load_story
from game.engine.replay import verify
from game.engine.saves import SaveStore
from game.frontends.desktop.credits import CREDITS, TIP
from game.frontends.desktop.typography import smarten
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # builds the site and drives Chromium: make test-slow

FORMAT1 = ROOT / "tests" / "fixtures" / "saves-format1" / "2.yaml"

# Text at once and no smooth scrolling, so a click lands where the test aimed it; the reveal test sets its own.
INSTANT = {"text_speed": "instant", "theme": "light", "text_size": "medium", "motion": "reduce"}
NO_DIALOG = "!document.querySelector('dialog[open]')"
TOP = "window.nlmg.dialogs.stack.at(-1)?.id || null"
COLD = 120000  # ms for an ordinary start of Python in the page (no snapshot) on a busy machine


def moves(page) -> int:
    return page.view()["moves"]


def test_a_run_by_key_click_and_typed_command_with_undo_redo_and_history(page) -> None:
    page.open(settings=INSTANT)
    assert page.js("document.title").startswith("Never Let Me Go")
    page.shot("desktop-title")
    page.start()
    first = page.view()
    assert page.js("document.querySelector('#text h2').innerText") == first["title"]
    page.wait("document.getElementById('announce').textContent !== ''")  # said once the card has gone (dialogs.js)
    assert page.js("document.getElementById('announce').textContent").startswith(first["title"])  # the live region
    page.wait("document.activeElement.classList.contains('option')")  # the card gone, focus is on the first choice
    page.shot("desktop-play")

    page.press("1")  # a number key takes that choice
    assert moves(page) == 1
    said = page.js("document.getElementById('announce').textContent").split("\n")
    assert said[0] == "Read the letter again." and len(said) >= 2  # the choice's words, then what they brought
    assert all(line in page.text() for line in said)

    page.click("#command-line")
    page.type("look")
    page.press("Enter")
    assert page.js("[...document.querySelectorAll('#text .echo.command')].at(-1).innerText").endswith("look")
    assert moves(page) == 1  # looking changes nothing
    page.press("ArrowUp")
    assert page.js("document.getElementById('command-line').value") == "look"
    page.js("document.getElementById('command-line').value = ''")

    page.click("#choices .option:not([aria-disabled])")  # a click takes a choice
    assert moves(page) == 2
    scene = page.view()["scene"]
    page.press("Escape")  # the menu, then back
    assert page.dialog() == "menu-dialog"
    page.press("Escape")
    page.wait(NO_DIALOG)
    page.js("document.getElementById('command-line').focus()")
    page.press("Backspace")  # on an empty line: undo, as in the window
    assert moves(page) == 1 and page.view()["can_redo"]
    page.click("#redo")
    assert moves(page) == 2 and page.view()["scene"] == scene
    page.press("Control+KeyZ")
    page.press("Control+KeyY")
    assert moves(page) == 2

    page.click("#menu-button")
    page.click("#menu-dialog [data-action='history']")
    history = page.js("document.getElementById('history').innerText")
    assert first["title"] in history and "› look" in history
    page.shot("desktop-history")
    page.press("Escape")
    assert page.problems() == []


def test_typed_lines_use_the_parser_and_a_number_answers_its_question(page) -> None:
    """'go' fits two choices here, so the parser asks which; 2 then answers the question (the second
    way in, which is the scene's third choice), whether typed on the line or pressed as a key."""
    page.open(settings=INSTANT)
    page.start()
    for answer_by_key in (False, True):
        page.click("#command-line")
        page.type("go")
        page.press("Enter")
        assert page.view()["asking"] and moves(page) == 0
        assert "Which do I mean" in page.js("[...document.querySelectorAll('#text p')].at(-1).innerText")
        if answer_by_key:
            page.press("2")
        else:
            page.type("2")
            page.press("Enter")
        mark = page.js("window.nlmg.call('mark')")
        assert mark["inputs"] == [["now.car", "choose", "leave_letter"]], answer_by_key
        assert not page.view()["asking"]
        page.click("#undo")
        page.wait("window.nlmg.call('view').moves === 0")
    assert page.problems() == []


def test_the_text_is_revealed_at_the_chosen_speed_and_a_key_shows_it_whole(page) -> None:
    page.open(settings={**INSTANT, "text_speed": "slow", "motion": "full"})
    page.start()
    assert page.js("document.body.classList.contains('revealing')")
    assert page.js("getComputedStyle(document.getElementById('choices-box')).visibility") == "hidden"
    page.press("Space")
    assert not page.js("document.body.classList.contains('revealing')")
    assert page.js("getComputedStyle(document.getElementById('choices-box')).visibility") == "visible"
    page.press("2")
    assert moves(page) == 1


def test_saves_survive_a_reload_and_continue_picks_up_the_run(page) -> None:
    page.open(settings=INSTANT)
    page.start()
    for _ in range(4):
        page.click("#choices .option:not([aria-disabled])")
        while page.dialog() in ("map-dialog", "card-dialog"):  # the finished chapter's map, then the next one's card
            page.press("Enter")
    mark = page.js("window.nlmg.call('mark')")
    page.press("Escape")
    page.click("#menu-dialog [data-action='save']")
    page.click("#slots li:nth-child(3) button")  # quick, 1, 2: slot 2
    assert page.js("document.getElementById('toast').textContent") == "Saved in slot 2."
    page.press("Escape")  # back to the menu, as in the window, then back to the page
    page.wait("document.querySelector('dialog[open]')?.id === 'menu-dialog'")
    page.press("Escape")
    page.wait(NO_DIALOG)
    page.p("reload", until="document.documentElement.dataset.ready === 'true'")
    assert not page.js("document.getElementById('continue').disabled")
    page.click("#continue")
    page.wait("document.body.dataset.screen === 'play'")
    assert page.js("window.nlmg.call('mark')") == mark
    page.press("Escape")
    page.click("#menu-dialog [data-action='load']")
    slots = page.js("[...document.querySelectorAll('#slots h3')].map(h => h.textContent)")
    assert "Slot 2" in slots and "Autosave 1" in slots
    page.shot("desktop-load")


def test_a_numbered_slot_is_named_by_f2_and_keeps_its_run(page) -> None:
    """The window's Rename: F2 (or "Name") on a numbered slot, the line filled with the scene's title to start."""
    page.open(settings=INSTANT)
    page.start()
    page.press("1")
    mark = page.js("window.nlmg.call('mark')")
    page.press("Escape")
    page.click("#menu-dialog [data-action='save']")
    page.click("#slots li:nth-child(2) button")  # quick, 1: slot 1
    before = page.js("localStorage.getItem('nlmg:save:never_let_me_go:1')")
    assert page.js("[...document.querySelectorAll('#slots li')].filter((li) => li.dataset.slot === 'quick')"
                   ".every((li) => ![...li.querySelectorAll('button')].some((b) => b.textContent === 'Name'))")
    page.js("document.querySelector('#slots li[data-slot=\"1\"] button').focus()")
    page.press("F2")
    assert page.js(TOP) == "name-dialog"
    assert page.js("document.getElementById('name-line').value") == smarten(page.view()["title"])
    page.press("Control+KeyA")
    page.type("Before the pavilion")
    page.press("Enter")
    page.wait("window.nlmg.dialogs.stack.at(-1)?.id === 'saves-dialog'")
    assert page.js("document.getElementById('toast').textContent") == "Slot 1 is now called “Before the pavilion”."
    assert page.js("document.querySelector('#slots li[data-slot=\"1\"] h3').textContent") == "Slot 1: “Before the pavilion”"
    after = page.js("localStorage.getItem('nlmg:save:never_let_me_go:1')")
    old_info = page.js(f"window.nlmg.call('save_info', {json.dumps(before)})")
    new_info = page.js(f"window.nlmg.call('save_info', {json.dumps(after)})")
    assert new_info["name"] == "Before the pavilion" and new_info["saved_at"] == old_info["saved_at"]
    page.js("window.nlmg.dialogs.closeAll()")
    assert page.js(f"window.nlmg.loadText({json.dumps(after)})") and page.js("window.nlmg.call('mark')") == mark
    assert page.problems() == []


THUMB = "localStorage.getItem('nlmg:thumb:never_let_me_go:{slot}')"
PIXELS = """(async (url) => {  // the picture's pixels at the middle of the column's top, and at its left edge
  const img = new Image(); img.src = url; await img.decode();
  const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
  const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
  const at = (x, y) => [...ctx.getImageData(x, y, 1, 1).data].slice(0, 3);
  return { size: [img.naturalWidth, img.naturalHeight], column: at(128, 2), edge: at(4, 72) };
})"""


def test_a_new_game_is_autosaved_as_it_begins_as_in_the_window(page) -> None:
    """Failed before: the page saved a run only at its second scene, so a new game left at once had nothing for
    Continue; the window saves each run as it begins (desktop/flows.py). Now the page does too, picture and all."""
    page.open(settings=INSTANT)
    assert page.js("window.nlmg.latestSave()") is None
    page.start()
    page.wait("window.nlmg.latestSave() !== null")
    latest = page.js("window.nlmg.latestSave()")
    view = page.view()
    assert latest["slot"] == "auto-1" and latest["info"]["moves"] == 0
    assert latest["info"]["chapter"] == view["chapter"] and latest["info"]["title"] == view["title"]
    assert page.js(THUMB.format(slot="auto-1")).startswith("data:image/jpeg")
    page.open(settings=INSTANT, clear=False)  # the page opened again at once: Continue goes on with that run
    page.wait("document.activeElement.id === 'continue'")
    page.press("Enter")
    page.wait("document.body.dataset.screen === 'play'")
    assert page.view()["moves"] == 0 and page.view()["scene"] == view["scene"]
    assert page.problems() == []


def test_each_save_keeps_a_picture_of_the_page_that_moves_and_goes_with_it(page) -> None:
    page.open(settings=INSTANT)
    page.start()
    page.press("1")
    page.press("1")  # a new scene: an autosave, with its picture
    page.wait("window.nlmg.latestSave() && window.nlmg.latestSave().info.moves === window.nlmg.play.view.moves")
    page.wait(THUMB.format(slot="auto-1") + " !== null")
    first = page.js(THUMB.format(slot="auto-1"))
    assert first.startswith("data:image/jpeg")
    px = page.js(f"({PIXELS})({json.dumps(first)})")
    page_colour = page.js("getComputedStyle(document.body).getPropertyValue('--page').trim()")
    rgb = [int(page_colour[i:i + 2], 16) for i in (1, 3, 5)]
    assert px["size"] == [256, 144]
    assert all(abs(a - b) <= 12 for a, b in zip(px["column"], rgb, strict=True))  # the reading column, the page's colour
    assert any(abs(a - b) > 12 for a, b in zip(px["edge"], rgb, strict=True))  # beside it, the place's painting
    page.press("1")
    while page.dialog() in ("map-dialog", "card-dialog"):
        page.press("Enter")
    page.wait(THUMB.format(slot="auto-2") + f" === {json.dumps(first)}")  # moved along with its autosave
    page.press("Escape")
    page.click("#menu-dialog [data-action='save']")
    page.click("#slots li:nth-child(2) button")  # slot 1
    assert page.js(THUMB.format(slot="1")).startswith("data:image/jpeg")
    assert page.js("document.querySelector('#slots li[data-slot=\"1\"] img.thumb').naturalWidth") == 256
    assert page.js("document.querySelector('#slots li[data-slot=\"1\"] img.thumb').alt") == ""
    page.shot("desktop-save-pictures")
    page.js("[...document.querySelectorAll('#slots li[data-slot=\"1\"] button')].find((b) => b.textContent === 'Delete').click()")
    page.click("#confirm-yes")  # asked first, as in the window
    assert page.js(THUMB.format(slot="1")) is None  # gone with its save
    assert page.problems() == []


def test_an_exported_save_verifies_on_the_desktop_and_imports_back(page, tmp_path) -> None:
    page.open(settings=INSTANT)
    page.p("downloads", dir=str(tmp_path))
    page.start()
    page.click("#command-line")
    page.type("examine letter")
    page.press("Enter")
    for _ in range(6):
        page.click("#choices .option:not([aria-disabled])")
        while page.dialog() in ("map-dialog", "card-dialog"):  # the finished chapter's map, then the next one's card
            page.press("Enter")
    state = page.js("window.nlmg.call('mark')")
    page.press("Escape")
    page.click("#menu-dialog [data-action='save']")
    page.click("#export-run")
    deadline = time.time() + 10
    while not list(tmp_path.glob("*.yaml")) and time.time() < deadline:
        time.sleep(0.05)
    (exported,) = tmp_path.glob("never-let-me-go-run-*.yaml")
    engine = Engine(load_story(ROOT / "scenes"))
    assert verify(exported, engine) == (True, None)  # what `nlmg replay --verify` runs
    loaded = SaveStore(tmp_path).load(str(exported), engine)
    assert [i.to_plain() for i in loaded.run.inputs] == state["inputs"]
    done = subprocess.run([sys.executable, "-m", "game.cli", "replay", "--verify", str(exported)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "replays exactly" in done.stdout, done.stdout + done.stderr
    assert any(e.kind == "command" and e.text == "examine letter" for e in loaded.run.log)

    page.open(settings=INSTANT)  # a new visit with nothing stored: import the file
    page.click("#title-load")
    page.p("upload", selector="#import-file", path=str(exported))
    page.wait("document.body.dataset.screen === 'play'")
    assert page.js("window.nlmg.call('mark')") == state
    assert page.js("localStorage.getItem('nlmg:save:never_let_me_go:auto-1')")  # kept as an autosave, for Continue


def test_a_desktop_save_imports_and_a_format1_save_is_refused_by_name(page, tmp_path) -> None:
    """The desktop's format-2 save plays on in the browser; a format-1 save (its run is YAML) is refused in one line."""
    engine = Engine(load_story(ROOT / "scenes"))
    run = Run(engine, 3)
    run.choose("take_letter_in")
    run.command("look")
    run.choose(next(o.id for o in run.view().options if o.enabled))
    SaveStore(tmp_path).save(run, "1", play_seconds=42.0)
    page.open(settings=INSTANT)
    page.click("#title-load")
    page.p("upload", selector="#import-file", path=str(tmp_path / "1.yaml"))
    page.wait("document.body.dataset.screen === 'play'")
    mark = page.js("window.nlmg.call('mark')")
    assert mark["seed"] == 3 and mark["inputs"] == [i.to_plain() for i in run.inputs]
    assert page.view()["scene"] == run.state.scene

    page.open(settings=INSTANT)
    page.click("#title-load")
    page.p("upload", selector="#import-file", path=str(FORMAT1))
    page.wait("document.getElementById('notice-dialog').open")
    said = page.js("document.getElementById('notice-text').textContent")
    assert "earlier version of the game" in said and "\n" not in said
    assert page.problems() == []


def test_settings_apply_at_once_and_are_kept(page) -> None:
    page.open(settings=INSTANT)
    page.click("#title-settings")
    for name, value in (("theme", "dark"), ("text_size", "largest"), ("text_speed", "fast"), ("motion", "reduce")):
        page.click(f"#settings-form input[name='{name}'][value='{value}']")
    root = "document.documentElement.dataset"
    assert page.js(f"[{root}.theme, {root}.size, {root}.motion]") == ["dark", "largest", "reduce"]
    assert page.js("getComputedStyle(document.body).fontSize") == "33px"
    page.shot("desktop-settings")
    page.press("Escape")
    page.p("reload", until="document.documentElement.dataset.ready === 'true'")
    assert page.js(f"[{root}.theme, {root}.size, {root}.motion]") == ["dark", "largest", "reduce"]
    page.start()
    page.shot("desktop-play-dark-largest")


def test_line_spacing_and_the_easy_reading_face_as_in_the_window(page) -> None:
    """Settings' line spacing (the window's Book, Airy, Widest) and font (EB Garamond, or OpenDyslexic: shipped
    with the site, loaded from it, and set a little smaller as the window sets it)."""
    page.open(settings=INSTANT)
    page.start()
    body_size = page.js("parseFloat(getComputedStyle(document.querySelector('#text p')).fontSize)")
    leading = {}
    for spacing in ("book", "airy", "widest"):
        page.js(f"window.nlmg.changeSetting('line_spacing', '{spacing}')")
        leading[spacing] = page.js("parseFloat(getComputedStyle(document.querySelector('#text p')).lineHeight)")
    assert leading["book"] < leading["airy"] < leading["widest"]
    assert abs(leading["widest"] / leading["book"] - 1.55 / 1.08) < 0.02  # the window's ratio of its spacings
    page.js("window.nlmg.dialogs.open('settings')")
    page.click("#settings-form input[name='font'][value='legible']")
    page.wait("document.fonts.check('20px OpenDyslexic')")
    page.wait("[...document.fonts].some((f) => f.family.replace(/\"/g, '') === 'OpenDyslexic' && f.status === 'loaded')")
    assert page.js("getComputedStyle(document.querySelector('#text p')).fontFamily").split(",")[0].strip('"') == "OpenDyslexic"
    small = page.js("parseFloat(getComputedStyle(document.querySelector('#text p')).fontSize)")
    assert abs(small / body_size - 0.86) < 0.01
    saved = json.loads(page.js("localStorage.getItem('nlmg:settings')"))
    assert saved["font"] == "legible" and saved["line_spacing"] == "widest"
    page.press("Escape")
    page.shot("desktop-play-easy-reading")
    assert page.problems() == []


def test_a_first_new_game_shows_how_to_play_once_and_the_menu_has_about(page) -> None:
    page.open(settings=INSTANT, tip=True)  # a fresh browser: nothing says the card was read
    page.click("#new-game")
    page.wait("document.getElementById('card-dialog').open")
    page.press("Enter")
    page.wait("document.getElementById('tip-dialog').open")  # under the chapter's card, as in the window
    lines = page.js("[...document.querySelectorAll('#tip-lines li')].map((li) => li.textContent)")
    assert [line.replace("Alt+V reads aloud", "V reads aloud (Alt+V while you are typing)") for line in lines] == list(TIP)
    assert page.js("document.activeElement.textContent") == "Begin"
    page.shot("desktop-tip")
    page.press("x")  # any key puts it away, and does nothing else
    page.wait(NO_DIALOG)
    assert page.js("document.getElementById('command-line').value") == "" and moves(page) == 0
    page.js("window.nlmg.showTitle()")
    page.click("#new-game")  # once only
    page.wait("document.getElementById('card-dialog').open")
    page.press("Enter")
    page.wait(NO_DIALOG)
    page.press("Escape")
    page.click("#menu-dialog [data-action='about']")
    assert page.js("window.nlmg.dialogs.stack.at(-1).id") == "about-dialog"  # over the menu
    heads = page.js("[...document.querySelectorAll('#about-dialog h3')].map((h) => h.textContent)")
    assert heads == [head for head, _ in CREDITS]
    story = page.js("document.querySelector('#about-dialog h3 + p').textContent")
    assert story == CREDITS[0][1]  # the adaptation's note, word for word the window's
    page.shot("desktop-about")
    assert page.problems() == []


@pytest.mark.parametrize("theme", ["light", "dark", "contrast"])
def test_axe_finds_nothing_serious_on_any_screen(page, theme) -> None:
    page.open(settings={**INSTANT, "theme": theme})
    found = []

    def check(where: str) -> None:
        page.wait("document.getAnimations().every((a) => a.playState !== 'running')")  # colours as they settle
        bad = [v for v in page.p("axe")["value"] if v["impact"] in ("serious", "critical")]
        found.extend(f"{where}: {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in bad)

    check("title")
    page.click("#new-game")
    page.wait("document.getElementById('card-dialog').open")
    check("chapter card")
    page.press("Enter")
    page.wait(NO_DIALOG)
    check("play")
    if theme != "light":  # the dialogs' colours are the page's: one theme checks their structure
        return _no_findings(found, check, page)
    for action in ("menu", "save", "settings", "history", "memories", "map", "about"):
        page.js(f"window.nlmg.dialogs.open('{action}')")
        check(action)
        page.js("window.nlmg.dialogs.closeAll()")
    page.js("window.nlmg.dialogs.ending(window.nlmg.play.view)")
    check("ending")
    assert found == []


def _no_findings(found: list[str], check, page) -> None:
    page.js("window.nlmg.dialogs.open('menu')")
    check("menu")
    assert found == []


def test_phone_width_by_touch_and_screenshots(page) -> None:
    page.open(width=390, height=844, mobile=True, settings=INSTANT)
    page.shot("phone-title")
    page.p("tap", selector="#new-game")
    page.wait("document.getElementById('card-dialog').open")
    page.shot("phone-card")
    page.p("tap", selector="#card-go")
    page.wait(NO_DIALOG)
    page.shot("phone-play")
    assert page.js("document.documentElement.scrollWidth") <= 390  # nothing runs off the side
    page.p("tap", selector="#choices .option:not([aria-disabled])")
    assert moves(page) == 1
    page.js("window.nlmg.dialogs.open('menu')")
    page.shot("phone-menu")
    page.js("window.nlmg.dialogs.closeAll()")
    page.js("window.nlmg.dialogs.open('load')")
    page.shot("phone-load")
    page.js("window.nlmg.dialogs.closeAll()")
    page.js("window.nlmg.dialogs.open('settings')")
    page.shot("phone-settings")
    assert page.js("document.documentElement.scrollWidth") <= 390


def test_a_whole_run_to_an_ending_then_memories_and_chapter_select(page) -> None:
    page.open(settings=INSTANT)
    page.start()
    page.js("""(async () => {  // real clicks on the first open choice, in the page, until the story ends
      for (let i = 0; i < 400 && !window.nlmg.play.view.ended; i++) {
        document.querySelector('#choices .option:not([aria-disabled])').click();
        for (const id of ['map-dialog', 'card-dialog']) {  // the finished chapter's map, then the new one's card
          const d = document.getElementById(id);
          if (d.open) d.close();
        }
        await new Promise((r) => setTimeout(r, 0));
      }
    })()""")
    view = page.view()
    assert view["ended"] and view["ending"]["title"]
    page.click("#choices .option")  # "Continue" on an ended run opens the ending
    page.wait("document.getElementById('ending-dialog').open")
    assert page.js("document.getElementById('ending-title').textContent") == smarten(view["ending"]["title"])
    assert "of" in page.js("document.getElementById('ending-count').textContent")
    page.shot("desktop-ending")
    page.click("#ending-dialog [data-action='map']")  # the window's ending offers the story map too
    assert page.js("window.nlmg.dialogs.stack.at(-1).id") == "map-dialog"
    assert page.js("document.getElementById('map-chapter').textContent") == view["chapter"]
    page.press("Escape")
    page.wait("window.nlmg.dialogs.stack.at(-1)?.id === 'ending-dialog'")
    page.click("#ending-dialog [data-action='memories']")
    endings = page.js("document.getElementById('endings').innerText")
    assert smarten(view["ending"]["title"]) in endings
    page.shot("desktop-memories")
    page.click("#chapters li:nth-child(2) button")  # begin again at chapter 2, the way it was first reached
    page.wait("document.body.dataset.screen === 'play' && window.nlmg.play.view.chapter_number === 2")
    while page.dialog() in ("card-dialog",):
        page.press("Enter")
    page.press("1")  # a run under way: leaving it for another chapter is asked first, as in the window
    assert page.view()["moves"] > 0
    mark = page.js("window.nlmg.call('mark')")
    page.js("window.nlmg.dialogs.memories()")
    page.click("#chapters li:nth-child(3) button")
    assert page.js("window.nlmg.dialogs.stack.at(-1).id") == "confirm-dialog"
    assert page.js("document.getElementById('confirm-text').textContent").startswith("Leave this run and begin again at")
    page.press("Enter")  # the safe answer: stay
    page.wait("window.nlmg.dialogs.stack.at(-1)?.id === 'memories-dialog'")
    assert page.js("window.nlmg.call('mark')") == mark
    page.click("#chapters li:nth-child(3) button")
    page.click("#confirm-yes")
    page.wait("window.nlmg.play.view.chapter_number === 3")
    assert page.problems() == []


def test_nothing_is_fetched_from_anywhere_else(page, server) -> None:
    page.open(settings=INSTANT)
    page.start()
    requests = page.p("log")["requests"]
    assert requests and all(r.startswith(server.url) or r.startswith(("data:", "blob:")) for r in requests), requests


def test_the_page_and_the_desktop_set_the_same_typography(page) -> None:
    story = load_story(ROOT / "scenes")
    texts = sorted({p.text for sid in story.scenes for p in story.scenes[sid].paragraphs} | {"'Quoted' -- \"said\" ..."})
    page.open(settings=INSTANT)
    got = page.js(f"import('./typography.js').then(m => {json.dumps(texts)}.map(m.smarten))")
    assert got == [smarten(t) for t in texts]


def test_the_page_starts_from_the_sites_snapshot(page, built_site: Path) -> None:
    assert json.loads((built_site / "build.json").read_text())["snapshot"] is True
    page.open(settings=INSTANT)
    page.js("caches.delete('nlmg-snapshots')")  # what earlier tests' visits kept in this browser
    page.open(settings=INSTANT)
    assert page.js("window.nlmg.timing.mode") == "shipped"
    assert page.js("window.nlmg.meta.scenes") == len(load_story(ROOT / "scenes").scenes)
    page.start()
    page.press("2")
    assert moves(page) == 1
    page.wait("window.nlmg.timing.snapshot > 0", timeout=20000)  # kept unzipped for the next visit
    page.open(settings=INSTANT, clear=False)
    assert page.js("window.nlmg.timing.mode") == "kept"


def test_without_a_snapshot_the_page_starts_python_itself_and_keeps_one(browser, plain_server, shots) -> None:
    from tests.web.conftest import Page

    page = Page(browser, plain_server, shots)
    page.open(settings=INSTANT, timeout=COLD)
    assert page.js("window.nlmg.timing.mode") == "cold"
    page.wait("window.nlmg.timing.snapshot > 0", timeout=20000)  # kept in the browser's Cache Storage
    page.start()
    page.press("2")
    assert moves(page) == 1
    page.open(settings=INSTANT, clear=False)
    assert page.js("window.nlmg.timing.mode") == "kept"
    page.start()
    page.press("2")
    assert moves(page) == 1 and page.problems() == []
