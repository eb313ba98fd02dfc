"""nlmg story-stats: each figure measured on a tiny story built to give a known answer."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from game.cli import main
from game.engine import Engine, load_story_from_texts
from game.engine.model import Story
from game.tools import continuity, prose
from game.tools.routes import GUARDED, Walker, effect_changes, opposite_policies, shared_prose
from game.tools.storystats import measure

HEADER = """\
id: t
title: T
start: a
chapters: [One, Two]
variables:
  candour: 0
  ruth: 0
  tommy: 0
  told: false
  other: false
endings:
  done: {title: Done}
"""


def story(scenes: str) -> Story:
    return load_story_from_texts({"story.yaml": HEADER, "scenes.yaml": textwrap.dedent(scenes)})


# ---- 1. single options ----------------------------------------------------------------------------

SINGLE = """\
- id: a
  chapter: One
  title: A
  text: Two ways to b.
  actions:
    - {verbs: [whistle], say: I whistle., once: true}
  choices:
    - {id: x, text: X., goto: b}
    - {id: y, text: Y., goto: b}
- id: b
  chapter: One
  title: B
  text: One way on, and a greyed-out one that cannot be taken.
  choices:
    - {id: on, text: On., goto: c}
    - {id: shut, text: Shut., if: told, show: disabled, goto: c}
- id: c
  chapter: Two
  title: C
  text: Two ways to the end.
  choices:
    - {id: p, text: P., goto: end}
    - {id: q, text: Q., goto: end}
- id: end
  chapter: Two
  title: End
  text: The end.
  ending: done
"""


def test_single_option_share_counts_choices_made_with_one_open_option() -> None:
    st = story(SINGLE)
    f = measure(st, runs=30, seed=4, steps=50, declarations_file=None)
    so = f.single_option()
    # Every route makes exactly three choices (a, b, c); only b's has one open option. Typing 'whistle'
    # in a is not a choice, and b's greyed-out option does not make its step a decision.
    assert so["steps"] == 90 and so["single"] == 30
    assert so["share"] == pytest.approx(1 / 3) and not so["ok"]
    assert [(w["scene"], w["where"], w["single"], w["steps"]) for w in so["worst"]] == [("b", "scenes.yaml:10", 30, 30)]


def test_random_routes_are_reproducible_from_their_seed_and_differ_across_seeds() -> None:
    walker = Walker(Engine(story(SINGLE)))
    first = [walker.random_route(i, 7).steps for i in range(20)]
    again = [walker.random_route(i, 7).steps for i in range(20)]
    routes = [walker.random_route(i, 7) for i in range(20)]
    assert first == again
    assert {r.ending for r in routes} == {"done"}
    assert {tuple(r.scenes) for r in routes} == {("a", "b", "c", "end")}
    assert all(r.run is None for r in routes)  # only policy routes keep their Run, for transcripts


# ---- 2. two opposite policies ------------------------------------------------------------------------

FORK = """\
- id: a
  chapter: One
  title: A
  text: Ruth asks me what I saw.
  choices:
    - {id: speak, text: Tell her., do: [{add: {candour: 1, tommy: 1}}], goto: s}
    - {id: neutral, text: Look at the window., goto: s}
    - id: quiet
      text: Say nothing.
      do:
        - if: ruth >= 0
          then: [{add: {ruth: 2}}]
          else: [{add: {tommy: 5}}]
        - add: {candour: -1}
      goto: q
- id: s
  chapter: One
  title: S
  text:
    - I told her all of it, the pond and the fence and what he had said after.
    - Her face did not change.
  choices:
    - {id: on, text: On., goto: b}
- id: q
  chapter: One
  title: Q
  text:
    - I kept it to myself and looked at my shoes.
    - Her face did not change.
  choices:
    - {id: on, text: On., goto: b}
- id: b
  chapter: Two
  title: B
  text: Later the three of us walked to the gate.
  choices:
    - {id: first, text: First., goto: end}
    - {id: last, text: Last., goto: end}
- id: end
  chapter: Two
  title: End
  text: That was the end of it.
  ending: done
"""


def test_opposite_policies_take_opposite_choices_and_shared_prose_counts_identical_paragraphs() -> None:
    st = story(FORK)
    f = measure(st, runs=5, seed=1, steps=50, declarations_file=None)
    guarded, candid = f.policy_routes
    assert guarded.name.startswith("guarded") and candid.name.startswith("candid")
    assert [i.value for i in guarded.run.inputs] == ["quiet", "on", "first"]
    assert [i.value for i in candid.run.inputs] == ["speak", "on", "last"]
    assert (guarded.ties, candid.ties) == (1, 1)  # b's two choices move nothing: list order decides, opposite ways
    common = ["Ruth asks me what I saw.", "Her face did not change.", "Later the three of us walked to the gate.", "That was the end of it."]
    shared_words = sum(prose.word_count(p) for p in common)
    sp = f.shared_prose()
    assert sp["shared_words"] == shared_words
    shorter = min(guarded.total_words, candid.total_words)
    assert sp["share_of_shorter"] == pytest.approx(shared_words / shorter)
    assert guarded.total_words == shared_words + prose.word_count("I kept it to myself and looked at my shoes.")


def test_effect_changes_follow_the_branch_the_state_would_take() -> None:
    st = story(FORK)
    engine = Engine(st)
    state = engine.new_state(1)
    quiet = next(c for c in st.scenes["a"].choices if c.id == "quiet")
    assert effect_changes(quiet.effects, state) == {"ruth": 2.0, "candour": -1.0}
    state.vars["ruth"] = -3
    assert effect_changes(quiet.effects, state) == {"tommy": 5.0, "candour": -1.0}
    assert state.vars == {"candour": 0, "ruth": -3, "tommy": 0, "told": False, "other": False}  # nothing ran


def test_policies_are_exact_opposites_and_shared_prose_counts_repeats_once_per_pair() -> None:
    g, c = opposite_policies(GUARDED)
    assert all(c.weights[v] == -w for v, w in g.weights.items()) and g.first and not c.first
    assert shared_prose(["a b", "a b", "c"], ["a b", "d e f"]) == (2, 5, 5)


def test_a_policy_never_circles_a_looping_choice() -> None:
    st = story("""\
        - id: a
          chapter: One
          title: A
          text: A room.
          choices:
            - {id: look, text: Look round again., do: [{add: {ruth: 1}}], goto: a}
            - {id: leave, text: Leave., goto: end}
        - id: end
          chapter: Two
          title: End
          text: Gone.
          ending: done
        """)
    walker = Walker(Engine(st), steps=50)
    guarded, candid = (walker.policy_route(p, 1) for p in opposite_policies(GUARDED))
    assert [i.value for i in guarded.run.inputs] == ["look", "leave"]
    assert [i.value for i in candid.run.inputs] == ["leave"]
    assert guarded.ending == candid.ending == "done"


# ---- 3. words per chapter --------------------------------------------------------------------------


def test_words_are_counted_per_chapter_without_typed_replies() -> None:
    f = measure(story(SINGLE), runs=10, seed=2, steps=50, declarations_file=None)
    w = f.chapters()
    one = prose.word_count("Two ways to b.") + prose.word_count("One way on, and a greyed-out one that cannot be taken.")
    two = prose.word_count("Two ways to the end.") + prose.word_count("The end.")
    assert w["random_mean"] == {"One": one, "Two": two}
    assert all(r.typed_words in (0, prose.word_count("I whistle.")) for r in f.random_routes)
    assert any(r.typed_words for r in f.random_routes)


# ---- 4. tics ------------------------------------------------------------------------------------------

TICS = """\
# as if, something: a comment is not prose
- id: a
  chapter: One
  title: A
  text:
    - As if it mattered. As though it did. Somethingness is not a word, and nor is "as iffy".
    - Something moved, the way you'd expect. I shut the door behind me.
  choices:
    - {id: go, text: Something else., say: "The door closed, both at once, as if on cue.", goto: b}
- id: b
  chapter: Two
  title: B
  text: A coin in my coat pocket, worn smooth by my thumb. I kept it to myself for years.
  ending: done
- id: c
  chapter: Two
  title: C
  text: She kept it to myself for years, she said, and something in it was worn smooth.
  ending: done
"""


def test_tics_are_counted_case_insensitively_on_whole_words_in_all_prose() -> None:
    hits = prose.count_tics(prose.story_pieces(story(TICS)))
    counts = {name: len(h) for name, h in hits.items()}
    assert counts['"as if" / "as though"'] == 3  # two in text, one in a reply; not "as iffy"
    assert counts['"something"'] == 3  # text, choice label, c; not "Somethingness", not the comment
    assert counts['"the way you\'d..." similes'] == 1
    assert counts["a door closing"] == 2
    assert counts['"both at once"'] == 1
    assert counts["a coin or stone in a pocket"] == 1
    assert counts['"worn smooth"'] == 2
    assert [(h.path, h.line) for h in hits['"worn smooth"']] == [("scenes.yaml", 13), ("scenes.yaml", 18)]


def test_phrases_repeated_across_scenes_are_listed_once_with_their_places() -> None:
    phrases = prose.repeated_phrases(prose.story_pieces(story(TICS)))
    assert [p.words for p in phrases] == ["kept it to myself for years"]  # its 4- and 5-word parts are not listed again
    assert [(h.scene, h.line) for h in phrases[0].places] == [("b", 13), ("c", 18)]
    assert prose._same_passage(tuple(prose.words("at the far end")), tuple(prose.words("the far end of")))
    assert not prose._same_passage(tuple(prose.words("for a long time")), tuple(prose.words("for a long moment")))


# ---- 5. continuity ------------------------------------------------------------------------------------

CONT = """\
- id: a
  chapter: One
  title: A
  text: I could tell Ruth the secret now.
  choices:
    - {id: tell, text: Tell her the secret., do: [{set: {told: true}}, {add: {candour: 1}}], goto: b}
    - {id: keep, text: Keep it., do: [{set: {other: true}}], goto: b}
- id: b
  chapter: Two
  title: B
  text:
    - Years later I thought about the secret.
    - {if: told, text: The secret was out by then.}
    - {if: not told, text: Nobody knew the secret.}
    - {if: told and ruth > 0, text: Ruth forgave me the secret., else: Ruth never mentioned the secret.}
    - {if: told or other, text: After the secret everything changed.}
    - {if: "chosen('a', 'tell')", text: She had kept the secret well.}
    - {if: ruth > 1, text: Ruth and the secret again.}
  choices:
    - {id: c1, text: Ask about the secret., if: told, say: The secret again., goto: end}
    - {id: c2, text: Go on., say: Secretly glad., goto: quiet}
- id: end
  chapter: Two
  title: End
  text: The end.
  ending: done
- id: quiet
  chapter: Two
  title: Quiet
  text: The secret in a scene listed under except.
  ending: done
"""


def declare(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "continuity.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_continuity_flags_unguarded_mentions_and_accepts_guarded_ones(tmp_path: Path) -> None:
    st = story(CONT)
    decls, problems = continuity.read_declarations(declare(tmp_path, """\
        told:
          words: [secret]
          except: [quiet]
        """), st)
    assert problems == []
    warnings = continuity.check(st, prose.story_pieces(st), decls)
    got = [(d.line, d.message) for d in warnings]
    assert [line for line, _ in got] == [12, 15, 16, 18]
    assert got[0][1] == "paragraph in b names 'secret' (told), but it shows whether or not told is set"
    # line 15: its text is settled by `told and ruth > 0`, but its else shows where told is either way
    assert got[1][1].startswith("the else of a paragraph in b") and got[1][1].endswith("its condition reads told without settling it")
    assert got[2][1].endswith("its condition reads told without settling it")  # told or other
    assert got[3][1].endswith("it shows whether or not told is set")  # ruth > 1 says nothing of told
    assert all(d.severity == "warning" and d.path == "scenes.yaml" for d in warnings)
    # Not reported: scene a (which sets told), `if: told`, `if: not told`, chosen('a', 'tell'), the choice open
    # only if told (label and reply), "Secretly" (not the whole word), and the scene listed under except.


def test_continuity_declarations_are_checked_against_the_story(tmp_path: Path) -> None:
    st = story(CONT)
    decls, problems = continuity.read_declarations(declare(tmp_path, """\
        told: [secret]
        nonesuch: [ghost]
        other: {words: [x], except: [nowhere]}
        ruth: {wurds: [y]}
        """), st)
    assert [d.flag for d in decls] == ["told", "other"]
    assert [(p.line, p.severity) for p in problems] == [(2, "warning"), (3, "warning"), (4, "warning")]
    assert "'nonesuch' is not one of the story's variables" in problems[0].message
    assert "nowhere" in problems[1].message and "wurds" in problems[2].message


def test_a_paragraph_with_both_events_under_either_flag_is_reported_for_each(tmp_path: Path) -> None:
    st = story(CONT)
    decls, _ = continuity.read_declarations(declare(tmp_path, "told: [secret]\nother: [changed]\n"), st)
    warnings = [d for d in continuity.check(st, prose.story_pieces(st), decls) if d.line == 16]
    assert len(warnings) == 2 and {"(told)" in w.message for w in warnings} == {True, False}


FLOW = """\
- id: a
  chapter: One
  title: A
  text: Before anything, the secret is nobody's.
  choices:
    - {id: go, text: Go., goto: fork}
- id: fork
  chapter: One
  title: Fork
  text: Here it could happen.
  choices:
    - {id: tell, text: Tell., do: [{set: {told: true}}, {give: note}], goto: after_tell}
    - {id: keep, text: Keep., goto: after_keep}
- id: after_tell
  chapter: One
  title: After telling
  text: The secret was out.
  choices:
    - {id: on, text: On., goto: later}
- id: after_keep
  chapter: One
  title: After keeping
  text: The secret stayed mine.
  choices:
    - {id: on, text: On., goto: later}
- id: later
  chapter: Two
  title: Later
  text:
    - The secret, years on.
    - {if: "chosen('fork', 'keep')", text: I had kept the secret.}
    - {if: "has('note')", text: The note held the secret.}
  actions:
    - {verbs: [whisper], say: I whisper the secret to nobody., do: [{set: {other: true}}]}
  choices:
    - {id: end, text: End., goto: end}
- id: end
  chapter: Two
  title: End
  text: The secret, at the end, and the whisper.
  ending: done
"""


def test_continuity_follows_the_flag_through_the_scenes(tmp_path: Path) -> None:
    st = load_story_from_texts({"story.yaml": HEADER + "items:\n  note: {name: a note, look: A note.}\n", "scenes.yaml": FLOW})
    decls, problems = continuity.read_declarations(declare(tmp_path, "told: [secret]\nother: [whisper]\n"), st)
    assert problems == []
    got = [(d.line, d.message.split(" names ")[0], d.message.split("(")[1].split(")")[0]) for d in continuity.check(st, prose.story_pieces(st), decls)]
    # Quiet: a (before the fork: still its default), the fork (sets it), after_tell and after_keep (each entered one
    # way only), chosen('fork', 'keep') and has('note') (given only by the choice that sets it), and the whisper
    # action's own reply (its scene sets `other`). Reported: later's plain paragraph and the action's reply,
    # where told is either way, and end, where told is either way and the action may have set `other`.
    assert got == [(30, "paragraph in later", "told"), (34, "reply in later", "told"),
                   (40, "paragraph in end", "told"), (40, "paragraph in end", "other")]


# ---- the command ---------------------------------------------------------------------------------------


def write_story(root: Path, scenes: str) -> Path:
    (root / "scenes").mkdir()
    (root / "scenes" / "story.yaml").write_text(HEADER, encoding="utf-8")
    (root / "scenes" / "scenes.yaml").write_text(textwrap.dedent(scenes), encoding="utf-8")
    return root / "scenes"


def test_command_prints_json_writes_both_routes_and_reads_docs_continuity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenes = write_story(tmp_path, CONT)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "continuity.yaml").write_text("told: [secret]\n", encoding="utf-8")
    out = tmp_path / "routes"
    assert main(["story-stats", str(scenes), "--runs", "5", "--format", "json", "--routes-out", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["runs"] == 5 and data["continuity"]["file"].endswith("docs/continuity.yaml")
    assert [w["line"] for w in data["continuity"]["warnings"]] == [12, 15, 16, 18, 30]  # and scene quiet: no except here
    assert sorted(p.name for p in out.iterdir()) == ["candid-tommy.md", "guarded-ruth.md"]
    guarded = (out / "guarded-ruth.md").read_text(encoding="utf-8")
    assert guarded.startswith("# T\n") and "> **Keep it.**" in guarded
    assert "> **Tell her the secret.**" in (out / "candid-tommy.md").read_text(encoding="utf-8")


def test_command_text_shows_each_figure_beside_its_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenes = write_story(tmp_path, SINGLE)
    assert main(["story-stats", str(scenes), "--runs", "4", "--continuity", str(tmp_path / "none.yaml")]) == 0
    text = capsys.readouterr().out
    assert "4 of 12 steps = 33.3%   target <= 10%   MISSES" in text
    assert "scenes.yaml:10: b  4 / 4" in text
    assert "target <= 50% of the shorter" in text and "target >= 3,500" in text
    assert "cannot read the continuity declarations" in text


def test_a_story_that_does_not_load_exits_1_with_path_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenes = write_story(tmp_path, SINGLE.replace("goto: end", "goto: nowhere"))
    assert main(["story-stats", str(scenes)]) == 1
    err = capsys.readouterr().err
    assert "scenes.yaml:" in err and ": error: " in err and "nowhere" in err
