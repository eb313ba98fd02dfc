"""One measurement of the desktop app in a fresh process, for bench_desktop.py (which runs it on each source tree).

    python desktop_probe.py first-frame SCENES SAVES  -> prints the monotonic clock and this process's CPU time at the first title frame
    python desktop_probe.py frames SCENES SAVES N      -> prints JSON: median CPU and wall time of N full-page frames
    python desktop_probe.py loop SCENES SAVES STATE S  -> prints JSON: % of a core the real loop used for S seconds
                                                          while text types out (typing), on a chapter card (card),
                                                          or with nothing moving on a finished page (idle)
    python desktop_probe.py load RING SAVES N ROUNDS   -> prints JSON: CPU medians of loading an N-input save of the
                                                          ring story in RING (bench_saves.write_ring): the engine's
                                                          load, the same with the whole log read, the window's load
                                                          to its first frame, and opening the history screen

The `game` package is whichever tree PYTHONPATH names, so one run can compare the code before
a change with the code after it. Nothing here hooks into the game: the probe builds the app and
drives its loop itself, through what both versions offer (App, start, step, posted events).
Its own imports are few, so a start measures the game and not the probe.
"""

import sys
import time


def first_frame(scenes: str, saves: str) -> None:
    """What `nlmg play` does up to its first frame: the same imports, the same App, the title drawn once."""
    from game.cli import build_parser
    from game.frontends import launch  # noqa: F401  (`nlmg play` imports it before the window)
    from game.frontends.desktop.app import App

    app = App(build_parser().parse_args(["play", "--scenes", scenes, "--saves", saves]), sound=False)
    if hasattr(app, "show_title"):
        app.show_title()
    else:  # the code before issue 10: the title pushed by hand, as its App.start did
        from game.frontends.desktop.title import TitleScreen

        app.push(TitleScreen(app))
        app.step([], 0.0)
    print(repr(time.monotonic()), repr(time.process_time()), flush=True)


def frames(scenes: str, saves: str, count: int) -> None:
    """A new game, `look` typed until the page is longer than the window, scrolled mid-page; then `count` frames."""
    import json
    import statistics
    from pathlib import Path

    import pygame

    from game.cli import build_parser
    from game.frontends.desktop.app import App

    Path(saves).mkdir(parents=True, exist_ok=True)
    (Path(saves) / "settings.json").write_text('{"text_speed": "instant"}')
    app = App(build_parser().parse_args(["play", "--scenes", scenes, "--saves", saves, "--size", "1280x720", "--seed", "1"]),
              sound=False)
    app.start()

    def key(code: int, text: str = "") -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=text, scancode=0))
        if text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode="", scancode=0))
        app.pump(2, 0.05)

    key(pygame.K_RETURN)  # New game
    for _ in range(3):  # through the chapter's card
        app.pump(40, 0.05)
        key(pygame.K_RETURN)
    app.pump(40, 0.05)
    screen = app.top
    reading = getattr(screen, "reading", screen)  # the page's state: a helper object now, the screen itself before
    for _ in range(12):
        if reading.page.text_height > reading.view.height * 1.5:
            break
        for ch in "look":
            key(pygame.key.key_code(ch), ch)
        key(pygame.K_RETURN)
    reading.target = reading.scroll = max(0.0, reading.page.text_height - reading.view.height) / 2  # lines cut at both edges
    app.pump(2, 0.05)
    cpu, wall = [], []
    for _ in range(count):
        app.dirty = True
        t, w = time.process_time(), time.perf_counter()
        app.step([], 1 / 60)
        cpu.append(time.process_time() - t)
        wall.append(time.perf_counter() - w)
    record = app.pen.record if hasattr(app, "pen") else app.record
    print(json.dumps({"cpu_ms": statistics.median(cpu) * 1000, "wall_ms": statistics.median(wall) * 1000,
                      "surfaces": len(record), "scene": app.top.name}), flush=True)


def loop(scenes: str, saves: str, state: str, seconds: float) -> None:
    """The real loop (App.run: its own clock, its own sleeping) for `seconds`, measured by this process's CPU time.

    typing: a new run's first page typing itself out at the normal speed (the card put away first);
    card: a chapter card from the moment it opens (its fade, then its hold); idle: the page finished.
    """
    import json
    from pathlib import Path

    import pygame

    from game.cli import build_parser
    from game.frontends.desktop.app import App

    Path(saves).mkdir(parents=True, exist_ok=True)
    (Path(saves) / "settings.json").write_text('{"text_speed": "normal", "tip_shown": true}')
    app = App(build_parser().parse_args(["play", "--scenes", scenes, "--saves", saves, "--size", "1280x720", "--seed", "1"]),
              sound=False)
    app.start()
    app.session.new_run(1)
    app.flows.play(card=True)  # the page, and the first chapter's card over it
    if state in ("typing", "idle"):
        app.close(app.top)  # the card put away: the page types itself out
        if state == "idle":
            app.top.reading.finish_reveal() if hasattr(app.top, "reading") else app.top.finish_reveal()
            for _ in range(100):
                app.step([], 1 / 30)
    else:
        app.close(app.top)
        app.open("card")  # afresh, from the start of its fade
    for _ in range(3):
        app.step([], 0.0)
    app.quit = lambda: setattr(app, "running", False)  # leave the loop without saving anything
    pygame.time.set_timer(pygame.QUIT, int(seconds * 1000), loops=1)
    frames = app.frames
    t, w = time.process_time(), time.perf_counter()
    app.run(first=lambda: None)
    used, wall = time.process_time() - t, time.perf_counter() - w
    print(json.dumps({"cpu_pct": used / wall * 100, "frames": app.frames - frames, "wall": wall, "top": app.top.name}),
          flush=True)


def load(ring: str, saves: str, inputs: int, rounds: int) -> None:
    """A long run's save loaded again and again: by the engine alone, by the engine with its whole log read (what a
    page built from Run.log costs), and by the window (Load, to the page's first frame), alternating in each round so
    a busy moment on the shared machine falls on all three; then the history screen opened on the loaded run."""
    import json
    import statistics
    from pathlib import Path

    from game.cli import build_parser
    from game.engine import Run
    from game.engine.recording import Input, Recording
    from game.frontends.desktop.app import App

    Path(saves).mkdir(parents=True, exist_ok=True)
    (Path(saves) / "settings.json").write_text('{"text_speed": "instant", "tip_shown": true}')
    app = App(build_parser().parse_args(["play", "--scenes", ring, "--saves", saves, "--size", "1280x720", "--seed", "1"]),
              sound=False)
    app.start()
    session = app.session
    session.load_story()
    engine = session.engine
    engine.story.scenes.build_all() if hasattr(engine.story.scenes, "build_all") else None  # every scene built, as after a first load
    story = engine.story
    count = len(story.scenes)
    recording = Recording(story.id, story.content_hash, 1, [Input(f"c{i % count}", "choose", "on") for i in range(inputs)])
    run, stop = Run.replay(engine, recording, lazy_log=True)
    assert stop is None and run.moves == inputs
    session.store.save(run, "1")
    app.load_game("1")  # once untimed: the memories of this run written, the window's caches warm
    app.to_title()
    app.pump(3)
    clock = time.process_time
    got: dict[str, list[float]] = {"engine": [], "engine_log": [], "window": [], "history": []}
    for _ in range(rounds):
        t = clock()
        session.store.load("1", engine)
        got["engine"].append(clock() - t)
        t = clock()
        _ = session.store.load("1", engine).run.log
        got["engine_log"].append(clock() - t)
        t = clock()
        app.load_game("1")
        app.step([], 1 / 60)
        got["window"].append(clock() - t)
        t = clock()
        app.open("history")
        app.step([], 1 / 60)
        got["history"].append(clock() - t)
        app.to_title()
        app.pump(3)
    out = {name: statistics.median(v) * 1000 for name, v in got.items()}
    out["entries"] = len(run.log)
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "first-frame":
        first_frame(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "load":
        load(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif sys.argv[1] == "loop":
        loop(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]))
    else:
        frames(sys.argv[2], sys.argv[3], int(sys.argv[4]))
