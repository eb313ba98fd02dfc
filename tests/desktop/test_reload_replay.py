"""Live reload (Shift+R keeps the run on the edited story; a broken edit shows file:line over the game) and the replay player."""

from __future__ import annotations

import pygame

from game.engine import Engine, Run, load_story
from game.engine.replay import ReplayModel
from game.frontends.desktop.replay_screen import ReplayScreen
from tests.desktop.conftest import GARDEN


def start_playing(d) -> None:
    d.press("enter")
    d.settle(2.0)
    d.press("enter")
    d.settle(1.0)
    assert d.top.name == "play"


def shift_r(d) -> None:
    """Ctrl+R (Shift+R once did it too, and ate the capital R of a typed line)."""
    d.key(pygame.K_r, mod=pygame.KMOD_CTRL)


def test_shift_r_reloads_and_keeps_the_run(launch, story_dir):
    d = launch(scenes=story_dir, settings={"text_speed": "instant"})
    start_playing(d)
    d.type("look")
    d.press("enter")
    d.digit(2)  # the pavilion
    d.settle(1.0)
    play = d.top
    inputs = list(play.run.inputs)
    commands = [e.text for e in play.run.log if e.kind == "command"]
    assert commands == ["look"]
    school = story_dir / "school.yaml"
    school.write_text(school.read_text().replace("The pavilion smelled of cut grass", "The pavilion smelled of rain"))
    shift_r(d)
    assert play.reading.cmd.text == ""  # the R was a hotkey, not typing
    assert d.app.notices.errors is None
    assert play.run.state.scene == "school.pavilion"
    assert play.run.inputs == inputs
    assert [e.text for e in play.run.log if e.kind == "command"] == commands  # the history keeps the look
    assert any("smelled of rain" in item.block.text for item in play.reading.page.items)
    assert any("Reloaded" in t.text for t in d.app.notices.toasts)


def test_a_broken_edit_shows_the_error_and_play_goes_on(launch, story_dir):
    d = launch(scenes=story_dir, settings={"text_speed": "instant"})
    start_playing(d)
    play = d.top
    school = story_dir / "school.yaml"
    good = school.read_text()
    school.write_text(good.replace("goto: school.pavilion", "goto: school.nowhere"))
    shift_r(d)
    assert d.app.notices.errors is not None
    message, lines = d.app.notices.errors
    assert "still playing the last good version" in message
    assert any(line.startswith(str(school)) or "school.yaml:" in line for line in lines)
    assert any("school.nowhere" in line for line in lines)
    head = lines[0].split(": ", 1)[0]
    assert head.rsplit(":", 1)[1].isdigit()  # file:line
    d.shot("reload-error")
    d.digit(2)  # play goes on with the last good story: the pavilion still exists there
    d.settle(1.0)
    assert play.run.state.scene == "school.pavilion"
    school.write_text(good)
    shift_r(d)
    assert d.app.notices.errors is None
    assert play.run.state.scene == "school.pavilion"


def test_error_box_hides_on_escape_without_opening_the_menu(launch, story_dir):
    d = launch(scenes=story_dir, settings={"text_speed": "instant"})
    start_playing(d)
    (story_dir / "coast.yaml").write_text("- id: [unclosed\n")
    d.key(pygame.K_r, mod=pygame.KMOD_CTRL)
    assert d.app.notices.errors is not None
    d.press("escape")
    assert d.app.notices.errors is None and d.top.name == "play"


def replay_app(launch, tmp_path, steps_taken: list[str]):
    story = load_story(GARDEN)
    run = Run(Engine(story), 5)
    for option in steps_taken:
        run.choose(option)
    model = ReplayModel.from_run(run)
    d = launch()
    for screen in list(d.app.stack):
        d.app.close(screen)
    d.app.push(ReplayScreen(d.app, model, pace=1.0))
    d.pump(2)
    return d, model


def test_replay_steps_forward_back_and_auto(launch, tmp_path):
    d, model = replay_app(launch, tmp_path, ["pavilion", "speak", "leave", "trip", "shore"])
    screen = d.top
    assert screen.name == "replay" and model.position == 0
    assert screen.focus == [o.id for o in model.current.options].index("pavilion")  # the choice taken is highlighted
    d.shot("replay-first")
    d.press("space")
    d.press("right")
    assert model.position == 2
    d.press("left")
    assert model.position == 1
    # mouse: the Forward control
    r = screen.controls["forward"]
    d.click(r.center)
    assert model.position == 2
    # auto-play moves on by itself at the pace
    d.key(pygame.K_a, text="a")
    assert screen.auto
    d.pump(25, 0.05)  # 1.25 s of fake time at a pace of 1 s
    assert model.position == 3
    d.press("end")
    assert model.at_end and model.current.ending == "The Shore"
    d.shot("replay-end")
    d.press("escape")
    assert not d.app.running


def test_replay_main_opens_a_window_on_a_saved_run(tmp_path, monkeypatch):
    """nlmg replay SAVE hands the window a model; it shows, steps, and leaves on Escape."""
    from game.cli import build_parser
    from game.engine.saves import SaveStore
    from game.frontends.desktop import replay as window

    story = load_story(GARDEN)
    run = Run(Engine(story), 9)
    run.choose("pond")
    run.choose("leave")
    SaveStore(tmp_path).save(run, "1")
    model = ReplayModel.from_save(tmp_path / "1.yaml", Engine(story))
    args = build_parser().parse_args(["replay", str(tmp_path / "1.yaml"), "--scenes", str(GARDEN), "--saves", str(tmp_path)])
    posted = [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0, unicode="", scancode=0),
              pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0)]
    original = window.ReplayScreen.on_enter

    def on_enter(self):  # post the player's keys once the window is open
        original(self)
        for ev in posted:
            pygame.event.post(ev)

    monkeypatch.setattr(window.ReplayScreen, "on_enter", on_enter)
    assert window.main(args, model) == 0
    assert model.position == 1
