"""Reading one scene file into plain, checked records: the per-file half of loading.

Everything here depends on one file's text alone, which is what makes it cacheable: the records
and the problems found are plain JSON, keyed by the file's content hash. Checks that need the whole
story (targets exist, ids are unique) happen later, in build.py.

A record is a dict with positions as [line, col]; expressions carry their parsed tree.
"""

from __future__ import annotations

import difflib
import functools
import re
from typing import Any

from game.engine import expr, schema
from game.engine.positioned import PList, PMap, Where

# kind -> (the keys it may have, the keys it must have): computed once, checked for every object
_KEYS = {kind: (frozenset(schema.keys(kind)), tuple(schema.required(kind))) for kind in schema.OBJECTS}
SCENE_ID_RE = re.compile(r"^[a-z0-9_\-]+(\.[a-z0-9_\-]+)*$")
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
EFFECT_OPS = tuple(schema.EFFECTS_DOC)

# A problem as stored in the cache: [line, col, severity, message]
Problem = list


def suggest(word: str, options: list[str] | set[str] | tuple[str, ...], cutoff: float = 0.6) -> str:
    """' (did you mean 'x'?)' when something close exists, else ''."""
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""


class FileReader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    # ---- reporting --------------------------------------------------------------------------
    def error(self, at: Where | tuple[int, int] | list, message: str) -> None:
        self.problems.append([at[0], at[1], "error", message])

    def warning(self, at: Where | tuple[int, int] | list, message: str) -> None:
        self.problems.append([at[0], at[1], "warning", message])

    # ---- shapes -----------------------------------------------------------------------------
    def mapping(self, value: Any, at: Where | tuple, what: str) -> PMap | None:
        if isinstance(value, PMap):
            return value
        self.error(at, f"{what} should be a mapping (key: value lines), found {describe(value)}")
        return None

    def check_keys(self, m: PMap, kind: str, what: str) -> bool:
        allowed_set, required_keys = _KEYS[kind]
        if m.keys() <= allowed_set and all(k in m for k in required_keys):
            return True
        allowed = schema.keys(kind)
        ok = True
        for key in m:
            if key not in allowed:
                hint = suggest(key, allowed)
                if not hint:
                    hint = f" (known keys: {', '.join(allowed)})"
                self.error(m.kpos[key], f"unknown key '{key}' in {what}{hint}")
                ok = False
        for key in schema.required(kind):
            if key not in m:
                self.error((m.line, m.col), f"{what} is missing the required key '{key}'")
                ok = False
        return ok

    def string(self, m: PMap, key: str, what: str, default: str | None = None) -> str | None:
        if key not in m:
            return default
        v = m[key]
        if isinstance(v, str):
            return v.strip()
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return str(v)
        self.error(m.vpos[key], f"'{key}' of {what} should be {schema.TYPES['string']}, found {describe(v)}")
        return default

    def boolean(self, m: PMap, key: str, what: str) -> bool:
        if key not in m:
            return False
        v = m[key]
        if isinstance(v, bool):
            return v
        self.error(m.vpos[key], f"'{key}' of {what} should be true or false, found {describe(v)}")
        return False

    def name(self, m: PMap, key: str, what: str) -> str | None:
        v = self.string(m, key, what)
        if v is not None and not NAME_RE.match(v):
            self.error(m.vpos[key], f"'{key}' of {what} should be a name of letters, digits and _ (found '{v}')")
            return None
        return v

    def scene_ref(self, m: PMap, key: str, what: str) -> str | None:
        v = self.string(m, key, what)
        if v is not None and not SCENE_ID_RE.match(v):
            self.error(m.vpos[key], f"'{key}' of {what} should be a scene id such as hailsham.pavilion (found '{v}')")
            return None
        return v

    def names(self, m: PMap, key: str, what: str) -> list[str]:
        if key not in m:
            return []
        v = m[key]
        items = [v] if isinstance(v, str) else v
        if not isinstance(items, list) or not all(isinstance(x, (str, int)) for x in items):
            self.error(m.vpos[key], f"'{key}' of {what} should be {schema.TYPES['names']}, found {describe(v)}")
            return []
        out = [normalise_words(str(x)) for x in items]
        if any(not x for x in out):
            self.error(m.vpos[key], f"'{key}' of {what} has an empty entry")
        return [x for x in out if x]

    def cond(self, value: Any, at: Where, what: str) -> dict | None:
        if isinstance(value, (dict, list)) or value is None:
            self.error(at, f"{what} should be {schema.TYPES['expr']}, found {describe(value)}")
            return None
        try:
            tree = expr.parse_cached(value)
        except expr.ExprSyntaxError as exc:
            line, col = expr_position(at, exc.offset)
            src = value if isinstance(value, str) else str(value)
            self.error((line, col), f"in {what} '{src.strip()}': {exc.message}")
            return None
        line, col = expr_position(at, 0)
        src = value.strip() if isinstance(value, str) else expr.source_of(tree)
        return {"src": src, "tree": tree, "pos": [line, col]}

    # ---- text -------------------------------------------------------------------------------
    def text(self, m: PMap, key: str, what: str) -> list[dict]:
        """A string, or a list of strings and {if, text, else} paragraphs, as paragraph records."""
        if key not in m:
            return []
        v, at = m[key], m.vpos[key]
        if isinstance(v, str):
            return [{"text": t, "pos": [at[0], at[1]]} for t in split_paragraphs(v)]
        if isinstance(v, PList):
            out: list[dict] = []
            for i, (item, iat) in enumerate(zip(v, v.ipos), 1):
                pwhat = f"paragraph {i} of {what}"
                if isinstance(item, str):
                    out.extend({"text": t, "pos": [iat[0], iat[1]]} for t in split_paragraphs(item))
                elif isinstance(item, PMap):
                    if not self.check_keys(item, "paragraph", pwhat):
                        continue
                    body = self.string(item, "text", pwhat) or ""
                    rec: dict = {"text": " ".join(split_paragraphs(body)), "pos": [item.line, item.col]}
                    c = self.cond(item["if"], item.vpos["if"], f"the condition of {pwhat}")
                    if c:
                        rec["if"] = c
                    if "else" in item:
                        rec["else"] = " ".join(split_paragraphs(self.string(item, "else", pwhat) or ""))
                    out.append(rec)
                else:
                    self.error(iat, f"{pwhat} should be text or an {{if: ..., text: ...}} mapping, found {describe(item)}")
            return out
        self.error(at, f"'{key}' of {what} should be {schema.TYPES['text']}, found {describe(v)}")
        return []

    # ---- effects ----------------------------------------------------------------------------
    def effects(self, m: PMap, key: str, what: str) -> list[dict]:
        if key not in m:
            return []
        v, at = m[key], m.vpos[key]
        if isinstance(v, PMap):  # a single effect written without the list dash
            v_list: list = [v]
            positions: list[Where] = [at]
        elif isinstance(v, PList):
            v_list, positions = list(v), list(v.ipos)
        else:
            self.error(at, f"'{key}' of {what} should be {schema.TYPES['effects']}, found {describe(v)}")
            return []
        out: list[dict] = []
        for i, (item, iat) in enumerate(zip(v_list, positions), 1):
            out.extend(self.effect(item, iat, f"effect {i} of {what}"))
        return out

    def effect(self, item: Any, at: Where, what: str) -> list[dict]:
        if not isinstance(item, PMap):
            self.error(at, f"{what} should be a mapping such as {{set: {{name: true}}}}, found {describe(item)}")
            return []
        if "if" in item:
            return self._if_effect(item, what)
        out: list[dict] = []
        for op in item:
            kat, vat = item.kpos[op], item.vpos[op]
            value = item[op]
            if op not in EFFECT_OPS:
                self.error(kat, f"unknown effect '{op}' in {what}{suggest(op, EFFECT_OPS)} (effects: {', '.join(EFFECT_OPS)})")
            elif op in ("set", "add", "roll"):
                if not isinstance(value, PMap) or not value:
                    self.error(vat, f"'{op}' in {what} takes a mapping of variables, such as {{{op}: {{name: 1}}}}")
                    continue
                for var in value:
                    if not isinstance(var, str) or not NAME_RE.match(var):
                        self.error(value.kpos[var], f"'{var}' is not a variable name (letters, digits and _)")
                        continue
                    if op == "set" and isinstance(value[var], str):
                        c = self.cond(value[var], value.vpos[var], f"the value of '{var}'")
                    elif op != "set" and isinstance(value[var], bool):
                        self.error(value.vpos[var], f"'{op}' needs a number for '{var}', not {value[var]}")
                        c = None
                    else:
                        c = self.cond(value[var], value.vpos[var], f"the value of '{var}'")
                    if c:
                        if op == "roll" and not (c["tree"][0] == "const" and isinstance(c["tree"][1], int) and c["tree"][1] >= 1):
                            self.error(value.vpos[var], f"roll needs a whole number of sides of at least 1 for '{var}'")
                            continue
                        out.append({"op": op, "target": var, "value": c, "pos": [value.kpos[var][0], value.kpos[var][1]]})
            elif op in ("give", "take"):
                items = [value] if isinstance(value, str) else value
                if not isinstance(items, list) or not items or not all(isinstance(x, str) for x in items):
                    self.error(vat, f"'{op}' in {what} takes an item name or a list of them")
                    continue
                for x in items:
                    if not NAME_RE.match(x):
                        self.error(vat, f"'{x}' is not an item name (letters, digits and _)")
                        continue
                    out.append({"op": op, "target": x, "pos": [vat[0], vat[1]]})
            elif op == "goto":
                if not isinstance(value, str) or not SCENE_ID_RE.match(value):
                    self.error(vat, f"'goto' in {what} takes a scene id such as hailsham.pavilion, found {describe(value)}")
                    continue
                out.append({"op": "goto", "target": value, "pos": [vat[0], vat[1]]})
            elif op in ("then", "else"):
                self.error(kat, f"'{op}' in {what} belongs with an 'if:' in the same effect")
        return out

    def _if_effect(self, item: PMap, what: str) -> list[dict]:
        for key in item:
            if key not in ("if", "then", "else"):
                self.error(item.kpos[key], f"an effect with 'if' may only have 'then' and 'else' beside it, not '{key}'")
                return []
        if "then" not in item:
            self.error((item.line, item.col), f"{what} has 'if' but no 'then: [effects]'")
            return []
        c = self.cond(item["if"], item.vpos["if"], f"the condition of {what}")
        then = self.effects(item, "then", what)
        otherwise = self.effects(item, "else", what)
        if not c:
            return []
        return [{"op": "if", "value": c, "then": then, "else": otherwise, "pos": [item.line, item.col]}]

    # ---- the objects ------------------------------------------------------------------------
    def scene(self, m: PMap) -> dict | None:
        sid = m.get("id") if isinstance(m.get("id"), str) else None
        what = f"scene '{sid}'" if sid else "this scene"
        self.check_keys(m, "scene", what)
        sid = self.scene_ref(m, "id", what)
        if sid is None:
            return None
        rec: dict = {
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
        return rec

    def things(self, m: PMap, what: str) -> list[dict]:
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
            rec: dict = {
                "id": tid,
                "name": self.string(body, "name", twhat) or tid.replace("_", " "),
                "names": unique([normalise_words(tid.replace("_", " "))] + self.names(body, "names", twhat)),
                "look": self.text(body, "look", twhat),
                "pos": list(v.kpos[tid][:2]),
            }
            if "if" in body:
                c = self.cond(body["if"], body.vpos["if"], f"the condition of {twhat}")
                if c:
                    rec["if"] = c
            out.append(rec)
        return out

    def actions(self, m: PMap, what: str, seen: set[str]) -> list[dict]:
        if "actions" not in m:
            return []
        v = m["actions"]
        if not isinstance(v, PList):
            self.error(m.vpos["actions"], f"'actions' of {what} should be {schema.TYPES['actions']}, found {describe(v)}")
            return []
        out: list[dict] = []
        for i, (a, at) in enumerate(zip(v, v.ipos), 1):
            awhat = f"action {i} of {what}"
            a = self.mapping(a, at, awhat)
            if a is None:
                continue
            self.check_keys(a, "action", awhat)
            verbs = self.names(a, "verbs", awhat)
            if not verbs:
                continue
            rec: dict = {
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

    def choices(self, m: PMap, what: str, seen: set[str]) -> list[dict]:
        if "choices" not in m:
            return []
        v = m["choices"]
        if not isinstance(v, PList):
            self.error(m.vpos["choices"], f"'choices' of {what} should be {schema.TYPES['choices']}, found {describe(v)}")
            return []
        out: list[dict] = []
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
            rec: dict = {
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
    def story(self, m: PMap) -> dict:
        what = "the story file"
        self.check_keys(m, "story", what)
        rec: dict = {
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
                    rec["items"].append({"id": name, "name": self.string(body, "name", w) or name, "names": unique([normalise_words(name.replace("_", " "))] + self.names(body, "names", w)), "look": self.text(body, "look", w), "pos": list(v.kpos[name][:2])})
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
        if "locations" in m:
            v = m["locations"]
            if isinstance(v, PList) and all(isinstance(x, str) and NAME_RE.match(x) for x in v):
                rec["locations"] = list(v)
            else:
                self.error(m.vpos["locations"], f"'locations' should be {schema.TYPES['locations']} (names of letters, digits and _)")
        return rec


def read_scene_file(text: str, is_story_file: bool = False) -> tuple[list[dict], list[Problem]]:
    """Parse one file's text into scene records (or one story record) and its problems."""
    # Imported here, not at the top: yamlpos needs PyYAML, and the web edition imports this module
    # (through the loader and the command parser) with no PyYAML, building its story from compiled records.
    from game.engine.yamlpos import load_documents

    reader = FileReader()
    docs, yaml_problems = load_documents(text, "")
    reader.problems.extend([d.line, d.col, d.severity, d.message] for d in yaml_problems)
    records: list[dict] = []
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


# ---- small helpers ----------------------------------------------------------------------------


def describe(v: Any) -> str:
    if v is None:
        return "nothing"
    if isinstance(v, bool):
        return f"'{str(v).lower()}'"
    if isinstance(v, (int, float)):
        return f"the number {v}"
    if isinstance(v, str):
        short = v if len(v) <= 40 else v[:37] + "..."
        return f"the text '{short}'"
    if isinstance(v, dict):
        return "a mapping"
    if isinstance(v, list):
        return "a list"
    return f"a {type(v).__name__}"


def expr_position(at: Where | tuple, offset: int) -> tuple[int, int]:
    line, col = at[0], at[1]
    style = at[2] if len(at) > 2 else None
    if style in ("'", '"'):
        col += 1
    elif style in ("|", ">"):
        return line + 1, offset + 1
    return line, col + offset


_BLANK_LINE = re.compile(r"\n\s*\n")


def split_paragraphs(text: str) -> list[str]:
    """A block of prose split at blank lines; single line breaks inside a paragraph become spaces."""
    if "\n" not in text and "  " not in text:  # what YAML's folding nearly always gives
        text = text.strip()
        return [text] if text else []
    return [" ".join(p.split()) for p in _BLANK_LINE.split(text) if p.strip()]


_WORD = re.compile(r"[a-z0-9']+")


@functools.lru_cache(maxsize=8192)
def normalise_words(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("\u2019", "'")))


def slug(text: str, words: int = 5) -> str:
    parts = re.findall(r"[a-z0-9]+", text.lower())
    s = "_".join(parts[:words]) or "choice"
    return s if NAME_RE.match(s) else "c_" + s


def unique_id(base: str, seen: set[str]) -> str:
    if base not in seen:
        return base
    n = 2
    while f"{base}_{n}" in seen:
        n += 1
    return f"{base}_{n}"


def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(x for x in items if x))
