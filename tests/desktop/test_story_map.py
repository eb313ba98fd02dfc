"""The whole story map: every chapter a page (keys, mouse, pad), scenes of this run and of earlier runs, the endings
found and a hint for each one not yet found; labels that fit."""

from __future__ import annotations

import pygame

from game.engine import load_story
from game.engine.storymap import build_map
from game.frontends.desktop.atlas import ending_lines, label_lines
from game.frontends.desktop.memories import StoryMemories
from game.frontends.desktop.text import Fonts
from tests.desktop.conftest import GARDEN
from tests.desktop.test_play_flow import to_play


def open_map(d):
    d.press("escape")
    d.app.open("map")
    d.settle(0.5)
    assert d.top.name == "map"
    return d.top


def test_every_chapter_and_the_endings_with_the_keyboard(launch):
    d = launch(settings={"text_speed": "instant"})
    to_play(d)
    screen = open_map(d)
    assert screen.pages == ["The School", "The Cottages", "The Coast", "Endings"]
    assert screen.chapter == "The School"
    d.press("right")
    assert screen.chapter == "The Cottages"
    d.press("left")
    d.press("left")  # round to the endings
    assert screen.chapter == "Endings"
    d.app.draw()
    texts = [t for _, t in d.app.pen.record]
    assert texts.count("Not yet found") == 3 and any("not yet reached" in t for t in texts)
    d.shot("story-map-endings")


def test_turning_pages_with_the_mouse_and_the_pad(launch):
    d = launch(settings={"text_speed": "instant"})
    to_play(d)
    screen = open_map(d)
    d.app.draw()
    d.click(screen.arrows[1].center)
    assert screen.chapter == "The Cottages" and d.top is screen
    d.app.draw()
    d.click(screen.arrows[0].center)
    assert screen.chapter == "The School"
    d.pad(pygame.CONTROLLER_BUTTON_DPAD_RIGHT)
    assert screen.chapter == "The Cottages"
    d.pad(pygame.CONTROLLER_BUTTON_B)
    assert d.top.name in ("pause", "play")


def test_scenes_of_earlier_runs_are_named_and_counted(launch, tmp_path):
    saves = tmp_path / "saves"
    d = launch(saves=saves, settings={"text_speed": "instant"})
    to_play(d)
    d.digit(2)  # the pavilion, in this run
    d.settle(1.0)
    d.quit()
    d2 = launch(saves=saves, settings={"text_speed": "instant"})
    d2.pump(2)
    d2.app.new_game()
    d2.settle(1.0)
    d2.press("space")
    d2.press("space")
    d2.settle(1.0)
    screen = open_map(d2)
    assert "Earlier runs found 1 more" in screen.note()
    d2.app.draw()
    assert "The pavilion" in [t for _, t in d2.app.pen.record]  # named, though not seen in this run
    d2.shot("story-map-earlier-runs")


def test_hints_give_the_chapter_and_a_scene_only_once_seen():
    story = load_story(GARDEN)
    full = build_map(story)
    mem = StoryMemories(endings=["shore"], scenes=["school.gate", "coast.town"])
    mem.chapters = {"The School": None, "The Coast": None}  # reached (how does not matter here)
    lines = {x.note: x for x in ending_lines(story, full, mem)}
    found = [x for x in lines.values() if x.found]
    assert [x.title for x in found] == ["The Shore"]
    hints = [x.note for x in lines.values() if not x.found]
    assert "Somewhere in The Coast, after “A town by the sea”." in hints
    assert all("The field" not in h and "The road" not in h for h in hints)  # the ending's own scene is never named


def test_labels_fit_in_two_lines_of_whole_words():
    pygame.font.init()
    fonts = Fonts()
    title = "A phone box near Leicester, in the rain"
    width = fonts.word_width("regular", 16, "A phone box near")
    lines = label_lines(fonts, 16, title, width)
    assert len(lines) == 2 and all(fonts.word_width("regular", 16, x) <= width for x in lines)
    assert " ".join(lines).replace("…", "").split()[:4] == ["A", "phone", "box", "near"]
    assert label_lines(fonts, 16, "The pond", width) == ["The pond"]


LANE = {
    "story.yaml": "id: lane\ntitle: The Lane\nstart: one.gate\nchapters:\n  - title: One\n  - title: Two\n"
                  "endings:\n  home: {title: Home, text: I went home.}\n  away: {title: Away, text: I went away.}\n",
    "scenes.yaml": """- id: one.gate
  chapter: One
  title: The gate
  text: The gate was open.
  choices:
    - {id: lane, text: Walk down the lane., goto: one.lane}
- id: one.lane
  chapter: One
  title: The lane
  text: The lane ran down to the road.
  choices:
    - {id: road, text: Go on to the road., goto: two.road}
- id: two.road
  chapter: Two
  title: The road
  text: The road went both ways.
  choices:
    - {id: home, text: Turn for home., goto: two.home}
    - {id: away, text: Turn away., goto: two.away}
- {id: two.home, chapter: Two, title: Home, text: Home., ending: home}
- {id: two.away, chapter: Two, title: Away, text: Away., ending: away}
""",
}


def test_the_note_names_faint_paths_only_when_one_is_drawn(launch, tmp_path):
    """Failed before: the map always said the faint paths were the ways not yet taken, even on a chapter whose every
    way this run had taken, where no faint path is drawn."""
    story = tmp_path / "lane"
    story.mkdir()
    for name, text in LANE.items():
        (story / name).write_text(text)
    d = launch(scenes=story, settings={"text_speed": "instant"})
    play = to_play(d)
    d.digit(1)  # down the lane
    d.settle(1.0)
    d.digit(1)  # on to the road: chapter One is done, every way in it taken
    d.settle(2.0)
    while d.top.name != "play":  # the map of chapter One, then the card of Two, as a chapter ends
        d.press("enter")
        d.settle(1.0)
    assert play.run.state.scene == "two.road"
    screen = open_map(d)
    d.press("left")
    assert screen.chapter == "One" and not screen.untaken_ways()
    assert screen.note() == "This run found 2 of the 2 scenes of this chapter."
    d.shot("story-map-no-faint-path")
    d.press("right")
    assert screen.chapter == "Two" and screen.untaken_ways()  # the two turnings at the road, neither taken yet
    assert screen.note() == "This run found 1 of the 3 scenes of this chapter. The faint paths are the ways not yet taken."

