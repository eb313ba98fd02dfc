"""`nlmg`: the one door into the game and its tools.

Arguments for every subcommand are declared here, so `nlmg --help` shows the whole surface;
the work is done by the modules named in each handler, imported only when used, which keeps
the start of the game fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from game import __version__

PLAY_HELP = "play the game (in a window; --text for the terminal)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nlmg",
        description="Never Let Me Go: a text adventure. With no command, the game opens in a window.",
    )
    parser.add_argument("--version", action="version", version=f"nlmg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help=PLAY_HELP, description=PLAY_HELP)
    add_play_arguments(play)

    check = sub.add_parser("check", help="check a story folder for mistakes", description="Check every scene file and report every problem as path:line:col: severity: message.")
    check.add_argument("scenes", nargs="?", help="the story folder (default: the game's own scenes)")
    check.add_argument("--format", choices=["text", "json"], default="text", help="text for people and editors, json for tools")
    check.add_argument("--strict", action="store_true", help="treat warnings as failures")
    check.add_argument("--no-cache", action="store_true", help="parse every file again, ignoring .cache/")
    check.add_argument("--quick", action="store_true", help="only the load-time checks, not the whole-story analysis")

    replay = sub.add_parser("replay", help="replay a saved run", description="Replay a saved run in the window, print it, export it, or verify it.")
    replay.add_argument("save", help="a save file, or a slot name in the saves folder")
    replay.add_argument("--text", action="store_true", help="print the run as a transcript in the terminal")
    replay.add_argument("--verify", action="store_true", help="replay headless and check it reaches the saved state")
    replay.add_argument("--transcript", metavar="OUT.md", help="write the run as a readable Markdown transcript")
    replay.add_argument("--scenes", help="the story folder (default: the game's own scenes)")
    replay.add_argument("--saves", help="the saves folder")
    replay.add_argument("--pace", type=float, default=2.0, help="seconds per step when auto-playing in the window")

    explore = sub.add_parser("explore", help="play many random runs and report coverage", description="Play random (or exhaustive) runs and report endings, coverage, dead ends and errors.")
    explore.add_argument("scenes", nargs="?", help="the story folder (default: the game's own scenes)")
    explore.add_argument("--runs", type=int, default=1000, help="how many random runs (default 1000)")
    explore.add_argument("--seed", type=int, default=1, help="base seed (each run's own seed is derived from it); the same seed gives the same report")
    explore.add_argument("--steps", type=int, default=500, help="give up on a run after this many inputs")
    explore.add_argument("--exhaustive", action="store_true", help="explore the state space breadth-first instead")
    explore.add_argument("--bound", type=int, default=1000000, help="how many states --exhaustive may visit")
    explore.add_argument("--format", choices=["text", "json"], default="text")
    explore.add_argument("--html", metavar="REPORT.html", help="write a coverage report with each file's lines marked")
    explore.add_argument("--jobs", type=int, default=0, help="worker processes (default: one per core; with --exhaustive, two)")
    explore.add_argument("--quiet", action="store_true", help="no progress bar")
    explore.add_argument("--save-failures", metavar="DIR", help="write each problem run as a save in DIR, for nlmg replay")
    explore.add_argument("--battery", action="store_true", help="also type the standard verbs and each scene's nouns along the runs, and report replies that fell to a fallback (needs WordNet)")
    explore.add_argument("--route", metavar="ID", action="append", help="with --exhaustive: print the inputs that reach a scene, take a choice (scene.id/choice_id) or reach ending:NAME")

    graph = sub.add_parser("graph", help="draw the story map", description="Draw the story as a map: scenes grouped by chapter, choices as edges.")
    graph.add_argument("scenes", nargs="?", help="the story folder (default: the game's own scenes)")
    graph.add_argument("--format", choices=["dot", "svg", "png", "mermaid"], default="dot")
    graph.add_argument("-o", "--output", help="where to write it (default: standard output for dot and mermaid)")
    graph.add_argument("--chapter", help="only this chapter")
    web = sub.add_parser("build-web", help="write the web edition: a static site that plays the game in a browser",
                         description="Write the web edition into OUT: a static site (Pyodide, the compiled story, the page) that plays offline.")
    web.add_argument("out", metavar="OUT", help="the folder to write (created, or replaced if it holds an earlier build)")
    web.add_argument("--scenes", help="the story folder (default: the game's own scenes)")
    web.add_argument("--pyodide", help="the Pyodide runtime folder (default: node_modules/pyodide, from npm ci)")
    web.add_argument("--no-snapshot", action="store_true", help="leave out the started-Python snapshot (the first visit then starts slower)")
    stats = sub.add_parser("story-stats", help="measure a story against issue 16's targets", description="Single-option share, prose shared by two opposite routes, words per chapter, tics and continuity, each beside its target.")
    stats.add_argument("scenes", nargs="?", help="the story folder (default: the game's own scenes)")
    stats.add_argument("--runs", type=int, default=200, help="how many random routes (default 200)")
    stats.add_argument("--seed", type=int, default=1, help="base seed for the random routes and the policy routes")
    stats.add_argument("--steps", type=int, default=500, help="give up on a route after this many inputs")
    stats.add_argument("--format", choices=["text", "json"], default="text")
    stats.add_argument("--routes-out", metavar="DIR", help="write the two opposite routes as Markdown transcripts in DIR")
    stats.add_argument("--continuity", metavar="FILE", help="the continuity declarations (default: docs/continuity.yaml beside the story folder)")
    words = sub.add_parser("parser", help="list what players type that the parser cannot answer", description="Per scene, with file:line: the concrete nouns of its prose a player cannot examine and the people named who cannot be talked to, with the reply they would get; then the story's parser coverage. Needs WordNet (Debian's wordnet-base).")
    words.add_argument("scenes", nargs="?", help="the story folder (default: the game's own scenes)")
    words.add_argument("--scene", metavar="ID", action="append", help="only this scene, or every scene whose id starts with ID. (repeatable)")
    words.add_argument("--routes", type=int, default=50, help="random routes played to reach each scene in a real state (default 50)")
    words.add_argument("--seed", type=int, default=1, help="base seed of the routes")
    words.add_argument("--format", choices=["text", "json"], default="text")
    return parser


def add_play_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--text", action="store_true", help="play in the terminal: prose, numbered choices, typed commands")
    p.add_argument("--seed", type=int, default=None, help="the run's seed (default: a new one)")
    p.add_argument("--scenes", help="play another story folder")
    p.add_argument("--load", metavar="SAVE", help="start from a save (a file or a slot name)")
    p.add_argument("--saves", help="where saves are kept (default: saves/ in a checkout, else your data folder)")
    p.add_argument("--width", type=int, default=0, help="terminal line width for --text (default: the terminal's)")
    p.add_argument("--windowed", action="store_true", help="start in a window even if settings say fullscreen")
    p.add_argument("--size", metavar="WxH", help="window size, e.g. 1280x720")


HANDLERS = {
    "play": "game.frontends.launch",
    "check": "game.tools.check",
    "replay": "game.tools.replay",
    "explore": "game.tools.explore",
    "graph": "game.tools.graph",
    "build-web": "game.frontends.web.site",
    "story-stats": "game.tools.storystats",
    "parser": "game.tools.parser_report",
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in HANDLERS and argv[0] not in ("-h", "--help", "--version")):
        argv = ["play", *argv]  # plain `nlmg` (with or without play's options) plays the game
    args = parser.parse_args(argv)
    module = importlib.import_module(HANDLERS[args.command])
    try:
        return int(module.main(args) or 0)
    except KeyboardInterrupt:
        print()
        return 130
    except BrokenPipeError:  # `nlmg play --text | head`
        return 0
    except OSError as exc:  # an output path that cannot be written (`graph -o`, `explore --html`): a sentence, not a traceback
        where = exc.filename or exc.filename2 or ""
        print(f"nlmg {args.command}: {where}{': ' if where else ''}cannot be written or read ({exc.strerror or exc})", file=sys.stderr)
        return 1
    except Exception as exc:
        # a save a tool was asked to write that could not be (`explore --save-failures` to a file): its sentence, no traceback.
        # Imported only on a failure: the saves module brings the engine with it, which `nlmg --help` need not load.
        from game.engine.saves.format import SaveError

        if not isinstance(exc, SaveError):
            raise
        print(f"nlmg {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
