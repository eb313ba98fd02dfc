"""nlmg explore --exhaustive: witnesses that really take each option, honest bounds, and proven traps."""

from __future__ import annotations

import textwrap

from game.engine import Engine, Input, Recording, Run, load_story, load_story_from_texts
from game.tools.exhaustive import StateKey, search
from game.tools.explore import universe
from tests.conftest import TINY

HEADER = """\
id: t
title: T
start: a
items:
  key: {name: a key, look: A key.}
endings:
  done: {title: Done}
  secret: {title: Secret}
"""

# The secret ending needs the key AND three visits to the well: random runs rarely find it.
FINITE = """\
- id: a
  chapter: C
  title: A
  text: A.
  things:
    stone: A stone.
  actions:
    - {verbs: [lift], thing: stone, do: [{give: key}], say: A key., once: true}
  choices:
    - {id: well, text: To the well., goto: w}
    - {id: end, text: End., goto: z}
- id: w
  chapter: C
  title: Well
  text:
    - The well.
    - {if: "visited('w') >= 3", text: I know it well now., else: It is new to me.}
  choices:
    - {id: back, text: Back., goto: a}
    - {id: down, text: Down., if: "has('key') and visited('w') >= 3", goto: s}
- id: z
  chapter: C
  title: Z
  text: Z.
  ending: done
- id: s
  chapter: C
  title: S
  text: S.
  ending: secret
"""


def story(scenes: str, header: str = HEADER):
    return load_story_from_texts({"story.yaml": header, "scenes.yaml": textwrap.dedent(scenes)})


def test_complete_search_covers_everything_with_replayable_witnesses():
    st = story(FINITE)
    engine = Engine(st)
    res = search(engine, 1, 10000)
    assert not res.cut_short and res.traps_checked
    items = universe(st)
    for kind, its in items.items():
        assert all(i.key in res.covered for i in its), (kind, [i.key for i in its if i.key not in res.covered])
    assert res.endings == {"done": 1, "secret": 1}
    # every witness really does what it claims: replaying it takes the option / reaches the ending
    w = res.witnesses["w/down"]
    run, stop = Run.replay(engine, Recording.of(st, 1, w))
    assert stop is None and run.state.chosen.get("w/down") == 1
    run, stop = Run.replay(engine, Recording.of(st, 1, res.witnesses["ending:secret"]))
    assert stop is None and run.state.ended == "secret"
    lift = res.witnesses["a/lift_stone"]
    assert lift[-1] == Input("a", "command", "lift stone")


def test_the_bound_cuts_short_and_says_so():
    res = search(Engine(story(FINITE)), 1, 5)
    assert res.cut_short and res.states == 5 and not res.traps_checked


def test_traps_are_proven_only_when_the_search_is_complete():
    st = story("""\
        - id: a
          chapter: C
          title: A
          text: A.
          choices:
            - {id: end, text: End., goto: z}
            - {id: in, text: In., goto: t}
        - id: t
          chapter: C
          title: T
          text: T.
          choices:
            - {id: round, text: Round., goto: t2}
        - id: t2
          chapter: C
          title: T2
          text: T2.
          choices:
            - {id: again, text: Again., goto: t}
        - id: z
          chapter: C
          title: Z
          text: Z.
          ending: done
        """, HEADER.replace("  secret: {title: Secret}\n", ""))
    res = search(Engine(st), 1, 1000)
    assert res.traps_checked
    traps = [p for p in res.problems if p.startswith("loop:")]
    assert traps == ["loop:t"]
    run, stop = Run.replay(Engine(st), Recording.of(st, 1, res.problems["loop:t"][0]["inputs"]))
    assert stop is None and run.state.scene == "t"


def test_dead_ends_and_errors_carry_witnesses():
    st = story("""\
        - id: a
          chapter: C
          title: A
          text: A.
          choices:
            - {id: bad, text: Bad., do: [{set: {n: "'x'"}}, {add: {n: 1}}], goto: z}
            - {id: stuck, text: Stuck., goto: b}
            - {id: end, text: End., goto: z}
        - id: b
          chapter: C
          title: B
          text: B.
          choices:
            - {id: never, text: Never., if: "has('key')", goto: z}
        - id: z
          chapter: C
          title: Z
          text: Z.
          ending: done
        """)
    res = search(Engine(st), 1, 1000)
    assert "dead:b" in res.problems and res.problems["dead:b"][0]["inputs"] == [["a", "choose", "stuck"]]
    errs = [p for p in res.problems if p.startswith("error:")]
    assert errs and res.problems[errs[0]][0]["failing"] == ["a", "choose", "bad"]


def test_state_key_ignores_what_no_future_scene_reads():
    st = story("""\
        - id: a
          chapter: C
          title: A
          text: A.
          choices:
            - {id: x1, text: X., do: [{set: {noise: 1}}], goto: b}
            - {id: x2, text: Y., do: [{set: {noise: 2}}], goto: b}
        - id: b
          chapter: C
          title: B
          text:
            - {if: "noise == 0", text: Quiet.}
          choices:
            - {id: on, text: On., goto: c}
        - id: c
          chapter: C
          title: C
          text: C.
          ending: done
        """)
    res = search(Engine(st), 1, 1000)
    # at b both noises matter (b reads noise); at c nothing reads it, so the two runs meet in one state
    key = StateKey(st)
    engine = Engine(st)
    s1, s2 = engine.new_state(1), engine.new_state(1)
    engine.choose(s1, "x1")
    engine.choose(s2, "x2")
    assert key(s1) != key(s2)
    engine.choose(s1, "on")
    engine.choose(s2, "on")
    assert key(s1) == key(s2)
    assert res.states == 4  # a, b with noise 1, b with noise 2, and c only once


def test_tiny_story_counter_read_only_against_a_number_is_banded_exactly_so_traps_are_proven():
    res = search(Engine(load_story(TINY)), 1, 10000)
    assert not res.cut_short
    # courage grows on every visit but is only ever compared with 3: every value past 4 answers alike
    assert res.traps_checked
    assert res.endings == {"home": 1, "away": 1}


def test_a_counter_compared_with_another_is_still_capped_and_then_makes_no_trap_claims():
    st = story("""\
        - id: a
          chapter: C
          title: A
          text: A.
          choices:
            - {id: up, text: Up., do: [{add: {n: 1}}], goto: a}
            - {id: end, text: End., if: "n > m", goto: z}
        - id: z
          chapter: C
          title: Z
          text: Z.
          ending: done
        """)
    res = search(Engine(st), 1, 10000)
    assert not res.cut_short and not res.traps_checked and res.endings == {"done": 1}


def test_a_depth_limit_that_stops_the_search_counts_as_cut_short():
    st = story(FINITE)
    assert search(Engine(st), 1, 10000, depth_limit=500).traps_checked  # deep enough: still complete
    shallow = search(Engine(st), 1, 10000, depth_limit=2)
    assert shallow.cut_short and not shallow.traps_checked
