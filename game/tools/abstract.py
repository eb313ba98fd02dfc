"""Abstract values for the story checker: what a variable or expression could ever be, over-approximated.

`nlmg check` must never raise a false alarm, so every answer here errs on the side of "possible":
a value is either a small finite set of concrete values, a numeric interval, or anything at all
(TOP). Expressions are evaluated over these with the engine's own semantics (a comparison that
would raise a run-time error is not "true"); a condition whose result can never be truthy is
reported. Concrete values go through the engine's own operators (evaluate.py: compare, arith, ...),
so the checker and the game cannot disagree about what `'a' < 3` or `7 / 2` is. Finite sets grow to intervals past CAP values, and intervals that keep growing are
widened to infinity, so the fixpoints computed by analysis.py always end.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from typing import Any

from game.engine import evaluate as concrete  # the engine's operators on concrete values
from game.engine.expr import ExprRuntimeError, Tree

INF = math.inf
CAP = 16  # finite sets larger than this become intervals
PRODUCT_CAP = 256  # combine finite sets pairwise only while this many pairs


@dataclass(frozen=True, slots=True)
class AV:
    """A set of possible values: `vals` when finite, else the numbers in [lo, hi], or anything when `top`."""

    vals: frozenset[Any] | None = None
    lo: float = -INF
    hi: float = INF
    top: bool = False

    def describe(self) -> str:
        if self.top:
            return "anything"
        if self.vals is not None:
            shown = [_show(v) for v in sorted(self.vals, key=lambda v: (isinstance(v, str), v))]  # exact: no float() of a huge int
            if not shown:
                return "nothing"
            return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]
        if self.lo == -INF and self.hi == INF:
            return "any number"
        if self.hi == INF:
            return f"at least {_num(self.lo)}"
        if self.lo == -INF:
            return f"at most {_num(self.hi)}"
        return f"between {_num(self.lo)} and {_num(self.hi)}"


TOP = AV(top=True)
NUMBER = AV()
BOOL = AV(frozenset({True, False}))
NATURAL = AV(lo=0)


def fin(*values: Any) -> AV:
    return AV(frozenset(values))


def _show(v: Any) -> str:
    if v is True:
        return "true"
    if v is False:
        return "false"
    return repr(v) if isinstance(v, str) else _num(v)


def _num(v: float) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def _numeric(v: Any) -> bool:
    return isinstance(v, (int, float))


def as_range(a: AV) -> AV | None:
    """The interval holding a's values, or None when a may hold something that is not a number."""
    if a.top:
        return None
    if a.vals is None:
        return a
    if not a.vals:
        return AV(lo=INF, hi=-INF)  # empty
    if not all(_numeric(v) for v in a.vals):
        return None
    return AV(lo=_bound(min(a.vals), down=True), hi=_bound(max(a.vals), down=False))


def _bound(v: float, down: bool) -> float:
    """An interval's end as a float, rounded outward: a whole number past a float's range (a story may hold one of
    3,000 digits, issue 12) would make every later `lo + 0.5` or `lo * hi` raise OverflowError inside `check`."""
    try:
        return float(v)
    except OverflowError:
        if v > 0:
            return sys.float_info.max if down else INF
        return -INF if down else -sys.float_info.max


def join(a: AV, b: AV) -> AV:
    if a.top or b.top:
        return TOP
    if a.vals is not None and b.vals is not None:
        vals = a.vals | b.vals
        if len(vals) <= CAP:
            return AV(vals)
        return as_range(AV(vals)) or TOP
    ra, rb = as_range(a), as_range(b)
    if ra is None or rb is None:
        return TOP
    return AV(lo=min(ra.lo, rb.lo), hi=max(ra.hi, rb.hi))


def widen(old: AV, new: AV) -> AV:
    """new, with any interval bound that moved past old's pushed to infinity (so fixpoints end)."""
    if new.top or new.vals is not None or old.top:
        return new
    r = as_range(old)
    if r is None:
        return TOP
    return AV(lo=-INF if new.lo < r.lo else new.lo, hi=INF if new.hi > r.hi else new.hi)


def truth(a: AV) -> tuple[bool, bool]:
    """(can be truthy, can be falsy)."""
    if a.top:
        return True, True
    if a.vals is not None:
        return any(bool(v) for v in a.vals), any(not v for v in a.vals)
    return not (a.lo == 0 and a.hi == 0), a.lo <= 0 <= a.hi


def from_truth(can_true: bool, can_false: bool) -> AV:
    return AV(frozenset(([True] if can_true else []) + ([False] if can_false else [])))


def compare(op: str, a: AV, b: AV) -> AV:
    if a.top or b.top:
        return BOOL
    if a.vals is not None and b.vals is not None and len(a.vals) * len(b.vals) <= PRODUCT_CAP:
        out: set[bool] = set()
        for x in a.vals:
            for y in b.vals:
                try:
                    out.add(bool(concrete.compare(op, x, y)))
                except ExprRuntimeError:
                    continue  # the engine raises here: a run-time error, never true
        return AV(frozenset(out))
    ra, rb = as_range(a), as_range(b)
    if ra is None or rb is None:
        return BOOL
    lo_a, hi_a, lo_b, hi_b = ra.lo, ra.hi, rb.lo, rb.hi
    if lo_a > hi_a or lo_b > hi_b:
        return AV(frozenset())
    if op == "<":
        return from_truth(lo_a < hi_b, hi_a >= lo_b)
    if op == "<=":
        return from_truth(lo_a <= hi_b, hi_a > lo_b)
    if op == ">":
        return from_truth(hi_a > lo_b, lo_a <= hi_b)
    if op == ">=":
        return from_truth(hi_a >= lo_b, lo_a < hi_b)
    overlap = lo_a <= hi_b and lo_b <= hi_a
    single = lo_a == hi_a == lo_b == hi_b
    if op == "==":
        return from_truth(overlap, not single)
    return from_truth(not single, overlap)


def binary(op: str, a: AV, b: AV) -> AV:
    if a.top or b.top:
        return TOP
    if a.vals is not None and b.vals is not None and len(a.vals) * len(b.vals) <= PRODUCT_CAP:
        out: set[Any] = set()
        for x in a.vals:
            for y in b.vals:
                try:
                    out.add(concrete.arith(op, x, y))
                except ExprRuntimeError:
                    continue  # the engine raises here: a run-time error, never a value
        return join(AV(frozenset()), AV(frozenset(out))) if len(out) > CAP else AV(frozenset(out))
    ra, rb = as_range(a), as_range(b)
    if ra is None or rb is None:
        return TOP if op == "+" else NUMBER
    if op == "+":
        return _interval(ra.lo + rb.lo, ra.hi + rb.hi)
    if op == "-":
        return _interval(ra.lo - rb.hi, ra.hi - rb.lo)
    if op == "*":
        products = [p * q for p in (ra.lo, ra.hi) for q in (rb.lo, rb.hi)]
        if any(math.isnan(p) for p in products):
            return NUMBER
        return _interval(min(products), max(products))
    return NUMBER


def _interval(lo: float, hi: float) -> AV:
    if math.isnan(lo) or math.isnan(hi):
        return NUMBER
    return AV(lo=lo, hi=hi)


def negate(a: AV) -> AV:
    if a.top:
        return TOP
    if a.vals is not None:
        out = set()
        for v in a.vals:
            try:
                out.add(concrete.negate(v))
            except ExprRuntimeError:
                continue
        return AV(frozenset(out))
    return AV(lo=-a.hi, hi=-a.lo)


def call_numeric(name: str, args: list[AV]) -> AV:
    """min(), max() and abs() over abstract numbers."""
    if any(a.top for a in args):
        return NUMBER
    if all(a.vals is not None for a in args) and math.prod(len(a.vals or ()) for a in args) <= PRODUCT_CAP:
        combos: list[list[Any]] = [[]]
        for a in args:
            combos = [[*c, v] for c in combos for v in (a.vals or ())]
        out = set()
        for c in combos:
            try:
                out.add(concrete.call(name, c))
            except ExprRuntimeError:
                continue
        return AV(frozenset(out)) if len(out) <= CAP else (as_range(AV(frozenset(out))) or NUMBER)
    ranges = [as_range(a) for a in args]
    if any(r is None for r in ranges):
        return NUMBER
    rs = [r for r in ranges if r is not None]
    if name == "min":
        return AV(lo=min(r.lo for r in rs), hi=min(r.hi for r in rs))
    if name == "max":
        return AV(lo=max(r.lo for r in rs), hi=max(r.hi for r in rs))
    r = rs[0]
    if r.lo >= 0:
        return r
    if r.hi <= 0:
        return AV(lo=-r.hi, hi=-r.lo)
    return AV(lo=0, hi=max(-r.lo, r.hi))


class Facts:
    """What the story can do, as far as the checker knows: variable values, items given, scenes and options reachable."""

    def __init__(self, variables: dict[str, AV], given: set[str], scenes: set[str], options: set[str] | None):
        self.variables = variables
        self.given = given
        self.scenes = scenes
        self.options = options  # "scene/option" keys that may be taken; None = any


def evaluate(t: Tree, facts: Facts, scene_id: str) -> AV:
    """The abstract value of expression tree `t` evaluated in `scene_id`."""
    kind = t[0]
    if kind == "const":
        return fin(t[1])
    if kind == "var":
        return facts.variables.get(t[1], fin(0))
    if kind == "not":
        can_true, can_false = truth(evaluate(t[1], facts, scene_id))
        return from_truth(can_false, can_true)
    if kind == "neg":
        return negate(evaluate(t[1], facts, scene_id))
    if kind in ("and", "or"):
        parts = [evaluate(v, facts, scene_id) for v in t[1]]
        truths = [truth(p) for p in parts]
        for p, (tt, ff) in zip(parts, truths):  # left to right: a part with no value that is always reached fails it all
            if p.vals == frozenset():
                return p
            if (kind == "and" and ff) or (kind == "or" and tt):
                break  # from here on a part may never be reached
        # the value is one of the operands; its truth follows the operator's logic
        if kind == "and":
            can_true, can_false = all(tt for tt, _ in truths), any(ff for _, ff in truths)
        else:
            can_true, can_false = any(tt for tt, _ in truths), all(ff for _, ff in truths)
        value = parts[0]
        for p in parts[1:]:
            value = join(value, p)
        if value.vals is not None:
            kept = frozenset(v for v in value.vals if (bool(v) and can_true) or (not v and can_false))
            return AV(kept)
        if not can_true:
            return fin(False) if value.top else from_truth(False, can_false)
        return value
    if kind == "cmp":
        left = evaluate(t[1], facts, scene_id)
        result: AV | None = None
        for op, right_t in t[2]:
            right = evaluate(right_t, facts, scene_id)
            step = compare(op, left, right)
            if result is None:
                result = step
            else:
                a_true, a_false = truth(result)
                b_true, b_false = truth(step)
                result = from_truth(a_true and b_true, a_false or b_false)
            left = right
        return result or BOOL
    if kind == "bin":
        return binary(t[1], evaluate(t[2], facts, scene_id), evaluate(t[3], facts, scene_id))
    if kind == "call":
        name, args = t[1], t[2]
        if name == "has":
            return BOOL if args[0][1] in facts.given else fin(False)
        if name == "visited":
            if not args:
                return NATURAL
            return NATURAL if args[0][1] in facts.scenes else fin(0)
        if name == "chosen":
            key = f"{args[0][1]}/{args[1][1]}" if len(args) == 2 else f"{scene_id}/{args[0][1]}"
            if facts.options is None or key in facts.options:
                return NATURAL
            return fin(0)
        return call_numeric(name, [evaluate(a, facts, scene_id) for a in args])
    return TOP


def failure(t: Tree, facts: Facts, scene_id: str) -> str | None:
    """The engine's own run-time error for the innermost part of `t` that fails on every value it can be given
    (`division by zero in 10 // 0`), or None when no one part is sure to fail.

    An expression whose abstract value is empty has no value on any run: testing it always raises. Saying
    "can never be true" of it would be right but misleading (the game does not skip the paragraph: it reports the error and refuses the step),
    so the checker names the error the game would refuse the step with instead.
    """
    kind = t[0]
    if kind in ("not", "neg"):
        return _failing((t[1],), facts, scene_id, concrete.negate if kind == "neg" else None)
    if kind in ("and", "or"):
        for part in t[1]:
            if evaluate(part, facts, scene_id).vals == frozenset():
                found = failure(part, facts, scene_id)
                if found:
                    return found
        return None
    if kind == "bin":
        op = t[1]
        return _failing((t[2], t[3]), facts, scene_id, lambda a, b: concrete.arith(op, a, b))
    if kind == "cmp":
        left = t[1]
        for op, right in t[2]:
            found = _failing((left, right), facts, scene_id, lambda a, b, op=op: concrete.compare(op, a, b))
            if found:
                return found
            left = right
        return None
    if kind == "call" and t[1] not in ("has", "visited", "chosen"):
        name = t[1]
        return _failing(tuple(t[2]), facts, scene_id, lambda *vs: concrete.call(name, list(vs)))
    return None


def _failing(operands: tuple[Tree, ...], facts: Facts, scene_id: str, op: Any) -> str | None:
    """An operand's own sure failure, else the error `op` raises on every combination of the operands' values."""
    values = []
    for o in operands:
        v = evaluate(o, facts, scene_id)
        if v.vals == frozenset():
            return failure(o, facts, scene_id)
        if v.vals is None:
            return None  # an interval or anything: some value may well work
        values.append(sorted(v.vals, key=lambda x: (type(x).__name__, repr(x))))
    if op is None or math.prod(len(v) for v in values) > PRODUCT_CAP:
        return None
    combos: list[list[Any]] = [[]]
    for vs in values:
        combos = [[*c, x] for c in combos for x in vs]
    first: str | None = None
    for c in combos:
        try:
            op(*c)
        except ExprRuntimeError as exc:
            first = first or str(exc)
            continue
        return None  # one combination works: not a sure failure
    return first
