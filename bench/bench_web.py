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
is in the DOM, the bridge call included), and click -> the next frame painted. Asserts nothing.
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

CHOICES = """(async (n) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const app = window.nlmg, dom = [], painted = [], typed = [];
  for (let i = 0; i < n; i++) {
    if (app.play.view.ended) { app.newGame(); document.getElementById('card-dialog').close(); await frame(); }
    const open = [...document.querySelectorAll('#choices .option:not([aria-disabled])')];
    const button = open[(i * 7) % open.length];
    const before = document.getElementById('text').childElementCount;
    const t0 = performance.now();
    button.click();
    const t1 = performance.now();
    await frame();
    const t2 = performance.now();
    await new Promise((r) => setTimeout(r, 20)); // a very quick reader: a frame and 20 ms between choices
    const card = document.getElementById('card-dialog');
    if (card.open) card.close();
    if (document.getElementById('text').childElementCount === before && !app.play.view.ended) continue; // nothing new shown
    dom.push(t1 - t0); painted.push(t2 - t0);
    if (i % 10 === 0) {
      const line = document.getElementById('command-line');
      line.value = 'look';
      const t3 = performance.now();
      document.getElementById('command').requestSubmit();
      typed.push(performance.now() - t3);
    }
  }
  return { dom, painted, typed };
})"""


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, round(0.95 * len(xs)) - 1)] if xs else float("nan")


def open_page(pilot: Pilot, url: str, settings: bool = True) -> dict:
    """Open the game; its timings, with `cpu`: the renderer's CPU seconds (all threads) from navigation to ready."""
    pilot("page", width=1280, height=800)
    if settings:
        pilot("prepare", js=f"localStorage.setItem('nlmg:settings', {INSTANT!r});")
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
                            found = pilot.js(f"({CHOICES})({args.choices})")
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
        goal = f"   target < {target:.0f}: {median(wall) / target:.2f} of it" if target else ""
        print(f"{label:<44} median {median(wall):6.0f}  (all: {', '.join(f'{x:.0f}' for x in wall)}; renderer CPU {median(cpu):5.0f}; {'/'.join(modes)}){goal}")

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
    dom, painted, typed = found["dom"], found["painted"], found["typed"]
    print(f"\na choice to its new text in the page ({len(dom)} choices): median {median(dom):.1f} ms, p95 {p95(dom):.1f}, max {max(dom):.1f}"
          f"   target < 50: p95 is {p95(dom) / 50:.2f} of it")
    print(f"a choice to the next painted frame:                 median {median(painted):.1f} ms, p95 {p95(painted):.1f}, max {max(painted):.1f}")
    print(f"a typed command (look) to its reply ({len(typed)}):           median {median(typed):.1f} ms, max {max(typed) if typed else float('nan'):.1f}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average (1 min) at the end: {load:.2f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
