"""The whole-story half of loading (build.py): targets, ids, references and the story file, each error at its position."""

from __future__ import annotations

import pytest

from game.engine import StoryError, load_story
from tests.engine.broken import GOOD_B, HEADER, assert_error, errors_of


def test_goto_to_a_missing_scene_names_the_line_and_suggests():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          text: Hello.
          choices:
            - text: Go on.
              goto: feild
        - id: field
          chapter: One
          title: F
          text: Bye.
          ending: done
    """)
    assert_error(errors, "scenes.yaml:7:13: error:", "goes to 'feild', which does not exist", "(did you mean 'field'?)")


def test_duplicate_ids_name_both_places():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          text: Hello.
          choices: [{text: Go, goto: b}]
    """, b=True, extra={"more.yaml": "id: b\nchapter: One\ntitle: B again\ntext: Hi.\nending: done\n"})
    assert_error(errors, "scenes.yaml:7:7: error:", "scene id 'b' is already used at more.yaml:1")


def test_unknown_function_and_unknown_item():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          text: Hello.
          on_enter: [{give: spoon}]
          choices:
            - text: Go.
              if: owns('tape')
              goto: b
    """, b=True)
    assert_error(errors, "scenes.yaml:5:", "unknown item 'spoon'", "declare it under items")
    assert_error(errors, "scenes.yaml:8:", "'owns' is not a function the story knows")


def test_unknown_thing_in_an_action():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          text: Hello.
          things:
            tape: A tape.
          actions:
            - verbs: [take]
              thing: tpae
              say: Taken.
          choices: [{text: Go, goto: b}]
    """, b=True)
    assert_error(errors, "scenes.yaml:9:14: error:", "unknown thing 'tpae'", "did you mean 'tape'")


def test_ending_scene_with_choices():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          text: Hello.
          ending: done
          choices: [{text: Go, goto: a}]
    """)
    assert_error(errors, "scenes.yaml:6:", "is an ending ('done') and cannot have choices")


def test_scene_with_no_way_out():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          text: Hello.
          choices:
            - text: Wait.
    """)
    assert_error(errors, "scenes.yaml:1:3: error:", "scene 'a' has no way out")


def test_missing_start_scene():
    errors = errors_of(GOOD_B.lstrip("\n"), header="id: test\ntitle: Test\nstart: nowhere\n")
    assert_error(errors, "story.yaml:3:8: error:", "the start scene 'nowhere' does not exist")


def test_missing_story_file(tmp_path):
    (tmp_path / "a.yaml").write_text("id: a\nchapter: One\ntitle: A\ntext: Hi.\nending: done\n")
    with pytest.raises(StoryError) as info:
        load_story(tmp_path)
    assert "there is no story.yaml" in info.value.report()


def test_unknown_chapter_location_and_ending_when_declared():
    header = HEADER + "chapters: [One]\nlocations: [hailsham]\nendings:\n  done: {title: Done}\n"
    errors = errors_of("""
        - id: a
          chapter: Onw
          title: A
          location: hailshma
          text: Hello.
          ending: dnoe
    """, header=header)
    assert_error(errors, "scenes.yaml:2:12:", "chapter 'Onw'", "did you mean 'One'")
    assert_error(errors, "scenes.yaml:4:13:", "location 'hailshma'", "did you mean 'hailsham'")
    assert_error(errors, "scenes.yaml:6:11:", "ends as 'dnoe'", "did you mean 'done'")


def test_visited_and_chosen_must_name_real_scenes_and_choices():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          text:
            - Hello.
            - if: visited('hailsham.nowhere') or chosen('a', 'stya')
              text: Again.
          choices:
            - id: stay
              text: Stay.
              goto: a
            - text: Go.
              goto: b
    """, b=True)
    assert_error(errors, "scenes.yaml:6:11:", "refers to scene 'hailsham.nowhere'")
    assert_error(errors, "scenes.yaml:6:", "has no choice or action 'stya'", "did you mean 'stay'")


def test_all_errors_are_reported_at_once_across_files():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          text: Hello.
          choices: [{text: Go, goto: nowhere}]
    """, extra={"other.yaml": "id: c\nchapter: One\ntext: no title\nending: x\n"})
    assert any(e.startswith("scenes.yaml:") for e in errors)
    assert any(e.startswith("other.yaml:") for e in errors)


def test_a_broken_story_never_shows_a_traceback(tmp_path):
    import subprocess
    import sys

    (tmp_path / "story.yaml").write_text(HEADER)
    (tmp_path / "a.yaml").write_text("id: a\nchapter: One\ntitle: A\ntext: Hi\nchoices:\n  - text: Go\n    goto: nope\n")
    proc = subprocess.run([sys.executable, "-m", "game", "check", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "a.yaml:7:11: error: choice 1 of scene 'a' goes to 'nope', which does not exist" in proc.stdout


def test_each_distinct_condition_is_compiled_once_but_scene_relative_ones_per_scene():
    from game.engine import Engine, load_story_from_texts

    header = "id: t\ntitle: T\nstart: a\nvariables: {n: 0}\nendings:\n  done: {title: Done}\n"
    scenes = """\
- id: a
  chapter: C
  title: A
  text: A.
  choices:
    - {id: go, text: Go., if: "visited() >= 1 and n == 0", goto: b}
- id: b
  chapter: C
  title: B
  text: B.
  choices:
    - {id: go, text: Go., if: "visited() >= 1 and n == 0", goto: z}
    - {id: same, text: Same., if: "n == 0", goto: y}
- id: y
  chapter: C
  title: Y
  text: Y.
  choices:
    - {id: same, text: Same., if: "n == 0", goto: z}
- id: z
  chapter: C
  title: Z
  text: Z.
  ending: done
"""
    story = load_story_from_texts({"story.yaml": header, "scenes.yaml": scenes})
    a, b, z = (story.scenes[s] for s in "aby")
    assert a.choices[0].cond is not None and b.choices[0].cond is not None
    assert a.choices[0].cond.fn is not b.choices[0].cond.fn  # visited() reads each its own scene
    assert b.choices[1].cond.fn is z.choices[0].cond.fn  # the same source, compiled once
    engine = Engine(story)
    state = engine.new_state(1)
    assert engine.choose(state, "go").recorded and state.scene == "b"
