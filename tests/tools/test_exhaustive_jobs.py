"""explore --exhaustive over several worker processes finds exactly what one process finds: the same states,
endings, coverage, witnesses, dead ends, loops and errors, and stops at a bound at the same state."""

from __future__ import annotations

import json

import pytest

from game.engine import Engine, load_story
from game.tools import exhaustive_pool
from game.tools.exhaustive import search
from tests.conftest import ROOT, TINY
from tests.tools.test_exhaustive import FINITE, story
from tests.tools.test_exhaustive_merging import MERGES

TROUBLE = """\
- id: a
  chapter: C
  title: A
  text:
    - A.
    - {if: "n > 1", text: Many., else: Few.}
  things:
    stone: A stone.
  actions:
    - {verbs: [lift], thing: stone, do: [{add: {n: 1}}], say: Heavy.}
  choices:
    - {id: bad, text: Bad., do: [{set: {s: "'x'"}}, {add: {s: 1}}], goto: z}
    - {id: stuck, text: Stuck., goto: b}
    - {id: round, text: Round., if: "n < 3", goto: t}
    - {id: end, text: End., goto: z}
- id: b
  chapter: C
  title: B
  text: B.
  choices:
    - {id: never, text: Never., if: "has('key')", goto: z}
- id: t
  chapter: C
  title: T
  text: T.
  choices:
    - {id: again, text: Again., goto: t2}
- id: t2
  chapter: C
  title: T2
  text: T2.
  choices:
    - {id: back, text: Back., goto: t}
- id: z
  chapter: C
  title: Z
  text: Z.
  ending: done
"""


def everything(res) -> str:
    """All a search reports, as one text: equal texts mean equal results."""
    return json.dumps([res.summary(), sorted(res.covered), res.endings, res.problems, res.counts, res.cut_short,
                       res.traps_checked, sorted(res.crowded)], sort_keys=True, default=str)


@pytest.mark.parametrize("name", ["tiny", "finite", "merges", "trouble"])
@pytest.mark.parametrize("text", [True, False])
def test_workers_find_exactly_what_one_process_finds(name, text, monkeypatch):
    st = load_story(TINY) if name == "tiny" else story({"finite": FINITE, "merges": MERGES, "trouble": TROUBLE}[name])
    one = search(Engine(st), 1, 100000, text=text)
    monkeypatch.setattr(exhaustive_pool, "BATCH", 2)  # many small batches: the order of results is what is tested
    two = search(Engine(st), 1, 100000, text=text, jobs=2)
    three = search(Engine(st), 1, 100000, text=text, jobs=3)
    assert everything(one) == everything(two) == everything(three)
    assert not one.cut_short
    if name == "trouble":
        assert {"dead:b", "loop:t"} <= set(one.problems) and any(p.startswith("error:") for p in one.problems)


@pytest.mark.parametrize("bound", [3, 6])
def test_a_bound_stops_workers_at_the_same_state(bound):
    st = story(TROUBLE)
    one = search(Engine(st), 1, bound)
    two = search(Engine(st), 1, bound, jobs=2)
    assert one.cut_short and two.cut_short and one.states == two.states == bound
    assert everything(one) == everything(two)


def test_the_shipped_story_cut_short_is_the_same_on_two_workers():
    """The shipped story's first few thousand states, fairness between scenes and all, in the same order."""
    st = load_story(ROOT / "scenes")
    one = search(Engine(st), 1, 4000, text=False)
    two = search(Engine(st), 1, 4000, text=False, jobs=2)
    assert one.cut_short and everything(one) == everything(two)


def test_stopping_at_the_first_ending_is_the_same_on_two_workers():
    st = story(FINITE)
    one = search(Engine(st), 1, 10000, stop_at_ending=True)
    two = search(Engine(st), 1, 10000, stop_at_ending=True, jobs=2)
    assert one.endings == two.endings == {"done": 1} and everything(one) == everything(two)


@pytest.mark.parametrize("share", [0.0, 0.5, 0.9])
def test_states_handed_on_or_pulled_back_change_nothing(share, monkeypatch):
    """Whichever process expands a state (this one, a worker holding it, a worker handed it packed, or this one
    after pulling it back), the search reports the same: the share only moves work, never the result."""
    st = load_story(ROOT / "scenes")
    one = search(Engine(st), 1, 1500, text=False)
    counts: dict[str, int] = {}
    close = exhaustive_pool.Pool.close

    def noting(pool):
        for k, v in pool.counts.items():
            counts[k] = counts.get(k, 0) + v
        close(pool)

    monkeypatch.setattr(exhaustive_pool.Pool, "close", noting)
    monkeypatch.setattr(exhaustive_pool, "BATCH", 8)
    monkeypatch.setattr(exhaustive_pool, "SLACK", 2.0)
    monkeypatch.setattr(exhaustive_pool, "STEP", 0.0)
    monkeypatch.setattr(exhaustive_pool, "START_SHARE", share)
    for jobs in (2, 3):
        assert everything(search(Engine(st), 1, 1500, text=False, jobs=jobs)) == everything(one)
    assert counts["there"] > 0
    if share < 1:
        assert counts["pushed"] > 0  # states this process held went to a worker
    if share > 0:
        assert counts["pulled"] > 0 and counts["here"] > 1  # a worker's children came back and were expanded here
