"""The condition language: a small, safe subset of Python expressions over the story's state.

Authors write `tommy >= 2 and not has('tape')`. We parse that once at load time with `ast.parse`,
keep only an allow-listed set of node kinds, turn it into a plain nested-list tree (so it can be
cached as JSON); evaluate.py compiles the tree into closures (so it evaluates fast). Nothing here or
there ever calls `eval` or `exec`; a name can only ever mean a story variable.
"""

from __future__ import annotations

import ast
import functools
import re
import warnings
from dataclasses import dataclass
from typing import Any

from game.engine.bounds import value_problem

# A parsed expression: nested lists, JSON-safe. See `_to_tree` for the shapes.
Tree = list[Any]
Value = int | float | bool | str

FUNCTIONS: dict[str, tuple[int, int, str]] = {
    # name: (min args, max args, what it means, for errors and docs)
    "has": (1, 1, "has('item'): true while the item is carried"),
    "visited": (0, 1, "visited('scene.id'): how many times the scene has been entered (0 if never)"),
    "chosen": (1, 2, "chosen('scene.id', 'choice_id') or chosen('choice_id') in this scene: times taken"),
    "min": (2, 8, "min(a, b, ...)"),
    "max": (2, 8, "max(a, b, ...)"),
    "abs": (1, 1, "abs(x)"),
}
STRING_ARG_FUNCTIONS = {"has", "visited", "chosen"}
CONSTANT_NAMES: dict[str, Value] = {"true": True, "false": False, "True": True, "False": False}
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MAX_SOURCE = 10_000  # characters in one expression
MAX_DEPTH = 100  # nesting of its syntax tree: below every recursion limit of the compiler, checker and printer


class ExprSyntaxError(Exception):
    """A malformed expression; `offset` is the 0-based character position inside the source."""

    def __init__(self, message: str, offset: int = 0):
        super().__init__(message)
        self.message = message
        self.offset = offset


class ExprRuntimeError(Exception):
    """An expression that parsed but cannot be computed with the values it met (e.g. 'a' < 3)."""


@dataclass(frozen=True, slots=True)
class Ref:
    """Something an expression refers to, so validation can check it exists."""

    kind: str  # "var" | "item" | "scene" | "choice"
    name: str
    offset: int
    scene: str = ""  # for "choice": the scene it belongs to ("" = the scene the expression is in)


_BAD_OPERATORS = [
    (re.compile(r"&&"), "use 'and' instead of '&&'"),
    (re.compile(r"\|\|"), "use 'or' instead of '||'"),
    (re.compile(r"!(?!=)"), "use 'not' instead of '!'"),
    (re.compile(r"(?<![=!<>])=(?!=)"), "use '==' to compare ('=' alone is not an operator here)"),
]

_CMP: dict[type[ast.cmpop], str] = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
_BIN = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//", ast.Div: "/", ast.Mod: "%"}


def parse(source: Any) -> Tree:
    """Parse an expression written by an author. Raises ExprSyntaxError with a position."""
    if isinstance(source, bool):
        return ["const", source]
    if isinstance(source, (int, float)):
        return ["const", source]
    if not isinstance(source, str):
        raise ExprSyntaxError(f"expected an expression, found a {type(source).__name__}")
    text = source.strip()
    if not text:
        raise ExprSyntaxError("the expression is empty")
    if len(text) > MAX_SOURCE:
        raise ExprSyntaxError(f"the expression is {len(text):,} characters long; at most {MAX_SOURCE:,} (split it into variables)")
    lead = len(source) - len(source.lstrip())
    masked = _mask_strings(text)
    for pattern, advice in _BAD_OPERATORS:
        m = pattern.search(masked)
        if m:
            raise ExprSyntaxError(advice, lead + m.start())
    try:
        with warnings.catch_warnings():  # "invalid decimal literal" and the like: the error below says it better
            warnings.simplefilter("ignore")
            node = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        offset = (exc.offset or 1) - 1
        msg = (exc.msg or "invalid syntax").replace("invalid syntax. ", "")
        if msg.startswith("invalid syntax"):
            msg = "this is not a valid expression"
        raise ExprSyntaxError(msg, lead + max(0, offset)) from None
    except (ValueError, RecursionError, MemoryError):
        raise ExprSyntaxError("this expression cannot be read") from None
    if _depth(node.body) > MAX_DEPTH:
        raise ExprSyntaxError(f"this expression is nested too deeply (more than {MAX_DEPTH} levels: split it into variables)")
    try:
        return _to_tree(node.body, _Columns(text, lead))
    except RecursionError:
        raise ExprSyntaxError("this expression is nested too deeply") from None


@functools.lru_cache(maxsize=16384)
def _parse_str(source: str) -> Tree:
    return parse(source)


def parse_cached(source: Any) -> Tree:
    """parse(), remembered: stories repeat the same conditions (has('tape')) many times.

    The trees are shared between callers, so nothing may change a tree after parsing.
    """
    if isinstance(source, str):
        return _parse_str(source)
    return parse(source)


_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.DOTALL)


def _mask_strings(text: str) -> str:
    """Blank out quoted strings (with their escaped quotes, as in 'don\\'t') so operator checks do not fire inside quotes."""
    return _STRING.sub(lambda m: " " * len(m.group(0)), text)


def _depth(root: ast.AST) -> int:
    """How deeply the syntax tree nests, counted without recursion (a 700-term sum is 700 deep)."""
    deepest = 0
    stack = [(root, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in ast.iter_child_nodes(node))
    return deepest


class _Columns:
    """Character positions from the parser's UTF-8 byte offsets, worked out once per expression (not once per node)."""

    def __init__(self, text: str, lead: int):
        self.lead = lead
        self.ascii = text.isascii()
        self.starts: list[int] = []
        if not self.ascii:
            for i, ch in enumerate(text):
                self.starts.extend([i] * len(ch.encode("utf-8", "surrogatepass")))
            self.starts.append(len(text))

    def __call__(self, node: ast.AST) -> int:
        byte_off = getattr(node, "col_offset", 0)
        if self.ascii:
            return self.lead + byte_off
        return self.lead + self.starts[min(byte_off, len(self.starts) - 1)]


def _to_tree(node: ast.AST, col: _Columns) -> Tree:
    at = col(node)
    if isinstance(node, ast.Constant):
        if isinstance(node.value, (bool, int, float, str)) and not isinstance(node.value, complex):
            why = value_problem(node.value)
            if why is not None:
                raise ExprSyntaxError(why, at)
            return ["const", node.value]
        raise ExprSyntaxError(f"{type(node.value).__name__} values are not part of the language", at)
    if isinstance(node, ast.Name):
        if node.id in CONSTANT_NAMES:
            return ["const", CONSTANT_NAMES[node.id]]
        if node.id in FUNCTIONS:
            raise ExprSyntaxError(f"'{node.id}' is a function: write {node.id}(...)", at)
        if node.id.startswith("__"):
            raise ExprSyntaxError(f"'{node.id}' is not a variable name: names may not start with __", at)
        return ["var", node.id, at]
    if isinstance(node, ast.BoolOp):
        op = "and" if isinstance(node.op, ast.And) else "or"
        return [op, [_to_tree(v, col) for v in node.values]]
    if isinstance(node, ast.UnaryOp):
        if isinstance(node.op, ast.Not):
            return ["not", _to_tree(node.operand, col)]
        if isinstance(node.op, ast.USub):
            inner = _to_tree(node.operand, col)
            if inner[0] == "const" and isinstance(inner[1], (int, float)) and not isinstance(inner[1], bool):
                return ["const", -inner[1]]
            return ["neg", inner]
        if isinstance(node.op, ast.UAdd):
            return _to_tree(node.operand, col)
        raise ExprSyntaxError("this operator is not part of the language", at)
    if isinstance(node, ast.Compare):
        pairs = []
        for cmp_op, right in zip(node.ops, node.comparators):
            name = _CMP.get(type(cmp_op))
            if name is None:
                word = {ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}.get(type(cmp_op), "?")
                hint = " (use has('item') to test what Kathy carries)" if word in ("in", "not in") else " (use == or !=)"
                raise ExprSyntaxError(f"'{word}' is not part of the language{hint}", at)
            pairs.append([name, _to_tree(right, col)])
        return ["cmp", _to_tree(node.left, col), pairs, at]
    if isinstance(node, ast.BinOp):
        name = _BIN.get(type(node.op))
        if name is None:
            raise ExprSyntaxError("this operator is not part of the language (use + - * / // %)", at)
        return ["bin", name, _to_tree(node.left, col), _to_tree(node.right, col), at]
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            what = node.func.id if isinstance(node.func, ast.Name) else "this"
            known = ", ".join(f"{f}()" for f in FUNCTIONS)
            raise ExprSyntaxError(f"'{what}' is not a function the story knows (known: {known})", at)
        if node.keywords:
            raise ExprSyntaxError(f"{node.func.id}() takes no named arguments", at)
        lo, hi, usage = FUNCTIONS[node.func.id]
        if not lo <= len(node.args) <= hi:
            raise ExprSyntaxError(f"wrong number of arguments: {usage}", at)
        args = [_to_tree(a, col) for a in node.args]
        if node.func.id in STRING_ARG_FUNCTIONS:
            for a, raw in zip(args, node.args):
                if a[0] != "const" or not isinstance(a[1], str):
                    raise ExprSyntaxError(
                        f"{node.func.id}() takes a name in quotes: {usage}", col(raw)
                    )
        return ["call", node.func.id, args, at]
    if isinstance(node, ast.IfExp):
        raise ExprSyntaxError("'x if c else y' is not part of the language; use a conditional paragraph or effect", at)
    raise ExprSyntaxError("this is not part of the condition language", at)


# ---------------------------------------------------------------------------------------------
# References, for validation


def refs(tree: Tree) -> list[Ref]:
    out: list[Ref] = []
    _refs(tree, out)
    return out


def _refs(t: Tree, out: list[Ref]) -> None:
    kind = t[0]
    if kind == "var":
        out.append(Ref("var", t[1], t[2]))
    elif kind in ("and", "or"):
        for v in t[1]:
            _refs(v, out)
    elif kind in ("not", "neg"):
        _refs(t[1], out)
    elif kind == "cmp":
        _refs(t[1], out)
        for _, right in t[2]:
            _refs(right, out)
    elif kind == "bin":
        _refs(t[2], out)
        _refs(t[3], out)
    elif kind == "call":
        name, args, at = t[1], t[2], t[3]
        if name == "has":
            out.append(Ref("item", args[0][1], at))
        elif name == "visited" and args:
            out.append(Ref("scene", args[0][1], at))
        elif name == "chosen":
            if len(args) == 2:
                out.append(Ref("scene", args[0][1], at))
                out.append(Ref("choice", args[1][1], at, scene=args[0][1]))
            else:
                out.append(Ref("choice", args[0][1], at))
        else:
            for a in args:
                _refs(a, out)


def source_of(tree: Tree) -> str:
    """Print a tree back as an expression: for messages and the story map."""
    kind = tree[0]
    if kind == "const":
        v = tree[1]
        return repr(v) if isinstance(v, str) else ("true" if v is True else "false" if v is False else str(v))
    if kind == "var":
        return str(tree[1])
    if kind in ("and", "or"):
        return f" {kind} ".join(_paren(v) for v in tree[1])
    if kind == "not":
        return f"not {_paren(tree[1])}"
    if kind == "neg":
        return f"-{_paren(tree[1])}"
    if kind == "cmp":
        return source_of(tree[1]) + "".join(f" {op} {source_of(r)}" for op, r in tree[2])
    if kind == "bin":
        return f"{_paren(tree[2])} {tree[1]} {_paren(tree[3])}"
    if kind == "call":
        return f"{tree[1]}({', '.join(source_of(a) for a in tree[2])})"
    return "?"


def _paren(t: Tree) -> str:
    s = source_of(t)
    return f"({s})" if t[0] in ("and", "or", "cmp", "bin") else s
