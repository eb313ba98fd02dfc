"""canonical_texts writes maps of counts itself (issue 13): its text must be json.dumps's, character for character."""

from __future__ import annotations

import json
import random

import pytest

from game.engine import canonical
from game.engine.canonical import canonical_json, canonical_texts, counts_text


def dumps(data: object, ascii_only: bool) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=ascii_only)


def state_like(rng: random.Random, names: list[str], size: int) -> dict[str, object]:
    counts = {rng.choice(names) + str(n): rng.choice([0, 1, 2, 7, 999, 1023, 1024, 5000, 2**70]) for n in range(size)}
    chosen = {f"{rng.choice(names)}.{n}": rng.randint(0, 3) for n in range(size)}
    return {"format": 2, "scene": "a", "seed": -3, "rng": 2**63, "vars": {"flag": True, "n": 1.5, "who": "Ruth"},
            "items": {"tape": 1}, "visits": counts, "chosen": chosen, "ended": None}


@pytest.mark.parametrize("seed", range(20))
def test_the_text_is_json_dumps_own(seed: int) -> None:
    rng = random.Random(seed)
    names = ["c", "hailsham.pond", "Ärger", 'say "hi"', "back\\slash", "tab\there", "del\x7f", "zz", "é", "\u2028"]
    data = state_like(rng, names, rng.choice([1, 65, 200]))
    readable, canonical_text = canonical_texts(data)
    assert readable == dumps(data, ascii_only=False)
    assert canonical_text == dumps(data, ascii_only=True) == canonical_json(data)


def test_plain_names_take_the_quick_way_and_others_the_encoder() -> None:
    plain = {f"c{n}": n for n in range(100)}
    assert counts_text(plain) == dumps(plain, ascii_only=False)
    for name in ('a"b', "a\\b", "é", "a\nb", "a\x7fb"):
        odd = {**plain, name: 1}
        assert counts_text(odd) is None
        assert canonical_texts({"visits": odd}) == (dumps({"visits": odd}, False), dumps({"visits": odd}, True))


def test_counts_that_are_not_whole_numbers_go_to_the_encoder() -> None:
    for value in (True, 1.0, None, "1", -1):
        counts = {**{f"c{n}": n for n in range(100)}, "x": value}
        expected = None if value != -1 else dumps(counts, ascii_only=False)
        assert counts_text(counts) == expected
        assert canonical_json({"visits": counts}) == dumps({"visits": counts}, ascii_only=True)


def test_names_of_mixed_kinds_are_refused_as_the_encoder_refuses_them() -> None:
    mixed = {**{f"c{n}": n for n in range(100)}, 3: 1}
    assert counts_text(mixed) is None
    with pytest.raises(TypeError):
        canonical_texts({"visits": mixed})


def test_the_kept_names_are_forgotten_when_too_many(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(canonical, "_QUOTED_MAX", 150)
    canonical._QUOTED.clear()
    for start in range(0, 1000, 100):
        counts = {f"n{start + n}": n for n in range(100)}
        assert counts_text(counts) == dumps(counts, ascii_only=False)
        assert len(canonical._QUOTED) <= 150
