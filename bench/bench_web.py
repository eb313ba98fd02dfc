"""Web edition benchmark: first playable page cold and warm, and time from a choice to its new text.

Measured in headless Chromium (the system's /usr/bin/chromium, through tests/web/pilot.mjs) from a
local static server (http.server on 127.0.0.1), against issue 15's targets: first playable page
under 5 s cold and under 2 s with the browser's cache; each choice under 50 ms to new text.

- cold: a fresh browser profile each round (empty HTTP cache, no kept snapshot).
- warm: the same profile, the page opened again (HTTP cache, and the kept Python snapshot).
- warm, HTTP cache only: as warm, with the kept snapshot deleted first.
"First playable" is the page's own clock (performance.now, from navigation) when the title's New game
and Continue are enabled, i.e. the engine has loaded the story; "first scene" adds clicking New game
until its text is on the page. Choices are timed inside the page: click -> handler done (the new text
is in the DOM, the bridge call included), and click -> the next frame painted. Asserts nothing.
Usage: python bench/bench_web.py [--rounds 3] [--choices 150] [--site DIR]
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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--choices", type=int, default=150)
    ap.add_argument("--site", help="an already built site (default: build one now)")
    args = ap.parse_args()
    if chromium() is None:
        print("skipped: no Chromium on this machine (apt-get install chromium)")
        return 0
    problem = missing_tools()
    if problem:
        print(f"skipped: {problem}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(args.site) if args.site else Path(tmp) / "site"
        if not args.site:
            from game.frontends.web import site

            built = site.build(site_dir)
            print(f"site: {built.bytes / 1e6:.1f} MB in {built.files} files, built in {built.seconds:.1f} s")
        server = StaticServer(site_dir)
        cold, cold_scene, warm, warm_scene, http_only = [], [], [], [], []
        cpu: dict[str, list[float]] = {"cold": [], "warm": [], "http": []}
        try:
            for r in range(args.rounds):
                pilot = Pilot(Path(tmp) / f"profile-{r}")
                try:
                    timing = open_page(pilot, server.url)
                    assert timing["mode"] == "cold", timing
                    cold.append(timing["ready"])
                    cpu["cold"].append(timing["cpu"])
                    cold_scene.append(timing["ready"] + pilot.js(FIRST_SCENE))
                    pilot.js("new Promise((r) => setTimeout(r, 1500))")  # let the page keep its snapshot
                    timing = open_page(pilot, server.url, settings=False)
                    assert timing["mode"] == "snapshot", timing
                    warm.append(timing["ready"])
                    cpu["warm"].append(timing["cpu"])
                    warm_scene.append(timing["ready"] + pilot.js(FIRST_SCENE))
                    pilot.js("caches.delete('nlmg-snapshots')")
                    timing = open_page(pilot, server.url, settings=False)
                    http_only.append(timing["ready"])
                    cpu["http"].append(timing["cpu"])
                    if r == 0:
                        pilot.js("new Promise((r) => setTimeout(r, 1500))")
                        open_page(pilot, server.url, settings=False)
                        pilot.js(FIRST_SCENE)
                        found = pilot.js(f"({CHOICES})({args.choices})")
                finally:
                    pilot.close()
        finally:
            server.close()
    print(f"Chromium headless, {args.rounds} rounds; times from navigation, by the page's clock (ms)")
    print(f"first playable, cold:                 median {median(cold):7.0f}  (all: {', '.join(f'{x:.0f}' for x in cold)})   target < 5000: {median(cold) / 5000:.2f} of it")
    print(f"first scene shown, cold:              median {median(cold_scene):7.0f}")
    print(f"first playable, warm (snapshot):      median {median(warm):7.0f}  (all: {', '.join(f'{x:.0f}' for x in warm)})   target < 2000: {median(warm) / 2000:.2f} of it")
    print(f"first scene shown, warm:              median {median(warm_scene):7.0f}")
    print(f"first playable, warm, HTTP cache only: median {median(http_only):6.0f}  (all: {', '.join(f'{x:.0f}' for x in http_only)})")
    print(f"cold / warm: {median(cold) / median(warm):.1f}x")
    print(f"renderer CPU to first playable (all threads; the wall clock above also counts other work on this machine): "
          f"cold {median(cpu['cold']):.0f} ms, warm {median(cpu['warm']):.0f} ms, HTTP cache only {median(cpu['http']):.0f} ms")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average (1 min) at the end: {load:.2f} on {os.cpu_count()} cores")
    dom, painted, typed = found["dom"], found["painted"], found["typed"]
    print(f"a choice to its new text in the page ({len(dom)} choices): median {median(dom):.1f} ms, p95 {p95(dom):.1f}, max {max(dom):.1f}"
          f"   target < 50: p95 is {p95(dom) / 50:.2f} of it")
    print(f"a choice to the next painted frame:                 median {median(painted):.1f} ms, p95 {p95(painted):.1f}, max {max(painted):.1f}")
    print(f"a typed command (look) to its reply ({len(typed)}):           median {median(typed):.1f} ms, max {max(typed) if typed else float('nan'):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
