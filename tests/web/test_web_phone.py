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


FITS = """(() => {  // the placeholder set in its own font in a span: is it as narrow as the line it is shown in?
  const line = document.getElementById('command-line');
  const style = getComputedStyle(line, '::placeholder');
  const span = document.createElement('span');
  span.textContent = line.placeholder;
  span.style.cssText = `position: absolute; white-space: pre; font: ${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  document.body.append(span);
  const wide = span.getBoundingClientRect().width;
  span.remove();
  return { text: line.placeholder, wide, room: line.clientWidth };
})()"""


@pytest.mark.parametrize("width,height", [(360, 740), (390, 844)])
def test_the_command_lines_placeholder_is_whole_on_a_phone_at_every_text_size(page, width, height) -> None:
    """Failed before: at the largest text size a phone showed "Type what Kathy sh", cut off at the Send button."""
    page.open(width=width, height=height, mobile=True, settings=LARGEST)
    page.start()
    page.js("document.fonts.ready")
    page.wait("document.fonts.check(`italic 27px 'EB Garamond'`)")
    page.js("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    shown = page.js(FITS)
    assert shown["wide"] <= shown["room"], shown
    assert shown["text"] != "Type what Kathy should do"  # a shorter one than the phone's usual
    page.shot(f"phone-largest-command-{width}")
    seen = {shown["text"]}
    for size in ("large", "medium", "small"):  # Settings, Text size: each size shows the longest that fits
        page.js(f"window.nlmg.changeSetting('text_size', '{size}')")
        page.js("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
        shown = page.js(FITS)
        assert shown["wide"] <= shown["room"], (size, shown)
        seen.add(shown["text"])
    assert "Type what Kathy should do" in seen  # the fuller words come back when there is room for them
    page.p("viewport", width=1280, height=800)  # the same page in a wide window: the whole sentence
    page.js("new Promise((r) => setTimeout(r, 100))")
    assert page.js(FITS)["text"] == "Type what Kathy should do, or press a number"
    assert page.problems() == []
