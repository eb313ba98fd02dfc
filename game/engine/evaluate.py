"""Evaluating the condition language: parsed trees (expr.py) compiled into closures, and the one set of operators.

Compiling once at load time means playing never walks a tree: a condition is a few nested
closures over the state (a GameState: vars, items, visits, chosen). The operators are here, once,
for both the closures and the checker's abstract values (game/tools/abstract.py), so what `nlmg
check` proves is what the engine does.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from game.engine.bounds import MAX_INT_BITS, MAX_TEXT, number_problem
from game.engine.expr import ExprRuntimeError, ExprSyntaxError, Tree, parse

Evaluator = Callable[[Any], Any]

def _number(v: Any) -> bool:
    return isinstance(v, (int, float))


def compile_tree(tree: Tree, scene_id: str = "") -> Evaluator:
    kind = tree[0]
    if kind == "const":
        value = tree[1]
        return lambda s: value
    if kind == "var":
        name = tree[1]
        return lambda s: s.vars.get(name, 0)
    if kind == "not":
        inner = compile_tree(tree[1], scene_id)
        return lambda s: not inner(s)
    if kind == "neg":
        inner = compile_tree(tree[1], scene_id)

        return lambda s: negate(inner(s))
    if kind == "and":
        parts = [compile_tree(v, scene_id) for v in tree[1]]
        if len(parts) == 2:
            a, b = parts
            return lambda s: a(s) and b(s)

        def all_of(s: Any) -> Any:
            v: Any = True
            for p in parts:
                v = p(s)
                if not v:
                    return v
            return v

        return all_of
    if kind == "or":
        parts = [compile_tree(v, scene_id) for v in tree[1]]
        if len(parts) == 2:
            a, b = parts
            return lambda s: a(s) or b(s)

        def any_of(s: Any) -> Any:
            v: Any = False
            for p in parts:
                v = p(s)
                if v:
                    return v
            return v

        return any_of
    if kind == "cmp":
        return _compile_cmp(tree, scene_id)
    if kind == "bin":
        return _compile_bin(tree, scene_id)
    if kind == "call":
        return _compile_call(tree, scene_id)
    raise ExprSyntaxError(f"unknown expression node {kind!r}")


# ---- the operators: one implementation, shared by the compiled closures and the checker's abstract values
# (game/tools/abstract.py), so what `nlmg check` proves is what the engine does. Each raises
# ExprRuntimeError where the language has no answer.

COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}
NUMERIC_FUNCTIONS: dict[str, Callable[..., Any]] = {"min": min, "max": max, "abs": abs}


def compare(op: str, a: Any, b: Any) -> Any:
    """a op b. Ordering a number against text is an error (Python's TypeError); bool counts as a number: true > 0."""
    try:
        return COMPARISONS[op](a, b)
    except TypeError:
        raise ExprRuntimeError(f"cannot compare {_short(a)} {op} {_short(b)}") from None


def arith(op: str, a: Any, b: Any) -> Any:
    """a op b for + - * / // %: numbers, or + joining two texts; / of two whole numbers stays whole, // always floors.

    Every result is bounded (bounds.py): a text of more than a million characters, a whole number of
    thousands of digits or a float that is not finite is an ExprRuntimeError, so `x * x` in a loop or
    `s + s` stops with a message, long before memory runs out, and nothing unsaveable reaches the state.
    """
    if op == "+" and isinstance(a, str) and isinstance(b, str):
        if len(a) + len(b) > MAX_TEXT:
            raise ExprRuntimeError(f"joining two texts of {len(a):,} and {len(b):,} characters makes a text too long to keep")
        return a + b
    if not (_number(a) and _number(b)):
        raise ExprRuntimeError(f"cannot compute {_short(a)} {op} {_short(b)}")
    try:
        if op == "*" and isinstance(a, int) and isinstance(b, int) and a.bit_length() + b.bit_length() > MAX_INT_BITS + 1:
            raise ExprRuntimeError(f"{_short(a)} * {_short(b)} is too large a number")
        if op == "+":
            result = a + b
        elif op == "-":
            result = a - b
        elif op == "*":
            result = a * b
        elif b == 0:
            raise ExprRuntimeError(f"division by zero in {_short(a)} {op} {_short(b)}")
        elif op == "//" or (op == "/" and isinstance(a, int) and isinstance(b, int)):
            result = a // b
        elif op == "/":
            result = a / b
        else:
            result = a % b
    except OverflowError:
        raise ExprRuntimeError(f"{_short(a)} {op} {_short(b)} is too large a number") from None
    why = number_problem(result)
    if why is not None:
        raise ExprRuntimeError(f"{_short(a)} {op} {_short(b)}: {why}")
    return result


def _short(v: Any) -> str:
    """A value for a message: a huge number or text cut to something a line can hold."""
    if isinstance(v, int) and not isinstance(v, bool) and v.bit_length() > 200:
        return f"a number of about {int(v.bit_length() * 0.30103)} digits"
    text = repr(v)
    return text if len(text) <= 60 else text[:57] + "..."


def negate(v: Any) -> Any:
    if not _number(v):
        raise ExprRuntimeError(f"cannot negate {_short(v)}")
    return -v


def call(name: str, values: list[Any]) -> Any:
    """min(), max() or abs() of numbers."""
    if not all(_number(v) for v in values):
        raise ExprRuntimeError(f"{name}() needs numbers, got {', '.join(_short(v) for v in values)}")
    return NUMERIC_FUNCTIONS[name](*values)


def _compile_cmp(tree: Tree, scene_id: str) -> Evaluator:
    """Comparisons are most of a story's conditions, so the common shapes get their own closures.

    Python raises TypeError when ordering a number against text; that becomes the language's
    clean ExprRuntimeError. (bool counts as a number, as in Python: true > 0.)
    """
    left_tree, pairs = tree[1], tree[2]
    if len(pairs) == 1:
        op, right_tree = pairs[0]
        fn = COMPARISONS[op]  # called directly in the two commonest shapes: `compare` without the extra call
        if right_tree[0] == "const":
            const = right_tree[1]
            if left_tree[0] == "var":  # `tommy >= 2`
                name = left_tree[1]

                def var_const(s: Any) -> Any:
                    try:
                        return fn(s.vars.get(name, 0), const)
                    except TypeError:
                        raise ExprRuntimeError(f"cannot compare {_short(s.vars.get(name, 0))} {op} {_short(const)}") from None

                return var_const
            left = compile_tree(left_tree, scene_id)

            def any_const(s: Any) -> Any:
                a = left(s)
                try:
                    return fn(a, const)
                except TypeError:
                    raise ExprRuntimeError(f"cannot compare {_short(a)} {op} {_short(const)}") from None

            return any_const
    left = compile_tree(left_tree, scene_id)
    steps = [(op, compile_tree(right, scene_id)) for op, right in pairs]

    def chain(s: Any) -> bool:
        a = left(s)
        for op, right_fn in steps:
            b = right_fn(s)
            if not compare(op, a, b):
                return False
            a = b
        return True

    return chain


def _compile_bin(tree: Tree, scene_id: str) -> Evaluator:
    op, left, right = tree[1], compile_tree(tree[2], scene_id), compile_tree(tree[3], scene_id)
    return lambda s: arith(op, left(s), right(s))


def _compile_call(tree: Tree, scene_id: str) -> Evaluator:
    name, args = tree[1], tree[2]
    if name == "has":
        item = args[0][1]
        return lambda s: item in s.items
    if name == "visited":
        target = args[0][1] if args else scene_id
        return lambda s: s.visits.get(target, 0)
    if name == "chosen":
        key = f"{args[0][1]}/{args[1][1]}" if len(args) == 2 else f"{scene_id}/{args[0][1]}"
        return lambda s: s.chosen.get(key, 0)
    fns = [compile_tree(a, scene_id) for a in args]
    return lambda s: call(name, [f(s) for f in fns])


def compile_source(source: Any, scene_id: str = "") -> Evaluator:
    """Parse and compile in one step: for tests and tools."""
    return compile_tree(parse(source), scene_id)
