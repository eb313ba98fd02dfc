"""The per-file half of loading (fields.py, reader.py): each broken file's error, with its message and exact position."""

from __future__ import annotations

import pytest

from game.engine import StoryError, load_story
from tests.engine.broken import HEADER, assert_error, errors_of


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


def test_not_utf8(tmp_path):
    (tmp_path / "story.yaml").write_text(HEADER)
    (tmp_path / "a.yaml").write_bytes(b"id: a\ntitle: \xff\xfe\n")
    with pytest.raises(StoryError) as info:
        load_story(tmp_path)
    assert "a.yaml:2:8: error: the file is not UTF-8 text" in info.value.report()  # names its line since issue 12


def test_yaml_tags_that_build_objects_are_refused():
    errors = errors_of("""
        - id: a
          chapter: One
          title: !!python/object/apply:os.system ["echo hacked"]
          text: Hello.
          ending: done
    """)
    assert errors and "YAML" in errors[0]
