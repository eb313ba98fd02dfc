"""The checker's abstract values compute with the engine's own operators: on concrete values they agree exactly."""

from __future__ import annotations

import itertools

import pytest

from game.engine import evaluate as expr
from game.engine.expr import ExprRuntimeError
from game.tools import abstract
from game.tools.abstract import fin

VALUES = [0, 1, -2, 3, 2.5, 7, True, False, "a", "b", ""]


def concrete(fn, *args):
    """The engine's answer as a set of values: empty when the engine raises a run-time error."""
    try:
        return {fn(*args)}
    except ExprRuntimeError:
        return set()


@pytest.mark.parametrize("op", ["+", "-", "*", "/", "//", "%"])
def test_arithmetic_agrees_with_the_engine(op):
    for x, y in itertools.product(VALUES, VALUES):
        got = abstract.binary(op, fin(x), fin(y))
        assert got.vals == frozenset(concrete(expr.arith, op, x, y)), (x, op, y)


@pytest.mark.parametrize("op", ["==", "!=", "<", "<=", ">", ">="])
def test_comparisons_agree_with_the_engine(op):
    for x, y in itertools.product(VALUES, VALUES):
        got = abstract.compare(op, fin(x), fin(y))
        assert got.vals == frozenset(bool(v) for v in concrete(expr.compare, op, x, y)), (x, op, y)


def test_negation_and_functions_agree_with_the_engine():
    for x in VALUES:
        assert abstract.negate(fin(x)).vals == frozenset(concrete(expr.negate, x)), x
    for name in ("min", "max"):
        for x, y in itertools.product(VALUES, VALUES):
            assert abstract.call_numeric(name, [fin(x), fin(y)]).vals == frozenset(concrete(expr.call, name, [x, y])), (name, x, y)
    for x in VALUES:
        assert abstract.call_numeric("abs", [fin(x)]).vals == frozenset(concrete(expr.call, "abs", [x])), x


def test_the_compiled_expressions_use_the_same_operators():
    for source, state_vars in (("a / b", {"a": 7, "b": 2}), ("a + b", {"a": "x", "b": "y"}), ("-a", {"a": 4})):
        fn = expr.compile_source(source)
        state = type("S", (), {"vars": state_vars, "items": {}, "visits": {}, "chosen": {}})()
        values = list(state_vars.values())
        want = expr.negate(values[0]) if source == "-a" else expr.arith(source.split()[1], *values)
        assert fn(state) == want
    with pytest.raises(ExprRuntimeError):
        expr.compile_source("a < b")(type("S", (), {"vars": {"a": 1, "b": "x"}})())
