"""The loader's errors: a corpus of broken stories, each asserting the message and its exact position."""

from __future__ import annotations

import textwrap

import pytest

from game.engine import StoryError, load_story, load_story_from_texts

HEADER = """\
id: test
title: Test
start: a
"""

GOOD_B = """
- id: b
  chapter: One
  title: B
  text: The end.
  ending: done
"""


def errors_of(scenes: str, header: str = HEADER, extra: dict[str, str] | None = None, b: bool = False) -> list[str]:
    """Load a broken story; `b` appends a good ending scene 'b' after the given scenes."""
    body = textwrap.dedent(scenes).lstrip("\n") + (textwrap.dedent(GOOD_B) if b else "")
    texts = {"story.yaml": textwrap.dedent(header), "scenes.yaml": body}
    texts.update(extra or {})
    with pytest.raises(StoryError) as info:
        load_story_from_texts(texts)
    return [d.format() for d in info.value.diagnostics if d.severity == "error"]


def assert_error(errors: list[str], expected_prefix: str, *fragments: str) -> None:
    hits = [e for e in errors if e.startswith(expected_prefix) and all(f in e for f in fragments)]
    assert hits, f"no error starting {expected_prefix!r} with {fragments!r} in:\n" + "\n".join(errors)


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


def test_yaml_syntax_error_uses_the_parsers_position():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          text: [unclosed
          ending: done
    """)
    assert len(errors) == 1
    assert errors[0].startswith("scenes.yaml:5:")
    assert "YAML syntax" in errors[0]


def test_colon_in_plain_text_gets_a_hint():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          text: She said: no.
          ending: done
    """)
    assert_error(errors, "scenes.yaml:4:", "YAML syntax", "quotes")


def test_unknown_key_with_suggestion():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          txet: Hello.
          text: Hello.
          ending: done
    """)
    assert_error(errors, "scenes.yaml:4:3: error:", "unknown key 'txet'", "did you mean 'text'")


def test_unknown_key_in_a_choice_lists_known_keys_when_nothing_is_close():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          text: Hello.
          choices:
            - text: Go.
              goto: b
              zzz: 1
    """, b=True)
    assert_error(errors, "scenes.yaml:8:7: error:", "unknown key 'zzz' in choice 1 of scene 'a'", "known keys:")


def test_missing_required_key():
    errors = errors_of("""
        - id: a
          title: A
          text: Hello.
          ending: done
    """)
    assert_error(errors, "scenes.yaml:1:3: error:", "scene 'a' is missing the required key 'chapter'")


def test_wrong_type():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          text: Hello.
          choices: go to b
    """, b=True)
    assert_error(errors, "scenes.yaml:5:12: error:", "'choices' of scene 'a' should be a list of choices", "the text 'go to b'")


def test_duplicate_ids_name_both_places():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          text: Hello.
          choices: [{text: Go, goto: b}]
    """, b=True, extra={"more.yaml": "id: b\nchapter: One\ntitle: B again\ntext: Hi.\nending: done\n"})
    assert_error(errors, "scenes.yaml:7:7: error:", "scene id 'b' is already used at more.yaml:1")


def test_duplicate_key_in_one_mapping():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          title: A again
          text: Hello.
          ending: done
    """)
    assert_error(errors, "scenes.yaml:4:3: error:", "key 'title' appears twice", "line 3")


def test_bad_expression_points_inside_the_condition():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          text: Hello.
          choices:
            - text: Go.
              if: tommy >= 2 && ruth
              goto: b
    """, b=True)
    # column of '&&' inside the condition: 'if: ' starts at col 7, the value at col 11
    assert_error(errors, "scenes.yaml:7:22: error:", "use 'and' instead of '&&'")


def test_expression_syntax_error_in_quoted_value():
    errors = errors_of("""
        - id: a
          chapter: One
          title: A
          text: Hello.
          choices:
            - text: Go.
              if: "has('tape') and"
              goto: b
    """, b=True)
    assert_error(errors, "scenes.yaml:7:", "in the condition of choice 1 of scene 'a'")


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


def test_not_utf8(tmp_path):
    (tmp_path / "story.yaml").write_text(HEADER)
    (tmp_path / "a.yaml").write_bytes(b"id: a\ntitle: \xff\xfe\n")
    with pytest.raises(StoryError) as info:
        load_story(tmp_path)
    assert "a.yaml: error: the file is not UTF-8 text" in info.value.report()


def test_yaml_tags_that_build_objects_are_refused():
    errors = errors_of("""
        - id: a
          chapter: One
          title: !!python/object/apply:os.system ["echo hacked"]
          text: Hello.
          ending: done
    """)
    assert errors and "YAML" in errors[0]


def test_a_broken_story_never_shows_a_traceback(tmp_path):
    import subprocess
    import sys

    (tmp_path / "story.yaml").write_text(HEADER)
    (tmp_path / "a.yaml").write_text("id: a\nchapter: One\ntitle: A\ntext: Hi\nchoices:\n  - text: Go\n    goto: nope\n")
    proc = subprocess.run([sys.executable, "-m", "game", "check", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "a.yaml:7:11: error: choice 1 of scene 'a' goes to 'nope', which does not exist" in proc.stdout
