"""Reading one scene file into plain, checked records: the per-file half of loading.

Everything here depends on one file's text alone, which is what makes it cacheable: the records
and the problems found are plain JSON, keyed by the file's content hash. Checks that need the whole
story (targets exist, ids are unique) happen later, in build.py. The field types (text, effects,
conditions) are read by fields.py.

A record is a dict with positions as [line, col]; expressions carry their parsed tree.
"""

from __future__ import annotations

from typing import Any

from game.engine import reader_world, schema
from game.engine.fields import (
    NAME_RE,
    SCENE_ID_RE,
    FieldReader,
    Problem,
    describe,
    normalise_words,
    slug,
    split_paragraphs,
    unique,
    unique_id,
)
from game.engine.positioned import PList, PMap

__all__ = ["NAME_RE", "SCENE_ID_RE", "FileReader", "read_scene_file"]


class FileReader(FieldReader):
    """Reads scenes (with their things, actions and choices) and the story file from one file's documents."""

    # ---- the objects ------------------------------------------------------------------------
    def scene(self, m: PMap) -> dict[str, Any] | None:
        sid = m.get("id") if isinstance(m.get("id"), str) else None
        what = f"scene '{sid}'" if sid else "this scene"
        self.check_keys(m, "scene", what)
        sid = self.scene_ref(m, "id", what)
        if sid is None:
            return None
        rec: dict[str, Any] = {
            "id": sid,
            "pos": [m.line, m.col],
            "id_pos": list(m.vpos["id"][:2]),
            "chapter": self.string(m, "chapter", what) or "",
            "title": self.string(m, "title", what) or sid,
            "location": self.name(m, "location", what) or "",
            "text": self.text(m, "text", what),
            "look": self.text(m, "look", what),
            "on_enter": self.effects(m, "on_enter", what),
            "things": self.things(m, what),
            "actions": [],
            "choices": [],
            "ending": None,
        }
        if "location" in m:
            rec["location_pos"] = list(m.vpos["location"][:2])
        if "chapter" in m:
            rec["chapter_pos"] = list(m.vpos["chapter"][:2])
        if "text" in m and not rec["text"] and isinstance(m["text"], (str, list)):
            self.error(m.vpos["text"], f"{what} has no text")
        if "ending" in m:
            e = m["ending"]
            if e is False or e is None:
                pass
            elif isinstance(e, str) and NAME_RE.match(e):
                rec["ending"] = e
                rec["ending_pos"] = list(m.vpos["ending"][:2])
            else:
                self.error(m.vpos["ending"], f"'ending' of {what} should be {schema.TYPES['ending']} (a name of letters, digits and _), found {describe(e)}")
        seen: set[str] = set()  # actions and choices share one id space: both can be taken as options
        rec["actions"] = self.actions(m, what, seen)
        rec["choices"] = self.choices(m, what, seen)
        # the parser's world: only written into the record when the scene has it, to keep records lean
        for key, value in (("people", reader_world.scene_people(self, m, what)),
                           ("scenery", reader_world.scenery(self, m, "scenery", what)),
                           ("responses", reader_world.responses(self, m, "responses", what))):
            if value:
                rec[key] = value
        return rec

    def things(self, m: PMap, what: str) -> list[dict[str, Any]]:
        if "things" not in m:
            return []
        v = self.mapping(m["things"], m.vpos["things"], f"'things' of {what}")
        if v is None:
            return []
        out = []
        for tid, body in v.items():
            twhat = f"thing '{tid}' of {what}"
            if not isinstance(tid, str) or not NAME_RE.match(tid):
                self.error(v.kpos[tid], f"'{tid}' is not a thing name (letters, digits and _)")
                continue
            if isinstance(body, str):  # shorthand: `tape: A cassette ...` is just its look
                out.append({"id": tid, "name": tid.replace("_", " "), "names": [normalise_words(tid)], "look": [{"text": t, "pos": list(v.vpos[tid][:2])} for t in split_paragraphs(body)], "pos": list(v.kpos[tid][:2])})
                continue
            body = self.mapping(body, v.vpos[tid], twhat)
            if body is None:
                continue
            self.check_keys(body, "thing", twhat)
            rec: dict[str, Any] = {
                "id": tid,
                "name": self.string(body, "name", twhat) or tid.replace("_", " "),
                "names": unique([normalise_words(tid.replace("_", " ")), *self.names(body, "names", twhat)]),
                "look": self.text(body, "look", twhat),
                "pos": list(v.kpos[tid][:2]),
            }
            if "if" in body:
                c = self.cond(body["if"], body.vpos["if"], f"the condition of {twhat}")
                if c:
                    rec["if"] = c
            out.append(rec)
        return out

    def actions(self, m: PMap, what: str, seen: set[str]) -> list[dict[str, Any]]:
        if "actions" not in m:
            return []
        v = m["actions"]
        if not isinstance(v, PList):
            self.error(m.vpos["actions"], f"'actions' of {what} should be {schema.TYPES['actions']}, found {describe(v)}")
            return []
        out: list[dict[str, Any]] = []
        for i, (a, at) in enumerate(zip(v, v.ipos), 1):
            awhat = f"action {i} of {what}"
            a = self.mapping(a, at, awhat)
            if a is None:
                continue
            self.check_keys(a, "action", awhat)
            verbs = self.names(a, "verbs", awhat)
            if not verbs:
                continue
            rec: dict[str, Any] = {
                "verbs": verbs,
                "thing": self.name(a, "thing", awhat),
                "about": self.names(a, "about", awhat),
                "blocked": self.text(a, "blocked", awhat),
                "do": self.effects(a, "do", awhat),
                "say": self.text(a, "say", awhat),
                "goto": self.scene_ref(a, "goto", awhat),
                "once": self.boolean(a, "once", awhat),
                "choice": self.string(a, "choice", awhat),
                "pos": [a.line, a.col],
            }
            if "thing" in a:
                rec["thing_pos"] = list(a.vpos["thing"][:2])
            if "goto" in a:
                rec["goto_pos"] = list(a.vpos["goto"][:2])
            if "if" in a:
                c = self.cond(a["if"], a.vpos["if"], f"the condition of {awhat}")
                if c:
                    rec["if"] = c
            aid = self.name(a, "id", awhat)
            if aid is None:
                parts = [verbs[0]] + ([rec["thing"]] if rec["thing"] else []) + (rec["about"][:1])
                aid = unique_id(slug(" ".join(parts)), seen)
            elif aid in seen:
                self.error(a.vpos["id"], f"{awhat}: id '{aid}' is already used by another action or choice in this scene")
            seen.add(aid)
            rec["id"] = aid
            if not rec["say"] and not rec["goto"]:
                self.warning((a.line, a.col), f"{awhat} neither says anything nor goes anywhere; the player will see no reply")
            out.append(rec)
        return out

    def choices(self, m: PMap, what: str, seen: set[str]) -> list[dict[str, Any]]:
        if "choices" not in m:
            return []
        v = m["choices"]
        if not isinstance(v, PList):
            self.error(m.vpos["choices"], f"'choices' of {what} should be {schema.TYPES['choices']}, found {describe(v)}")
            return []
        out: list[dict[str, Any]] = []
        for i, (c, at) in enumerate(zip(v, v.ipos), 1):
            cwhat = f"choice {i} of {what}"
            c = self.mapping(c, at, cwhat)
            if c is None:
                continue
            self.check_keys(c, "choice", cwhat)
            text = self.string(c, "text", cwhat)
            if text is None:
                continue
            text = " ".join(split_paragraphs(text))
            show = self.string(c, "show", cwhat, "hidden")
            if show not in ("hidden", "disabled"):
                self.error(c.vpos["show"], f"'show' of {cwhat} should be hidden or disabled, found '{show}'")
                show = "hidden"
            rec: dict[str, Any] = {
                "text": text,
                "show": show,
                "do": self.effects(c, "do", cwhat),
                "say": self.text(c, "say", cwhat),
                "goto": self.scene_ref(c, "goto", cwhat),
                "once": self.boolean(c, "once", cwhat),
                "pos": [c.line, c.col],
                "n": i,
            }
            if "goto" in c:
                rec["goto_pos"] = list(c.vpos["goto"][:2])
            if "words" in c:
                rec["words"] = self.names(c, "words", cwhat)
            if "if" in c:
                cond = self.cond(c["if"], c.vpos["if"], f"the condition of {cwhat}")
                if cond:
                    rec["if"] = cond
            elif show == "disabled":
                self.warning(c.vpos["show"], f"{cwhat} says show: disabled but has no 'if', so it is never disabled")
            cid = self.name(c, "id", cwhat)
            if cid is None:
                cid = unique_id(slug(text), seen)
            elif cid in seen:
                self.error(c.vpos["id"], f"{cwhat}: id '{cid}' is already used by another choice or action in this scene")
            seen.add(cid)
            rec["id"] = cid
            out.append(rec)
        return out

    # ---- story.yaml -------------------------------------------------------------------------
    def story(self, m: PMap) -> dict[str, Any]:
        what = "the story file"
        self.check_keys(m, "story", what)
        rec: dict[str, Any] = {
            "id": self.name(m, "id", what) or "story",
            "title": self.string(m, "title", what) or "Untitled",
            "version": 1,
            "start": self.scene_ref(m, "start", what),
            "start_pos": list(m.vpos["start"][:2]) if "start" in m else [m.line, m.col],
            "chapters": [],
            "items": [],
            "endings": [],
            "variables": {},
            "locations": None,
            "pos": [m.line, m.col],
        }
        if "version" in m:
            if isinstance(m["version"], int) and not isinstance(m["version"], bool):
                rec["version"] = m["version"]
            else:
                self.error(m.vpos["version"], f"'version' should be a whole number, found {describe(m['version'])}")
        if "chapters" in m:
            v = m["chapters"]
            if isinstance(v, PList):
                for i, (c, at) in enumerate(zip(v, v.ipos), 1):
                    if isinstance(c, str):
                        rec["chapters"].append({"title": c.strip(), "card": "", "pos": [at[0], at[1]]})
                        continue
                    c = self.mapping(c, at, f"chapter {i}")
                    if c is not None and self.check_keys(c, "chapter", f"chapter {i}"):
                        rec["chapters"].append({"title": self.string(c, "title", f"chapter {i}") or "", "card": self.string(c, "card", f"chapter {i}", "") or "", "pos": [c.line, c.col]})
            else:
                self.error(m.vpos["chapters"], f"'chapters' should be {schema.TYPES['chapters']}, found {describe(v)}")
        for key, kind in (("items", "item"), ("endings", "ending")):
            if key not in m:
                continue
            v = self.mapping(m[key], m.vpos[key], f"'{key}' of {what}")
            if v is None:
                continue
            for name, body in v.items():
                w = f"{kind} '{name}'"
                if not isinstance(name, str) or not NAME_RE.match(name):
                    self.error(v.kpos[name], f"'{name}' is not a valid {kind} name (letters, digits and _)")
                    continue
                body = self.mapping(body, v.vpos[name], w)
                if body is None or not self.check_keys(body, kind, w):
                    continue
                if kind == "item":
                    rec["items"].append({"id": name, "name": self.string(body, "name", w) or name, "names": unique([normalise_words(name.replace("_", " ")), *self.names(body, "names", w)]), "look": self.text(body, "look", w), "pos": list(v.kpos[name][:2])})
                else:
                    rec["endings"].append({"id": name, "title": self.string(body, "title", w) or name, "text": self.string(body, "text", w, "") or "", "pos": list(v.kpos[name][:2])})
        if "variables" in m:
            v = self.mapping(m["variables"], m.vpos["variables"], f"'variables' of {what}")
            if v is not None:
                for name, value in v.items():
                    if not isinstance(name, str) or not NAME_RE.match(name):
                        self.error(v.kpos[name], f"'{name}' is not a variable name (letters, digits and _)")
                    elif not isinstance(value, (bool, int, float, str)):
                        self.error(v.vpos[name], f"variable '{name}' should start as a number, true/false or text, found {describe(value)}")
                    else:
                        rec["variables"][name] = value
        rec["locations"], rec["places"] = reader_world.locations(self, m)
        rec["people"] = reader_world.story_people(self, m)
        rec["responses"] = reader_world.responses(self, m, "responses", what)
        return rec


def read_scene_file(text: str, is_story_file: bool = False) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Parse one file's text into scene records (or one story record) and its problems."""
    # Imported here, not at the top: yamlpos needs PyYAML, and the web edition imports this module
    # (through the loader and the command parser) with no PyYAML, building its story from compiled records.
    from game.engine.yamlpos import load_documents

    reader = FileReader()
    docs, yaml_problems = load_documents(text, "")
    reader.problems.extend([d.line, d.col, d.severity, d.message] for d in yaml_problems)
    records: list[dict[str, Any]] = []
    for doc in docs:
        if doc is None:
            continue
        if is_story_file:
            m = reader.mapping(doc, (getattr(doc, "line", 1), getattr(doc, "col", 1)), "the story file")
            if m is not None:
                records.append(reader.story(m))
            continue
        if isinstance(doc, PMap):
            rec = reader.scene(doc)
            if rec:
                records.append(rec)
        elif isinstance(doc, PList):
            for item, at in zip(doc, doc.ipos):
                m = reader.mapping(item, at, "each entry of a scene list")
                if m is not None:
                    rec = reader.scene(m)
                    if rec:
                        records.append(rec)
        else:
            reader.error((1, 1), f"a scene file holds a scene (a mapping) or a list of scenes, found {describe(doc)}")
    if not docs and not yaml_problems and not is_story_file:
        reader.warning((1, 1), "this file holds no scenes")
    return records, reader.problems
