"""The web edition's bridge, driven as the page drives it (JSON text in and out), in CPython.

Its saves are checked with the desktop's own reader: a run saved in the browser must verify with
`nlmg replay --verify`, and loading it back must land on exactly the same state.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from game.engine import Engine, Run, load_story
from game.engine.bounds import MAX_TEXT
from game.engine.compiled import compile_story
from game.engine.replay import verify
from game.engine.saves import SaveError, SaveStore, read_header, read_save
from game.frontends.goback import go_back_question
from game.frontends.web.bridge import WebGame
from tests.conftest import ROOT
from tests.engine import test_parser as parser_story

FORMAT1 = ROOT / "tests" / "fixtures" / "saves-format1" / "2.yaml"

WHEN = "2026-11-30T18:04:05.120+00:00"


@pytest.fixture(scope="module")
def shipped_json() -> str:
    return json.dumps(compile_story(ROOT / "scenes"))


def call(method, *args) -> dict:
    return json.loads(method(*args))


def first_open(step: dict) -> str:
    return next(o["id"] for o in step["view"]["options"] if o["enabled"])


def test_a_new_game_gives_the_whole_first_page(shipped_json) -> None:
    game = WebGame(shipped_json)
    meta = call(game.meta)
    assert meta["title"] == "Never Let Me Go" and len(meta["chapters"]) >= 5 and meta["endings"]
    step = call(game.new_game, 7)
    assert step["ok"] and step["fresh"] and step["new_from"] == 0
    kinds = [k for k, _ in step["entries"]]
    assert kinds[:2] == ["chapter", "title"] and "text" in kinds
    assert step["view"]["chapter_number"] == 1 and step["view"]["options"]


def test_a_choice_in_the_scene_adds_to_the_page_and_a_move_starts_a_new_one(shipped_json) -> None:
    game = WebGame(shipped_json)
    call(game.new_game, 7)
    step = call(game.choose, "read_letter")  # stays in the scene: only the new lines come back
    assert step["ok"] and not step["fresh"]
    assert step["entries"][0] == ["choice", "Read the letter again."] and step["entries"][1][0] == "reply"
    step = call(game.choose, "take_letter_in")  # a new scene: the page starts again with the words that led there
    assert step["fresh"] and step["entries"][0] == ["choice", "Put the letter in my bag, and go in."]
    assert step["new_from"] == 0 and any(k == "title" for k, _ in step["entries"])


def test_typed_commands_numbers_undo_and_redo(shipped_json) -> None:
    game = WebGame(shipped_json)
    call(game.new_game, 7)
    look = call(game.command, "look")
    assert look["ok"] and not look["recorded"] and look["entries"][0] == ["command", "look"]
    assert call(game.command, "9")["ok"] is False  # no ninth choice: said, nothing changes
    two = call(game.command, "2")  # "2" takes the second choice, as in the window
    assert two["recorded"] and two["view"]["moves"] == 1 and two["view"]["can_undo"]
    back = call(game.undo)
    assert back["kind"] == "undo" and back["fresh"] and back["view"]["moves"] == 0 and back["view"]["can_redo"]
    assert back["new_from"] == len(back["entries"])  # nothing on a page rebuilt by undo is new
    letter = "Put the letter in my bag, and go in."
    assert back["notice"] == f"I go back on that, as though I'd never done it: {letter}"  # the Run's words, in the frame's tense
    again = call(game.redo)
    assert again["view"]["moves"] == 1 and again["view"]["scene"] == two["view"]["scene"]
    assert again["notice"] == f"I do it again, just as I did the first time: {letter}"
    typed = call(game.command, "undo")  # typed, it says the same as the key
    assert typed["kind"] == "undo" and typed["notice"] == back["notice"] and typed["view"]["moves"] == 0
    assert call(game.command, "redo")["notice"] == again["notice"]
    assert call(game.undo)["ok"]
    assert call(game.undo)["notice"] == "I let that go, as if it had never crossed my mind: look."  # the move, then the look
    start = call(game.undo)  # at the start: the scene's own sentence
    assert start["notice"] == "There is nothing to undo. This is where it begins: the car, the rain, the letter on the seat."
    assert call(game.command, "redo")["notice"] == "I do it again, just as I did the first time: look."
    assert call(game.redo)["notice"] == again["notice"]
    last = call(game.redo)  # nothing more: the story's own sentence for it
    assert last["notice"] == "There is nothing further on to go forward to, not yet." and last["view"]["moves"] == 1


def test_one_undo_takes_back_a_whole_typed_line_through_the_bridge(shipped_json) -> None:
    """Failed before: a line of two clauses is recorded as two inputs, and Undo took back only the second."""
    game = WebGame(shipped_json)
    first = call(game.new_game, 7)
    line = "look at the letter and then read the letter"
    typed = call(game.command, line)
    assert [e[1] for e in typed["entries"] if e[0] == "command"] == ["look at the letter", "read the letter"]
    back = call(game.undo)
    assert back["notice"] == f"I take all of that back, every part of it: {line}."
    assert back["view"]["moves"] == 0 and call(game.history) == [[k, t] for k, t in first["entries"]]
    again = call(game.redo)
    assert again["notice"] == f"I do it again, just as I did the first time: {line}." and again["view"]["moves"] == 1
    assert [e[1] for e in again["entries"] if e[0] == "command"] == ["look at the letter", "read the letter"]


def test_a_browser_save_verifies_on_the_desktop_and_loads_back(shipped_json, tmp_path) -> None:
    game = WebGame(shipped_json)
    step = call(game.new_game, 11)
    for n in range(30):
        if step["view"]["ended"]:
            break
        if n % 5 == 2:
            call(game.command, "examine letter")  # an aside: kept for the history, not a move
        step = call(game.choose, first_open(step))
    text = game.save_text("manual", WHEN, 95.25, "Before Norfolk")
    path = tmp_path / "3.yaml"
    path.write_bytes(text.encode("utf-8"))
    engine = Engine(load_story(ROOT / "scenes"))
    assert verify(path, engine) == (True, None)
    done = subprocess.run([sys.executable, "-m", "game.cli", "replay", "--verify", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "replays exactly" in done.stdout, done.stdout + done.stderr
    info = read_header(path)
    assert info.error is None and info.name == "Before Norfolk" and info.moves == step["view"]["moves"]
    loaded = SaveStore(tmp_path).load("3", engine)  # the desktop's own load, history and all
    assert loaded.notice is None and loaded.run.state.hash() == game.run.state.hash()
    assert [e.text for e in loaded.run.log] == [e.text for e in game.run.log]
    other = WebGame(shipped_json)
    back = call(other.load_text, text)
    assert back["ok"] and back["notice"] is None and back["play_seconds"] == 95.2
    assert other.run.state.hash() == game.run.state.hash() and call(other.history) == call(game.history)


def test_values_yaml_and_json_read_differently_are_written_so_both_agree(tmp_path) -> None:
    """Floats with exponents, escapes and line-break characters in typed text survive both readers."""
    story = tmp_path / "story"
    story.mkdir()
    (story / "story.yaml").write_text("id: odd\ntitle: Odd\nstart: a\nvariables: {small: 0, big: 0, word: ''}\n")
    (story / "a.yaml").write_text(
        "id: a\nchapter: C\ntitle: A\ntext: Here.\n"
        "actions:\n  - verbs: [sing]\n    say: I sing.\n"
        "choices:\n  - text: Count\n    do: [{set: {small: '0.00001 * 1', big: '100000000000000000.0 * 3', word: \"'caf\u00e9'\"}}]\n    goto: b\n"
        "---\nid: b\nchapter: C\ntitle: B\ntext: There.\nending: done\n", encoding="utf-8")
    game = WebGame(json.dumps(compile_story(story)))
    call(game.new_game, 1)
    call(game.command, "look \u0085\u2028\ufeff\x7f \U0001f600 \"quoted\" #hash: colon")
    call(game.command, "sing \U0001f600")
    call(game.choose, "count")
    assert game.run.state.vars["small"] == 1e-05 and isinstance(game.run.state.vars["big"], float)
    path = tmp_path / "odd.yaml"
    path.write_bytes(game.save_text("quick", WHEN, 1.0).encode("utf-8"))
    save = read_save(path)
    assert save.state.hash() == game.run.state.hash() and save.asides == game.run.asides()
    assert verify(path, Engine(load_story(story))) == (True, None)
    again = WebGame(json.dumps(compile_story(story)))
    assert call(again.load_text, path.read_text("utf-8"))["ok"] and again.run.state.hash() == game.run.state.hash()


def test_saves_the_browser_cannot_use_are_refused_by_name(shipped_json, tmp_path) -> None:
    game = WebGame(shipped_json)
    call(game.new_game, 4)
    call(game.choose, "take_letter_in")
    good = game.save_text("auto", WHEN, 3)
    cases = {
        "": "empty",
        "hello": "not a Never Let Me Go save",
        good.replace('"nlmg_save": 2', '"nlmg_save": 7'): "newer version",
        good.replace('"state_hash": "', '"state_hash": "0'): "fingerprint",
        good.replace('"tommy":0', '"tommy":5'): "does not match its fingerprint",
        good.replace('"id": "never_let_me_go"', '"id": "another"'): "belongs to the story 'another'",
        good.split("---")[0]: "cut off",
        good.replace('"state_hash"', '"state_hush"'): "'state_hash' is missing",
    }
    fresh = WebGame(shipped_json)
    for text, words in cases.items():
        answer = call(fresh.load_text, text)
        assert answer["ok"] is False and words in answer["error"], (words, answer)
    assert fresh.run is None  # nothing was half loaded
    assert call(fresh.save_info, good)["title"] and call(fresh.save_info, "x")["ok"] is False


def test_the_page_never_keeps_a_save_it_would_refuse(shipped_json) -> None:
    """The page's `save` reads its own text back as a load would: a run no load could take back is refused in words,
    and one that can is the very text save_text gives, which loads."""
    game = WebGame(shipped_json)
    call(game.new_game, 4)
    call(game.choose, "take_letter_in")
    made = call(game.save, "quick", WHEN, 3.0, "")
    assert made["ok"] is True and made["text"] == game.save_text("quick", WHEN, 3.0, "")
    assert call(WebGame(shipped_json).load_text, made["text"])["ok"]
    game.run.state.vars["note"] = "x" * (MAX_TEXT + 1)  # longer than any text a save may hold
    refused = call(game.save, "quick", WHEN, 3.0, "")
    assert refused["ok"] is False and refused["error"].startswith("This run cannot be saved, as it would not load again")
    with pytest.raises(SaveError):
        game.save_text("quick", WHEN, 3.0, "")


def test_a_fault_in_the_story_is_reported_and_changes_nothing(tmp_path) -> None:
    (tmp_path / "story.yaml").write_text("id: f\ntitle: F\nstart: a\nvariables: {n: 0}\n")
    (tmp_path / "a.yaml").write_text(
        "id: a\nchapter: C\ntitle: A\ntext: Here.\nchoices:\n  - text: Break\n    do: [{add: {n: \"'x'\"}}]\n    goto: b\n"
        "  - text: Leave\n    goto: b\n---\nid: b\nchapter: C\ntitle: B\ntext: There.\nending: done\n")
    game = WebGame(json.dumps(compile_story(tmp_path)))
    call(game.new_game, 1)
    broken = call(game.choose, "break")
    assert broken["ok"] is False and broken["fault"] and "a.yaml" in broken["error"]
    assert game.run.inputs == [] and game.run.state.vars["n"] == 0
    assert call(game.choose, "leave")["view"]["ended"]


def test_chapter_select_replays_the_recorded_way(shipped_json) -> None:
    game = WebGame(shipped_json)
    step = call(game.new_game, 9)
    while step["view"]["chapter_number"] < 2:
        step = call(game.choose, first_open(step))
    mark = call(game.mark)
    other = WebGame(shipped_json)
    start = call(other.start_at, mark["seed"], json.dumps(mark["inputs"]))
    assert start["ok"] and start["notice"] is None and start["view"]["chapter"] == mark["chapter"]
    assert other.run.state.hash() == game.run.state.hash()
    assert call(other.start_at, 9, "{}")["ok"] is False


def test_a_desktop_save_loads_in_the_browser_and_a_format1_save_is_refused_without_yaml(shipped_json, tmp_path) -> None:
    """The desktop writes format 2 with the same writer: the bridge loads it with no PyYAML present.
    A format-1 save (YAML body) needs PyYAML, which the browser lacks: refused in one sentence."""
    engine = Engine(load_story(ROOT / "scenes"))
    run = Run(engine, 21)
    for _ in range(12):
        if run.ended:
            break
        run.command("look")
        run.choose(next(o.id for o in run.view().options if o.enabled))
    SaveStore(tmp_path).save(run, "4", play_seconds=61.0, name="From the window")
    story = tmp_path / "story.json"
    story.write_text(shipped_json, encoding="utf-8")
    script = textwrap.dedent(f"""
        import json, sys
        class NoYaml:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("yaml", "_yaml", "pygame"):
                    raise ImportError("not in the browser: " + name)
        sys.meta_path.insert(0, NoYaml())
        from game.frontends.web.bridge import WebGame
        game = WebGame(open({str(story)!r}).read())
        desktop = json.loads(game.load_text(open({str(tmp_path / "4.yaml")!r}, encoding="utf-8").read()))
        old = json.loads(game.load_text(open({str(FORMAT1)!r}, encoding="utf-8").read()))
        info = json.loads(game.save_info(open({str(tmp_path / "4.yaml")!r}, encoding="utf-8").read()))
        letter = json.loads(game.load_text("Dear Kathy,\\nthis is a letter, not a save.\\n"))
        good = game.save_text("manual", "2026-05-01T12:00:00", 1.0, "")
        cut = json.loads(game.load_text(good[: len(good) // 2]))  # this version's JSON, cut off: said so, not "YAML"
        named = json.loads(game.rename_text(good, "Named without YAML"))
        empty = json.loads(game.load_text("  \\n"))
        print(json.dumps({{"desktop": desktop, "old": old, "info": info, "letter": letter, "empty": empty, "cut": cut, "named": named,
                           "hash": game.run.state.hash(),
                           "yaml": sorted(m for m in sys.modules if m.split(".")[0] == "yaml")}}))
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["desktop"]["ok"] and out["desktop"]["notice"] is None and out["desktop"]["play_seconds"] == 61.0
    assert out["hash"] == run.state.hash() and out["yaml"] == []
    assert out["info"]["name"] == "From the window" and out["info"]["moves"] == run.moves
    assert out["old"]["ok"] is False and "\n" not in out["old"]["error"]
    assert "earlier version of the game" in out["old"]["error"] and "desktop game" in out["old"]["error"]
    # a file that never was a save is not sent to the desktop as an old one (with no YAML reader, every text is "YAML")
    # (the saves package's own words, the desktop's: format.py tells them apart without a YAML reader)
    assert out["letter"]["ok"] is False and out["letter"]["error"] == "This is not a Never Let Me Go save (it has no 'nlmg_save' header)."
    assert out["cut"]["ok"] is False and "not valid JSON at line" in out["cut"]["error"] and "earlier" not in out["cut"]["error"]
    assert out["named"]["ok"] and '"name": "Named without YAML"' in out["named"]["text"].partition("\n")[0]
    assert out["empty"]["ok"] is False and "empty" in out["empty"]["error"]


@pytest.fixture(scope="module")
def parser_json(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("parser")
    (folder / "story.yaml").write_text(parser_story.STORY, encoding="utf-8")
    (folder / "scenes.yaml").write_text(parser_story.SCENES, encoding="utf-8")
    return json.dumps(compile_story(folder))


def test_typed_lines_go_through_the_parser_and_a_number_answers_its_question(parser_json) -> None:
    game = WebGame(parser_json)
    call(game.new_game, 1)
    asked = call(game.command, "go down")
    assert asked["kind"] == "question" and asked["view"]["asking"] and asked["view"]["moves"] == 0
    assert asked["entries"][-1] == ["reply", "Which did I mean, go down to the field or go down to the pavilion?"]
    answered = call(game.command, "2")  # the question's second meaning, not the scene's second choice
    assert answered["kind"] == "choice" and not answered["view"]["asking"]
    assert [i.to_plain() for i in game.run.inputs] == [["room", "choose", "go_down_to_the_pavilion"]]
    call(game.undo)
    assert call(game.command, "2")["view"]["scene"] == "field"  # no question open: 2 is the second choice
    call(game.undo)
    call(game.command, "examine bed")
    took = call(game.command, "take it")  # a pronoun, recorded resolved
    assert took["entries"][-1] == ["reply", "The bed was too heavy to lift."]
    assert game.run.inputs[-1].to_plain() == ["room", "command", "take bed"]
    assert call(game.command, "hug ruth")["entries"][-1] == ["reply", "Ruth let me, stiffly."]


def test_history_goes_back_to_just_before_a_moment_and_redo_brings_it_all_back(shipped_json) -> None:
    """The window's History rollback (desktop/history.py), through the bridge: undone one thing at a time."""
    game = WebGame(shipped_json)
    step = call(game.new_game, 11)
    for _ in range(3):
        step = call(game.choose, first_open(step))
    call(game.command, "look")
    after = call(game.mark)
    log = call(game.history)
    moments = [i for i, (kind, _) in enumerate(log) if kind in ("choice", "command")]
    assert len(moments) == 4
    back = call(game.go_back, moments[1])  # just before the second choice
    said = game.engine.response(game.run.state, "gone_back", {"done": log[moments[1]][1]})  # the Run's words, wherever it is
    assert back["ok"] and back["kind"] == "undo" and back["notice"] == " ".join(said) and back["notice"].endswith(log[moments[1]][1])
    assert back["view"]["moves"] == 1 and len(call(game.history)) == moments[1]
    assert call(game.mark)["inputs"] == after["inputs"][:1]
    for _ in range(3):  # the second choice, the third, then the look
        assert call(game.redo)["ok"]
    assert call(game.mark) == after and call(game.history) == log
    refused = call(game.go_back, 0)  # the first entry is the story's own text, not something I did
    assert not refused["ok"] and refused["error"] in ("That wasn't a moment I could go back to.", "That isn't a moment I can go back to.")
    assert call(game.history) == log


def test_the_page_asks_before_going_back_in_the_windows_words(shipped_json) -> None:
    """Failed before: the page and the window each asked their own question. Both now ask the story's go_back_confirm
    (goback.py), in the scene's tense, with the moment in plain words and no quotation marks round it."""
    game = WebGame(shipped_json)
    step = call(game.new_game, 11)
    for _ in range(2):
        step = call(game.choose, first_open(step))
    log = call(game.history)
    index = next(i for i, (kind, _) in enumerate(log) if kind == "choice")
    asked = call(game.go_back_question, index)
    assert asked == {"ok": True, "heading": "Go back?", "question": go_back_question(game.run, index), "yes": "Go back",
                     "no": "Stay here"}
    assert asked["question"].startswith(("I could go back to just before it", "I can go back to just before it"))
    assert asked["question"].endswith(log[index][1]) and "“" not in asked["question"]
    refused = call(game.go_back_question, len(log))
    assert not refused["ok"] and refused["error"] in ("That wasn't a moment I could go back to.", "That isn't a moment I can go back to.")


def test_help_on_the_page_says_how_to_play_with_examples_the_moment_answers(shipped_json) -> None:
    """Failed before: the page said nothing of how to play when `help` was typed (the window toasts it), and what the
    window said had `<thing>` placeholders in it. Now both say it with real examples, each one answered there."""
    game = WebGame(shipped_json)
    step = call(game.new_game, 11)
    for _ in range(12):
        helped = call(game.command, "help")
        notice = helped["notice"]
        assert notice.startswith("Choose by number") and "<" not in notice and "Undo takes back a step" in notice
        if " ask " in notice:
            break
        step = call(game.choose, first_open(step))
    examples = notice.split(": ", 1)[1].split(", or inventory")[0].split(", ")
    assert examples[0] == "look" and examples[1].startswith("examine the ") and examples[2].startswith("ask ")
    for example in examples:
        said = call(game.command, example)
        assert said["ok"] and said["kind"] not in ("unknown", "invalid", "empty"), (example, said["kind"])
    assert call(game.command, "the")["notice"] == "Type what Kathy should do (look, examine a thing, take it), or a choice's number."


def test_a_save_is_renamed_in_its_header_and_keeps_its_run_and_when_it_was_made(shipped_json) -> None:
    game = WebGame(shipped_json)
    step = call(game.new_game, 5)
    step = call(game.choose, first_open(step))
    text = game.save_text("manual", WHEN, 75.0, "")
    renamed = call(game.rename_text, text, "  Before the pavilion  ")
    assert renamed["ok"]
    old, new = call(game.save_info, text), call(game.save_info, renamed["text"])
    assert new["name"] == "Before the pavilion" and old["name"] == ""
    assert {k: v for k, v in new.items() if k != "name"} == {k: v for k, v in old.items() if k != "name"}
    assert renamed["text"].partition("\n---\n")[2] == text.partition("\n---\n")[2]  # the run's bytes, untouched
    loaded = call(game.load_text, renamed["text"])  # the same run, exactly
    assert loaded["ok"] and loaded["view"]["moves"] == 1
    refused = call(game.rename_text, "not a save", "x")
    assert not refused["ok"] and refused["error"] == "This is not a Never Let Me Go save (it has no 'nlmg_save' header)."
