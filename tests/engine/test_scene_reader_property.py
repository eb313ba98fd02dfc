"""The scene reader: merge keys as YAML means them, and any text at all gives records or diagnostics, never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.diagnostics import Diagnostic
from game.engine.reader import read_scene_file
from game.engine.yamlpos import load_documents
from tests.conftest import TINY


def test_a_merge_key_overridden_is_not_a_duplicate() -> None:
    """Failed before: `<<: *base` followed by a key of the mapping's own was reported as a duplicate key."""
    docs, problems = load_documents("base: &base {a: 1, b: 2}\nx:\n  <<: *base\n  b: 3\ny:\n  <<: [*base]\n  a: 5\n", "m.yaml")
    assert problems == []
    assert docs[0]["x"] == {"a": 1, "b": 3} and docs[0]["y"] == {"a": 5, "b": 2}
    _, problems = load_documents("m: &m {a: 1}\nz:\n  <<: *m\n  a: 3\n  a: 4\n", "m.yaml")
    assert [p.line for p in problems] == [5]  # a key of its own, twice, still is


YARD = (TINY / "yard.yaml").read_text()
PIECES = st.sampled_from([": ", "- ", "\n  ", "{", "}", "[", "]", "&a ", "*a", "<<: *a\n", "!!python/name:os.system ", "'", '"',
                          "\t", "\x00", "\ufffe", "\udcff", "0x" + "f" * 300, "1e999", ".nan", "if: 1 // 0\n", "goto: a\n", "---\n",
                          "\x1b[2J", "on_enter: [{goto: yard.gate}]\n", "#", "\\", "\n"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=len(YARD)), st.integers(min_value=0, max_value=30), PIECES), max_size=6))
def test_any_mutated_scene_file_reads_to_records_or_one_line_diagnostics(edits: list[tuple[int, int, str]]) -> None:
    text = YARD
    for at, cut, piece in edits:
        text = text[:at] + piece + text[at + cut:]
    records, problems = read_scene_file(text, is_story_file=False)
    assert isinstance(records, list)
    for p in problems:
        d = Diagnostic("yard.yaml", p[0], p[1], p[2], p[3])
        assert "\n" not in d.format() and "\x1b" not in d.format()


def test_each_document_of_a_file_is_built_as_itself() -> None:
    """Failed before (found by this audit): the alias memo was keyed by id(node) across documents, and once a
    document's nodes were freed a later node could reuse an id, so a scene came back as a copy of an earlier one
    (190 of 200 scenes here, or `check` saying "scene id 'a' is already used" of a file that has it once)."""
    text = "---\n".join(f"id: s{i}\nchapter: One\ntitle: T{i}\ntext: [Here {i}.]\nchoices:\n  - {{id: go, text: Go., goto: s{i + 1}}}\n"
                        for i in range(200))
    for _ in range(3):
        records, problems = read_scene_file(text)
        assert problems == []
        assert [r["id"] for r in records] == [f"s{i}" for i in range(200)]
        assert [r["text"][0]["text"] for r in records] == [f"Here {i}." for i in range(200)]
