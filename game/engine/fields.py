"""Reading the typed fields of one YAML object (strings, names, conditions, prose, effects), and the word helpers.

FieldReader knows every kind of value a scene file may hold and says, with a position, what is
wrong with one; reader.py uses it to read whole scenes and the story file. Everything depends on
one file's text alone, so what it returns (plain records and problems) can be cached as JSON.
"""

from __future__ import annotations

import difflib
import functools
import re
from typing import Any

from game.engine import expr, schema
from game.engine.positioned import PList, PMap, Where

# kind -> (the keys it may have, the keys it must have): computed once, checked for every object
_KEYS = {kind: (frozenset(schema.keys(kind)), frozenset(schema.required(kind))) for kind in schema.OBJECTS}
SCENE_ID_RE = re.compile(r"^[a-z0-9_\-]+(\.[a-z0-9_\-]+)*$")
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
EFFECT_OPS = tuple(schema.EFFECTS_DOC)

# A problem as stored in the cache: [line, col, severity, message]
Problem = list[Any]


def suggest(word: str, options: list[str] | set[str] | tuple[str, ...], cutoff: float = 0.6) -> str:
    """' (did you mean 'x'?)' when something close exists, else ''."""
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""


class FieldReader:
    """Reads one field at a time, collecting problems as [line, col, severity, message] (how the cache keeps them)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    # ---- reporting --------------------------------------------------------------------------
    def error(self, at: Where | tuple[int, int] | list[Any], message: str) -> None:
        self.problems.append([at[0], at[1], "error", message])

    def warning(self, at: Where | tuple[int, int] | list[Any], message: str) -> None:
        self.problems.append([at[0], at[1], "warning", message])

    # ---- shapes -----------------------------------------------------------------------------
    def mapping(self, value: Any, at: Where | tuple[Any, ...], what: str) -> PMap | None:
        if isinstance(value, PMap):
            return value
        self.error(at, f"{what} should be a mapping (key: value lines), found {describe(value)}")
        return None

    def check_keys(self, m: PMap, kind: str, what: str) -> bool:
        allowed_set, required_keys = _KEYS[kind]
        if allowed_set.issuperset(m) and m.keys() >= required_keys:  # two set tests in C: every object of every file meets them
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

    def cond(self, value: Any, at: Where, what: str) -> dict[str, Any] | None:
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
    def text(self, m: PMap, key: str, what: str) -> list[dict[str, Any]]:
        """A string, or a list of strings and {if, text, else} paragraphs, as paragraph records."""
        if key not in m:
            return []
        v, at = m[key], m.vpos[key]
        if isinstance(v, str):
            return [{"text": t, "pos": [at[0], at[1]]} for t in split_paragraphs(v)]
        if isinstance(v, PList):
            out: list[dict[str, Any]] = []
            for i, (item, iat) in enumerate(zip(v, v.ipos), 1):
                if isinstance(item, str):  # most paragraphs: no name for them is needed unless something is wrong
                    out.extend([{"text": t, "pos": [iat[0], iat[1]]} for t in split_paragraphs(item)])
                    continue
                pwhat = f"paragraph {i} of {what}"
                if isinstance(item, PMap):
                    if not self.check_keys(item, "paragraph", pwhat):
                        continue
                    body = self.string(item, "text", pwhat) or ""
                    rec: dict[str, Any] = {"text": " ".join(split_paragraphs(body)), "pos": [item.line, item.col]}
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
    def effects(self, m: PMap, key: str, what: str) -> list[dict[str, Any]]:
        if key not in m:
            return []
        v, at = m[key], m.vpos[key]
        if isinstance(v, PMap):  # a single effect written without the list dash
            v_list: list[Any] = [v]
            positions: list[Where] = [at]
        elif isinstance(v, PList):
            v_list, positions = list(v), list(v.ipos)
        else:
            self.error(at, f"'{key}' of {what} should be {schema.TYPES['effects']}, found {describe(v)}")
            return []
        out: list[dict[str, Any]] = []
        for i, (item, iat) in enumerate(zip(v_list, positions), 1):
            out.extend(self.effect(item, iat, f"effect {i} of {what}"))
        return out

    def effect(self, item: Any, at: Where, what: str) -> list[dict[str, Any]]:
        if not isinstance(item, PMap):
            self.error(at, f"{what} should be a mapping such as {{set: {{name: true}}}}, found {describe(item)}")
            return []
        if "if" in item:
            return self._if_effect(item, what)
        out: list[dict[str, Any]] = []
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

    def _if_effect(self, item: PMap, what: str) -> list[dict[str, Any]]:
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


def expr_position(at: Where | tuple[Any, ...], offset: int) -> tuple[int, int]:
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
