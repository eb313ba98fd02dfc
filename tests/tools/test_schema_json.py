"""The JSON Schemas for editors: generated from schema.py, committed up to date, and accepting what the loader accepts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from game.engine import schema
from game.tools import schema_json
from tests.conftest import ROOT, TINY

SCENES = ROOT / "scenes"


def validate(instance: Any, sch: dict, root: dict, path: str = "$") -> list[str]:
    """A small JSON Schema checker for the keywords our schemas use (the project has no jsonschema dependency)."""
    errors: list[str] = []
    if "$ref" in sch:
        target = root
        for part in sch["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        errors += validate(instance, target, root, path)
    if "anyOf" in sch and not any(not validate(instance, s, root, path) for s in sch["anyOf"]):
        errors.append(f"{path}: matches none of anyOf")
    if "const" in sch and instance != sch["const"]:
        errors.append(f"{path}: is not {sch['const']!r}")
    if "enum" in sch and instance not in sch["enum"]:
        errors.append(f"{path}: {instance!r} not in {sch['enum']}")
    if "type" in sch:
        kinds = sch["type"] if isinstance(sch["type"], list) else [sch["type"]]
        ok = {"string": isinstance(instance, str), "number": isinstance(instance, (int, float)) and not isinstance(instance, bool),
              "integer": isinstance(instance, int) and not isinstance(instance, bool), "boolean": isinstance(instance, bool),
              "object": isinstance(instance, dict), "array": isinstance(instance, list), "null": instance is None}
        if not any(ok[k] for k in kinds):
            return errors + [f"{path}: expected {kinds}, found {type(instance).__name__}"]
    if isinstance(instance, str) and "pattern" in sch and not re.search(sch["pattern"], instance):
        errors.append(f"{path}: {instance!r} does not match {sch['pattern']}")
    if isinstance(instance, int) and "minimum" in sch and instance < sch["minimum"]:
        errors.append(f"{path}: below minimum")
    if isinstance(instance, dict):
        props = sch.get("properties", {})
        for key in sch.get("required", []):
            if key not in instance:
                errors.append(f"{path}: missing required '{key}'")
        if len(instance) < sch.get("minProperties", 0):
            errors.append(f"{path}: too few keys")
        for key, deps in sch.get("dependentRequired", {}).items():
            if key in instance and any(d not in instance for d in deps):
                errors.append(f"{path}: '{key}' needs {deps}")
        for key, value in instance.items():
            if "propertyNames" in sch:
                errors += validate(key, sch["propertyNames"], root, f"{path}.{key}(name)")
            if key in props:
                errors += validate(value, props[key], root, f"{path}.{key}")
            elif sch.get("additionalProperties") is False:
                errors.append(f"{path}: unknown key '{key}'")
            elif isinstance(sch.get("additionalProperties"), dict):
                errors += validate(value, sch["additionalProperties"], root, f"{path}.{key}")
    if isinstance(instance, list):
        if len(instance) < sch.get("minItems", 0):
            errors.append(f"{path}: too few items")
        if "items" in sch:
            for i, item in enumerate(instance):
                errors += validate(item, sch["items"], root, f"{path}[{i}]")
    return errors


def check_file(path: Path, sch: dict) -> list[str]:
    errors = []
    for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
        if doc is not None:
            errors += validate(doc, sch, sch)
    return errors


def test_committed_schemas_are_what_the_generator_makes():
    for path, text in schema_json.outputs(SCENES).items():
        assert path.read_text(encoding="utf-8") == text, f"{path} is out of date: run python -m game.tools.schema_json"
    assert schema_json.main([str(SCENES), "--check"]) == 0


def test_every_key_of_schema_py_is_in_the_schemas_with_its_doc():
    scene = json.loads((SCENES / "scene.schema.json").read_text())
    story = json.loads((SCENES / "story.schema.json").read_text())
    where = {"scene": scene["$defs"]["scene"], "paragraph": scene["$defs"]["paragraph"], "thing": scene["$defs"]["thing"],
             "action": scene["$defs"]["action"], "choice": scene["$defs"]["choice"], "story": story,
             "chapter": story["$defs"]["chapter"], "item": story["$defs"]["item"], "ending": story["$defs"]["ending"],
             "person": story["$defs"]["person"], "scene_person": scene["$defs"]["scene_person"],
             "topic": scene["$defs"]["topic"], "whereabouts": story["$defs"]["whereabouts"], "place": story["$defs"]["place"]}
    for kind, fields in schema.OBJECTS.items():
        props = where[kind]["properties"]
        assert list(props) == [f.name for f in fields], kind
        assert sorted(where[kind].get("required", [])) == sorted(schema.required(kind))
        for f in fields:
            assert props[f.name]["description"].startswith(f.doc)
    assert set(scene["$defs"]["effect"]["properties"]) == set(schema.EFFECTS_DOC) | {"then", "else"}


def test_the_fixture_and_shipped_scene_files_validate():
    scene = json.loads((SCENES / "scene.schema.json").read_text())
    story = json.loads((SCENES / "story.schema.json").read_text())
    files = sorted(TINY.glob("*.yaml")) + sorted(p for p in SCENES.rglob("*.yaml") if ".cache" not in p.parts)
    assert len(files) > 3
    for f in files:
        errors = check_file(f, story if f.name == "story.yaml" else scene)
        assert not errors, (f, errors[:5])


def test_mistakes_are_flagged_by_the_schema():
    scene = json.loads((SCENES / "scene.schema.json").read_text())
    bad = [
        {"id": "a", "chapter": "C", "title": "T", "text": "x", "choises": []},  # misspelt key
        {"id": "A b", "chapter": "C", "title": "T", "text": "x"},  # not an id
        {"id": "a", "chapter": "C", "title": "T"},  # no text
        {"id": "a", "chapter": "C", "title": "T", "text": "x", "choices": [{"text": "Go", "show": "greyed"}]},
        {"id": "a", "chapter": "C", "title": "T", "text": "x", "on_enter": [{"sett": {"x": 1}}]},
        {"id": "a", "chapter": "C", "title": "T", "text": "x", "on_enter": [{"then": [{"give": "key"}]}]},
        {"id": "a", "chapter": "C", "title": "T", "text": "x", "on_enter": [{"roll": {"x": 0}}]},
    ]
    for doc in bad:
        assert validate(doc, scene, scene), doc
    good = {"id": "a.b", "chapter": "C", "title": "T", "text": ["x", {"if": "n > 1", "text": "y", "else": "z"}],
            "things": {"stone": "A stone.", "gate": {"names": ["gate"], "look": "Old."}},
            "actions": [{"verbs": ["lift"], "thing": "stone", "do": {"give": "key"}, "say": "Up."}],
            "choices": [{"text": "Go", "if": "has('key')", "show": "disabled", "goto": "b.c",
                         "do": [{"if": "n > 1", "then": [{"add": {"n": 1}}], "else": [{"roll": {"d": 6}}]}]}]}
    assert validate(good, scene, scene) == []
