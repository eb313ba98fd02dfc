"""nlmg check's whole-story analysis: each kind of mistake found at its exact place, and no false alarms."""

from __future__ import annotations

from game.engine import load_story, load_story_from_texts
from game.tools.analysis import Analysis, analyse
from tests.conftest import TINY, story_texts

HEADER = """\
id: test
title: Test
start: a
items:
  key: {name: a key, look: A key.}
  coin: {name: a coin, look: A coin.}
  ghost: {name: a ghost, look: Nothing.}
  lamp: {name: a lamp, look: A lamp.}
endings:
  home: {title: Home}
  lost: {title: Lost}
  never: {title: Never}
variables:
  x: 0
  spare: 1
"""


# the scene most of these stories end in: it follows a literal whose last line is the 8 spaces of its indentation
B_HOME = "- id: b\n          chapter: One\n          title: B\n          text: B.\n          ending: home\n"


def diags(scenes: str, header: str = HEADER):
    story = load_story_from_texts(story_texts(scenes, header))
    return analyse(story)


def at(ds, line: int) -> list[str]:
    return [d.message for d in ds if d.line == line and d.path.endswith("scenes.yaml")]


def line_of(scenes: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the nth line of `scenes` that contains `needle`, after dedenting."""
    import textwrap

    hits = [i for i, line in enumerate(textwrap.dedent(scenes).splitlines(), 1) if needle in line]
    return hits[nth - 1]


def test_tiny_story_has_only_its_unused_item():
    ds = analyse(load_story(TINY))
    assert [d.message for d in ds] == ["item 'letter' is never given and nothing refers to it"]
    assert ds[0].path.endswith("story.yaml") and ds[0].line == 14 and ds[0].col == 3


def test_unreachable_scene_and_unreached_ending():
    ds = diags("""\
        - id: a
          chapter: One
          title: A
          text: Start.
          choices:
            - {text: Home., goto: b}
        - id: b
          chapter: One
          title: B
          text: Home.
          ending: home
        - id: orphan
          chapter: One
          title: Orphan
          text: Nobody comes.
          ending: lost
        """)
    msgs = at(ds, 12)
    assert len(msgs) == 1 and "scene 'orphan' cannot be reached from the start ('a')" in msgs[0]
    assert "ending 'lost' is never reached" in msgs[0]
    assert all(d.severity == "warning" for d in ds)
    assert any("ending 'never' is declared but no scene ends with it" in d.message for d in ds)


def test_trap_loop_with_no_way_to_an_ending():
    ds = diags("""\
        - id: a
          chapter: One
          title: A
          text: Start.
          choices:
            - {text: Home., goto: end}
            - {text: Into the maze., goto: m1}
        - id: m1
          chapter: One
          title: Maze 1
          text: Turning.
          choices:
            - {text: On., goto: m2}
        - id: m2
          chapter: One
          title: Maze 2
          text: Turning again.
          choices:
            - {text: Back., goto: m1}
        - id: end
          chapter: One
          title: End
          text: Out.
          ending: home
        """)
    traps = [d for d in ds if "no ending can be reached" in d.message]
    assert {d.line for d in traps} == {8, 14}
    assert "'m2'" in traps[0].message


def test_variables_set_but_never_read_and_declared_but_unused():
    ds = diags("""\
        - id: a
          chapter: One
          title: A
          text: Start.
          choices:
            - text: Count.
              do: [{add: {tally: 1}}, {set: {x: 1}}]
              goto: b
        - id: b
          chapter: One
          title: B
          text:
            - if: x == 1
              text: Counted.
          ending: home
        """)
    tally = [d for d in ds if "'tally'" in d.message]
    assert len(tally) == 1 and tally[0].line == 7 and "set here but never read" in tally[0].message
    assert not any("'x'" in d.message for d in ds)  # x is read
    spare = [d for d in ds if "'spare'" in d.message]
    assert len(spare) == 1 and "declared in story.yaml but never set or read" in spare[0].message


def test_items_given_but_unused_and_needed_but_never_given():
    ds = diags("""\
        - id: a
          chapter: One
          title: A
          text: Start.
          actions:
            - verbs: [take]
              thing: stone
              do: [{give: coin}, {give: key}]
              say: Taken.
          things:
            stone: A stone.
          choices:
            - text: Open.
              if: has('key') or has('ghost')
              goto: b
            - text: Wait.
              goto: b
        """ + B_HOME)
    coin = [d for d in ds if "item 'coin'" in d.message]
    assert len(coin) == 1 and "given here but never used" in coin[0].message and coin[0].line == 8
    ghost = [d for d in ds if "item 'ghost'" in d.message]
    assert len(ghost) == 1 and "needed here but no effect ever gives it" in ghost[0].message
    assert ghost[0].line == 14 and ghost[0].col == 11 + len("has('key') or ")
    assert not any("item 'key'" in d.message for d in ds)
    lamp = [d for d in ds if "item 'lamp'" in d.message]
    assert len(lamp) == 1 and "never given and nothing refers to it" in lamp[0].message
    assert not any("can never be true" in d.message for d in ds)  # has('key') can hold


def test_conditions_that_can_never_be_true_are_found_with_a_reason():
    ds = diags("""\
        - id: a
          chapter: One
          title: A
          text:
            - Start.
            - if: x < 0
              text: Never shown.
          choices:
            - text: Set.
              do: [{set: {x: 1}}]
              once: true
            - text: Three.
              if: x >= 3
              goto: b
            - text: Ghost.
              if: has('ghost')
              goto: b
            - text: Seen.
              if: visited('orphan') > 0
              show: disabled
              goto: b
            - text: Fine.
              if: x == 1
              goto: b
        - id: b
          chapter: One
          title: B
          text: B.
          ending: home
        - id: orphan
          chapter: One
          title: Orphan
          text: O.
          ending: lost
        """)
    never = {d.line: d.message for d in ds if "can never be true" in d.message}
    assert set(never) == {6, 13, 16, 19}
    assert "'x' is only ever 0 or 1" in never[13] and "choice 'three' is never offered" in never[13]
    assert "'ghost' is never given" in never[16]
    assert "scene 'orphan' is never reached" in never[19] and "always shown disabled" in never[19]
    assert "this paragraph is never shown" in never[6]


def test_additions_widen_but_keep_what_is_certain():
    ds = diags("""\
        - id: a
          chapter: One
          title: A
          text: Start.
          choices:
            - text: More.
              do: [{add: {x: 2}}]
              goto: a
            - text: Big.
              if: x >= 100
              goto: b
            - text: Negative.
              if: x < 0 or x == -3
              goto: b
            - text: Rolled.
              do: [{roll: {r: 6}}]
              goto: c
        - id: b
          chapter: One
          title: B
          text: B.
          ending: home
        - id: c
          chapter: One
          title: C
          text:
            - if: r > 6
              text: Impossible.
            - if: r == 6
              text: Possible.
          choices:
            - {text: Home., goto: b}
        """)
    never = {d.line: d.message for d in ds if "can never be true" in d.message}
    assert set(never) == {13, 27}
    assert "'x' is always at least 0" in never[13]
    assert "'r' is only ever 0, 1, 2, 3, 4, 5 or 6" in never[27]


def test_a_scene_behind_a_dead_condition_is_unreachable_and_its_ending_too():
    ds = diags("""\
        - id: a
          chapter: One
          title: A
          text: Start.
          choices:
            - text: Locked.
              if: has('ghost')
              goto: vault
            - {text: Home., goto: b}
        - id: vault
          chapter: One
          title: Vault
          text: Gold.
          ending: lost
        """ + B_HOME)
    vault = at(ds, 10)
    assert len(vault) == 1 and "can only be reached through choices or gotos whose conditions can never be true" in vault[0]


def test_chained_facts_refine_in_rounds():
    # y becomes 1 only behind a condition on x, and x can never reach 5: so y stays 0 and 'gate' is dead.
    ds = diags("""\
        - id: a
          chapter: One
          title: A
          text: Start.
          choices:
            - text: Flip.
              if: x == 5
              do: [{set: {y: 1}}]
              goto: a
            - text: Gate.
              if: y == 1
              goto: b
            - text: Inc.
              do: [{set: {x: 1}}]
              goto: b
        """ + B_HOME)
    never = {d.line for d in ds if "can never be true" in d.message}
    assert never == {7, 11}


def test_no_false_alarm_on_loops_that_count_up_or_strings():
    ds = diags("""\
        - id: a
          chapter: One
          title: A
          text: Start.
          on_enter:
            - set: {mood: "'calm'"}
            - if: visited() > 3
              then: [{set: {mood: "'restless'"}}]
          choices:
            - text: Again.
              do: [{set: {x: x + 1}}]
              goto: a
            - text: Restless.
              if: mood == 'restless' and x >= 4
              goto: b
            - text: Chosen.
              if: chosen('again') >= 2
              goto: b
        """ + B_HOME)
    assert not [d for d in ds if "can never be true" in d.message]
    assert not [d for d in ds if "reached" in d.message and "scene" in d.message]


def test_things_without_look_or_action_are_reported():
    story = load_story_from_texts(story_texts("""\
        - id: a
          chapter: One
          title: A
          text: Start.
          things:
            rock: {look: A rock.}
          choices:
            - {text: Home., goto: b}
        """ + B_HOME, HEADER))
    # every thing needs a look by the schema; blank one out to see the check fire
    from dataclasses import replace

    scene = story.scenes["a"]
    rock = replace(scene.things["rock"], look=())
    patched = replace(story, scenes={**story.scenes, "a": replace(scene, things={"rock": rock})})
    assert not [d for d in analyse(story) if "thing 'rock'" in d.message]
    found = [d for d in analyse(patched) if "thing 'rock'" in d.message]
    assert len(found) == 1 and found[0].line == 6


def test_analysis_exposes_what_it_proved():
    story = load_story_from_texts(story_texts("""\
        - id: a
          chapter: One
          title: A
          text: Start.
          choices:
            - {text: Never., if: has('ghost'), goto: z}
            - {text: Home., goto: b}
        - id: b
          chapter: One
          title: B
          text: B.
          ending: home
        - id: z
          chapter: One
          title: Z
          text: Z.
          ending: lost
        """, HEADER))
    a = Analysis(story)
    a.run()
    assert a.unreachable == {"z"}
    assert [c.source for c, _ in a.never_true] == ["has('ghost')"]


def _dividing(cond: str) -> str:
    return f"""\
        - id: a
          chapter: One
          title: A
          text: Start.
          choices:
            - {{text: On., goto: b}}
        - id: b
          chapter: One
          title: B
          text:
            - if: {cond}
              text: Divided.
            - B.
          choices:
            - {{text: Home., goto: c}}
        - id: c
          chapter: One
          title: C
          text: C.
          ending: home
        """


def test_a_condition_that_divides_by_zero_is_named_for_its_run_time_error_not_called_never_true():
    # x is only ever 0, so testing the paragraph's condition is a run-time error: it does not merely come out false
    for cond in ("10 // x > 1", "10 // x > 1 or spare == 1", "not (5 % x)"):
        ds = diags(_dividing(cond))
        found = at(ds, 11)
        assert len(found) == 1, (cond, found)
        assert "division by zero in" in found[0] and "fails at run time" in found[0], (cond, found)
        assert "can never be true" not in found[0] and "'x' is only ever 0" in found[0]


def test_a_division_guarded_by_its_own_condition_is_no_run_time_error():
    # `x > 0 and ...` never reaches the division; `x == 0 or ...` never needs it
    ds = diags(_dividing("x > 0 and 10 // x > 1"))
    assert at(ds, 11) and "can never be true" in at(ds, 11)[0] and "fails at run time" not in at(ds, 11)[0]
    assert not at(diags(_dividing("x == 0 or 10 // x > 1")), 11)


def test_a_misspelt_flag_is_flagged_once_at_each_place_it_is_read():
    scenes = """\
        - id: a
          chapter: One
          title: A
          text:
            - Start.
            - if: took_jumpr
              text: The jumper.
          choices:
            - text: Take it.
              do: [{set: {took_jumper: 1}}]
              once: true
            - text: Wear it.
              if: took_jumpr
              goto: b
            - text: Both.
              if: took_jumpr or x >= 3
              goto: b
            - text: On.
              if: took_jumper
              goto: b
        """ + B_HOME
    story = load_story_from_texts(story_texts(scenes, HEADER))
    typo = [w for w in story.warnings if "'took_jumpr'" in w.message]
    assert [w.line for w in typo] == [line_of(scenes, "if: took_jumpr"), line_of(scenes, "if: took_jumpr", 2),
                                      line_of(scenes, "if: took_jumpr or")]
    assert all("read but never set" in w.message and "did you mean 'took_jumper'?" in w.message for w in typo)
    never = {d.line: d.message for d in analyse(story) if "can never be true" in d.message}
    # where the typo is all a condition reads, the build's warning says it; where it is not, the analysis still speaks
    assert set(never) == {line_of(scenes, "if: took_jumpr or")}
    assert "'x' is only ever 0" in never[line_of(scenes, "if: took_jumpr or")]
