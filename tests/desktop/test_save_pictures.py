"""Save slots with a picture: the page as it was, beside the save as a PNG (never inside it), rename, delete, overwrite.

Each with the keyboard, the mouse and the gamepad alone; a missing or broken picture never breaks the list.
"""

from __future__ import annotations

import os
import time

import pygame

from game.engine.saves import SaveStore
from game.frontends.desktop import thumbs
from tests.desktop.test_play_flow import to_play


def open_save_screen(d):
    d.press("escape")
    d.app.open("save")
    d.settle(0.5)
    assert d.top.name == "save"
    return d.top


def test_a_save_keeps_a_picture_of_the_page_beside_it(launch, tmp_path):
    saves = tmp_path / "saves"
    d = launch(saves=saves, settings={"text_speed": "instant"})
    to_play(d)
    d.digit(2)
    d.settle(1.0)
    screen = open_save_screen(d)
    d.press("enter")  # slot 1
    picture = saves / "1.png"
    assert picture.is_file()
    image = pygame.image.load(str(picture))
    assert image.get_size() == (256, 144)
    colours = {image.get_at((x, y))[:3] for x in range(0, 256, 8) for y in range(0, 144, 8)}
    assert len(colours) > 20  # a page and its place, not a blank
    assert b"PNG" not in (saves / "1.yaml").read_bytes()  # the save itself stays plain data
    assert screen.pictures.get(saves / "1.yaml") is not None
    d.shot("save-slots-with-pictures")


def test_autosave_pictures_move_along_with_their_saves(launch, tmp_path):
    saves = tmp_path / "saves"
    d = launch(saves=saves, settings={"text_speed": "instant"})
    to_play(d)
    assert (saves / "auto-1.png").is_file()
    first = (saves / "auto-1.png").read_bytes()
    d.digit(2)  # a new scene: autosaved
    d.settle(1.0)
    assert (saves / "auto-2.png").read_bytes() == first


def test_a_broken_or_missing_picture_never_breaks_the_list(launch, tmp_path):
    saves = tmp_path / "saves"
    d = launch(saves=saves, settings={"text_speed": "instant"})
    to_play(d)
    screen = open_save_screen(d)
    d.press("enter")
    d.press("down")
    d.press("enter")  # slot 2
    (saves / "1.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    (saves / "2.png").unlink()
    d.press("escape")
    d.app.open("load")
    d.settle(0.5)
    d.app.draw()
    screen = d.top
    assert {r.slot for r in screen.rows} >= {"1", "2"}
    assert screen.pictures.get(saves / "1.yaml") is None and screen.pictures.get(saves / "2.yaml") is None


def test_rename_delete_and_overwrite_with_the_keyboard(launch, tmp_path):
    saves = tmp_path / "saves"
    d = launch(saves=saves, settings={"text_speed": "instant"})
    to_play(d)
    open_save_screen(d)
    d.press("enter")  # slot 1
    d.press("f2")
    assert d.top.name == "name"
    d.press("delete")  # clear the offered name
    d.type("Before the pond")
    d.press("enter")
    assert any(i.slot == "1" and i.name == "Before the pond" for i in SaveStore(saves).list())
    assert any(r.label == "Slot 1 · Before the pond" for r in d.top.rows)
    d.press("enter")  # overwrite asks first ...
    assert d.top.name == "confirm"
    d.press("left")
    d.press("enter")  # ... and keeps the name
    assert any(i.slot == "1" and i.name == "Before the pond" for i in SaveStore(saves).list())
    d.press("delete")
    d.press("left")
    d.press("enter")
    assert not (saves / "1.yaml").exists() and not (saves / "1.png").exists()


def test_rename_and_delete_with_the_mouse(launch, tmp_path):
    saves = tmp_path / "saves"
    d = launch(saves=saves, settings={"text_speed": "instant"})
    to_play(d)
    screen = open_save_screen(d)
    d.app.draw()
    d.click(screen.rects[0][1].center)  # slot 1: saved
    d.app.draw()
    d.click(screen.links["rename"].center)
    assert d.top.name == "name"
    d.app.draw()
    d.click(d.top.rects[0].center)  # Keep: the scene's title is offered
    assert any(i.slot == "1" and i.name == "The gate in the morning" for i in SaveStore(saves).list())
    d.app.draw()
    d.click(screen.links["delete"].center)
    assert d.top.name == "confirm"
    d.app.draw()
    d.click(d.top.rects[0].center)
    assert not (saves / "1.yaml").exists() and not (saves / "1.png").exists()


def test_rename_and_delete_with_the_gamepad(launch, tmp_path):
    saves = tmp_path / "saves"
    d = launch(saves=saves, settings={"text_speed": "instant"})
    to_play(d)
    open_save_screen(d)
    d.pad(pygame.CONTROLLER_BUTTON_A)  # slot 1
    d.pad(pygame.CONTROLLER_BUTTON_Y)  # rename
    assert d.top.name == "name"
    d.pad(pygame.CONTROLLER_BUTTON_A)  # keep the offered name
    assert any(i.slot == "1" and i.name == "The gate in the morning" for i in SaveStore(saves).list())
    d.pad(pygame.CONTROLLER_BUTTON_X)  # delete
    d.pad(pygame.CONTROLLER_BUTTON_DPAD_LEFT)
    d.pad(pygame.CONTROLLER_BUTTON_A)
    assert not (saves / "1.yaml").exists()


def test_a_picture_write_killed_half_way_leaves_nothing_behind(tmp_path, monkeypatch):
    """Found by playing: the game closed during an autosave left `.auto-1.tmp.png` in the saves folder for good
    (the folder's tidying knew only the saves' own `.NAME.PID.tmp`). A picture's temporary file is now named like a
    save's, and the old kind is removed too."""
    saves = tmp_path / "saves"
    saves.mkdir()
    old = saves / ".auto-1.tmp.png"  # what the version before this one left
    dead = saves / ".auto-2.png.999999999.tmp"  # a picture's writer that is gone
    for f in (old, dead):
        f.write_bytes(b"\x89PNG half")
        os.utime(f, (time.time() - 60, time.time() - 60))
    surface = pygame.Surface((640, 360))
    surface.fill((200, 180, 150))
    assert thumbs.write(saves / "1.yaml", surface) is None
    assert pygame.image.load(str(saves / "1.png")).get_size() == thumbs.SIZE
    SaveStore(saves).list()
    assert sorted(p.name for p in saves.iterdir()) == ["1.png"]
