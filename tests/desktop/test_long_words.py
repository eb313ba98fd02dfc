"""A word longer than a line in the window (issue 12): cut into pieces that fit, at a cost that grows with the
number of lines, not with the square of the word's length (a scene may hold a word of a million characters)."""

from __future__ import annotations

import random

import pygame
import pytest

from game.frontends.desktop.text import Fonts, split_word, wrap


class Counting:
    """A font that counts what it is asked to measure."""

    def __init__(self, font: pygame.font.Font) -> None:
        self.font = font
        self.calls = 0
        self.chars = 0

    def size(self, text: str) -> tuple[int, int]:
        self.calls += 1
        self.chars += len(text)
        return self.font.size(text)


@pytest.fixture
def fonts() -> Fonts:
    pygame.font.init()
    return Fonts()


def test_each_piece_fits_and_is_the_longest_that_does(fonts: Fonts) -> None:
    font = fonts.get("regular", 26)
    rng = random.Random(5)
    for _ in range(200):
        word = "".join(rng.choice("iIlmMW.Ww") for _ in range(rng.randint(1, 300)))
        width = rng.randint(1, 300)
        pieces = split_word(font, word, width)
        assert "".join(pieces) == word
        for piece, after in zip(pieces, [*pieces[1:], ""], strict=True):
            assert len(piece) == 1 or font.size(piece)[0] <= width
            if after:
                assert font.size(piece + after[0])[0] > width


def test_a_long_word_costs_measurements_by_the_line_not_by_the_character(fonts: Fonts, monkeypatch: pytest.MonkeyPatch) -> None:
    """Failed before: every prefix of every line was measured and cached, about forty characters measured per character
    of the word here (a 100,000-letter word: 18 s and 16 MB to wrap; 0.5 s and 0.4 MB now)."""
    real_get = Fonts.get
    counting: dict[tuple[str, int], Counting] = {}

    def get(self: Fonts, style: str, size: int) -> Counting:
        return counting.setdefault((style, size), Counting(real_get(self, style, size)))

    monkeypatch.setattr(Fonts, "get", get)
    rng = random.Random(9)
    word = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(20_000))
    lines = wrap(fonts, "regular", 26, f"Before {word} after.", 900)
    font = counting[("regular", 26)]
    assert lines[0] == "Before" and lines[-1].endswith("after.") and "".join(lines[1:]).replace(" ", "") == word + "after."
    assert all(font.font.size(line)[0] <= 900 for line in lines)
    assert font.chars < 12 * len(word), (font.calls, font.chars)  # before: ~40 per character
    assert font.calls < 12 * len(lines)
