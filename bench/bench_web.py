"""Web edition benchmark: first playable page cold and warm, and time from a choice to its new text.

Measured in headless Chromium (the system's /usr/bin/chromium, through tests/web/pilot.mjs) from a
local static server (http.server on 127.0.0.1), against issue 15's targets: first playable page
under 5 s cold and under 2 s with the browser's cache; each choice under 50 ms to new text.

- cold: a fresh browser profile each round (empty HTTP cache): the site's Python snapshot is fetched.
- warm: the same profile, the page opened again (the snapshot kept unzipped in Cache Storage, the HTTP
  cache for the rest); and with that kept snapshot deleted, the HTTP cache alone.
- the same, for a site built with --no-snapshot: Python started by the page (cold), the snapshot the
  page then keeps in Cache Storage (warm), and the HTTP cache alone (that snapshot deleted).
"First playable" is the page's own clock (performance.now, from navigation) when the title's New game
and Continue are enabled, i.e. the engine has loaded the story; "first scene" adds clicking New game
until its text is on the page. Choices are timed inside the page: click -> handler done (the new text
is in the DOM, the bridge call included), the renderer main thread's CPU time for that (Chromium's own
TaskDuration, read through the DevTools protocol between the click and the next step: on a shared
machine the wall clock also counts other people's work), and click -> the next frame painted.
Asserts nothing; prints each target's figure through bench/report.py.
Usage: python bench/bench_web.py [--rounds 3] [--choices 150]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "bench"))

from report import figure  # noqa: E402

from tests.web.pilot import Pilot, StaticServer, chromium, missing_tools  # noqa: E402

READY = "document.documentElement.dataset.ready === 'true'"
INSTANT = '{"text_speed": "instant", "theme": "light", "text_size": "medium", "motion": "system"}'

FIRST_SCENE = """(async () => {
  const t0 = performance.now();
  document.getElementById('new-game').click();
  document.getElementById('card-dialog').close();
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t0;
})()"""

# One choice, in two steps so the renderer's main-thread CPU time can be read between them (pilot "cpu"):
# CLICK is the click and its handler (the bridge call into Python, JSON, the page rebuilt and laid out);
# PAINTED waits for the next frame. Between choices a very quick reader pauses 20 ms.
PICK = """(() => {
  const app = window.nlmg;
  if (app.play.view.ended) { app.newGame(); document.getElementById('card-dialog').close(); return null; }
  const open = [...document.querySelectorAll('#choices .option:not([aria-disabled])')];
  window.__before = document.getElementById('text').childElementCount;
  window.__button = open[(window.__i = (window.__i || 0) + 1) * 7 % open.length];
  return true;
})()"""
CLICK = """(() => { const t0 = performance.now(); window.__button.click(); window.__t0 = t0; return performance.now() - t0; })()"""
PAINTED = """(async () => {
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const painted = performance.now() - window.__t0;
  await new Promise((r) => setTimeout(r, 20));
  for (const id of ['map-dialog', 'card-dialog']) {  // a chapter's end: its map, then the next one's card
    const d = document.getElementById(id);
    if (d.open) d.close();
  }
  const shown = document.getElementById('text').childElementCount !== window.__before || window.nlmg.play.view.ended;
  return { painted, shown };
})()"""
TYPED = """(() => {
  const line = document.getElementById('command-line');
  line.value = 'look';
  const t0 = performance.now();
  document.getElementById('command').requestSubmit();
  return performance.now() - t0;
})()"""


def choices(pilot: Pilot, n: int) -> dict[str, list[float]]:
    """n choices by click: wall time to the new text in the DOM, the main thread's CPU time for it, and to the
    next painted frame; every tenth, a typed `look` too."""
    found: dict[str, list[float]] = {"dom": [], "cpu": [], "painted": [], "typed": []}
    for i in range(n):
        if pilot.js(PICK) is None:
            continue
        before = pilot("cpu")["task"]
        dom = pilot.js(CLICK)
        cpu = (pilot("cpu")["task"] - before) * 1000
        after = pilot.js(PAINTED)
        if not after["shown"]:
            continue  # nothing new shown
        found["dom"].append(dom)
        found["cpu"].append(cpu)
        found["painted"].append(after["painted"])
        if i % 10 == 0:
            found["typed"].append(pilot.js(TYPED))
    return found


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, round(0.95 * len(xs)) - 1)] if xs else float("nan")


def open_page(pilot: Pilot, url: str, settings: bool = True) -> dict:
    """Open the game; its timings, with `cpu`: the renderer's CPU seconds (all threads) from navigation to ready."""
    pilot("page", width=1280, height=800)
    if settings:
        pilot("prepare", js=f"localStorage.setItem('nlmg:settings', {INSTANT!r}); localStorage.setItem('nlmg:tip', 'shown');")
    before = pilot("cpu")["process"]
    pilot("goto", url=url, until=READY, timeout=120000)
    timing = pilot.js("window.nlmg.timing")
    timing["cpu"] = (pilot("cpu")["process"] - before) * 1000
    return timing


def visits(pilot: Pilot, url: str, keep_wait: bool) -> dict[str, dict]:
    """A first visit (fresh profile), then a second (same profile), then one with the kept snapshot removed."""
    out: dict[str, dict] = {}
    out["first"] = open_page(pilot, url)
    out["first"]["scene"] = out["first"]["ready"] + pilot.js(FIRST_SCENE)
    if keep_wait:
        pilot("wait", js="window.nlmg.timing.snapshot > 0", timeout=30000)  # the page keeps its own snapshot
    out["again"] = open_page(pilot, url, settings=False)
    out["again"]["scene"] = out["again"]["ready"] + pilot.js(FIRST_SCENE)
    if keep_wait:
        pilot.js("caches.delete('nlmg-snapshots')")
        out["http"] = open_page(pilot, url, settings=False)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--choices", type=int, default=150)
    args = ap.parse_args()
    if chromium() is None:
        print("skipped: no Chromium on this machine (apt-get install chromium)")
        return 0
    problem = missing_tools()
    if problem:
        print(f"skipped: {problem}")
        return 0
    from game.frontends.web import site

    rows: dict[str, list[dict]] = {"shipped": [], "plain": []}
    with tempfile.TemporaryDirectory() as tmp:
        built = site.build(Path(tmp) / "site")
        site.build(Path(tmp) / "plain", snapshot=False)
        print(f"site: {built.bytes / 1e6:.1f} MB in {built.files} files (the snapshot {(Path(tmp) / 'site' / 'snapshot.bin.gz').stat().st_size / 1e6:.1f} MB of it), built in {built.seconds:.1f} s")
        servers = {"shipped": StaticServer(Path(tmp) / "site"), "plain": StaticServer(Path(tmp) / "plain")}
        try:
            for r in range(args.rounds):
                for name in ("shipped", "plain"):  # alternated, so both see the same machine
                    pilot = Pilot(Path(tmp) / f"profile-{name}-{r}")
                    try:
                        rows[name].append(visits(pilot, servers[name].url, keep_wait=True))
                        if r == 0 and name == "shipped":
                            pilot.js(FIRST_SCENE)
                            found = choices(pilot, args.choices)
                    finally:
                        pilot.close()
        finally:
            for srv in servers.values():
                srv.close()

    def line(label: str, name: str, visit: str, key: str = "ready", target: float | None = None) -> None:
        got = [row[visit] for row in rows[name] if visit in row]
        wall = [g[key] for g in got]
        cpu = [g["cpu"] for g in got]
        modes = sorted({g["mode"] for g in got})
        print(f"{label:<44} median {median(wall):6.0f}  (all: {', '.join(f'{x:.0f}' for x in wall)}; renderer CPU {median(cpu):5.0f}; {'/'.join(modes)})")
        if target:
            figure(f"web: {label}", median(wall), "ms", target=f"< {target:,.0f} ms", met=median(wall) < target,
                   floor=f"renderer CPU {median(cpu):,.0f} ms")

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nChromium headless, {args.rounds} rounds, times from navigation by the page's clock (ms);")
    print("renderer CPU is all of the renderer's threads (wasm compilation included), which other work on the machine does not inflate")
    line("first playable, first visit (cold)", "shipped", "first", target=5000)
    line("first scene shown, first visit", "shipped", "first", "scene")
    line("first playable, next visit (warm)", "shipped", "again", target=2000)
    line("first scene shown, next visit", "shipped", "again", "scene")
    line("first playable, HTTP cache only", "shipped", "http")
    print("the same site built with --no-snapshot (the page's fallback):")
    line("  first playable, first visit (cold)", "plain", "first")
    line("  first playable, next visit (kept snapshot)", "plain", "again")
    line("  first playable, HTTP cache only", "plain", "http")
    dom, cpu, painted, typed = found["dom"], found["cpu"], found["painted"], found["typed"]
    print(f"\na choice to its new text in the page ({len(dom)} choices): median {median(dom):.1f} ms, p95 {p95(dom):.1f}, max {max(dom):.1f}")
    print(f"  the renderer main thread's CPU for it:          median {median(cpu):.1f} ms, p95 {p95(cpu):.1f}, max {max(cpu):.1f}")
    print(f"a choice to the next painted frame:                 median {median(painted):.1f} ms, p95 {p95(painted):.1f}, max {max(painted):.1f}")
    print(f"a typed command (look) to its reply ({len(typed)}):           median {median(typed):.1f} ms, max {max(typed) if typed else float('nan'):.1f}")
    figure("web: a choice to its new text, p95 (wall)", p95(dom), "ms", target="< 50 ms", met=p95(dom) < 50,
           floor=f"load average {load:.1f} on {os.cpu_count()} cores")
    figure("web: a choice to its new text, p95 (main-thread CPU)", p95(cpu), "ms", target="< 50 ms", met=p95(cpu) < 50,
           floor="the same choices' CPU time, which other work on the machine does not inflate")
    print(f"load average (1 min) at the end: {load:.2f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
