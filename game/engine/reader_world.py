"""Reading the parser's world from a file: people, topics, scenery, named responses and locations as places.

The per-file half, like reader.py (whose FieldReader this borrows for shapes, text and conditions):
records are plain JSON for the load cache, each with its [line, col]. Whether a scene's person
exists in story.yaml can only be known later, in build_world.py.
"""

from __future__ import annotations

from typing import Any

from game.engine import schema
from game.engine.fields import NAME_RE, FieldReader, describe, normalise_words, suggest, unique
from game.engine.positioned import PList, PMap
from game.engine.responses import PLACEHOLDER_NAMES, RESPONSES, unknown_placeholders
from game.engine.verbs import SYNONYMS

PRONOUNS = ("he", "she", "they")


def split_names(key: Any) -> list[str]:
    """`pencil case, case, pencils` -> its names, normalised; a key may name a thing several ways."""
    return unique([normalise_words(part) for part in str(key).split(",")])


def _placeholders(r: FieldReader, paras: list[dict[str, Any]], what: str) -> None:
    for p in paras:
        for text in (p["text"], p.get("else") or ""):
            for bad in unknown_placeholders(text):
                r.error(p["pos"], f"{what} has an unknown placeholder {{{bad}}} (known: {', '.join(PLACEHOLDER_NAMES)})")


def scenery(r: FieldReader, m: PMap, key: str, what: str) -> list[dict[str, Any]]:
    """`scenery: {bed: The bed was made., "window, windows": ...}` as [{names, look, pos}]."""
    if key not in m:
        return []
    v = r.mapping(m[key], m.vpos[key], f"'{key}' of {what}")
    if v is None:
        return []
    out = []
    for noun in v:
        names = split_names(noun)
        if not names:
            r.error(v.kpos[noun], f"a scenery entry of {what} has no noun")
            continue
        look = r.text(v, noun, f"scenery '{names[0]}' of {what}")
        if look:
            out.append({"names": names, "look": look, "pos": list(v.kpos[noun][:2])})
        elif not isinstance(v[noun], (str, list)):
            continue
        else:
            r.error(v.vpos[noun], f"scenery '{names[0]}' of {what} has no text")
    return out


def responses(r: FieldReader, m: PMap, key: str, what: str) -> dict[str, dict[str, Any]]:
    """`responses: {wait: ..., cannot_see: ...}` as {name: {text, pos}}, each name checked against the catalogue."""
    if key not in m:
        return {}
    v = r.mapping(m[key], m.vpos[key], f"'{key}' of {what}")
    if v is None:
        return {}
    out: dict[str, dict[str, Any]] = {}
    for name in v:
        if name not in RESPONSES:
            hint = suggest(str(name), list(RESPONSES)) or " (docs/authoring.md lists every response)"
            r.error(v.kpos[name], f"unknown response '{name}' in {what}{hint}")
            continue
        text = r.text(v, name, f"response '{name}' of {what}")
        _placeholders(r, text, f"response '{name}' of {what}")
        out[str(name)] = {"text": text, "pos": list(v.kpos[name][:2])}
    return out


def topics(r: FieldReader, m: PMap, what: str) -> list[dict[str, Any]]:
    if "topics" not in m:
        return []
    v = r.mapping(m["topics"], m.vpos["topics"], f"'topics' of {what}")
    if v is None:
        return []
    out = []
    for key, body in v.items():
        names = split_names(key)
        twhat = f"topic '{names[0] if names else key}' of {what}"
        rec: dict[str, Any] = {"names": names, "pos": list(v.kpos[key][:2])}
        if isinstance(body, PMap):
            r.check_keys(body, "topic", twhat)
            rec["names"] = unique(names + r.names(body, "names", twhat))
            rec["say"] = r.text(body, "say", twhat)
            if "if" in body:
                c = r.cond(body["if"], body.vpos["if"], f"the condition of {twhat}")
                if c:
                    rec["if"] = c
        else:
            rec["say"] = r.text(v, key, twhat)
        if rec["names"] and rec["say"]:
            out.append(rec)
    return out


def replies(r: FieldReader, m: PMap, what: str) -> dict[str, list[dict[str, Any]]]:
    if "replies" not in m:
        return {}
    v = r.mapping(m["replies"], m.vpos["replies"], f"'replies' of {what}")
    if v is None:
        return {}
    out = {}
    for verb, _ in v.items():
        name = normalise_words(str(verb))
        if name not in SYNONYMS:
            r.error(v.kpos[verb], f"'{verb}' in the replies of {what} is not a verb{suggest(name, list(SYNONYMS))}")
            continue
        out[name] = r.text(v, verb, f"the {name} reply of {what}")
    return out


def lines(r: FieldReader, m: PMap, what: str) -> dict[str, Any]:
    """The words of a person (story-wide) or a scene's override of them."""
    out: dict[str, Any] = {}
    for key in ("look", "talk", "fallback"):
        if key in m:
            out[key] = r.text(m, key, what)
            _placeholders(r, out[key], f"'{key}' of {what}")
    t = topics(r, m, what)
    if t:
        out["topics"] = t
    rep = replies(r, m, what)
    if rep:
        out["replies"] = rep
    return out


def scene_people(r: FieldReader, m: PMap, what: str) -> list[dict[str, Any]]:
    """A scene's `people:`: [ruth, tommy], or {ruth: {topics: ...}, tommy: }, as [{id, pos, lines}]."""
    if "people" not in m:
        return []
    v, at = m["people"], m.vpos["people"]
    out = []
    if isinstance(v, str):
        v = [v]
    if isinstance(v, list):
        positions = v.ipos if isinstance(v, PList) else [at] * len(v)
        for name, pat in zip(v, positions):
            if not isinstance(name, str) or not NAME_RE.match(name):
                r.error(pat, f"'{name}' in the people of {what} is not a person's name (letters, digits and _)")
                continue
            out.append({"id": name, "pos": [pat[0], pat[1]], "lines": {}})
        return out
    if not isinstance(v, PMap):
        r.error(at, f"'people' of {what} should be {schema.TYPES['people']}, found {describe(v)}")
        return []
    for name, body in v.items():
        pwhat = f"person '{name}' in {what}"
        if not isinstance(name, str) or not NAME_RE.match(name):
            r.error(v.kpos[name], f"'{name}' in the people of {what} is not a person's name (letters, digits and _)")
            continue
        rec: dict[str, Any] = {"id": name, "pos": list(v.kpos[name][:2]), "lines": {}}
        if body is not None and body is not True:
            body = r.mapping(body, v.vpos[name], pwhat)
            if body is not None:
                r.check_keys(body, "scene_person", pwhat)
                rec["lines"] = lines(r, body, pwhat)
                _far(r, body, pwhat, rec["lines"])
        out.append(rec)
    return out


def _far(r: FieldReader, m: PMap, what: str, out: dict[str, Any]) -> None:
    """A scene's `far:` for a person in sight but not at hand: true, or the line said when Kathy reaches for them."""
    if "far" not in m or m["far"] is False:
        return
    if m["far"] is True:
        out["far"] = True
        return
    text = r.text(m, "far", f"'far' of {what}")
    _placeholders(r, text, f"'far' of {what}")
    if text:
        out["far"] = text


def story_people(r: FieldReader, m: PMap) -> list[dict[str, Any]]:
    if "people" not in m:
        return []
    v = r.mapping(m["people"], m.vpos["people"], "'people' of the story file")
    if v is None:
        return []
    out = []
    for pid, body in v.items():
        what = f"person '{pid}'"
        if not isinstance(pid, str) or not NAME_RE.match(pid):
            r.error(v.kpos[pid], f"'{pid}' is not a person's name (letters, digits and _)")
            continue
        body = r.mapping(body, v.vpos[pid], what)
        if body is None:
            continue
        r.check_keys(body, "person", what)
        pronoun = r.string(body, "pronoun", what, "they") or "they"
        if pronoun not in PRONOUNS:
            r.error(body.vpos["pronoun"], f"'pronoun' of {what} should be he, she or they, found '{pronoun}'")
            pronoun = "they"
        out.append({
            "id": pid,
            "name": r.string(body, "name", what) or pid.replace("_", " ").title(),
            "names": unique([normalise_words(pid.replace("_", " ")), *r.names(body, "names", what)]),
            "pronoun": pronoun,
            "lines": lines(r, body, what),
            "where": whereabouts(r, body, what),
            "everywhere": r.boolean(body, "everywhere", what),
            "pos": list(v.kpos[pid][:2]),
        })
    return out


def whereabouts(r: FieldReader, m: PMap, what: str) -> list[dict[str, Any]]:
    if "where" not in m:
        return []
    v = m["where"]
    if not isinstance(v, PList):
        r.error(m.vpos["where"], f"'where' of {what} should be {schema.TYPES['where']}, found {describe(v)}")
        return []
    out = []
    for i, (item, at) in enumerate(zip(v, v.ipos), 1):
        wwhat = f"whereabouts {i} of {what}"
        item = r.mapping(item, at, wwhat)
        if item is None or not r.check_keys(item, "whereabouts", wwhat):
            continue
        rec: dict[str, Any] = {"chapter": r.string(item, "chapter", wwhat) or "", "location": r.name(item, "location", wwhat) or "",
                     "text": r.text(item, "text", wwhat), "pos": [item.line, item.col]}
        if "if" in item:
            c = r.cond(item["if"], item.vpos["if"], f"the condition of {wwhat}")
            if c:
                rec["if"] = c
        if "chapter" in item:
            rec["chapter_pos"] = list(item.vpos["chapter"][:2])
        out.append(rec)
    return out


def locations(r: FieldReader, m: PMap) -> tuple[list[str] | None, list[dict[str, Any]]]:
    """`locations:` as a list of names (the old form) or a mapping of places: (names, place records)."""
    if "locations" not in m:
        return None, []
    v = m["locations"]
    if isinstance(v, PList) and all(isinstance(x, str) and NAME_RE.match(x) for x in v):
        return list(v), []
    if not isinstance(v, PMap):
        r.error(m.vpos["locations"], f"'locations' should be {schema.TYPES['locations']} (names of letters, digits and _)")
        return None, []
    names, places = [], []
    for lid, body in v.items():
        what = f"location '{lid}'"
        if not isinstance(lid, str) or not NAME_RE.match(lid):
            r.error(v.kpos[lid], f"'{lid}' is not a location name (letters, digits and _)")
            continue
        names.append(lid)
        if body is None:
            continue
        body = r.mapping(body, v.vpos[lid], what)
        if body is None or not r.check_keys(body, "place", what):
            continue
        places.append({
            "id": lid, "name": r.string(body, "name", what) or lid.replace("_", " ").title(),
            "look": r.text(body, "look", what), "scenery": scenery(r, body, "scenery", what),
            "responses": responses(r, body, "responses", what), "pos": list(v.kpos[lid][:2]),
        })
    return names, places
