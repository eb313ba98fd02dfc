"""The YAML reader remembers how plain words resolve (yamlpos._PLAIN_TAGS): the same data the second time, a bounded memory."""

from __future__ import annotations

import yaml

from game.engine import yamlpos
from game.engine.yamlpos import load_documents

DOC = """\
text: true
title: no
then: null
once: On
names: [yes, off, 'true', 12, 012, 1.5, ~, Null, nothing, tomorrow]
"""
EXPECTED = {"text": True, "title": "no", "then": None, "once": "On",
            "names": ["yes", "off", "true", 12, 10, 1.5, None, None, "nothing", "tomorrow"]}


def test_plain_words_read_the_same_with_their_resolution_remembered() -> None:
    yamlpos._PLAIN_TAGS.clear()
    first, problems = load_documents(DOC, "f.yaml")
    assert not problems and first == [EXPECTED]
    assert yamlpos._PLAIN_TAGS["text"] == "tag:yaml.org,2002:str" and yamlpos._PLAIN_TAGS["true"] == "tag:yaml.org,2002:bool"
    second, _ = load_documents(DOC, "f.yaml")
    assert second == first
    # and each word as PyYAML's own resolver would have it
    for word, tag in yamlpos._PLAIN_TAGS.items():
        assert yaml.CSafeLoader("").resolve(yaml.ScalarNode, word, (True, False)) == tag


def test_the_memory_of_plain_words_is_bounded() -> None:
    yamlpos._PLAIN_TAGS.clear()
    load_documents(f"{'t' * 60}: x\n", "long.yaml")
    assert "t" * 60 not in yamlpos._PLAIN_TAGS and len(yamlpos._PLAIN_TAGS) == 0
    words = "\n".join(f"t{i}: t{i}" for i in range(6000))
    docs, problems = load_documents(words, "many.yaml")
    assert not problems and docs[0]["t5999"] == "t5999"
    assert len(yamlpos._PLAIN_TAGS) == 4096
