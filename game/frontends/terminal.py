"""The terminal front end: prose, numbered choices and typed commands on standard input and output.

It is for players without a window, for screen readers (plain lines, no drawing characters
needed to follow it, and no voice of its own: a screen reader speaks it) and for scripts:
`printf '1\\n2\\ntake tape\\n' | nlmg play --text --seed 1` plays a run deterministically. At a
real terminal, lines are read through readline (editing, history with Up and Down, Tab to
complete); piped, they are read plainly, so a script's transcript never changes. Like every
front end it only draws views and sends inputs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Callable
from typing import IO

from game.engine import Engine, Outcome, Run, RunError, View
from game.engine.bounds import clean_line, one_line, printable
from game.engine.run import REDO_WORDS, UNDO_WORDS
from game.frontends import terminal_saves
from game.frontends.common import load_or_report, new_seed, replies

QUIT_WORDS = ("quit", "exit", "q")
MIN_WIDTH, MAX_WIDTH = 20, 1000  # `--width -5` or a terminal a few columns wide still wraps


def wrap(text: str, width: int, indent: str = "") -> str:
    """textwrap.fill, with any word longer than a line cut into line-long pieces first.

    textwrap cuts a long word by slicing what is left of it once a line, which is quadratic: a
    20 MB word in a scene would hang the game. Text with no such word wraps exactly as before.
    """
    text = printable(text)
    room = max(1, width - len(indent))
    if any(len(word) > room for word in text.split()):
        text = " ".join(w if len(w) <= room else " ".join(w[i:i + room] for i in range(0, len(w), room)) for w in text.split())
    return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent)


class TerminalGame:
    def __init__(self, run: Run, out: IO[str], width: int = 0, echo: bool = False):
        self.run = run
        self.out = out
        self.width = max(MIN_WIDTH, min(width or shutil.get_terminal_size((80, 24)).columns - 2, 78 if not width else MAX_WIDTH))
        self.echo = echo  # when input is a script, show what was typed so the output reads as a transcript
        self.shown_chapter: str | None = None
        # front-end commands (save, load, ...) added by other modules: word -> handler(argument) -> lines
        self.extra_commands: dict[str, Callable[[str], list[str]]] = {}

    # ---- output -------------------------------------------------------------------------------
    def say(self, text: str = "", indent: str = "") -> None:
        if not text:
            print(file=self.out)
            return
        print(wrap(text, self.width, indent), file=self.out)

    def line(self, text: str) -> None:
        """One line printed as it is, but never with a control character: story text and saves come from other people."""
        print(printable(text), file=self.out)

    def show_view(self, view: View, with_text: bool = True) -> None:
        if view.chapter != self.shown_chapter:
            self.shown_chapter = view.chapter
            chapter = self.run.chapter(view.chapter)
            self.say()
            self.line(view.chapter.upper().center(self.width).rstrip())
            if chapter and chapter.card:
                self.line(chapter.card.center(self.width).rstrip())
        if with_text:
            self.say()
            self.line(view.title)
            self.line("-" * min(len(view.title), self.width))
            for p in view.paragraphs:
                self.say()
                self.say(p)
        if view.ending is not None:
            self.say()
            self.line("THE END".center(self.width).rstrip())
            self.line(view.ending.title.center(self.width).rstrip())
            if view.ending.text:
                self.say(view.ending.text)
            return
        self.show_options(view)

    def show_options(self, view: View) -> None:
        self.say()
        for n, option in enumerate(view.options, 1):
            if option.enabled:
                self.say(f"{n}. {option.text}", indent="  ")
            else:
                self.say(f"-. {option.text} (not open to me now)", indent="  ")

    # ---- input --------------------------------------------------------------------------------
    def handle(self, line: str) -> bool:
        """Take one line of input. Returns False when the game should stop.

        The last line of defence: an error the engine or a command did not turn into a message
        becomes one here, and the game goes on from where it was (the run is unchanged by a
        failed input: a Run applies an input whole or not at all).
        """
        try:
            return self._handle(clean_line(line))
        except Exception as exc:  # the top-level handler: any fault becomes a message, the run goes on
            self.say()
            self.say(f"(Something went wrong with that, and nothing happened: {one_line(str(exc))[:300] or type(exc).__name__}. Carry on as before.)")
            return True

    def _handle(self, line: str) -> bool:
        line = line.strip()
        if not line:
            self.show_options(self.run.view())
            return True
        if line.lower() in QUIT_WORDS:
            return False
        word, _, rest = line.partition(" ")
        handler = self.extra_commands.get(word.lower())
        if handler is not None:
            for text in handler(rest.strip()):
                self.say(text)
            return True
        if line.lower() in UNDO_WORDS or line.lower() in REDO_WORDS:
            self.step_back() if line.lower() in UNDO_WORDS else self.step_forward()
            return True
        view = self.run.view()
        if line.isascii() and line.isdigit() and len(line) <= 6 and not self.run.parser.asking:  # while the parser asks "which did I mean", a number answers it
            n = int(line)
            if not 1 <= n <= len(view.options):
                self.say(no_such_choice(n, len(view.options)))
                return True
            option = view.options[n - 1]
            if not option.enabled:
                self.say("That is not open to me now.")
                return True
            outcome = self.run.choose(option.id)
        else:
            outcome = self.run.command(line)
        self.show_outcome(outcome)
        return True

    # ---- undo and redo: only what changed ---------------------------------------------------------
    def step_back(self) -> None:
        """Undo one thing (a choice, a look, a whole typed line) and say which; a scene gone back to is named, not reprinted."""
        self.stepped(self.run.take_back)

    def step_forward(self) -> None:
        """Redo what undo took back; what it showed again is what changed (a reply, or the scene it led to)."""
        self.stepped(self.run.do_again)

    def stepped(self, step: Callable[[], Outcome]) -> None:
        """What a step back or forward said (the Run's words), then what changed: replies made again, the scene, choices."""
        before, mark = self.run.view().scene.id, len(self.run.log)
        outcome = step()
        if outcome.error is not None:
            self.show_outcome(outcome)
            return
        for text in outcome.said:
            self.say()
            self.say(text)
        log = self.run.log
        if len(log) == mark:  # nothing to take back or bring again: the words said so
            return
        for entry in log[mark:]:
            if entry.kind == "reply":
                self.say()
                self.say(entry.text)
        self.show_where(before)

    def show_where(self, before: str) -> None:
        """After a step back or forward: the scene's name if it changed, then the choices (never the banner or prose)."""
        view = self.run.view()
        self.shown_chapter = view.chapter
        if view.scene.id != before:
            self.say()
            print(view.title, file=self.out)
        if view.ending is not None:
            self.say()
            print("THE END".center(self.width).rstrip(), file=self.out)
            return
        self.show_options(view)

    def show_outcome(self, outcome: Outcome) -> None:
        if outcome.error is not None:  # the story failed; the run is as it was before the input
            self.say()
            self.say(f"The story went wrong here: {outcome.error}")
            self.say("(This is a fault in the scene files. Nothing happened; choose again.)")
            self.show_options(self.run.view())
            return
        for text in replies(outcome, self.run):
            self.say()
            self.say(text)
        view = self.run.view()
        if outcome.entered:
            self.show_view(view)
        elif outcome.recorded:
            self.show_options(view)

    def play(self, stream: IO[str], read: Callable[[], str] | None = None) -> int:
        """Play until the end, the input runs out, or the player quits. `read` (readline's input) replaces the
        plain prompt and stream when the player is at a real terminal."""
        self.show_view(self.run.view())
        while not self.run.ended:
            if read is None:
                print("\n> ", end="", file=self.out, flush=True)
                line = stream.readline()
            else:
                print(file=self.out)
                try:
                    line = read() + "\n"
                except EOFError:
                    line = ""
            if not line:  # end of input: a script ran out, or Ctrl-D
                print(file=self.out)
                return 0
            if self.echo:
                self.line(clean_line(line.rstrip("\n")))
            if not self.handle(line):
                self.say("Goodbye.")
                return 0
        return 0

    def completions(self, text: str, n: int) -> str | None:
        """readline's completer: the n-th verb, thing or item here starting with the word being typed."""
        matches = [w for w in self.run.completions() if w.startswith(text.lower())]
        return matches[n] if n < len(matches) else None


def no_such_choice(n: int, count: int) -> str:
    if count == 0:
        return "There are no choices here; type what Kathy should do."
    if count == 1:
        return f"There is no choice {n}: there is only choice 1, or type what Kathy should do."
    return f"There is no choice {n}. Choose 1 to {count}, or type what Kathy should do."


def line_reader(game: TerminalGame) -> Callable[[], str] | None:
    """readline's input at a real terminal (editing, history, Tab), else None: piped input is read plainly."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    try:
        import readline  # optional: not every Python has it (Windows); loaded only for a person at a terminal
    except ImportError:
        return None
    readline.set_completer(game.completions)
    readline.set_completer_delims(" ")
    readline.parse_and_bind("tab: complete")
    return lambda: input("> ")


def main(args: argparse.Namespace) -> int:
    story = load_or_report(getattr(args, "scenes", None))
    if story is None:
        return 1
    seed = args.seed if getattr(args, "seed", None) is not None else new_seed()
    try:
        run = Run(Engine(story), seed)
    except RunError as exc:  # the story fails as it begins: there is no run to play
        print(f"The story went wrong as it began: {exc}", file=sys.stderr)
        return 1
    game = TerminalGame(run, sys.stdout, width=getattr(args, "width", 0), echo=not sys.stdin.isatty())
    code = terminal_saves.attach(game, args)
    if code is not None:
        return code
    return game.play(sys.stdin, line_reader(game))
