"""The parser's word list: how game/tools/wordlist.py makes it, and that the shipped file is what the engine reads."""

from __future__ import annotations

import re

from game.engine import words
from game.tools.wordlist import HEADER, build


def test_build_keeps_lowercase_words_drops_plurals_of_listed_words_and_marks_verbs():
    text = build(["Donor", "door", "doors", "donors's", "at", "rake", "rakes", "glass", "tale", "o'clock", "news"],
                 ["rake", "glass", "walk"])
    assert text.startswith(HEADER)
    body = text[len(HEADER):].splitlines()
    # names (a capital), short words and possessives go; `doors` and `rakes` are found by their singular
    assert body == ["door", "glass v", "news", "rake v", "tale"]


def test_the_shipped_list_is_well_formed_and_carries_its_notices():
    text = words.ENGLISH_WORDS.read_text(encoding="utf-8")
    assert "Kevin Atkinson" in text and "WordNet 3.0 Copyright 2006 by Princeton University" in text
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert all(re.fullmatch(r"[a-z]{3,}( v)?", line) for line in body)
    plain = [line.split()[0] for line in body]
    assert plain == sorted(set(plain)) and 20_000 < len(plain) < 40_000
    assert len(text.encode()) < 400_000  # compact: read whole on the first typo


def test_the_engine_reads_it_as_words_and_verbs():
    for w in ("door", "doors", "donor", "widow", "colour", "grey", "rake", "red"):
        assert words.is_english(w), w
    for w in ("tkae", "exmaine", "donr", "hailsham"):
        assert not words.is_english(w), w
    assert words.is_verb("rake") and words.is_verb("take") and not words.is_verb("red") and not words.is_verb("door")
    assert words.names_typed("examine Rut and the Door") == {"rut", "door"} and not words.names_typed("Open the door")
    assert not words.names_typed("OPEN THE DOOR") and not words.names_typed("Examine The Door")  # how it was typed


def test_a_build_without_the_list_mends_typos_as_before_and_never_crashes(tmp_path, monkeypatch):
    monkeypatch.setattr(words, "ENGLISH_WORDS", tmp_path / "gone.txt")
    words._english.cache_clear()
    words._mark.cache_clear()
    try:
        assert not words.is_english("door") and not words.is_verb("open")
    finally:
        monkeypatch.undo()
        words._english.cache_clear()
        words._mark.cache_clear()
    assert words.is_english("door")
