"""History you can return to: point at a past moment, confirm, and the run rolls back there through Run.

With the keyboard alone, the mouse alone and the gamepad alone; and redo brings it all back.
"""

from __future__ import annotations

import pygame

from tests.desktop.test_play_flow import to_play


def played_a_little(d):
    play = to_play(d)
    d.digit(2)  # the pavilion
    d.settle(1.0)
    d.type("look")
    d.press("enter")
    d.digit(1)  # stay with Ruth: the pond
    d.settle(1.0)
    assert play.run.state.scene == "school.pond" and len(play.run.inputs) == 2
    return play


def test_go_back_to_a_moment_with_the_keyboard(launch):
    d = launch(settings={"text_speed": "instant"})
    play = played_a_little(d)
    full = list(play.run.log)
    d.key(pygame.K_h, mod=pygame.KMOD_CTRL)
    d.settle(0.5)
    history = d.top
    assert history.name == "history" and history.focus == -1
    d.press("enter")  # nothing pointed at: nothing happens
    assert d.top is history
    d.press("up")  # the newest moment: the choice at the pavilion
    d.press("up")  # the look
    d.press("up")  # the first choice
    assert history.blocks[history.moments[history.focus]][1].text.startswith("Walk over to the pavilion")
    d.press("enter")
    assert d.top.name == "confirm"
    # Failed before: the window asked in its own words (a quoted moment and a key), the page in others. Now both ask the
    # story's named response go_back_confirm, the moment in plain words at its end, and answer Go back / Stay here.
    asked = " ".join(play.run.engine.response(play.run.state, "go_back_confirm",
                                              {"done": "Walk over to the pavilion and sit with Ruth."}))
    assert d.top.question == asked and "“" not in asked and d.top.labels == ["Go back", "Stay here"]
    d.shot("history-rollback-confirm")
    d.press("left")  # to "Go back"
    d.app.notices.toasts = []
    d.press("enter")
    d.settle(1.0)
    assert d.top is play and play.run.state.scene == "school.gate" and play.run.inputs == []
    said = "I went back to just before it, and let all that came after go: Walk over to the pavilion and sit with Ruth."
    assert [t.text for t in d.app.notices.toasts] == [said]  # the Run's words (Run.undo_to), as the page and terminal say
    for _ in range(3):  # every step comes back, in order
        d.key(pygame.K_y, mod=pygame.KMOD_CTRL)
    assert play.run.log == full


def test_cancel_leaves_the_run_alone(launch):
    d = launch(settings={"text_speed": "instant"})
    play = played_a_little(d)
    log = list(play.run.log)
    d.app.open("history")
    d.settle(0.5)
    d.press("up")
    d.press("enter")
    d.press("escape")  # Cancel
    assert d.top.name == "history" and play.run.log == log


def test_go_back_with_the_mouse(launch):
    d = launch(settings={"text_speed": "instant"})
    play = played_a_little(d)
    d.app.draw()
    d.click(play.reading.rects["history"].center)  # from the quick menu
    d.settle(0.5)
    history = d.top
    index = history.moments[1]  # the look
    _, block, y = history.blocks[index]
    history.scroll = max(0, min(history.max_scroll, y - 40))
    d.app.draw()
    d.click((history.content.centerx, history.content.top + y - history.scroll + block.height // 2))
    assert d.top.name == "confirm"
    d.app.draw()
    d.click(d.top.rects[0].center)  # "Go back"
    d.settle(1.0)
    assert play.run.state.scene == "school.pavilion" and len(play.run.inputs) == 1
    assert not any(e.kind == "command" for e in play.run.log)


def test_go_back_with_the_gamepad(launch):
    d = launch(settings={"text_speed": "instant"})
    play = played_a_little(d)
    d.pad(pygame.CONTROLLER_BUTTON_BACK)  # History
    d.settle(0.5)
    assert d.top.name == "history"
    d.pad(pygame.CONTROLLER_BUTTON_DPAD_UP)  # the newest moment
    d.pad(pygame.CONTROLLER_BUTTON_A)
    d.pad(pygame.CONTROLLER_BUTTON_DPAD_LEFT)
    d.pad(pygame.CONTROLLER_BUTTON_A)
    d.settle(1.0)
    assert play.run.state.scene == "school.pavilion" and len(play.run.inputs) == 1


def test_up_past_the_oldest_moment_stays_on_it(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    d.digit(2)
    d.settle(1.0)
    d.app.open("history")
    d.settle(0.5)
    history = d.top
    for _ in range(4):
        d.press("up")
    assert history.focus == 0
    d.press("enter")
    assert d.top.name == "confirm"
    assert play.run.state.scene == "school.pavilion"
