"""A story compiled to JSON (for the web edition) builds the same Story, plays the same, and needs no PyYAML."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from game.engine import Engine, Run, StoryError, load_story, load_story_from_texts
from game.engine.compiled import compile_story, load_compiled
from game.engine.loader import find_files
from tests.conftest import ROOT, TINY
from tests.engine import test_parser as parser_story

VERBS = ("examine", "x", "take", "talk to", "ask", "hug", "follow", "listen", "wait", "remember", "think", "go", "leave")
LINES = ("look", "inventory", "help", "examine it", "take it", "hug her", "talk to him", "again", "1", "2", "the first",
         "the last", "go down", "undo", "redo", "examin letter", "what is this")


def _walk(engine: Engine, seed: int, steps: int = 80) -> list[tuple[object, ...]]:
    """A seeded random run mixing choices and typed lines (verbs on what is in view, pronouns, answers,
    typos, undo): what it read, what each input said and where it came from, and the state's fingerprint."""
    rng = random.Random(seed)
    run = Run(engine, seed)
    seen: list[tuple[object, ...]] = []
    for _ in range(steps):
        view = run.view()
        if run.ended:
            break
        options = [o for o in view.options if o.enabled]
        roll = rng.random()
        if roll < 0.25:
            names = run.visible_names() or ["letter"]
            verb = rng.choice(VERBS)
            line = f"{verb} {rng.choice(names)}" + (f" about {rng.choice(names)}" if verb == "ask" else "")
            outcome = run.command(line)
        elif roll < 0.4:
            outcome = run.command(rng.choice(LINES))
        else:
            outcome = run.choose(rng.choice(options).id)
        seen.append((tuple(view.paragraphs), outcome.kind, tuple(outcome.said), outcome.source, outcome.error,
                     run.parser.asking, tuple(run.inputs), run.state.hash()))
    return seen


def _parser_story(folder: Path) -> Path:
    """The parser tests' small story (people, scenery, responses, choices in words) as a folder."""
    folder.mkdir()
    (folder / "story.yaml").write_text(parser_story.STORY, encoding="utf-8")
    (folder / "scenes.yaml").write_text(parser_story.SCENES, encoding="utf-8")
    return folder


@pytest.mark.parametrize("which", ["shipped", "tiny", "parser"])
def test_the_compiled_story_plays_exactly_as_the_folder(which: str, tmp_path: Path) -> None:
    folder = {"shipped": ROOT / "scenes", "tiny": TINY}.get(which) or _parser_story(tmp_path / "parser")
    # the folder's files read from memory, so their records name files as the compiled ones do (story.yaml, not scenes/story.yaml)
    original = load_story_from_texts({f.relative_to(folder).as_posix(): f.read_text("utf-8") for f in find_files(folder)})
    compiled = load_compiled(json.loads(json.dumps(compile_story(folder))))
    assert compiled.content_hash == original.content_hash == load_story(folder).content_hash  # saves are runs of one story
    assert list(compiled.scenes) == list(original.scenes)
    assert [c.title for c in compiled.chapters] == [c.title for c in original.chapters]
    # the parser's records: people, places, story-wide responses, each scene's scenery and choice words
    assert compiled.people == original.people and compiled.locations == original.locations
    assert compiled.responses == original.responses and compiled.places == original.places
    assert compiled.verb_phrases == original.verb_phrases and compiled.items == original.items
    for sid, scene in original.scenes.items():
        assert compiled.scenes[sid] == scene, sid
    typed = 0
    for seed in range(1, 41 if which == "shipped" else 21):
        walk = _walk(Engine(compiled), seed)
        assert walk == _walk(Engine(original), seed), seed
        typed += sum(1 for step in walk if step[3])
    assert typed > 50  # the routes did type lines the parser answered, not only take choices


def test_a_broken_story_is_never_compiled(tmp_path) -> None:
    (tmp_path / "story.yaml").write_text("id: t\ntitle: T\nstart: a\n")
    (tmp_path / "a.yaml").write_text("id: a\nchapter: C\ntitle: A\ntext: Hello.\nchoices:\n  - text: On\n    goto: nowhere\n")
    with pytest.raises(StoryError) as caught:
        compile_story(tmp_path)
    assert "a.yaml:" in caught.value.report() and "nowhere" in caught.value.report()


@pytest.mark.parametrize("change, words", [
    (lambda d: d.update(nlmg_compiled=99), "not a compiled story"),
    (lambda d: d.update(records=-1), "build it again"),
    (lambda d: d.pop("files"), "damaged"),
    (lambda d: d["files"].append(["x.yaml", [{"id": "x"}]]), "damaged"),
])
def test_damaged_compiled_data_is_refused_by_name(change, words) -> None:
    data = json.loads(json.dumps(compile_story(TINY)))
    change(data)
    with pytest.raises(StoryError) as caught:
        load_compiled(data)
    assert words in str(caught.value)


def test_the_browser_path_imports_and_plays_without_pyyaml(tmp_path) -> None:
    """The web edition has no PyYAML: block it, then load a compiled story through the bridge and play."""
    story = tmp_path / "story.json"
    story.write_text(json.dumps(compile_story(TINY)))
    script = textwrap.dedent(f"""
        import json, sys
        class NoYaml:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("yaml", "_yaml", "pygame"):
                    raise ImportError("not in the browser: " + name)
        sys.meta_path.insert(0, NoYaml())
        from game.frontends.web.bridge import WebGame
        game = WebGame(open({str(story)!r}).read())
        step = json.loads(game.new_game(3))
        step = json.loads(game.choose(step["view"]["options"][0]["id"]))
        assert step["ok"], step
        assert not any(m.split(".")[0] in ("yaml", "pygame") for m in sys.modules), sorted(sys.modules)
        print("played", step["view"]["scene"])
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("played ")
