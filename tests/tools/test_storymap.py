"""The story map: nodes and edges extracted from the model, chapters, reachability and run traces."""

from __future__ import annotations

from game.engine import Engine, Recording, Run, load_story, load_story_from_texts
from game.engine.storymap import build_map, trace
from tests.conftest import TINY, story_texts

BRANCHY = """\
- id: a
  chapter: One
  title: Start
  text: Start here.
  on_enter:
    - if: visited('a') > 2
      then: [{goto: lost}]
  actions:
    - verbs: [jump]
      say: I jump.
      goto: b
  choices:
    - id: to_b
      text: Go to B.
      if: x >= 1
      goto: b
    - id: bump
      text: Bump x.
      do:
        - add: {x: 1}
        - if: x > 5
          then: [{goto: lost}]
          else: [{goto: a}]
- id: b
  chapter: Two
  title: B
  text: B.
  choices:
    - text: End it.
      goto: end
- id: lost
  chapter: Two
  title: Lost
  text: Lost.
  ending: lost
- id: end
  chapter: Two
  title: The end
  text: Over.
  ending: done
- id: island
  chapter: Two
  title: Island
  text: Nobody comes here.
  choices:
    - text: Loop.
      goto: island
"""


def branchy():
    return load_story_from_texts(story_texts(BRANCHY))


def test_nodes_carry_title_chapter_position_and_ending():
    m = build_map(load_story(TINY))
    assert set(m.nodes) == {"yard.gate", "yard.middle", "lane.end", "house.hall"}
    gate = m.nodes["yard.gate"]
    assert (gate.title, gate.chapter, gate.line) == ("The gate", "The Yard", 1)
    assert gate.path.endswith("yard.yaml")
    assert m.nodes["house.hall"].ending == "home"
    assert m.nodes["house.hall"].ending_title == "Home"
    assert m.nodes["yard.gate"].ending is None
    assert m.chapters == ("The Yard", "The House")


def test_edges_are_choices_actions_and_effect_gotos_with_conditions():
    m = build_map(branchy())
    keyed = {(e.source, e.option, e.target): e for e in m.edges}
    assert keyed[("a", "to_b", "b")].kind == "choice"
    assert keyed[("a", "to_b", "b")].condition == "x >= 1"
    assert keyed[("a", "to_b", "b")].label == "Go to B."
    assert keyed[("a", "jump", "b")].kind == "action"
    assert keyed[("a", "jump", "b")].label == "jump"
    lost = keyed[("a", "bump", "lost")]
    assert lost.kind == "effect" and lost.condition == "x > 5"
    assert keyed[("a", "bump", "a")].condition == "not (x > 5)"
    on_enter = keyed[("a", "", "lost")]
    assert on_enter.kind == "effect" and on_enter.condition == "visited('a') > 2"
    assert on_enter.line > 0 and on_enter.path.endswith("scenes.yaml")


def test_reachability_and_ways_to_an_ending():
    m = build_map(branchy())
    assert m.reachable() == {"a", "b", "lost", "end"}
    can_end = m.can_end()
    assert "island" not in can_end
    assert {"a", "b", "lost", "end"} <= can_end


def test_chapter_map_keeps_its_scenes_and_the_edges_that_cross_its_border():
    m = build_map(branchy())
    one = m.for_chapter("One")
    assert set(one.nodes) == {"a"}
    assert {e.target for e in one.exits} == {"b", "lost"}
    assert not one.entries
    two = m.for_chapter("Two")
    assert set(two.nodes) == {"b", "lost", "end", "island"}
    assert {e.source for e in two.entries} == {"a"}
    assert all(e.source in two.nodes or e.target in two.nodes for e in two.edges)


def test_trace_marks_the_way_a_run_went_including_typed_commands():
    engine = Engine(load_story(TINY))
    run = Run(engine, seed=3)
    run.command("lift the stone")
    run.choose("in")
    run.choose("door")
    t = trace(engine, run.recording)
    assert t.nodes == {"yard.gate", "yard.middle", "house.hall"}
    assert ("yard.gate", "in", "yard.middle") in t.edges
    assert ("yard.middle", "door", "house.hall") in t.edges
    assert ("yard.gate", "take_stone") in t.taken  # the typed command found its action
    assert t.order == ["yard.gate", "yard.middle", "house.hall"]
    assert t.stopped_at is None
    m = build_map(engine.story)
    went = [e for e in m.edges if t.went(e)]
    assert {e.key for e in went} == {("yard.gate", "in", "yard.middle"), ("yard.middle", "door", "house.hall")}


def test_trace_follows_effect_gotos_and_stops_at_an_input_that_no_longer_applies():
    engine = Engine(branchy())
    inputs = [["a", "choose", "bump"], ["a", "choose", "bump"], ["a", "choose", "nope"], ["a", "choose", "bump"]]
    t = trace(engine, Recording.of(engine.story, 1, inputs))
    assert ("a", "bump", "a") in t.edges
    assert ("a", "", "lost") in t.edges  # the third entry into a sends the run on to lost
    assert "lost" in t.nodes
    assert t.stopped_at == 2


def test_a_run_traces_on_from_where_it_last_traced_and_again_from_the_start_after_undo():
    engine = Engine(load_story(TINY))
    run = Run(engine, seed=3)
    steps: list[str] = []
    choose, command = engine.choose, engine.command
    engine.choose = lambda state, option: steps.append(option) or choose(state, option)  # every engine step, counted
    engine.command = lambda state, line: steps.append(line) or command(state, line)
    run.command("lift the stone")
    run.choose("in")
    steps.clear()
    first = run.trace()
    assert steps == ["lift the stone", "in"]
    assert first == trace(engine, run.recording) and first.order == ["yard.gate", "yard.middle"]
    run.choose("door")
    steps.clear()
    grown = run.trace()
    assert steps == ["door"]  # only what was played since the last trace
    assert grown == trace(engine, run.recording) and grown.order[-1] == "house.hall"
    steps.clear()
    assert run.trace() == grown and steps == []
    assert first.order == ["yard.gate", "yard.middle"]  # an earlier trace is the caller's to keep: never changed
    run.undo()
    run.undo()
    steps.clear()
    again = run.trace()
    assert steps == ["lift the stone"]  # the run went back: traced again from the start
    assert again == trace(engine, run.recording) and again.order == ["yard.gate"] and "house.hall" not in again.nodes
