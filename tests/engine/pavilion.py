"""The pavilion: the small story most engine tests play, and a Player that drives a Run of it.

The `player` fixture (conftest.py) gives a Player in each pass of the `play` fixture: straight,
and through a real save file after every input.
"""

from __future__ import annotations

from game.engine import Engine, GameState, load_story_from_texts

HEADER = """\
id: test
title: Test
start: a
items:
  tape: {name: the tape, names: [tape, cassette, judy bridgewater], look: A tape with a woman on the cover.}
  case: {name: a pencil case, names: [pencil case, case], look: Shiny.}
variables:
  trust: 1
"""


STORY = """\
- id: a
  chapter: One
  title: The pavilion
  location: hailsham
  text:
    - It rains on the pavilion.
    - if: tommy >= 2
      text: Tommy catches my eye.
      else: Tommy does not look up.
    - if: has('tape')
      text: The tape is in my pocket.
  on_enter:
    - add: {entered: 1}
  things:
    tape:
      names: [tape, cassette, judy bridgewater]
      look: A cassette, its case cracked.
      if: not has('tape')
    ruth:
      name: Ruth
      names: [ruth]
      look: Ruth pretends not to watch the boys.
  actions:
    - verbs: [take, pick up]
      thing: tape
      if: not has('tape')
      do: [{give: tape}]
      say: I slip the tape into my pocket.
      blocked: I have it already.
    - verbs: [ask]
      thing: ruth
      about: [chess, chess set]
      do: [{add: {trust: -1}}]
      say: Ruth says she will teach me some time.
    - verbs: [give]
      thing: tape
      about: [ruth]
      if: has('tape')
      do: [{take: tape}, {set: {gave: true}}]
      say: Ruth turns it over in her hands.
    - verbs: [sing]
      say: I hum the song under my breath.
      once: true
      choice: Hum the song.
  choices:
    - id: go_to_tommy
      text: Go down to the field, to Tommy.
      goto: b
      do: [{add: {tommy: 1}}]
    - id: wait
      text: Wait at the window.
      once: true
      say: The rain goes on.
      do: [{add: {tommy: 1}}]
    - id: secret
      text: Ask Miss Lucy what she meant.
      if: gave
      show: disabled
      goto: c
    - id: roll
      text: Throw a stone.
      do: [{roll: {dice: 6}}]
      goto: a

- id: b
  chapter: One
  title: The field
  text: Mud.
  on_enter:
    - if: tommy >= 2
      then: [{set: {close: true}}]
      else: [{set: {close: false}}]
  choices:
    - id: back
      text: Go back.
      goto: a
    - id: loop
      text: Step into the loop.
      goto: loop1

- id: c
  chapter: Two
  title: The end
  text: Done.
  ending: done

- id: loop1
  chapter: One
  title: Loop
  text: Round.
  on_enter: [{goto: loop2}]
  choices: [{text: x, goto: a}]

- id: loop2
  chapter: One
  title: Loop
  text: And round.
  on_enter: [{goto: loop1}]
  choices: [{text: x, goto: a}]
"""


def make_engine() -> Engine:
    return Engine(load_story_from_texts({"story.yaml": HEADER, "scenes.yaml": STORY}))


class Player:
    """Drives a Run of the test story: a plain one, or (the "saved" pass) one sent through a save file after every input."""

    def __init__(self, run):
        self.run = run

    @property
    def state(self) -> GameState:
        return self.run.state

    def choose(self, cid):
        return self.run.choose(cid)

    def command(self, line):
        return self.run.command(line)

    def view(self):
        return self.run.view()


def option_ids(view):
    return [o.id for o in view.options]
