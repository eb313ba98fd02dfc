"""One line per figure, each beside its target and the floor it is measured against: `make bench`'s report.

Every benchmark calls `figure(...)` for what an issue sets a target on. The line is printed at once,
and when `BENCH_REPORT` names a file (bench/run.py sets it) the figure is appended there as one JSON
line, so run.py can end with a single table of every target and whether it held on this run. Ratios
within one run are what count on this shared, noisy machine: a floor is the thing measured beside it
in the same process (libyaml's parse, the ink runtime, a 1k-input run), never a fixed number of seconds.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Figure:
    """A measured figure: `value` in `unit`, `target` in words, `floor` saying what it is a ratio of."""

    label: str
    value: float
    unit: str
    target: str
    met: bool | None  # None: no target, shown for context
    floor: str = ""


def _fmt(value: float, unit: str) -> str:
    if unit in ("x", "ratio"):
        return f"{value:.2f}x"
    if unit == "%":
        return f"{value:.1f}%"
    if unit in ("s", "ms", "MB", "GB"):
        return f"{value:,.2f} {unit}"
    return f"{value:,.0f} {unit}"


def figure(label: str, value: float, unit: str, *, target: str = "", met: bool | None = None,
           floor: str = "") -> Figure:
    """Print one figure's line now and record it for the end-of-run table."""
    fig = Figure(label, value, unit, target, met, floor)
    verdict = "" if met is None else ("  meets target" if met else "  MISSES target")
    parts = [f"  {label:<46} {_fmt(value, unit):>16}"]
    if target:
        parts.append(f"target {target}")
    if floor:
        parts.append(f"floor: {floor}")
    print("   ".join(parts) + verdict, flush=True)
    path = os.environ.get("BENCH_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(asdict(fig)) + "\n")
    return fig


def read_report(path: str) -> list[Figure]:
    """The figures recorded in `path` by every benchmark of one run, in order."""
    try:
        with open(path, encoding="utf-8") as src:
            return [Figure(**json.loads(line)) for line in src if line.strip()]
    except FileNotFoundError:
        return []


def table(figures: list[Figure]) -> str:
    """The closing summary: every figure that has a target, its value, the target and the verdict."""
    rows = [f for f in figures if f.target]
    if not rows:
        return "(no figures with targets were recorded)"
    width = max(len(f.label) for f in rows)
    lines = [f"{'figure':<{width}}  {'value':>14}  target / floor"]
    for f in rows:
        mark = "ok  " if f.met else ("MISS" if f.met is False else "    ")
        extra = f" (vs {f.floor})" if f.floor else ""
        lines.append(f"{f.label:<{width}}  {_fmt(f.value, f.unit):>14}  {mark} {f.target}{extra}")
    met = sum(1 for f in rows if f.met)
    lines.append(f"{met} of {len(rows)} targets met on this run")
    return "\n".join(lines)
