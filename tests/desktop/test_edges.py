"""The window's edges: a broken story at the title, --load, deleting a save, a story fault while playing."""

from __future__ import annotations

import shutil

from game.engine import Engine, Run, load_story
from game.engine.saves import SaveStore
from tests.desktop.conftest import GARDEN


def test_a_broken_story_is_shown_at_the_title_not_a_traceback(launch, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(GARDEN, broken)
    (broken / "coast.yaml").write_text((broken / "coast.yaml").read_text().replace("ending: shore", "ending: nowhere-at-all"))
    d = launch(scenes=broken)
    d.pump(2)
    title = d.top
    assert d.app.session.story is None and d.app.session.problem
    assert any("coast.yaml:" in line for line in d.app.session.problem)
    assert [i.enabled for i in title.menu.items] == [False, False, False, False, True, True, True]  # Settings, About, Quit remain
    d.press("enter")  # focus is on Settings: the menu still works
    d.shot("title-broken-story")


def test_load_option_starts_from_a_save(launch, tmp_path):
    saves = tmp_path / "saves"
    story = load_story(GARDEN)
    run = Run(Engine(story), 4)
    run.choose("pavilion")
    SaveStore(saves).save(run, "3", 12.0)
    d = launch(saves=saves, extra=["--load", "3"])
    d.settle(1.0)
    assert d.top.name == "play"
    assert d.app.session.run.state.scene == "school.pavilion"
    assert d.app.session.clock.seconds == 12.0  # the saved play time, and no time passed on this test's clock


def test_delete_a_save_after_asking(launch, tmp_path):
    saves = tmp_path / "saves"
    story = load_story(GARDEN)
    SaveStore(saves).save(Run(Engine(story), 4), "2")
    d = launch(saves=saves)
    d.pump(2)
    d.app.open("load")
    d.settle(0.5)
    assert [r.slot for r in d.top.rows] == ["2"]
    d.press("delete")
    assert d.top.name == "confirm"
    d.press("left")  # to "Delete"
    d.press("enter")
    assert not (saves / "2.yaml").exists()
    assert d.top.rows == []


def test_a_fault_in_the_story_while_playing_is_shown_over_the_game(launch, story_dir):
    (story_dir / "cottages.yaml").write_text((story_dir / "cottages.yaml").read_text().replace(
        "    - id: barn\n", "    - id: barn\n      do: [{set: {courage: \"'a' < 3\"}}]\n"))
    d = launch(scenes=story_dir, settings={"text_speed": "instant"})
    d.press("enter")
    d.settle(2.0)
    d.press("enter")
    d.settle(1.0)
    d.digit(3)
    d.settle(1.0)
    d.digit(1)  # to the cottages
    for _ in range(4):
        d.settle(2.0)
        if d.top.name == "play":
            break
        d.press("enter")
    play = d.top
    assert play.run.state.scene == "cottages.yard"
    inputs = list(play.run.inputs)
    d.digit(1)  # the barn: comparing 'a' with 3 fails in the story
    assert d.app.notices.errors is not None
    assert "fault in the scene files" in d.app.notices.errors[0]
    assert any("cottages.yaml" in line for line in d.app.notices.errors[1])
    assert play.run.state.scene == "cottages.yard"  # the run is where it was, the failed input undone
    assert play.run.inputs == inputs
    assert not any(e.kind == "choice" and "black barn" in e.text for e in play.run.log)  # nor in the history
    d.press("escape")
    d.digit(2)  # and play goes on
    assert play.run.state.scene == "coast.town"
    d.shot("story-fault")


def test_a_save_that_will_not_load_leaves_no_run_behind(launch, tmp_path):
    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / "4.yaml").write_text("nlmg_save: 1\nthis is: not a save\n")
    d = launch(saves=saves)
    d.pump(2)
    d.app.open("load")
    d.settle(0.5)
    row = d.top.rows[0]
    assert not row.enabled and "4.yaml" in row.excerpt  # listed, with the reason, and not loadable
    d.press("enter")
    assert d.top.name == "load" and not d.app.session.playing
    assert d.app.load_game(str(saves / "4.yaml")) is False
    assert not d.app.session.playing
    d.quit()
    assert not (saves / "auto-1.yaml").exists()  # nothing was playing, so nothing was autosaved
