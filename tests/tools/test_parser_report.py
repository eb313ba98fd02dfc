"""`nlmg parser`: the nouns a player cannot examine and the people who cannot be talked to, at their lines, and the coverage sums."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.engine import load_story
from game.tools import wordnet
from game.tools.parserprobe import STANDARD_VERBS
from game.tools.parser_report import Coverage, SceneReport, build
from game.tools.wordnet import NounFinder
from tests import storykit

needs_wordnet = pytest.mark.skipif(not (wordnet.WORDNET_DIR / "index.noun").is_file(),
                                   reason=f"WordNet is not installed ({wordnet.WORDNET_DIR}); .ci/run installs wordnet-base")

STORY = storykit.story("room", """
    people:
      ruth:
        name: Ruth
        names: [ruth]
        pronoun: she
        talk: Ruth said she had better things to do than talk to me.
      tommy:
        name: Tommy
        names: [tommy]
        pronoun: he
    """, chapters=(), locations=None, story_id="tiny", title="Tiny")


def story_folder(tmp_path: Path, extra: str = "") -> Path:
    """The room (its text's nouns on lines 7-9 of room.yaml, which the tests count on), the field and home; `extra`
    is more of the room's keys, as YAML."""
    room = storykit.scene("room", "The room", [
        "It was a small room with a narrow bed\nunder a window, and a moment of quiet.",
        "Tommy had left his satchel there.",
    ], extra, chapter="One", location="hailsham", to="field", way="Go out to the field.")
    field = storykit.scene("field", "The field", ["Ruth was on the grass."], "people: [ruth]", chapter="One",
                           location="hailsham", to="home", way="Go home.")
    home = storykit.scene("home", "Home", ["Tommy's bed was empty."], chapter="One", location="hailsham", ending="done")
    return storykit.folder(tmp_path, STORY, room, field, home, scene_file="room.yaml")


def report(folder: Path) -> dict[str, SceneReport]:
    wn = wordnet.load()
    assert wn is not None
    return {s.scene: s for s in build(load_story(folder), NounFinder(wn), routes=3)}


@needs_wordnet
def test_finds_concrete_nouns_through_wordnet_morphology():
    finder = NounFinder(wordnet.load())  # type: ignore[arg-type]
    found = [(f.text, f.lemma) for f in finder.find("The children left their pencil cases by the windows for a moment. I felt sad.")]
    assert ("children", "child") in found  # noun.exc
    assert ("pencil cases", "pencil case") in found  # a WordNet compound, plural by morphy's rules
    assert ("windows", "window") in found
    words = [t for t, _ in found]
    assert "moment" not in words and "felt" not in words and "left" not in words


@needs_wordnet
def test_noun_without_scenery_is_listed_with_its_line_and_reply(tmp_path):
    scenes = report(story_folder(tmp_path))
    room = scenes["room"]
    misses = {m.text: m for m in room.misses if m.kind == "noun"}
    assert "bed" in misses and "window" in misses and "satchel" in misses
    assert misses["bed"].line == 7 and misses["window"].line == 8 and misses["satchel"].line == 9
    assert misses["bed"].path.endswith("room.yaml")
    assert misses["bed"].typed == "examine bed"
    assert misses["bed"].reply and misses["bed"].source == "parser-failure"
    assert "moment" not in misses and "quiet" not in misses


@needs_wordnet
def test_adding_scenery_removes_the_noun(tmp_path):
    extra = "  scenery:\n    bed: The bed was made so tight you had to wriggle into it.\n"
    room = report(story_folder(tmp_path, extra))["room"]
    missed = {m.text for m in room.misses}
    assert "bed" not in missed and "window" in missed
    assert room.nouns_answered == 1 and room.nouns == 4  # room, bed, window, satchel


@needs_wordnet
def test_a_named_person_who_is_not_here_is_listed(tmp_path):
    scenes = report(story_folder(tmp_path))
    people = [m for m in scenes["room"].misses if m.kind == "person"]
    assert [(m.text, m.line, m.typed) for m in people] == [("Tommy", 9, "talk to tommy")]
    assert people[0].source.startswith("not here")
    assert not [m for m in scenes["field"].misses if m.kind == "person"]  # Ruth is here, and talks
    assert scenes["home"].misses == [] and scenes["home"].nouns == 0  # an ending takes no typing


@needs_wordnet
def test_coverage_figures(tmp_path):
    extra = ("  scenery:\n    bed: The bed was made so tight you had to wriggle into it.\n"
             "  responses:\n    wait: I waited, and the room stayed small.\n    think: I thought about the field.\n")
    scenes = report(story_folder(tmp_path, extra))
    room = scenes["room"]
    assert (room.nouns, room.nouns_answered) == (4, 1)
    assert room.verbs_written == 2 and room.verbs == len(STANDARD_VERBS)  # wait and think were written for the room
    assert (room.choices, room.choices_taken) == (1, 1)  # "Go out to the field" typed takes it
    c = Coverage.of(list(scenes.values()))
    assert c.nouns == room.nouns + scenes["field"].nouns
    assert c.verbs_written == room.verbs_written + scenes["field"].verbs_written
    assert Coverage.percent(1, 3) == 33.3 and Coverage.percent(0, 0) == 100.0


@needs_wordnet
def test_cli_prints_the_list_and_the_coverage(tmp_path, capsys):
    folder = story_folder(tmp_path)
    assert main(["parser", str(folder), "--routes", "2"]) == 0
    out = capsys.readouterr().out
    assert f"{folder / 'room.yaml'}:7: 'bed' cannot be examined" in out
    assert "> examine bed" in out
    assert "Tommy is named but not here to talk to" in out
    assert "nouns answered for the scene:" in out and "choices taken in words:" in out


def test_missing_wordnet_is_said_in_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(wordnet, "load", lambda folder="": None)
    assert main(["parser", str(story_folder(tmp_path))]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "WordNet is not installed" in err and "wordnet-base" in err
