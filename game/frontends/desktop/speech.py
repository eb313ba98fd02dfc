"""Self-voicing: the page, the choices and the menus read aloud by the system's own speech.

Like Ren'Py's self-voicing (V): one small `Speaker` interface with a back end per system, espeak-ng
on Linux, `say` on macOS and SAPI through PowerShell on Windows, each run as a child process
that is handed the words on its standard input and stopped when something newer is to be said;
and a null speaker where none is installed. `NLMG_SPEECH` names another command (words on its
standard input), or "none". The `Voice` decides what to say: each screen offers what is in front of
the player (`Screen.speech`), and the voice speaks it once, when it changes, if the player has
turned self-voicing on. Auto-advance asks `speaking` and waits.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

POWERSHELL_SAPI = ("Add-Type -AssemblyName System.Speech; "
                   "$s = New-Object System.Speech.Synthesis.SpeechSynthesizer; $s.Speak([Console]::In.ReadToEnd())")


class Speaker(Protocol):
    name: str

    def say(self, text: str) -> None:
        """Stop whatever is being said and say this."""
        ...

    def stop(self) -> None: ...

    @property
    def speaking(self) -> bool: ...


class NullSpeaker:
    """No speech here (no back end installed, or none wanted): says nothing, is never speaking."""

    name = "none"

    def say(self, text: str) -> None:
        pass

    def stop(self) -> None:
        pass

    @property
    def speaking(self) -> bool:
        return False


class CommandSpeaker:
    """A speech command run as a child process, the words on its standard input."""

    def __init__(self, name: str, argv: Sequence[str]) -> None:
        self.name = name
        self.argv = list(argv)
        self._proc: subprocess.Popen[bytes] | None = None

    def say(self, text: str) -> None:
        self.stop()
        try:
            self._proc = subprocess.Popen(self.argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL)
            assert self._proc.stdin is not None
            self._proc.stdin.write(text.encode("utf-8"))
            self._proc.stdin.close()
        except OSError:  # the command went away, or the pipe closed early: silence, never a crash
            self._proc = None

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=1.0)

    @property
    def speaking(self) -> bool:
        return self._proc is not None and self._proc.poll() is None


def espeak(wav: Path | None = None) -> list[str]:
    """espeak-ng in British English at a calm rate; to a WAV file instead of the speakers with `wav`."""
    argv = ["espeak-ng", "-v", "en-gb", "-s", "160"]
    return [*argv, "-w", str(wav)] if wav is not None else argv


def system_speaker(platform: str = sys.platform, which: Callable[[str], str | None] = shutil.which,
                   env: dict[str, str] | None = None) -> Speaker:
    """The speaker this system has: NLMG_SPEECH, else espeak-ng, say or SAPI, else the null speaker."""
    override = (env if env is not None else dict(os.environ)).get("NLMG_SPEECH", "").strip()
    if override:
        return NullSpeaker() if override == "none" else CommandSpeaker("custom", shlex.split(override))
    if platform == "darwin" and which("say"):
        return CommandSpeaker("say", ["say", "-f", "-"])
    if platform.startswith("win"):
        shell = which("powershell") or which("pwsh")
        if shell:
            return CommandSpeaker("sapi", [shell, "-NoProfile", "-NonInteractive", "-Command", POWERSHELL_SAPI])
    if which("espeak-ng"):
        return CommandSpeaker("espeak-ng", espeak())
    return NullSpeaker()


class Voice:
    """What self-voicing says, and when: each new thing a screen offers, once, while the setting is on."""

    def __init__(self, speaker: Speaker | None = None, make: Callable[[], Speaker] = system_speaker) -> None:
        self._speaker = speaker
        self._make = make
        self.enabled = False
        self._last: object = None
        self.said: list[str] = []  # everything said, newest last (tests and the curious read it)

    @property
    def speaker(self) -> Speaker:
        """Found the first time it is needed: a player who never turns voicing on never looks for one."""
        if self._speaker is None:
            self._speaker = self._make()
        return self._speaker

    @property
    def speaking(self) -> bool:
        return self.enabled and self._speaker is not None and self._speaker.speaking

    def turn(self, on: bool) -> None:
        self.enabled = on
        self._last = None
        if not on and self._speaker is not None:
            self._speaker.stop()

    def follow(self, offer: tuple[object, str] | None) -> None:
        """A screen's offer (a key saying what it is, and the words): spoken when the key changes."""
        if not self.enabled or offer is None:
            return
        key, text = offer
        if key == self._last or not text.strip():
            return
        self._last = key
        self.said.append(text)
        del self.said[:-50]
        self.speaker.say(text)

    def stop(self) -> None:
        if self._speaker is not None:
            self._speaker.stop()
