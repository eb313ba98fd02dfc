"""nlmg explore: random runs that are deterministic, find every kind of problem with reproducing inputs, and cover."""

from __future__ import annotations

import io
import json
import textwrap

import pytest

from game.cli import main
from game.engine import Engine, Recording, Run, RunError, load_story, load_story_from_texts
from game.tools.explore import Explorer, Report, Tally, classify_loops, render_text, run_random, universe
from game.tools.progress import Progress
from tests.conftest import TINY

HEADER = """\
id: t
title: T
start: a
endings:
  done: {title: Done}
"""


def story(scenes: str):
    return load_story_from_texts({"story.yaml": HEADER, "scenes.yaml": textwrap.dedent(scenes)})


def report_of(st, runs=200, seed=1, steps=100, jobs=1) -> Report:
    engine = Engine(st)
    t = run_random(engine, runs, seed, steps, jobs)
    r = Report(st, "random", t.runs, seed, steps, 1.0, t.covered, t.endings, t.problems, t.counts)
    classify_loops(r, engine)
    return r


def stable(r: Report) -> dict:
    d = r.to_json()
    d.pop("seconds")
    d.pop("runs_per_second")
    return d


def test_same_seed_same_report_and_different_seed_differs():
    st = load_story(TINY)
    a, b, c = report_of(st, seed=5), report_of(st, seed=5), report_of(st, seed=6)
    assert stable(a) == stable(b)
    assert a.endings != c.endings  # 200 runs with other seeds split the two endings differently


def test_split_over_processes_gives_the_same_report():
    st = load_story(TINY)
    one = report_of(st, runs=600, seed=3, jobs=1)
    two = report_of(st, runs=600, seed=3, jobs=2)
    assert stable(one) == stable(two)
    assert sum(one.endings.values()) == 600


def test_tiny_story_is_fully_covered_with_counts_per_ending():
    r = report_of(load_story(TINY), runs=300)
    cov = r.coverage()
    assert all(c["percent"] == 100.0 for c in cov.values()), cov
    assert set(r.endings) == {"home", "away"} and sum(r.endings.values()) == 300
    assert not r.problems and not r.failed


def test_uncovered_items_are_listed_with_file_and_line():
    st = story("""\
        - id: a
          chapter: C
          title: A
          text:
            - Start.
            - {if: "visited('b') > 5", text: Rare.}
          choices:
            - {id: go, text: Go., goto: b}
        - id: b
          chapter: C
          title: B
          text: B.
          ending: done
        - id: island
          chapter: C
          title: Island
          text: Nobody comes.
          ending: done
        """)
    r = report_of(st, runs=20)
    missing = {(i.kind, i.key): i for i in r.uncovered()}
    assert ("scene", "island") in missing and missing[("scene", "island")].line == 14
    assert ("paragraph", "a#1") in missing and missing[("paragraph", "a#1")].line == 6
    assert missing[("scene", "island")].path == "scenes.yaml"
    text = render_text(r)
    assert "scenes.yaml:14: scene 'island'" in text


DEAD = """\
- id: a
  chapter: C
  title: A
  text: A.
  choices:
    - {id: left, text: Left., goto: b}
    - {id: right, text: Right., goto: c}
- id: b
  chapter: C
  title: B
  text: B.
  choices:
    - {id: out, text: Out., if: "visited('c') > 0", goto: c}
- id: c
  chapter: C
  title: C
  text: C.
  ending: done
"""


def test_dead_ends_are_reported_with_inputs_that_replay_to_them():
    st = story(DEAD)
    r = report_of(st, runs=50)
    groups = r.problem_groups()["dead"]
    assert groups and groups[0]["place"] == "dead:b"
    ex = groups[0]["examples"][0]
    run, stop = Run.replay(Engine(st), Recording.of(st, ex["seed"], ex["inputs"]))
    assert stop is None and run.state.scene == "b" and not [o for o in run.view().options if o.enabled]
    assert r.failed


def test_endless_loops_are_proven_and_long_runs_are_told_apart():
    trap = story("""\
        - id: a
          chapter: C
          title: A
          text: A.
          choices:
            - {id: end, text: End., goto: z}
            - {id: spin, text: Spin., goto: b}
        - id: b
          chapter: C
          title: B
          text: B.
          choices:
            - {id: back, text: Round., goto: b2}
        - id: b2
          chapter: C
          title: B2
          text: B2.
          choices:
            - {id: again, text: Again., goto: b}
        - id: z
          chapter: C
          title: Z
          text: Z.
          ending: done
        """)
    r = report_of(trap, runs=30, steps=40)
    loops = r.problem_groups()["loop"]
    assert loops and "no ending can ever be reached" in loops[0]["examples"][0]["message"]
    assert "'b'" in loops[0]["examples"][0]["message"]
    long_ = story("""\
        - id: a
          chapter: C
          title: A
          text: A.
          choices:
            - {id: wait, text: Wait., goto: a}
            - {id: wait2, text: Wait more., goto: a}
            - {id: wait3, text: Wait again., goto: a}
            - {id: end, text: End., goto: z}
        - id: z
          chapter: C
          title: Z
          text: Z.
          ending: done
        """)
    r2 = report_of(long_, runs=200, steps=3)
    assert not r2.problem_groups()["loop"]
    longs = r2.problem_groups()["long"]
    assert longs and "an ending can still be reached" in longs[0]["examples"][0]["message"]
    assert not r2.failed


def test_run_errors_come_with_the_seed_and_inputs_that_reproduce_them():
    st = story("""\
        - id: a
          chapter: C
          title: A
          text: A.
          choices:
            - {id: name, text: Name it., do: [{set: {n: "'word'"}}], goto: a}
            - {id: count, text: Count it., do: [{add: {n: 1}}], goto: a}
            - {id: end, text: End., goto: z}
        - id: z
          chapter: C
          title: Z
          text: Z.
          ending: done
        """)
    r = report_of(st, runs=100)
    errors = r.problem_groups()["error"]
    assert errors and "cannot add 1 to 'n'" in errors[0]["examples"][0]["message"]
    ex = errors[0]["examples"][0]
    assert ex["failing"] == ["a", "choose", "count"]
    run, stop = Run.replay(Engine(st), Recording.of(st, ex["seed"], ex["inputs"]))
    assert stop is None
    failed = run.choose("count")
    assert failed.kind == "error" and "cannot add 1 to 'n'" in failed.error
    with pytest.raises(RunError):
        Engine(st).choose(run.state.copy(), "count")
    assert "reproduce: seed" in render_text(r)


def test_actions_are_typed_as_commands_and_unreachable_typing_is_reported():
    st = story("""\
        - id: a
          chapter: C
          title: A
          text: A.
          things:
            bell: A bell.
          actions:
            - {verbs: [ring], thing: bell, say: Ding., once: true}
            - {id: aid, verbs: [help], say: You help., choice: Help out.}
          choices:
            - {id: end, text: End., if: "chosen('ring_bell') > 0", goto: z}
        - id: z
          chapter: C
          title: Z
          text: Z.
          ending: done
        """)
    r = report_of(st, runs=100)
    assert "a/ring_bell" in r.covered and "a/aid" in r.covered
    typing = r.problem_groups()["typing"]
    assert typing and typing[0]["place"] == "typing:a/aid"
    assert r.endings == {"done": 100}


def test_cli_json_report_and_exit_code(capsys, tmp_path):
    code = main(["explore", str(TINY), "--runs", "150", "--seed", "2", "--format", "json", "--jobs", "1", "--html", str(tmp_path / "r.html")])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["runs"] == 150 and data["seed"] == 2 and sum(data["endings"].values()) == 150
    assert set(data["coverage"]) == {"scene", "choice", "action", "paragraph"}
    assert data["coverage"]["scene"]["percent"] == 100.0
    assert data["uncovered"] == [] and data["problems"]["error"] == []
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")


def test_cli_saves_problem_runs_for_nlmg_replay(capsys, tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "story.yaml").write_text(HEADER)
    (folder / "scenes.yaml").write_text(DEAD)
    code = main(["explore", str(folder), "--runs", "40", "--jobs", "1", "--save-failures", str(tmp_path / "fail")])
    out = capsys.readouterr().out
    assert code == 1 and "dead ends" in out
    saved = tmp_path / "fail" / "dead-1.yaml"
    assert saved.exists() and f"nlmg replay {saved}" in out
    from game.engine.saves import read_save, rebuild

    run, notice = rebuild(read_save(saved), Engine(load_story(folder)))
    assert run.state.scene == "b"


def test_progress_bar_draws_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        bar = Progress(10, "exploring", stream=stream)
        for _ in range(10):
            bar.update()
        bar.close()
    assert "\r" in tty.getvalue() and "10/10" in tty.getvalue()
    assert pipe.getvalue() == ""


def test_universe_counts_every_item_kind():
    u = universe(load_story(TINY))
    assert len(u["scene"]) == 4 and len(u["choice"]) == 5 and len(u["action"]) == 3
    assert sorted(i.key for i in u["paragraph"]) == ["house.hall#1", "house.hall#1:else", "yard.gate#1"]


def test_cli_exhaustive_prints_routes_that_replay(capsys):
    assert main(["explore", str(TINY), "--exhaustive", "--route", "house.hall", "--route", "ending:away", "--route", "no.such"]) == 0
    out = capsys.readouterr().out
    assert "exhaustive search from seed 1:" in out and "complete: every reachable state was seen" in out
    assert "route to house.hall (" in out and "in yard.middle: choose door" in out
    assert "route to ending:away (1 inputs" in out and "in yard.gate: choose leave" in out
    assert "route to no.such: none found in the whole state space searched" in out
    assert main(["explore", str(TINY), "--route", "house.hall"]) == 2


def test_cli_exhaustive_json_has_witnesses_that_replay(capsys):
    assert main(["explore", str(TINY), "--exhaustive", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mode"] == "exhaustive" and data["cut_short"] is False and data["states"] > 3  # prose-only differences merged
    engine = Engine(load_story(TINY))
    for key, inputs in data["witnesses"].items():
        run, stop = Run.replay(engine, Recording.of(engine.story, 1, inputs))
        assert stop is None, key
        if key.startswith("ending:"):
            assert run.state.ended == key.split(":", 1)[1]
        elif "/" in key:
            assert run.state.chosen.get(key), key
        elif "#" not in key:
            assert key in run.state.visits, key


def test_typing_that_triggers_an_earlier_action_is_reported():
    st = story("""\
        - id: a
          chapter: C
          title: A
          text: A.
          things:
            laura: Laura.
          actions:
            - {id: about_anything, verbs: [ask], thing: laura, say: Laura talks about everything.}
            - {id: about_herself, verbs: [ask], thing: laura, about: [herself], say: About herself., once: true}
          choices:
            - {id: end, text: End., goto: z}
            - {id: stay, text: Stay., goto: a}
        - id: z
          chapter: C
          title: Z
          text: Z.
          ending: done
        """)
    r = report_of(st, runs=200)
    typing = r.problem_groups()["typing"]
    assert [g["place"] for g in typing] == ["typing:a/about_herself"]
    assert "triggers 'about_anything', not action 'about_herself'" in typing[0]["examples"][0]["message"]
