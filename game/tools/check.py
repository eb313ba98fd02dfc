"""`nlmg check`: every problem in a story folder, as path:line:col: severity: message.

Exit codes: 0 when the story has no errors (and, with --strict, no warnings); 1 otherwise.
A broken story never shows a Python traceback: problems are data, printed one per line.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from typing import Any

from game import paths
from game.engine import Diagnostic, Story, check_story
from game.engine.build import Scenes
from game.engine.diagnostics import plural
from game.engine.model import Paragraph
from game.frontends.common import story_dir
from game.tools import checkcache


def count_words(story: Story) -> int:
    """Words of prose a player can read: every paragraph, reply, look and choice, counted as a word processor does
    (runs of letters between spaces; a dash standing alone is not a word). One pass over it all: it is the
    slowest part of checking a very large story otherwise."""
    parts: list[str] = []
    add = parts.append

    def texts(paragraphs: tuple[Paragraph, ...]) -> None:
        for p in paragraphs:
            add(p.text)
            if p.else_text:
                add(p.else_text)

    for s in story.scenes.values():
        texts(s.paragraphs)
        texts(s.look)
        for t in s.things.values():
            texts(t.look)
        for a in s.actions:
            texts(a.say)
            texts(a.blocked)
            if a.choice_text:
                add(a.choice_text)
        for c in s.choices:
            texts(c.say)
            add(c.text)
    # Counted a few thousand texts at a time: split() makes a string of every word, and the words of a whole
    # 10,000-scene story at once took 76 MB more memory than the story itself. No word and no " - " crosses the
    # line breaks between texts, so the sum over the pieces is the count over the whole.
    words = 0
    for i in range(0, len(parts), 4096):
        text = "\n".join(parts[i:i + 4096])
        words += len(text.split()) - sum(text.count(f" {dash} ") for dash in ("-", "\u2013", "\u2014"))
    return words


def summary(story: Story) -> dict[str, Any]:
    scenes = story.scenes.values()
    return {
        "scenes": len(story.scenes),
        "choices": sum(len(s.choices) for s in scenes),
        "actions": sum(len(s.actions) for s in scenes),
        "endings": len({s.ending for s in scenes if s.ending}),
        "words": count_words(story),
    }


def _analyse(story: Story) -> list[Diagnostic]:
    from game.tools import analysis  # not for --quick, nor for a story checked before: its import is a tenth of a warm check

    return analysis.analyse(story)


def main(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    root = story_dir(args.scenes)
    cache = None if args.no_cache else paths.cache_dir(root)
    # A one-shot command builds a large model and frees none of it: the cyclic garbage collector
    # only costs time here (measured: about half of a 10,000-scene load), so it is paused.
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        story, diagnostics = check_story(root, cache)
        s: dict[str, Any] | None = None
        if story is not None:
            known = checkcache.recall(cache, root, story)  # an unchanged story: what the last check found
            if known is None or (known.analysis is None and not args.quick):
                if isinstance(story.scenes, Scenes):
                    story.scenes.build_all()
                known = checkcache.Known(summary(story), None if args.quick else _analyse(story))
                checkcache.remember(cache, root, story, known)
            s = known.summary
            if not args.quick and known.analysis is not None:
                diagnostics = diagnostics + known.analysis
    finally:
        if gc_was_on:
            gc.freeze()  # the model lives until the command ends: later collections need never walk it
            gc.enable()
    diagnostics = sorted(set(diagnostics), key=Diagnostic.sort_key)
    errors = [d for d in diagnostics if d.severity == "error"]
    warnings = [d for d in diagnostics if d.severity == "warning"]
    failed = bool(errors) or (args.strict and bool(warnings))
    elapsed = time.perf_counter() - started
    if args.format == "json":
        report = {
            "ok": not failed,
            "errors": len(errors),
            "warnings": len(warnings),
            "diagnostics": [d.to_json() for d in diagnostics],
            "summary": s,
            "seconds": round(elapsed, 4),
        }
        print(json.dumps(report, indent=2))
        return 1 if failed else 0
    for d in diagnostics:
        print(d.format())
    if s is None:
        print(f"{root}: {plural(len(errors), 'error')}, {plural(len(warnings), 'warning')}: the story cannot be played", file=sys.stderr)
        return 1
    verdict = "fails --strict" if failed else "ok"
    print(
        f"{root}: {verdict}: {s['scenes']} scenes, {s['choices']} choices, {s['actions']} actions, "
        f"{s['endings']} endings, {s['words']:,} words; {plural(len(warnings), 'warning')} ({elapsed * 1000:.0f} ms)"
    )
    return 1 if failed else 0
