"""`nlmg check`: every problem in a story folder, as path:line:col: severity: message.

Exit codes: 0 when the story has no errors (and, with --strict, no warnings); 1 otherwise.
A broken story never shows a Python traceback: problems are data, printed one per line.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time

from game.engine import Diagnostic, Story, check_story
from game.engine.model import Paragraph
from game.frontends.common import story_dir

_WORD = re.compile(r"[A-Za-z0-9'\u2019-]+")


def count_words(story: Story) -> int:
    def words(paragraphs: tuple[Paragraph, ...]) -> int:
        return sum(len(_WORD.findall(p.text)) + len(_WORD.findall(p.else_text or "")) for p in paragraphs)

    total = 0
    for s in story.scenes.values():
        total += words(s.paragraphs) + words(s.look)
        total += sum(words(t.look) for t in s.things.values())
        total += sum(words(a.say) + words(a.blocked) + len(_WORD.findall(a.choice_text or "")) for a in s.actions)
        total += sum(words(c.say) + len(_WORD.findall(c.text)) for c in s.choices)
    return total


def summary(story: Story) -> dict:
    scenes = story.scenes.values()
    return {
        "scenes": len(story.scenes),
        "choices": sum(len(s.choices) for s in scenes),
        "actions": sum(len(s.actions) for s in scenes),
        "endings": len({s.ending for s in scenes if s.ending}),
        "words": count_words(story),
    }


def main(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    root = story_dir(args.scenes)
    story, diagnostics = check_story(root, use_cache=not args.no_cache)
    if story is not None and not args.quick:
        try:
            from game.tools import analysis
        except ImportError:
            analysis = None
        if analysis is not None:
            diagnostics = diagnostics + analysis.analyse(story)
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
            "summary": summary(story) if story is not None else None,
            "seconds": round(elapsed, 4),
        }
        print(json.dumps(report, indent=2))
        return 1 if failed else 0
    for d in diagnostics:
        print(d.format())
    if story is None:
        print(f"{root}: {len(errors)} error{'s' if len(errors) != 1 else ''}, {len(warnings)} warning{'s' if len(warnings) != 1 else ''}: the story cannot be played", file=sys.stderr)
        return 1
    s = summary(story)
    verdict = "fails --strict" if failed else "ok"
    print(
        f"{root}: {verdict}: {s['scenes']} scenes, {s['choices']} choices, {s['actions']} actions, "
        f"{s['endings']} endings, {s['words']:,} words; {len(warnings)} warning{'s' if len(warnings) != 1 else ''} ({elapsed * 1000:.0f} ms)"
    )
    return 1 if failed else 0
