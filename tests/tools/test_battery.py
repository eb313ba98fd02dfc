"""`nlmg explore --battery`: fallbacks found along random runs, grouped per scene, with inputs that reach them and replay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.engine import Engine, Recording, Run, load_story
from game.tools import battery, wordnet
from game.tools.explore import run_random
from game.tools.explore_report import Report
from game.tools.wordnet import NounFinder

needs_wordnet = pytest.mark.skipif(not (wordnet.WORDNET_DIR / "index.noun").is_file(),
                                   reason=f"WordNet is not installed ({wordnet.WORDNET_DIR}); .ci/run installs wordnet-base")

STORY = """\
id: tiny
title: Tiny
start: hall
responses:
  sing: I hummed something from the radio.
"""

SCENES = """\
- id: hall
  chapter: One
  title: The hall
  location: hailsham
  text:
    - The hall was empty.
  responses:
    wait: I waited in the hall.
    think: I thought about the room upstairs.
    sing: I sang in the hall, where it echoed.
  choices:
    - text: Go up.
      goto: room
- id: room
  chapter: One
  title: The room
  location: hailsham
  text:
    - >-
      On the table there was
      a teapot.
  scenery:
    table: A table with a cloth on it.
  responses:
    wait: I waited in the room.
  choices:
    - text: Go down.
      goto: hall
    - text: Sleep.
      goto: end
- id: end
  chapter: One
  title: End
  location: hailsham
  text:
    - It ended.
  ending: done
"""


def story_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "scenes"
    folder.mkdir()
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    (folder / "scenes.yaml").write_text(SCENES, encoding="utf-8")
    return folder


def findings(folder: Path, runs: int = 5) -> tuple[Engine, battery.Findings]:
    story = load_story(folder)
    engine = Engine(story)
    probe = battery.Battery(engine, NounFinder(wordnet.load()), verbs=("wait", "sing"))  # type: ignore[arg-type]
    tally = run_random(engine, runs, 1, 50, 1, None, probe)
    report = Report(story, "random", tally.runs, 1, 50, 0.0, tally.covered, tally.endings, tally.problems, tally.counts)
    found = battery.take(report)
    assert not any(p.startswith("fallback:") for p in report.problems)  # moved out of the explore report
    return engine, found


@needs_wordnet
def test_fallbacks_are_grouped_per_scene_with_their_lines(tmp_path):
    _, found = findings(story_folder(tmp_path))
    hall = {f.typed: f for f in found.scenes["hall"]}
    room = {f.typed: f for f in found.scenes["room"]}
    assert set(hall) == {"examine hall"}  # wait and sing are written for the hall, the hall itself is not
    assert set(room) == {"sing", "examine teapot"}  # wait and the table are written for the room
    assert room["sing"].source == "story-default" and room["sing"].reply == "I hummed something from the radio."
    assert room["examine teapot"].source == "parser-failure"
    assert room["examine teapot"].where.endswith("scenes.yaml:21")  # the line that names the teapot
    assert room["sing"].runs == 5  # every run stood in the room at least once


@needs_wordnet
def test_the_inputs_given_reach_the_scene_and_reproduce_the_fallback(tmp_path):
    engine, found = findings(story_folder(tmp_path))
    f = next(f for f in found.scenes["room"] if f.typed == "examine teapot")
    run, stop = Run.replay(engine, Recording.of(engine.story, f.example["seed"], f.example["inputs"]))
    assert stop is None and run.state.scene == "room"
    again = engine.command(run.state.copy(), f.typed)
    assert again.source == "parser-failure" and " ".join(again.said) == f.reply


@needs_wordnet
def test_cli_battery_prints_per_scene_and_saves_replayable_runs(tmp_path, capsys):
    folder = story_folder(tmp_path)
    saves = tmp_path / "out"
    saves.mkdir()
    assert main(["explore", str(folder), "--runs", "4", "--battery", "--quiet", "--save-failures", str(saves)]) == 0
    out = capsys.readouterr().out
    assert "battery:" in out and "scenes.yaml:21: > examine teapot  [parser-failure" in out
    assert "reach it: seed" in out
    saved = saves / "fallback-room.yaml"
    assert saved.is_file()
    assert main(["replay", str(saved), "--verify", "--scenes", str(folder)]) == 0
    capsys.readouterr()
    assert main(["explore", str(folder), "--runs", "4", "--battery", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {f["typed"] for f in data["battery"]["room"]} >= {"examine teapot"}
