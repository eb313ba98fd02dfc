"""Generates the JSON Schemas editors use (scenes/scene.schema.json, scenes/story.schema.json) from game/engine/schema.py.

The loader checks files against schema.py's tables; the schemas here are made from the same tables,
so the format is never described twice. A test fails when the committed files differ from what
this generates: run `python -m game.tools.schema_json` after changing schema.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game import paths
from game.engine import schema
from game.engine.expr import FUNCTIONS
from game.engine.fields import NAME_RE, SCENE_ID_RE
from game.engine.responses import RESPONSES
from game.engine.verbs import ANSWERED_AS, SYNONYMS
from game.tools.parserprobe import STANDARD_VERBS
from game.tools.wordnet import CONCRETE

DRAFT = "https://json-schema.org/draft/2020-12/schema"
NAME = {"type": "string", "pattern": NAME_RE.pattern}
SCENE_ID = {"type": "string", "pattern": SCENE_ID_RE.pattern}
EXPR = {"type": ["string", "number", "boolean"], "description": schema.TYPES["expr"]}
TEXTLIKE = {"type": ["string", "number"]}


def type_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema fragment for one of schema.TYPES."""
    ref = {
        "text": "#/$defs/text", "effects": "#/$defs/effects", "things": "#/$defs/things", "actions": "#/$defs/actions",
        "choices": "#/$defs/choices", "names": "#/$defs/names", "chapters": "#/$defs/chapters", "items": "#/$defs/items",
        "endings": "#/$defs/endings", "variables": "#/$defs/variables", "people": "#/$defs/people",
        "persons": "#/$defs/persons", "scenery": "#/$defs/scenery", "responses": "#/$defs/responses",
        "topics": "#/$defs/topics", "replies": "#/$defs/replies", "where": "#/$defs/where", "locations": "#/$defs/locations",
    }
    if kind in ref:
        return {"$ref": ref[kind]}
    simple: dict[str, dict[str, Any]] = {
        "id": dict(SCENE_ID), "name": dict(NAME), "string": dict(TEXTLIKE), "bool": {"type": "boolean"},
        "int": {"type": "integer"}, "expr": {"type": ["string", "number", "boolean"]},
        "ending": {"anyOf": [{"const": False}, {"type": "null"}, dict(NAME)]},
        "show": {"enum": ["hidden", "disabled"]},
        "pronoun": {"enum": ["he", "she", "they"]},
        "far": {"anyOf": [{"const": True}, {"$ref": "#/$defs/text"}]},
    }
    return simple[kind]


def object_schema(kind: str, title: str) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for f in schema.OBJECTS[kind]:
        props[f.name] = {**type_schema(f.type), "description": f"{f.doc} ({schema.TYPES[f.type]})"}
    out: dict[str, Any] = {"type": "object", "title": title, "properties": props, "additionalProperties": False}
    req = schema.required(kind)
    if req:
        out["required"] = req
    return out


def effect_schema() -> dict[str, Any]:
    doc = schema.EFFECTS_DOC
    numbers = {"type": "object", "additionalProperties": {"type": ["number", "string"]}, "minProperties": 1,
               "propertyNames": dict(NAME)}
    names = {"anyOf": [dict(NAME), {"type": "array", "items": dict(NAME), "minItems": 1}]}
    return {
        "type": "object",
        "title": "effect",
        "description": "One effect, such as {set: {asked: true}}, {give: tape}, {goto: scene.id}, or if/then/else.",
        "properties": {
            "set": {"type": "object", "additionalProperties": EXPR, "minProperties": 1, "propertyNames": dict(NAME), "description": doc["set"]},
            "add": {**numbers, "description": doc["add"]},
            "roll": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1}, "minProperties": 1,
                     "propertyNames": dict(NAME), "description": doc["roll"]},
            "give": {**names, "description": doc["give"]},
            "take": {**names, "description": doc["take"]},
            "goto": {**SCENE_ID, "description": doc["goto"]},
            "if": {**EXPR, "description": doc["if"]},
            "then": {"$ref": "#/$defs/effects", "description": "The effects run when the 'if' condition holds."},
            "else": {"$ref": "#/$defs/effects", "description": "The effects run when it does not."},
        },
        "additionalProperties": False,
        "minProperties": 1,
        "dependentRequired": {"then": ["if"], "else": ["if"], "if": ["then"]},
    }


def common_defs() -> dict[str, Any]:
    paragraph = object_schema("paragraph", "conditional paragraph")
    thing = object_schema("thing", "thing")
    return {
        "names": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": ["string", "integer"]}}],
                  "description": schema.TYPES["names"]},
        "paragraph": paragraph,
        "text": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/paragraph"}]}}],
                 "description": schema.TYPES["text"]},
        "effect": effect_schema(),
        "effects": {"anyOf": [{"type": "array", "items": {"$ref": "#/$defs/effect"}}, {"$ref": "#/$defs/effect"}],
                    "description": schema.TYPES["effects"]},
        "thing": thing,
        "things": {"type": "object", "propertyNames": dict(NAME), "description": schema.TYPES["things"],
                   "additionalProperties": {"anyOf": [{"type": "string", "description": "Shorthand: the thing's look."}, {"$ref": "#/$defs/thing"}]}},
        "action": object_schema("action", "action"),
        "actions": {"type": "array", "items": {"$ref": "#/$defs/action"}, "description": schema.TYPES["actions"]},
        "choice": object_schema("choice", "choice"),
        "choices": {"type": "array", "items": {"$ref": "#/$defs/choice"}, "description": schema.TYPES["choices"]},
        **world_defs(),
    }


def world_defs() -> dict[str, Any]:
    """The parser's world: people and their topics, scenery, named responses (shared by both schemas)."""
    text = {"$ref": "#/$defs/text"}
    return {
        "scenery": {"type": "object", "additionalProperties": text, "description": schema.TYPES["scenery"]},
        "responses": {"type": "object", "propertyNames": {"enum": list(RESPONSES)}, "additionalProperties": text,
                      "description": schema.TYPES["responses"]},
        "topic": object_schema("topic", "topic"),
        "topics": {"type": "object", "additionalProperties": {"anyOf": [text, {"$ref": "#/$defs/topic"}]},
                   "description": schema.TYPES["topics"]},
        "replies": {"type": "object", "propertyNames": {"enum": list(SYNONYMS)}, "additionalProperties": text,
                    "description": schema.TYPES["replies"]},
        "scene_person": object_schema("scene_person", "a scene's lines for a person"),
        "people": {"anyOf": [dict(NAME), {"type": "array", "items": dict(NAME)},
                             {"type": "object", "propertyNames": dict(NAME),
                              "additionalProperties": {"anyOf": [{"type": "null"}, {"const": True}, {"$ref": "#/$defs/scene_person"}]}}],
                   "description": schema.TYPES["people"]},
    }


def scene_schema() -> dict[str, Any]:
    defs = common_defs()
    defs["scene"] = object_schema("scene", "scene")
    return {
        "$schema": DRAFT,
        "$id": "https://never-let-me-go.invalid/scene.schema.json",
        "title": "Never Let Me Go: a scene file",
        "description": "A scene file holds one scene, or a list of scenes. Generated from game/engine/schema.py; do not edit by hand.",
        "anyOf": [{"$ref": "#/$defs/scene"}, {"type": "array", "items": {"$ref": "#/$defs/scene"}}],
        "$defs": defs,
    }


def story_schema() -> dict[str, Any]:
    defs = common_defs()
    defs["chapter"] = object_schema("chapter", "chapter")
    defs["item"] = object_schema("item", "item")
    defs["ending"] = object_schema("ending", "ending")
    defs["chapters"] = {"type": "array", "items": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/chapter"}]}, "description": schema.TYPES["chapters"]}
    defs["items"] = {"type": "object", "propertyNames": dict(NAME), "additionalProperties": {"$ref": "#/$defs/item"}, "description": schema.TYPES["items"]}
    defs["endings"] = {"type": "object", "propertyNames": dict(NAME), "additionalProperties": {"$ref": "#/$defs/ending"}, "description": schema.TYPES["endings"]}
    defs["variables"] = {"type": "object", "propertyNames": dict(NAME), "additionalProperties": {"type": ["boolean", "number", "string"]},
                         "description": schema.TYPES["variables"]}
    defs["whereabouts"] = object_schema("whereabouts", "whereabouts")
    defs["where"] = {"type": "array", "items": {"$ref": "#/$defs/whereabouts"}, "description": schema.TYPES["where"]}
    defs["person"] = object_schema("person", "person")
    defs["persons"] = {"type": "object", "propertyNames": dict(NAME), "additionalProperties": {"$ref": "#/$defs/person"},
                       "description": schema.TYPES["persons"]}
    defs["place"] = object_schema("place", "place")
    defs["locations"] = {"anyOf": [{"type": "array", "items": dict(NAME)},
                                   {"type": "object", "propertyNames": dict(NAME),
                                    "additionalProperties": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/place"}]}}],
                         "description": schema.TYPES["locations"]}
    story = object_schema("story", "story.yaml")
    return {
        "$schema": DRAFT,
        "$id": "https://never-let-me-go.invalid/story.schema.json",
        "title": "Never Let Me Go: story.yaml",
        "description": "The story's frame: its start, chapters, items, endings, variables, locations, people and responses. Generated from game/engine/schema.py; do not edit by hand.",
        **{k: v for k, v in story.items() if k != "title"},
        "$defs": defs,
    }


def render(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def outputs(folder: Path) -> dict[Path, str]:
    return {folder / "scene.schema.json": render(scene_schema()), folder / "story.schema.json": render(story_schema())}


# ---- the reference tables in docs/authoring.md, from the same definition ---------------------------

DOC_BLOCK = "<!-- generated:{name} (python -m game.tools.schema_json --docs) -->"
DOC_END = "<!-- /generated -->"


def doc_blocks() -> dict[str, str]:
    """Markdown tables for every object's keys, the effects and the expression functions."""
    out = {}
    for kind, fields in schema.OBJECTS.items():
        rows = ["| key | value | required | meaning |", "| --- | --- | --- | --- |"]
        for f in fields:
            rows.append(f"| `{f.name}` | {_cell(schema.TYPES[f.type])} | {'yes' if f.required else ''} | {_cell(f.doc)} |")
        out[kind] = "\n".join(rows)
    rows = ["| effect | what it does |", "| --- | --- |"]
    rows += [f"| `{op}` | {_cell(doc)} |" for op, doc in schema.EFFECTS_DOC.items()]
    out["effects"] = "\n".join(rows)
    rows = ["| function | arguments | meaning |", "| --- | --- | --- |"]
    rows += [f"| `{name}()` | {lo} to {hi} | {_cell(doc)} |" if lo != hi else f"| `{name}()` | {lo} | {_cell(doc)} |"
             for name, (lo, hi, doc) in FUNCTIONS.items()]
    out["functions"] = "\n".join(rows)
    rows = ["| verb | also |", "| --- | --- |"]
    rows += [f"| `{verb}` | {', '.join(f'`{p}`' for p in phrases if p != verb)} |" for verb, phrases in SYNONYMS.items()]
    out["verbs"] = "\n".join(rows)
    rows = ["| phrase | answered as |", "| --- | --- |"]
    rows += [f"| `{p}` | `{v}` |" for p, v in ANSWERED_AS.items()]
    out["answered_as"] = "\n".join(rows)
    rows = ["| response | said for | engine's own line | counted as |", "| --- | --- | --- | --- |"]
    rows += [f"| `{r.name}` | {_cell(r.doc)} | {_cell(r.fallback)} | {'parser failure' if r.failure else 'default'} |"
             for r in RESPONSES.values()]
    out["responses"] = "\n".join(rows)
    rows = ["| what the author tools type | concrete nouns are WordNet senses in |", "| --- | --- |"]
    rows.append(f"| {', '.join(f'`{v}`' for v in STANDARD_VERBS)}, and `examine` + each noun | "
                f"{', '.join(f'`{name}`' for name in CONCRETE.values())} |")
    out["battery"] = "\n".join(rows)
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def sync_docs(text: str) -> str:
    """`text` with every generated block replaced by what the definitions say now."""
    for name, body in doc_blocks().items():
        start = DOC_BLOCK.format(name=name)
        i = text.find(start)
        if i < 0:
            continue
        j = text.find(DOC_END, i)
        if j < 0:
            continue
        text = text[: i + len(start)] + "\n" + body + "\n" + text[j:]
    return text


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m game.tools.schema_json", description="Write the JSON Schemas of the scene format.")
    p.add_argument("folder", nargs="?", default=str(paths.SOURCE_TREE / "scenes"))
    p.add_argument("--check", action="store_true", help="only check the files are up to date (exit 1 if not)")
    p.add_argument("--docs", metavar="AUTHORING.md", help="also refresh the generated reference tables in this Markdown file")
    a = p.parse_args(argv)
    stale = []
    files = outputs(Path(a.folder))
    if a.docs:
        doc = Path(a.docs)
        files[doc] = sync_docs(doc.read_text(encoding="utf-8"))
    for path, text in files.items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not a.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
            print(f"wrote {path}")
    if a.check and stale:
        print("out of date: " + ", ".join(map(str, stale)) + " (run python -m game.tools.schema_json)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
