"""Skip and Auto (Ren'Py's), and self-voicing, in the real loop: keyboard, mouse and gamepad each turn them on.

Skip passes paragraphs read in any run (remembered in read.json) and stops at new text; Auto reads
on down the page at the chosen pace, waits while the voice speaks, and never takes a choice. The
voice is checked twice: through a recording speaker in the loop, and through espeak-ng itself
speaking to a WAV file that sox measures.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time

import pygame

from game.frontends.desktop.play_draw import QUICK_LABELS
from game.frontends.desktop.speech import CommandSpeaker, NullSpeaker, Voice, espeak, system_speaker
from tests.conftest import ROOT
from tests.desktop.conftest import GARDEN
from tests.desktop.test_play_flow import to_play


class Recorder:
    """A speaker that keeps what it was asked to say, and speaks for as long as a test says."""

    name = "recorder"

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.busy = False

    def say(self, text: str) -> None:
        self.lines.append(text)

    def stop(self) -> None:
        self.busy = False

    @property
    def speaking(self) -> bool:
        return self.busy


def quick(d, word: str) -> None:
    """Click a word of the quick menu at the top right of the page."""
    d.app.draw()
    d.click(d.top.reading.rects[word].center)


# ---- Skip ---------------------------------------------------------------------------------------------------------
def test_skip_shows_read_text_at_once_and_stops_at_new_text(launch, tmp_path):
    saves = tmp_path / "saves"
    d = launch(saves=saves)
    play = to_play(d)
    d.digit(2)  # the pavilion, typed out and read to the end
    d.settle(8.0)
    d.press("backspace")  # back to the gate
    d.press("f6")  # Skip on (keyboard)
    assert play.pacer.skipping
    d.digit(2)  # the pavilion again: read before, so shown at once, at its choices
    assert not play.reading.revealing
    assert play.reading.target == play.reading.max_scroll
    assert play.pacer.skipping
    d.digit(1)  # the pond: never read: it types out and skipping stops, with a word
    assert play.reading.revealing and not play.pacer.skipping
    assert any("New text" in t.text for t in d.app.notices.toasts)
    d.quit()
    marks = json.loads((saves / "read.json").read_text())["read"]
    assert len(marks) >= 4  # the gate's title and paragraphs, the pavilion's ...


def test_what_was_read_is_remembered_across_runs(launch, tmp_path):
    saves = tmp_path / "saves"
    d = launch(saves=saves)
    to_play(d)
    d.settle(8.0)
    d.quit()
    d2 = launch(saves=saves, settings={"text_speed": "slow"})
    d2.pump(2)
    d2.app.new_game()  # (Continue is focused now: there is an autosave)
    d2.settle(1.0)
    d2.press("space")
    d2.press("space")
    d2.settle(0.5)
    play = d2.top
    assert play.reading.revealing  # without Skip the page still types out
    d2.pad(pygame.CONTROLLER_BUTTON_X)  # Skip (gamepad): the whole page was read in the first run
    assert play.pacer.skipping and not play.reading.revealing


def test_skip_with_the_mouse_from_the_quick_menu(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    quick(d, "skip")
    assert play.pacer.skipping
    quick(d, "skip")
    assert not play.pacer.skipping


# ---- Auto ---------------------------------------------------------------------------------------------------------
def test_auto_reads_on_down_the_page_and_never_chooses(launch):
    d = launch(size="800x600", settings={"text_speed": "instant", "auto_pace": "fast"})
    play = to_play(d)
    r = play.reading
    assert r.max_scroll > 0, "the fixture's first page is longer than the view"
    d.press("f7")  # Auto on (keyboard)
    assert play.pacer.auto
    d.live(150.0, fps=5)
    assert r.target == r.max_scroll  # it read on to the choices ...
    assert play.run.inputs == []  # ... and waited there


def test_auto_waits_while_the_voice_speaks(launch):
    recorder = Recorder()
    d = launch(size="800x600", settings={"text_speed": "instant", "voice": True}, speaker=recorder)
    play = to_play(d)
    r = play.reading
    assert r.target == 0.0
    recorder.busy = True  # a long page being read aloud
    play.pacer.toggle_auto()
    d.live(120.0, fps=5)
    assert r.target == 0.0, "Auto read on while the voice was still speaking"
    recorder.busy = False
    d.live(120.0, fps=5)
    assert r.target > 0.0


def test_auto_with_the_gamepad_and_the_mouse(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    d.pad(pygame.CONTROLLER_BUTTON_Y)
    assert play.pacer.auto
    quick(d, "auto")
    assert not play.pacer.auto


# ---- the voice ------------------------------------------------------------------------------------------------------
def test_self_voicing_reads_the_page_the_choices_and_the_menus(launch):
    recorder = Recorder()
    d = launch(settings={"text_speed": "instant"}, speaker=recorder)
    d.pump(2)
    d.key(pygame.K_v, text="v")  # V, as in Ren'Py, on the title
    assert d.app.settings.voice
    d.press("down")
    assert recorder.lines[-1].startswith(d.top.menu.items[d.top.menu.focus].label)
    d.press("up")
    play = to_play(d)
    d.pump(2)
    page = recorder.lines[-1]
    assert "The gate stood open" in page and "Choices:" in page and "Walk over to the pavilion" in page
    d.press("down")  # pointing at a choice reads it
    assert recorder.lines[-1].startswith("1. ")
    d.type("v")  # on the page a v is a letter of a command ...
    assert play.reading.cmd.text == "v" and d.app.settings.voice
    d.key(pygame.K_v, mod=pygame.KMOD_ALT)  # ... and Alt+V turns the voice off
    assert not d.app.settings.voice


def test_the_system_speaker_is_chosen_per_system():
    which = {"say": "/usr/bin/say", "espeak-ng": "/usr/bin/espeak-ng", "powershell": "C:/ps.exe"}.get
    assert system_speaker("darwin", which, {}).name == "say"
    assert system_speaker("win32", which, {}).name == "sapi"
    assert system_speaker("linux", which, {}).name == "espeak-ng"
    assert isinstance(system_speaker("linux", lambda _: None, {}), NullSpeaker)
    assert isinstance(system_speaker("linux", which, {"NLMG_SPEECH": "none"}), NullSpeaker)
    assert system_speaker("linux", which, {"NLMG_SPEECH": "festival --tts"}).argv == ["festival", "--tts"]


def test_a_voice_left_off_never_looks_for_a_speaker():
    made = []
    voice = Voice(make=lambda: made.append(1) or NullSpeaker())
    voice.follow(("k", "words"))
    assert made == [] and voice.said == []


def wav_seconds(path) -> float:
    done = subprocess.run(["soxi", "-D", str(path)], capture_output=True, text=True, check=True)
    return float(done.stdout)


def test_espeak_ng_speaks_to_a_wav_that_sox_measures(tmp_path):
    """The Linux back end for real: the same CommandSpeaker the game uses, told to write a WAV instead of playing."""
    assert shutil.which("espeak-ng") and shutil.which("soxi"), "apt-get install -y espeak-ng sox (.ci/run does)"
    short, long = tmp_path / "short.wav", tmp_path / "long.wav"
    for path, words in ((short, "The gate stood open."),
                        (long, "The gate stood open the way it always did in the mornings, and beyond it the playing "
                               "fields ran down towards the pond, grey under a low sky.")):
        speaker = CommandSpeaker("espeak-ng", espeak(wav=path))
        speaker.say(words)
        deadline = time.monotonic() + 20
        while speaker.speaking and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not speaker.speaking
    a, b = wav_seconds(short), wav_seconds(long)
    assert 0.5 < a < 4.0
    assert b > 3 * a  # seven times the words take several times as long: it spoke them
    stats = subprocess.run(["sox", str(long), "-n", "stat"], capture_output=True, text=True).stderr
    amplitude = float(next(line for line in stats.splitlines() if line.startswith("Maximum amplitude")).split(":")[1])
    assert amplitude > 0.1  # not silence


def test_the_terminal_speaks_nothing(tmp_path):
    script = ("import sys, io\n"
              "from game.cli import main\n"
              "sys.stdin = io.StringIO('2\\nlook\\nquit\\n')\n"
              f"code = main(['play', '--text', '--scenes', {str(GARDEN)!r}, '--seed', '1', '--saves', {str(tmp_path)!r}])\n"
              "assert 'game.frontends.desktop.speech' not in sys.modules, 'the terminal loaded the voice'\n"
              "assert 'pygame' not in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_auto_waits_longer_at_a_slower_pace(launch):
    waits = {}
    for pace in ("slow", "fast"):
        d = launch(settings={"text_speed": "instant", "auto_pace": pace})
        play = to_play(d)
        play.pacer.toggle_auto()
        waits[pace] = play.pacer.wait
        d.quit()
    assert waits["slow"] > waits["fast"] * 1.6


def test_self_voicing_reads_settings_values_saves_dialogs_and_the_card(launch):
    recorder = Recorder()
    d = launch(settings={"text_speed": "instant", "voice": True}, speaker=recorder)
    d.pump(2)
    d.app.open("settings")
    d.settle(0.5)
    assert recorder.lines[-1] == "Text speed: At once"
    d.press("left")  # the value changes: it is read again
    assert recorder.lines[-1] == "Text speed: Fast"
    d.press("escape")
    d.settle(0.5)
    d.app.new_game()
    d.settle(0.3)
    assert recorder.lines[-1].startswith("The School")  # the chapter card
    d.press("space")
    d.press("space")
    d.settle(1.0)
    d.press("escape")
    d.app.open("save")
    d.settle(0.5)
    assert recorder.lines[-1] == "Slot 1: empty"
    d.press("enter")
    d.press("enter")  # overwrite? the question and the answer the cursor is on
    assert recorder.lines[-1].startswith("Overwrite slot 1") and recorder.lines[-1].endswith("Cancel")


def test_undo_and_redo_in_the_quick_menu_for_a_mouse(launch):
    """Failed before: the window's quick menu said "Back" (which leaves a screen everywhere else) and had no Redo."""
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    d.digit(2)
    d.settle(1.0)
    quick(d, "undo")
    assert play.run.inputs == [] and play.run.state.scene == "school.gate"
    quick(d, "redo")
    assert len(play.run.inputs) == 1 and play.run.state.scene == "school.pavilion"


def test_the_quick_menu_names_things_as_the_web_page_does(launch):
    """The window's quick menu and the page's tool bar say the same words, in the same order, drawn on the page."""
    html = (ROOT / "game/frontends/web/static/index.html").read_text(encoding="utf-8")
    bar = html.split('<nav class="tools"', 1)[1].split("</nav>", 1)[0]
    web = re.findall(r"<button[^>]*>([^<]+)</button>", bar)
    d = launch(size="640x480", settings={"text_speed": "instant", "text_size": "largest"})
    play = to_play(d)
    d.shot("640x480-largest-quick-menu")
    drawn = sorted(play.reading.rects.items(), key=lambda kv: kv[1].x)
    labels = [QUICK_LABELS[word] for word, _ in drawn]
    assert labels == web == ["Undo", "Redo", "History", "Skip", "Auto", "Menu"]
    assert all(d.app.window.surface.get_rect().contains(rect) for _, rect in drawn)  # the smallest window holds them all
