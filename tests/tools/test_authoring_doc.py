"""docs/authoring.md: its reference is complete and current, and its tutorial works on the shipped story."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from game.cli import main
from game.engine import Engine, Input, load_story, schema
from game.engine.commands import SYNONYMS
from game.engine.expr import FUNCTIONS
from game.tools.analysis import analyse
from game.tools.exhaustive import search
from game.tools.schema_json import doc_blocks, sync_docs
from tests.conftest import ROOT

DOC = ROOT / "docs" / "authoring.md"


def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.S)


def test_generated_reference_tables_are_current():
    text = doc()
    assert sync_docs(text) == text, "run: python -m game.tools.schema_json --docs docs/authoring.md"
    for name in doc_blocks():
        assert f"<!-- generated:{name} " in text, f"the doc has no generated table for {name}"


def test_every_key_effect_function_and_command_is_in_the_doc():
    text = doc()
    for kind, fields in schema.OBJECTS.items():
        for f in fields:
            assert f"| `{f.name}` |" in text, (kind, f.name)
    for op in schema.EFFECTS_DOC:
        assert f"| `{op}` |" in text
    for name in FUNCTIONS:
        assert f"`{name}()`" in text
    for verb, phrases in SYNONYMS.items():
        assert f"| `{verb}` |" in text, verb
        for phrase in phrases:
            assert f"`{phrase}`" in text, phrase
    for word in ("undo", "redo", "look", "examine", "inventory", "help"):
        assert f"`{word}`" in text
    for option in ("--runs", "--seed", "--steps", "--jobs", "--exhaustive", "--bound", "--route", "--format json", "--html", "--save-failures", "--quiet", "--strict", "--quick", "--no-cache", "--chapter"):
        assert option in text, option


def tutorial_story(tmp_path: Path) -> Path:
    """The shipped story with the tutorial's scene written and linked in, exactly as the doc says."""
    blocks = yaml_blocks(doc())
    orchard = next(b for b in blocks if "- id: hailsham.orchard" in b)
    link = next(b for b in blocks if "id: to_orchard" in b)
    folder = tmp_path / "scenes"
    shutil.copytree(ROOT / "scenes", folder, ignore=shutil.ignore_patterns(".cache"))
    (folder / "hailsham" / "orchard.yaml").write_text(orchard, encoding="utf-8")
    pond = folder / "hailsham" / "early_pond.yaml"
    text = pond.read_text(encoding="utf-8")
    at = text.index("  choices:\n", text.index("- id: hailsham.pond")) + len("  choices:\n")
    pond.write_text(text[:at] + link + text[at:], encoding="utf-8")
    return folder


def test_the_tutorial_scene_checks_clean_and_is_proven_reachable(tmp_path, capsys, monkeypatch):
    folder = tutorial_story(tmp_path)
    monkeypatch.chdir(tmp_path)
    story = load_story(folder)
    assert "hailsham.orchard" in story.scenes
    assert [d.format() for d in analyse(story)] == []
    res = search(Engine(story), 1, 20000)
    route = res.witnesses.get("hailsham.orchard/take_apple")
    assert route and route[-1] == Input("hailsham.orchard", "command", "take apple")
    assert main(["graph", "scenes", "--chapter", "Hailsham"]) == 0
    dot = capsys.readouterr().out
    assert '"hailsham.pond" -> "hailsham.orchard" [label="Walk out to the old orchard instead."' in dot
    assert '"hailsham.orchard" -> "hailsham.woods"' in dot


def test_the_tutorial_mistakes_give_the_messages_the_doc_shows(tmp_path, capsys, monkeypatch):
    folder = tutorial_story(tmp_path)
    monkeypatch.chdir(tmp_path)
    orchard = folder / "hailsham" / "orchard.yaml"
    orchard.write_text(orchard.read_text().replace("      once: true", "      onse: true").replace("goto: hailsham.woods", "goto: hailsham.wods"))
    assert main(["check", "scenes", "--no-cache"]) == 1
    out = capsys.readouterr().out
    text = doc()
    for line in out.splitlines():
        assert line in text, line
    orchard.write_text(orchard.read_text().replace("onse", "once").replace("wods", "woods"))
    pond = folder / "hailsham" / "early_pond.yaml"
    pond.write_text(pond.read_text().replace("      goto: hailsham.orchard\n", "      goto: hailsham.woods\n"))
    assert main(["check", "scenes", "--no-cache"]) == 0
    out = capsys.readouterr().out
    unreachable = [line for line in out.splitlines() if "cannot be reached" in line]
    assert unreachable and unreachable[0] in text
