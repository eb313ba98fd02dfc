"""Every screen with one device alone: the mouse only, the gamepad only; and the fallback to the terminal with no display."""

from __future__ import annotations

import subprocess
import sys

import pygame

from tests.desktop.conftest import GARDEN, Driver


def menu_click(d: Driver, label: str) -> None:
    """Click a menu item of the top screen by its label (where it was last drawn)."""
    d.app.draw()
    menu = d.top.menu
    index = [i.label for i in menu.items].index(label)
    d.click(menu.rects[index].center)


def test_mouse_only_through_every_screen(launch):
    d = launch(settings={"text_speed": "instant"})
    d.pump(2)
    menu_click(d, "New game")
    d.settle(2.0)
    d.click((400, 300))  # the card: a click moves on
    d.settle(1.0)
    assert d.top.name == "play"
    play = d.top
    # choose by clicking: scroll with the wheel until the option is in view
    row = [r.label for r in play.reading.page.rows].index("Go down to the pond on my own.")
    for _ in range(10):
        rect = play.reading.page.option_rect(play.reading.page.rows[row], d.app.metrics.column.left, play.reading.view.top - round(play.reading.scroll))
        if play.reading.view.contains(rect):
            break
        d.wheel(-1)
        d.settle(0.5)
    d.click(rect.center)
    assert play.run.state.scene == "school.pond"
    d.settle(1.0)
    # the Menu link opens the pause menu; Save, a slot, Back
    d.app.draw()
    d.click(play.reading.rects["menu"].center)
    assert d.top.name == "pause"
    menu_click(d, "Save")
    d.settle(0.5)
    d.app.draw()
    d.click(d.top.rects[0][1].center)
    assert (d.app.session.saves_dir / "1.yaml").is_file()
    d.click(d.top.back_rect.center)
    d.settle(0.5)
    assert d.top.name == "pause"
    # Settings: click a value to change it, then Back
    menu_click(d, "Settings")
    d.settle(0.5)
    d.app.draw()
    theme = [label for _, label in d.top.rows].index("Theme")
    d.click(d.top.arrow_rects[theme][1].center)  # the arrow pointing on
    assert d.app.settings.theme == "dark"
    d.click(d.top.arrow_rects[theme][0].center)  # and the one pointing back
    assert d.app.settings.theme == "light"
    d.click(d.top.back_rect.center)
    d.settle(0.5)
    # History scrolls with the wheel; Back
    menu_click(d, "History")
    d.settle(0.5)
    history = d.top
    bottom = history.scroll
    d.wheel(3)
    assert history.scroll < bottom
    d.click(history.back_rect.center)
    d.settle(0.5)
    # the Story map: any click goes back
    menu_click(d, "Story map")
    d.settle(0.5)
    assert d.top.name == "map"
    d.click((10, 10))
    d.settle(0.5)
    assert d.top.name == "pause"
    # a click outside the menu resumes; a right click opens it again
    d.click((5, d.app.metrics.h - 5))
    assert d.top.name == "play"
    d.click((300, 300), button=3)
    assert d.top.name == "pause"
    menu_click(d, "Main menu")
    d.settle(1.0)
    assert d.top.name == "title"
    menu_click(d, "Load")
    d.settle(0.5)
    d.app.draw()
    slot1 = next(r for i, r in d.top.rects if d.top.rows[i].slot == "1")
    d.click(slot1.center)
    d.settle(1.0)
    assert d.top.name == "play" and d.app.session.run.state.scene == "school.pond"
    menu_click_quit = d.top.reading.rects["menu"].center
    d.click(menu_click_quit)
    menu_click(d, "Quit")
    assert not d.app.running


def test_gamepad_only(launch):
    d = launch(settings={"text_speed": "instant"})
    d.pump(2)
    d.pad(pygame.CONTROLLER_BUTTON_A)  # New game
    d.settle(2.0)
    d.pad(pygame.CONTROLLER_BUTTON_A)  # through the card
    d.settle(1.0)
    assert d.top.name == "play"
    play = d.top
    assert play.reading.focus == -1  # nothing is pointed at until the player points: A only reads on
    d.pad(pygame.CONTROLLER_BUTTON_A)
    assert play.run.inputs == []
    d.pad(pygame.CONTROLLER_BUTTON_DPAD_DOWN)  # the first option ...
    d.pad(pygame.CONTROLLER_BUTTON_DPAD_DOWN)  # ... the second: the pavilion
    d.settle(1.0)
    d.pad(pygame.CONTROLLER_BUTTON_A)
    assert play.run.state.scene == "school.pavilion"
    d.settle(1.0)
    d.pad(pygame.CONTROLLER_BUTTON_B)  # B steps back
    assert play.run.state.scene == "school.gate"
    d.pad(pygame.CONTROLLER_BUTTON_START)
    assert d.top.name == "pause"
    d.pad(pygame.CONTROLLER_BUTTON_DPAD_DOWN)
    d.pad(pygame.CONTROLLER_BUTTON_A)  # Save
    d.settle(0.5)
    d.pad(pygame.CONTROLLER_BUTTON_A)  # slot 1
    assert (d.app.session.saves_dir / "1.yaml").is_file()
    d.pad(pygame.CONTROLLER_BUTTON_B)
    d.settle(0.5)
    d.pad(pygame.CONTROLLER_BUTTON_B)
    assert d.top.name == "play"
    # the stick moves between choices too
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERAXISMOTION, axis=pygame.CONTROLLER_AXIS_LEFTY, value=30000, instance_id=0))
    d.pump(2)
    assert play.reading.focus >= 0


def test_no_display_falls_back_to_the_terminal_with_one_line(tmp_path):
    """Without any video driver the window cannot open: `nlmg play` says so in one line and plays in the terminal."""
    env = {"SDL_VIDEODRIVER": "no-such-driver", "SDL_AUDIODRIVER": "dummy", "PATH": "/usr/bin:/bin", "NLMG_CACHE": "off"}
    done = subprocess.run([sys.executable, "-m", "game", "play", "--scenes", str(GARDEN), "--saves", str(tmp_path), "--seed", "1"],
                          input="3\nquit\n", capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    notes = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(notes) == 1 and notes[0].startswith("No window can be opened here")
    assert "The pond" in done.stdout  # the terminal game took the input
