"""The desktop's small parts on their own: fonts, wrapping, typography, the command line, events, settings, memories, sound."""

from __future__ import annotations

import json
import os

import pygame
import pytest

from game import paths
from game.frontends.desktop import memories as memories_file
from game.frontends.desktop import settings as settings_file
from game.frontends.desktop.commandline import CommandLine
from game.frontends.desktop.events import Click, Key, Pad, Resize, Text, Translator, Wheel, intent
from game.frontends.desktop.memories import Memories
from game.frontends.desktop.settings import Settings
from game.frontends.desktop.sound import MOODS, PERIOD, RATE, Ambience, mood_for, synthesise
from game.frontends.desktop.text import Block, Fonts, wrap
from game.frontends.desktop.theme import PALETTES, THEMES, look, palette_for
from game.frontends.desktop.typography import smarten


@pytest.fixture(scope="module")
def fonts():
    pygame.font.init()
    return Fonts()


# ---- fonts and text -----------------------------------------------------------------------------
def test_fonts_ship_with_their_licence():
    folder = paths.assets_dir() / "fonts"
    assert (folder / "GaramondLining-Regular.otf").is_file() and (folder / "GaramondLining-Italic.otf").is_file()
    licence = (folder / "EBGaramond-COPYRIGHT-and-OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Georg Duffner" in licence
    dyslexic = (folder / "OpenDyslexic-COPYRIGHT.txt").read_text()
    assert (folder / "OpenDyslexic-Regular.otf").is_file() and "Abelardo Gonzalez" in dyslexic and "CC-BY-3.0" in dyslexic


def test_fi_ligature_and_curly_quotes_render(fonts):
    for style in ("regular", "italic"):
        font = fonts.get(style, 40)
        assert font.size("fi")[0] < font.size("f")[0] + font.size("i")[0]  # one ligature glyph, not two letters
        notdef = font.metrics("\uffff")[0]
        for ch in "‘’“”—…":
            assert font.metrics(ch)[0] != notdef, f"{style} has no glyph for {ch!r}"


def test_smarten_quotes_and_dashes():
    assert smarten('"Hello," she said -- it\'s late...') == "“Hello,” she said — it’s late…"
    assert smarten("'Tommy'") == "‘Tommy’"
    assert smarten(smarten('"a" - b')) == smarten('"a" - b')


def test_wrap_keeps_every_line_within_the_width(fonts):
    text = "The gate stood open the way it always did in the mornings, and beyond it the playing fields ran down. " * 4
    for width in (120, 300, 640):
        lines = wrap(fonts, "regular", 24, text, width)
        assert " ".join(lines).split() == text.split()
        assert all(fonts.get("regular", 24).size(line)[0] <= width for line in lines)
    long_word = "x" * 300
    assert all(fonts.get("regular", 24).size(line)[0] <= 100 for line in wrap(fonts, "regular", 24, long_word, 100))


def test_block_caches_line_surfaces_per_colour(fonts):
    block = Block("A line of prose that wraps " * 5, "regular", 24, 300).layout(fonts)
    line = block.lines[0]
    first = block.surface(fonts, line, (0, 0, 0))
    assert block.surface(fonts, line, (0, 0, 0)) is first  # never re-rendered while nothing changed
    assert block.surface(fonts, line, (255, 0, 0)) is not first
    assert block.chars == sum(len(ln.text) for ln in block.lines) + len(block.lines) - 1


# ---- the command line ---------------------------------------------------------------------------
def test_command_history_walks_back_and_forth():
    c = CommandLine()
    for line in ("look", "take tape", "take tape", "inventory"):
        c.type(line)
        c.submit()
    assert c.history == ["look", "take tape", "inventory"]
    c.type("ex")
    assert c.older() and c.text == "inventory"
    assert c.older() and c.text == "take tape"
    assert c.newer() and c.text == "inventory"
    assert c.newer() and c.text == "ex"  # back to what was being typed
    assert not c.newer()


def test_tab_completes_and_cycles():
    c = CommandLine()
    words = ["examine", "look", "take", "tape", "table", "look at"]
    c.type("exa")
    assert c.complete(words) == ["examine"] and c.text == "examine "
    c.type("ta")
    assert c.complete(words) == ["take", "tape", "table"]  # shortest first
    assert c.text == "examine take"
    c.complete(words)
    assert c.text == "examine tape"  # Tab again cycles
    c.type(" ")
    c.clear()
    c.type("look a")
    assert c.complete(words) == ["look at"] and c.text == "look at "
    c.clear()
    assert len(c.complete(words)) == len(words)  # on an empty line, Tab offers everything
    c.clear()
    c.type("zz")
    assert c.complete(words) == [] and c.text == "zz"


# ---- events ---------------------------------------------------------------------------------------
def test_raw_events_become_typed_events():
    t = Translator()
    ev = pygame.event.Event
    assert t.translate(ev(pygame.KEYDOWN, key=pygame.K_RETURN, mod=pygame.KMOD_LALT, unicode="")) == [Key("enter", alt=True)]
    assert t.translate(ev(pygame.KEYDOWN, key=pygame.K_KP3, mod=0, unicode="3")) == [Key("3")]
    assert t.translate(ev(pygame.TEXTINPUT, text="é")) == [Text("é")]
    assert t.translate(ev(pygame.MOUSEBUTTONDOWN, pos=(3, 4), button=3)) == [Click(3, 4, 3)]
    assert t.translate(ev(pygame.MOUSEWHEEL, x=0, y=-2, flipped=False)) == [Wheel(-2)]
    assert t.translate(ev(pygame.MOUSEWHEEL, x=0, y=-2, flipped=True)) == [Wheel(2)]
    assert t.translate(ev(pygame.VIDEORESIZE, size=(900, 700), w=900, h=700)) == [Resize(900, 700)]
    assert t.translate(ev(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_A)) == [Pad("a")]
    assert intent(Pad("a")) == "accept" and intent(Key("escape")) == "back" and intent(Pad("start")) == "pause"
    assert intent(Key("up", ctrl=True)) is None


def test_the_stick_moves_once_per_push():
    t = Translator()
    axis = lambda v: pygame.event.Event(pygame.CONTROLLERAXISMOTION, axis=pygame.CONTROLLER_AXIS_LEFTY, value=v)  # noqa: E731
    assert t.translate(axis(30000)) == [Pad("down")]
    assert t.translate(axis(32000)) == []  # still held: no repeat
    assert t.translate(axis(2000)) == []  # back to the middle
    assert t.translate(axis(-30000)) == [Pad("up")]


# ---- settings and memories ------------------------------------------------------------------------
def test_settings_round_trip_and_bad_values_fall_back(tmp_path):
    s = Settings().cycled("theme", 1).cycled("text_speed", -1).cycled("volume", 3).cycled("fullscreen", 1)
    assert settings_file.save(tmp_path, s) is None
    assert settings_file.load(tmp_path) == (s, None)
    (tmp_path / "settings.json").write_text(json.dumps({"theme": "neon", "volume": 99, "muted": "yes", "text_size": "large"}))
    loaded, _ = settings_file.load(tmp_path)
    assert loaded == Settings(text_size="large")
    (tmp_path / "settings.json").write_text("{not json")
    loaded, problem = settings_file.load(tmp_path)
    assert loaded == Settings() and "settings.json" in problem
    assert Settings(volume=0).gain == 0 and Settings(muted=True).gain == 0 and Settings(volume=10).gain == 1
    assert not list(tmp_path.glob(".*.tmp"))  # no temp files left behind


def test_memories_keep_endings_and_the_way_to_each_chapter(tmp_path):
    mem = Memories()
    assert mem.reach_chapter("s", "One", 3, [])
    assert mem.reach_chapter("s", "Two", 3, [["a", "choose", "go"]])
    assert not mem.reach_chapter("s", "Two", 4, [])  # the first way there is kept
    assert mem.reach_ending("s", "home") and not mem.reach_ending("s", "home")
    memories_file.save(tmp_path, mem)
    back, problem = memories_file.load(tmp_path)
    assert problem is None
    assert back.of("s").endings == ["home"]
    assert back.of("s").chapters["Two"].inputs == [["a", "choose", "go"]]
    data = json.loads((tmp_path / "memories.json").read_text())
    data["stories"]["s"]["chapters"]["Bad"] = {"seed": "x", "inputs": []}
    data["stories"]["s"]["endings"].append(7)
    (tmp_path / "memories.json").write_text(json.dumps(data))
    back, _ = memories_file.load(tmp_path)
    assert set(back.of("s").chapters) == {"One", "Two"} and back.of("s").endings == ["home"]


# ---- looks and sound ------------------------------------------------------------------------------
def test_every_place_has_its_palette_and_unknown_places_a_calm_default():
    for name in ("hailsham", "cottages", "norfolk", "carer", "recovery", "boat", "madame", "kingsfield", "field"):
        assert palette_for(name).name == name
    assert palette_for("somewhere-new").name == "default"
    for theme in THEMES:
        for place in PALETTES:
            lk = look(theme, place)
            assert lk.ink != lk.page and lk.accent != lk.page


def test_ambient_loop_is_seamless_and_the_right_length():
    data = synthesise(MOODS["field"])
    from array import array

    samples = array("h", data)
    frames = len(samples) // 2
    assert frames % PERIOD == 0 and frames / RATE > 8
    left = samples[0::2]
    jump = abs(left[-1] - left[0])
    typical = sorted(abs(left[i + 1] - left[i]) for i in range(0, len(left) - 1, 97))[-10]
    assert jump <= typical * 2  # the loop's end runs on into its start with no click
    assert mood_for("hailsham") == "hailsham" and mood_for("nowhere") == "default"


def test_no_audio_means_silence_not_a_crash():
    quiet = Ambience(enabled=False)
    quiet.play("hailsham")
    quiet.set_gain(0.5)
    quiet.stop()
    assert not quiet.ready


def test_ambience_plays_each_place_and_follows_the_volume():
    """With SDL's dummy audio device the mixer opens; the loop for a place is made (here without the
    background thread, so the test does not wait) and played, and the volume setting reaches it."""
    amb = Ambience(enabled=True)
    assert amb._init(), amb.problem
    amb._wanted = "boat"
    amb._make("boat")
    assert amb._current == "boat" and pygame.mixer.get_busy()
    amb.set_gain(0.25)
    assert abs(amb._channel.get_volume() - 0.25) < 0.01
    amb.play("boat")  # the same place again changes nothing
    assert amb._current == "boat"
    amb.stop()
    pygame.mixer.quit()


def test_a_loop_still_being_made_when_the_window_closes_never_touches_the_mixer():
    """Issue 12: closing the window ~0.2 s after start let the ambience thread make a Sound after
    pygame.quit(), a segfault. A loop finished after stop() is dropped, not made or played."""
    amb = Ambience(enabled=True)
    assert amb._init(), amb.problem
    amb._wanted = "boat"
    amb.stop()  # the window closes while the loop is still being synthesised
    amb._make("boat")  # ... and the synthesis finishes afterwards
    assert amb._sounds == {} and amb._current is None
    pygame.mixer.quit()


def test_a_made_loop_is_kept_and_read_back_at_the_next_start(tmp_path, monkeypatch):
    """The first two seconds after New game went mostly on synthesising the place's loop (issue 14's 18%): a loop once
    made is kept in the cache folder and read back, byte for byte, without synthesising it again."""
    from game.frontends.desktop import sound

    made = Ambience(cache=tmp_path).loop("boat")
    assert made == synthesise(MOODS["boat"], seed=len("boat"))
    kept = list((tmp_path / "ambience").glob("boat-*.pcm"))
    assert len(kept) == 1 and kept[0].stat().st_size == len(made)

    def never(*args, **kwargs):
        raise AssertionError("synthesised again")

    monkeypatch.setattr(sound, "synthesise", never)
    assert Ambience(cache=tmp_path).loop("boat") == made


def test_a_damaged_or_hostile_kept_loop_is_made_again(tmp_path):
    amb = Ambience(cache=tmp_path)
    made = amb.loop("field")
    (path,) = (tmp_path / "ambience").glob("field-*.pcm")
    path.write_bytes(made[:1000])  # cut short
    assert amb.loop("field") == made and path.read_bytes() == made
    path.unlink()
    os.mkfifo(path)  # a pipe in its place is never read (it would block for ever)
    assert amb.loop("field") == made
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert Ambience(cache=blocked).loop("field") == made  # a cache that cannot be written only costs the time
