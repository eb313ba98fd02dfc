"""The exhaustive search's merging (text=False, exact counter bands, asides that change nothing) is sound:
on small stories it finds the same endings, dead ends, loops and errors as the search that keeps everything."""

from __future__ import annotations

import textwrap

import pytest

from game.engine import Engine, Recording, Run, load_story, load_story_from_texts
from game.tools.exhaustive import search
from game.tools.statekey import StateKey
from tests.conftest import TINY
from tests.tools.test_exhaustive import FINITE, HEADER

# Text reads a flag and a score; a choice reads the score against a number; asides that only tell
# are once; one branch ends in a scene whose only moves are such asides (a dead end once they are used);
# another goes round a loop with no way out.
MERGES = """\
- id: a
  chapter: C
  title: A
  text:
    - A.
    - {if: "kind", text: Kindly., else: Coldly.}
  actions:
    - {verbs: [ask], thing: ruth, say: She shrugs., once: true}
    - {verbs: [touch], thing: wall, say: Cold., once: true}
  things:
    ruth: Ruth.
    wall: A wall.
  choices:
    - {id: warm, text: Warm., do: [{set: {kind: true}}, {add: {score: 2}}], goto: b, once: true}
    - {id: cool, text: Cool., do: [{set: {kind: false}}, {add: {score: -1}}], goto: b, once: true}
    - {id: wait, text: Wait., do: [{add: {score: 1}}], goto: b, once: true}
- id: b
  chapter: C
  title: B
  text:
    - {if: "kind and score > 1", text: Warmly., else: Plainly.}
  choices:
    - {id: again, text: Again., goto: a}
    - {id: end, text: End., if: "score >= 3", goto: z}
    - {id: lost, text: Lost., if: "score < 0", goto: s}
    - {id: round, text: Round., if: "score == 1", goto: r}
- id: s
  chapter: C
  title: S
  text: S.
  actions:
    - {verbs: [listen], thing: sea, say: The sea., once: true}
  things:
    sea: The sea.
  choices:
    - {id: never, text: Never., if: "has('key')", goto: z}
- id: r
  chapter: C
  title: R
  text: R.
  choices:
    - {id: on, text: On., goto: r2}
- id: r2
  chapter: C
  title: R2
  text: R2.
  choices:
    - {id: back, text: Back., goto: r}
- id: z
  chapter: C
  title: Z
  text: Z.
  ending: done
"""


def _story(name: str):
    if name == "tiny":
        return load_story(TINY)
    scenes = {"finite": FINITE, "merges": MERGES}[name]
    return load_story_from_texts({"story.yaml": HEADER, "scenes.yaml": textwrap.dedent(scenes)})


def _verdict(res) -> tuple:
    places = sorted(p for p in res.problems if not p.startswith("typing:"))
    return res.endings, places, res.cut_short, res.traps_checked


@pytest.mark.parametrize("name", ["tiny", "finite", "merges"])
def test_merged_search_finds_the_same_endings_dead_ends_and_loops(name):
    st = _story(name)
    full = search(Engine(st), 1, 200000, text=True)
    merged = search(Engine(st), 1, 200000, text=False)
    assert not full.cut_short and not merged.cut_short
    assert _verdict(merged) == _verdict(full)
    assert merged.states <= full.states


def test_merging_really_merges_and_its_witnesses_replay():
    st = _story("merges")
    full = search(Engine(st), 1, 200000, text=True)
    merged = search(Engine(st), 1, 200000, text=False)
    assert merged.states < full.states
    assert {"dead:s", "loop:r"} <= set(merged.problems)
    # the dead end's witness uses the asides up, so replaying it leaves nothing to do
    run, stop = Run.replay(Engine(st), Recording.of(st, 1, merged.problems["dead:s"][0]["inputs"]))
    assert stop is None and run.state.scene == "s"
    engine = Engine(st)
    assert not [o for o in engine.options(run.state) if o.enabled] and not engine.open_actions(run.state)
    for key in ("ending:done", "b/end", "a/ask_ruth"):
        run, stop = Run.replay(Engine(st), Recording.of(st, 1, merged.witnesses[key]))
        assert stop is None


def test_text_only_reads_leave_the_key_but_choice_reads_stay():
    st = _story("merges")
    engine = Engine(st)
    s1 = engine.new_state(1)
    engine.choose(s1, "warm")  # kind, score 2
    s2 = s1.copy()
    s2.vars["kind"] = False  # only prose reads kind
    exact, merged = StateKey(st, text=True), StateKey(st, text=False)
    assert exact(s1) != exact(s2)
    assert merged(s1) == merged(s2)
    s2.vars["score"] = 3  # a choice reads score >= 3
    assert merged(s1) != merged(s2)
