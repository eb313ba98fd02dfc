"""Issue 14's traps: inputs that betrayed a new player in a real window, each driven here with real posted events.

Every test below failed before its fix: a choice taken blind by mashing Enter, the title a
keystroke away at the ending, spaces lost while text types out, undo taking more than was
asked, the wheel and a held key undoing moves, a settings arrow that went the wrong way,
clipped and crowded layout, and loads that lost unsaved play or typed a page out again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pygame

from game.engine import Engine, Run, load_story
from game.engine.saves import SaveStore
from game.frontends.desktop.app import App
from tests.desktop.conftest import GARDEN, Clock, Driver, make_args
from tests.desktop.test_play_flow import to_play


def near_the_end(tmp_path) -> Path:
    """A save in the town by the sea: choice 1 there ends the story."""
    saves = tmp_path / "saves"
    run = Run(Engine(load_story(GARDEN)), 4)
    for option in ("pond", "leave", "trip"):
        run.choose(option)
    assert run.state.scene == "coast.town"
    SaveStore(saves).save(run, "1", 10.0)
    return saves


# ---- 1. mashing Enter never takes a choice ------------------------------------------------------------------------
def test_mashing_enter_from_new_game_never_takes_a_choice(launch):
    d = launch()
    d.pump(2)
    for _ in range(24):  # a player pressing Enter about every 0.35 s from the title on
        d.press("enter", frames=1)
        d.live(0.35)
    assert d.top.name == "play"
    assert d.app.session.run.inputs == [], "a choice was taken that the player never pointed at"


def test_enter_takes_a_choice_only_once_it_was_pointed_at_and_is_in_view(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    d.press("enter")
    assert play.run.inputs == []
    d.press("down")  # pointing at the first choice scrolls it into view
    d.settle(1.0)
    focus = play.reading.focus
    assert focus >= 0
    d.press("enter")
    assert len(play.run.inputs) == 1


# ---- 2. the ending is not a keystroke from the title ----------------------------------------------------------------
def test_the_ending_has_no_default_focus_and_escape_goes_back_to_the_page(launch, tmp_path):
    d = launch(saves=near_the_end(tmp_path), settings={"text_speed": "instant"}, extra=["--load", "1"])
    d.settle(1.0)
    assert d.top.name == "play"
    d.digit(1)  # the shore: the last page
    d.settle(1.0)
    d.digit(1)  # its "Continue"
    d.live(0.2)
    d.press("enter")
    d.live(0.3)
    assert d.top.name == "ending", "Enter on the ending went straight back to the title"
    d.press("escape")
    assert d.top.name == "play"


# ---- 3. no keystroke lost while text types out ------------------------------------------------------------------------
def test_typing_while_the_text_types_out_keeps_every_space(launch):
    d = launch()
    play = to_play(d)
    d.digit(2)  # the pavilion, typing itself out
    assert play.reading.revealing
    d.type("examine bench")
    assert play.reading.cmd.text == "examine bench"
    d.press("enter")  # Enter sends the line even while the text still comes
    assert any(e.kind == "command" and e.text == "examine bench" for e in play.run.log)


# ---- 4. undo steps back exactly one thing, keeps the place, says what -------------------------------------------------
def test_backspace_after_look_undoes_only_the_look_and_says_so(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    d.digit(2)  # the pavilion
    d.settle(1.0)
    d.type("look")
    d.press("enter")
    d.settle(1.0)
    scroll = play.reading.target
    d.app.notices.toasts = []
    d.press("backspace")
    d.settle(1.0)
    assert play.run.state.scene == "school.pavilion" and len(play.run.inputs) == 1
    assert not any(e.kind == "command" for e in play.run.log)
    assert any("look" in t.text for t in d.app.notices.toasts)
    assert abs(play.reading.target - min(scroll, play.reading.max_scroll)) < 1
    d.app.notices.toasts = []
    d.key(pygame.K_y, mod=pygame.KMOD_CTRL)  # redo restores exactly that
    assert [e.text for e in play.run.log if e.kind == "command"] == ["look"]
    assert any("look" in t.text for t in d.app.notices.toasts)


LINE = "take the tape, then examine the bench and then go down to the pond"


def test_backspace_takes_back_a_whole_typed_line_and_ctrl_y_brings_it_all_again(launch):
    """Failed before: the line is played as three clauses (two inputs and a look), and Backspace took back only the
    last, leaving the tape taken. The words shown are the Run's own, as the terminal and the page show them."""
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    start = list(play.run.log)
    d.type(LINE)
    d.press("enter")
    d.settle(1.0)
    assert play.run.state.scene == "school.pond" and len(play.run.inputs) == 2 and "tape" in play.run.state.items
    after = list(play.run.log)
    d.app.notices.toasts = []
    d.press("backspace")  # the command line is empty again: Backspace undoes
    d.settle(1.0)
    assert play.run.state.scene == "school.gate" and play.run.inputs == [] and "tape" not in play.run.state.items
    assert play.run.log == start
    assert [t.text for t in d.app.notices.toasts] == [f"I took it all back, every part of it: {LINE}."]
    d.app.notices.toasts = []
    d.key(pygame.K_y, mod=pygame.KMOD_CTRL)
    d.settle(1.0)
    assert play.run.log == after and play.run.state.scene == "school.pond"
    assert [t.text for t in d.app.notices.toasts] == [f"I did it again, just as before: {LINE}."]
    d.app.notices.toasts = []
    d.type("undo")  # typed, it does and says the same as the key
    d.press("enter")
    d.settle(1.0)
    assert play.run.log == start and [t.text for t in d.app.notices.toasts] == [f"I took it all back, every part of it: {LINE}."]


# ---- 5. the wheel and a held key never undo by surprise -----------------------------------------------------------------
def test_the_wheel_at_the_top_of_the_page_does_not_undo_by_default(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    d.digit(2)
    d.settle(1.0)
    for _ in range(25):
        d.wheel(1)
    assert len(play.run.inputs) == 1


def test_holding_backspace_to_clear_a_command_never_undoes(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    d.digit(2)
    d.settle(1.0)
    d.type("examine the pond")
    d.hold(pygame.K_BACKSPACE, 30)  # pressed and held: the key repeats without being let go
    assert play.reading.cmd.text == ""
    assert len(play.run.inputs) == 1
    d.key(pygame.K_BACKSPACE)  # a fresh press undoes
    assert play.run.inputs == []


# ---- 6. settings arrows go the way they point; nothing moves under the pointer --------------------------------------------
def test_the_left_arrow_of_a_setting_steps_back_and_rows_stay_put(launch):
    d = launch(settings={"text_size": "medium"})
    d.pump(2)
    d.app.open("settings")
    d.settle(0.5)
    d.app.draw()
    screen = d.top
    row = [label for _, label in screen.rows].index("Text size")
    before = [r.copy() for r in screen.menu.rects]
    d.click(screen.arrow_rects[row][0].center)
    assert d.app.settings.text_size == "small"
    d.app.draw()
    assert screen.menu.rects == before, "changing the text size moved the rows under the pointer"
    d.click(screen.arrow_rects[row][1].center)
    assert d.app.settings.text_size == "medium"


# ---- 7. layout ---------------------------------------------------------------------------------------------------------
def test_a_scene_change_does_not_ghost_the_old_page_over_the_new(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    d.digit(2)
    assert play.run.state.scene == "school.pavilion"
    assert d.app.fader.fade is None


def test_toasts_never_cover_each_other_or_the_page(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    d.app.toast("First notice, a fairly long one to take some room.")
    d.app.toast("Second notice.")
    d.app.toast("Third.")
    d.app.draw()
    boxes = d.app.notices.rects
    assert len(boxes) == 3
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.colliderect(b)
        assert not a.colliderect(play.reading.view), "a notice covers the text"


def test_the_command_line_takes_long_lines_and_says_when_it_is_full(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    d.type("examine " + "the old bench again " * 7)
    assert len(play.reading.cmd.text) > 120
    d.app.draw()
    shown = [t for r, t in d.app.pen.record if r.top >= play.reading.bar.top]
    assert any(t.startswith("…") for t in shown), "the start of a long line is cut mid-letter instead of marked"
    d.type("x" * 400)
    assert any("long" in t.text for t in d.app.notices.toasts)


def test_counts_read_as_english():
    from game.engine.saves import SlotInfo
    from game.frontends.desktop.saveload import row_for

    fields = {f: None for f in SlotInfo.__dataclass_fields__}
    info = SlotInfo(**{**fields, "slot": "1", "kind": "slot", "name": "", "chapter": "One", "title": "T", "saved_at": "",
                       "play_seconds": 5.0, "moves": 1, "excerpt": "", "error": None, "path": "1.yaml"})
    assert "1 move" in row_for(info).facts and "1 moves" not in row_for(info).facts


def test_choice_numbers_use_lining_figures(launch):
    d = launch()
    font = d.app.fonts.get("figures", 24)
    one = font.metrics("1")[0]
    aitch = font.metrics("H")[0]
    assert one[3] >= aitch[3] * 0.9, "an old-style 1 reads as a dotless i"


def test_the_more_mark_never_sits_on_the_text(launch):
    d = launch(size="640x480", settings={"text_speed": "instant"})
    play = to_play(d)
    play.reading.target = play.reading.scroll = 0.0
    d.app.draw()
    more = play.painter.more_rect
    assert more is not None
    for rect, text in d.app.pen.record:
        assert not rect.colliderect(more), f"the 'more' mark sits on {text!r}"


def test_half_lines_at_the_top_of_a_scrolled_page_fade_out(launch):
    d = launch(settings={"text_speed": "instant", "theme": "light"})
    play = to_play(d)
    r = play.reading
    r.target = r.scroll = r.page.items[1].y + r.page.items[1].block.line_height // 2  # mid-line at the top
    d.app.draw()
    surface = d.app.window.surface
    clean = surface.get_at((r.view.left - 4, r.view.top + 1))[:3]  # the bare panel, beside the text
    for x in range(r.view.left + 10, r.view.right - 10, 7):
        pixel = surface.get_at((x, r.view.top + 1))[:3]
        assert sum(abs(a - b) for a, b in zip(pixel, clean)) < 12, "a half line is cut hard at the top"


def test_fit_shortens_at_a_word_not_mid_word(launch):
    from game.frontends.desktop.text import fit

    d = launch()
    text = "It was the last afternoon, and nobody wanted it to end"
    width = d.app.fonts.word_width("regular", 20, "It was the last aftern")
    shown = fit(d.app.fonts, "regular", 20, text, width)
    assert shown.endswith("…") and text.startswith(shown[:-1].rstrip()) and shown[:-1].rstrip().split()[-1] in text.split()


# ---- 8. loading asks first, does not type the page out again; the window is remembered ---------------------------------
def test_loading_from_the_pause_menu_with_unsaved_play_asks_first(launch, tmp_path):
    d = launch(saves=near_the_end(tmp_path), settings={"text_speed": "instant"})
    play = to_play(d)
    d.type("look")
    d.press("enter")  # something done since the last save
    d.press("escape")
    d.app.open("load")
    d.settle(0.5)
    rows = [r.slot for r in d.top.rows]
    d.top.focus = rows.index("1")
    d.press("enter")
    assert d.top.name == "confirm", "the unsaved run was dropped without asking"
    d.press("escape")
    assert d.app.session.run is play.run


def test_a_loaded_scene_does_not_type_out_again(launch, tmp_path):
    d = launch(saves=near_the_end(tmp_path), extra=["--load", "1"])
    d.pump(2)
    assert d.top.name == "play"
    assert not d.top.reading.revealing


def test_the_window_size_is_remembered(tmp_path):
    saves = tmp_path / "saves"
    saves.mkdir()
    args = make_args(saves)
    args.size = None
    app = App(args, clock=Clock(), sound=False)
    app.start()
    d = Driver(app, tmp_path)
    d.resize(1000, 700)
    d.quit()
    assert json.loads((saves / "settings.json").read_text())["window_size"] == [1000, 700]
    app2 = App(args, clock=Clock(), sound=False)
    app2.start()
    assert app2.window.size == (1000, 700)
    pygame.quit()


def test_a_pointer_resting_where_the_window_opens_focuses_nothing(launch):
    """Found in a real window: the title opened under a still pointer, SDL reported it there, and Enter took Load."""
    d = launch()
    d.pump(2)
    title = d.top
    load = [i.label for i in title.menu.items].index("Load")
    d.app.draw()
    at = title.menu.rects[load].center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=at, rel=(0, 0), buttons=(0, 0, 0)))
    d.pump(2)
    assert title.menu.focus == 0  # still New game
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(at[0] + 5, at[1]), rel=(5, 0), buttons=(0, 0, 0)))
    d.pump(2)
    assert title.menu.focus == load  # a pointer that moves is followed
