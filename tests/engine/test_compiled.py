"""A story compiled to JSON (for the web edition) builds the same Story, plays the same, and needs no PyYAML."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap

import pytest

from game.engine import Engine, Run, StoryError, load_story
from game.engine.compiled import compile_story, load_compiled
from tests.conftest import ROOT, TINY


def _walk(engine: Engine, seed: int, steps: int = 60) -> list[tuple]:
    """A seeded random run: what it read and its state's fingerprint after every input."""
    rng = random.Random(seed)
    run = Run(engine, seed)
    seen = []
    for _ in range(steps):
        view = run.view()
        if run.ended:
            break
        options = [o for o in view.options if o.enabled]
        if rng.random() < 0.2:
            outcome = run.command(rng.choice(["look", "inventory", "examine letter", "take tape", "help"]))
        else:
            outcome = run.choose(rng.choice(options).id)
        seen.append((tuple(view.paragraphs), tuple(outcome.said), run.state.hash()))
    return seen


@pytest.mark.parametrize("folder", [ROOT / "scenes", TINY], ids=["shipped", "tiny"])
def test_the_compiled_story_plays_exactly_as_the_folder(folder) -> None:
    original = load_story(folder, use_cache=False)
    compiled = load_compiled(json.loads(json.dumps(compile_story(folder))))
    assert compiled.content_hash == original.content_hash  # saves made in either are runs of the same story
    assert list(compiled.scenes) == list(original.scenes)
    assert [c.title for c in compiled.chapters] == [c.title for c in original.chapters]
    for seed in range(1, 6):
        assert _walk(Engine(compiled), seed) == _walk(Engine(original), seed)


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
