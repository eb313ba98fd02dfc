"""StateKey is sound: two states it calls the same open the same moves, and each move leads to states it again
calls the same (one step ahead, for every pair met: by induction, no run can tell them apart). Checked on the
small stories the search is tested with and on the first few thousand states of the shipped story."""

from __future__ import annotations

from collections import deque

import pytest

from game.engine import Engine, RunError, load_story
from game.tools.exhaustive_step import moves, paragraph_conds, shown_paragraphs
from game.tools.statekey import StateKey
from tests.conftest import ROOT, TINY
from tests.tools.test_exhaustive import FINITE, story
from tests.tools.test_exhaustive_jobs import TROUBLE
from tests.tools.test_exhaustive_merging import MERGES


# A flag set (or not) at the start and read by a choice two scenes on; a count read by text only.
LATE = """\
- id: a
  chapter: C
  title: A
  text: A.
  choices:
    - {id: yes, text: Yes., do: [{set: {flag: true}}, {add: {n: 1}}], goto: b}
    - {id: no, text: No., do: [{add: {n: 2}}], goto: b}
- id: b
  chapter: C
  title: B
  text: B.
  choices:
    - {id: on, text: On., goto: c}
- id: c
  chapter: C
  title: C
  text:
    - {if: "n > 1", text: Twice., else: Once.}
  choices:
    - {id: out, text: Out., if: "flag", goto: z}
    - {id: other, text: Other., goto: z}
- id: z
  chapter: C
  title: Z
  text: Z.
  ending: done
"""


def step(engine: Engine, key_of: StateKey, state, paragraphs: dict | None) -> dict:
    """Every move that does something (asides merged away apart): input -> (what came of it, the state it leads to)."""
    out = {}
    for inp, option in moves(engine, state):
        if option in key_of.noops:
            continue
        child = state.copy()
        try:
            outcome = engine.choose(child, inp.value) if inp.kind == "choose" else engine.command(child, inp.value)
        except RunError as exc:
            out[inp] = (("error", str(exc)), None)
            continue
        shown = shown_paragraphs(child, paragraphs) if paragraphs is not None else ()  # the exact key answers for prose too
        out[inp] = ((outcome.recorded, key_of(child), child.ended, shown), child)
    return out


def diff(a, b) -> frozenset:
    da, db = a.to_dict(), b.to_dict()
    return frozenset((f, repr(da[f]), repr(db[f])) for f in da if da[f] != db[f])


def merged_pairs(st, text: bool, limit: int) -> tuple[int, list[str]]:
    """Breadth-first over states, and over every pair of different states the key calls the same.

    A pair is checked one step ahead (the same moves, each to states of one key, ending alike), and
    the pairs those moves lead to are checked in turn, so a difference the key drops shows where it
    first matters, however far on.
    """
    engine, key_of = Engine(st), StateKey(st, text)
    paragraphs = paragraph_conds(engine) if text else None
    first: dict = {}
    queue: deque = deque([(engine.new_state(1), None)])
    pairs_seen: set = set()
    pairs, wrong = 0, []
    while queue and len(first) + len(pairs_seen) < limit and len(wrong) < 3:
        s, twin = queue.popleft()
        k = key_of(s)
        if twin is None and k in first:
            twin = first[k]
            if twin.to_dict() == s.to_dict():
                continue
        if twin is not None:
            mark = (k, diff(s, twin))
            if mark in pairs_seen:
                continue
            pairs_seen.add(mark)
            pairs += 1
            mine, theirs = step(engine, key_of, s, paragraphs), step(engine, key_of, twin, paragraphs)
            if {i: r for i, (r, _) in mine.items()} != {i: r for i, (r, _) in theirs.items()}:
                wrong.append(f"{s.scene}: {sorted(mark[1])}")
                continue
            for inp, (_r, child) in mine.items():
                other = theirs[inp][1]
                if child is not None and child.ended is None and child.to_dict() != other.to_dict():
                    queue.append((child, other))
            continue
        first[k] = s
        if s.ended is not None:
            continue
        for _r, child in step(engine, key_of, s, paragraphs).values():
            if child is not None:
                queue.append((child, None))
    return pairs, wrong


@pytest.mark.parametrize("name", ["tiny", "finite", "merges", "trouble", "late"])
@pytest.mark.parametrize("text", [True, False])
def test_states_with_one_key_cannot_differ_in_what_happens_next(name, text):
    scenes = {"finite": FINITE, "merges": MERGES, "trouble": TROUBLE, "late": LATE}
    st = load_story(TINY) if name == "tiny" else story(scenes[name])
    pairs, wrong = merged_pairs(st, text, 5000)
    assert not wrong
    if name in ("merges", "tiny", "late") and not text:
        assert pairs  # the check really compared merged states


def test_the_check_finds_a_key_that_drops_what_a_later_choice_reads(monkeypatch):
    """The check can fail: a key that forgets variables merges states a later choice tells apart, two scenes on."""
    real = StateKey.__call__
    monkeypatch.setattr(StateKey, "__call__", lambda self, s: (real(self, s)[:2] + ((),) + real(self, s)[3:]))
    _pairs, wrong = merged_pairs(story(LATE), False, 1000)
    assert wrong and wrong[0].startswith("c:")


def test_the_shipped_storys_merged_states_cannot_differ_in_what_happens_next():
    pairs, wrong = merged_pairs(load_story(ROOT / "scenes"), False, 3000)
    assert pairs > 100 and not wrong[:3]
