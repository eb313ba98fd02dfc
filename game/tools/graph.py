"""`nlmg graph`: the story map as Graphviz DOT (and SVG or PNG through `dot`), or as Mermaid.

Scenes are nodes grouped by chapter, choices are labelled edges (typed actions dashed, gotos
inside effects dotted), endings are marked, and scenes no run can ever enter are drawn red.
Everything comes from game/engine/storymap.py, the same graph the game's flowchart draws.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from game.engine import Story
from game.engine.storymap import Edge, StoryMap, build_map
from game.frontends.common import load_or_report
from game.tools.analysis import Analysis

LABEL_WIDTH = 44  # longer choice texts are cut with an ellipsis (the whole text is in the scene file)
INSTALL_HINT = (
    "Graphviz's `dot` is not installed, so the map could not be drawn as {fmt}. Install it with "
    "`sudo apt-get install graphviz` (Debian, Ubuntu), `brew install graphviz` (macOS) or from "
    "https://graphviz.org/download/ (Windows), then run this again. The DOT text was written to {dot}; "
    "any Graphviz viewer opens it."
)
EDGE_STYLE = {"choice": "solid", "action": "dashed", "effect": "dotted"}


def unreachable(story: Story) -> set[str]:
    """Scenes no run can enter: the checker's sound answer (it also sees conditions that can never hold)."""
    a = Analysis(story)
    a.run()
    return a.unreachable


def _short(text: str, width: int = LABEL_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def _dot_str(text: str) -> str:
    """A DOT double-quoted string; newlines become DOT's centred line breaks."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def edge_label(e: Edge) -> str:
    label = _short(e.label) if e.label else ("on entering" if e.kind == "effect" else "")
    if e.condition:
        label += f"\n[if {_short(e.condition, LABEL_WIDTH - 4)}]"
    return label


def to_dot(story: Story, smap: StoryMap, dead: set[str]) -> str:
    out = [
        f"digraph {_dot_str(story.id)} {{",
        f"  label={_dot_str(story.title + (': ' + smap.chapter if smap.chapter else ''))}; labelloc=t; fontsize=20;",
        '  graph [rankdir=TB, fontname="Helvetica", nodesep=0.3, ranksep=0.5];',
        '  node [shape=box, style="rounded,filled", fillcolor="#fdfbf6", color="#6b6257", fontname="Helvetica", fontsize=11];',
        '  edge [color="#6b6257", fontname="Helvetica", fontsize=9, arrowsize=0.7];',
    ]
    by_chapter: dict[str, list[str]] = {}
    for sid, node in smap.nodes.items():
        by_chapter.setdefault(node.chapter, []).append(sid)
    order = [c for c in smap.chapters if c in by_chapter] + [c for c in by_chapter if c not in smap.chapters]
    for n, chapter in enumerate(order):
        out.append(f"  subgraph cluster_{n} {{")
        out.append(f'    label={_dot_str(chapter or "(no chapter)")}; style="rounded"; color="#c9bfae"; fontsize=14;')
        for sid in by_chapter[chapter]:
            out.append("    " + _dot_node(smap, sid, dead))
        out.append("  }")
    outside = {e.target for e in smap.edges if e.target not in smap.nodes} | {e.source for e in smap.edges if e.source not in smap.nodes}
    for sid in sorted(outside):
        out.append(f'  {_dot_str(sid)} [shape=plaintext, style="", label={_dot_str("to " + sid if any(e.target == sid for e in smap.edges) else "from " + sid)}, fontcolor="#8a8072"];')
    for e in smap.edges:
        attrs = [f"label={_dot_str(edge_label(e))}", f"style={EDGE_STYLE.get(e.kind, 'solid')}"]
        if e.source in dead:
            attrs.append('color="#c0392b"')
        out.append(f"  {_dot_str(e.source)} -> {_dot_str(e.target)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _dot_node(smap: StoryMap, sid: str, dead: set[str]) -> str:
    node = smap.nodes[sid]
    label = f"{_short(node.title, 28)}\n{sid}"
    attrs = []
    if node.ending:
        label += f"\nEnding: {node.ending_title or node.ending}"
        attrs += ["peripheries=2", 'fillcolor="#f3e6c4"']
    if sid == smap.start:
        attrs += ["penwidth=2.5", 'fillcolor="#e3eef7"']
    if sid in dead:
        attrs += ['color="#c0392b"', 'fontcolor="#c0392b"', 'fillcolor="#fbe0e0"']
        label += "\n(unreachable)"
    attrs.append(f"tooltip={_dot_str(f'{node.path}:{node.line}')}")
    return f"{_dot_str(sid)} [label={_dot_str(label)}, {', '.join(attrs)}];"


def _mm_id(sid: str) -> str:
    return "s_" + "".join(c if c.isalnum() else "_" for c in sid)


def _mm_text(text: str) -> str:
    """Mermaid label text: quotes and angle brackets as entities, so labels never break the syntax."""
    return text.replace("&", "&amp;").replace('"', "#quot;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def to_mermaid(story: Story, smap: StoryMap, dead: set[str]) -> str:
    out = ["flowchart TD"]
    by_chapter: dict[str, list[str]] = {}
    for sid, node in smap.nodes.items():
        by_chapter.setdefault(node.chapter, []).append(sid)
    for n, (chapter, sids) in enumerate(by_chapter.items()):
        out.append(f'  subgraph ch{n}["{_mm_text(chapter or "(no chapter)")}"]')
        for sid in sids:
            node = smap.nodes[sid]
            text = _mm_text(f"{_short(node.title, 28)}\n{sid}" + (f"\nEnding: {node.ending_title}" if node.ending else ""))
            out.append(f'    {_mm_id(sid)}(["{text}"])' if node.ending else f'    {_mm_id(sid)}["{text}"]')
        out.append("  end")
    for sid in sorted({e.target for e in smap.edges if e.target not in smap.nodes} | {e.source for e in smap.edges if e.source not in smap.nodes}):
        out.append(f'  {_mm_id(sid)}>"{_mm_text(sid)}"]')
    arrows = {"choice": "-->", "action": "-.->", "effect": "-.->"}
    for e in smap.edges:
        label = edge_label(e)
        arrow = arrows.get(e.kind, "-->")
        out.append(f'  {_mm_id(e.source)} {arrow}|"{_mm_text(label)}"| {_mm_id(e.target)}' if label else f"  {_mm_id(e.source)} {arrow} {_mm_id(e.target)}")
    dead_here = [sid for sid in smap.nodes if sid in dead]
    out.append("  classDef dead fill:#fbe0e0,stroke:#c0392b,color:#c0392b")
    out.append("  classDef ending fill:#f3e6c4,stroke:#6b6257")
    endings = [sid for sid, n in smap.nodes.items() if n.ending and sid not in dead]
    if endings:
        out.append(f"  class {','.join(_mm_id(s) for s in endings)} ending")
    if dead_here:
        out.append(f"  class {','.join(_mm_id(s) for s in dead_here)} dead")
    return "\n".join(out) + "\n"


def render_with_dot(dot_text: str, fmt: str, output: Path) -> str | None:
    """Run Graphviz; returns an error message, or None when `output` was written."""
    exe = shutil.which("dot")
    if exe is None:
        return "missing"
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        proc = subprocess.run([exe, f"-T{fmt}", "-o", str(tmp)], input=dot_text.encode("utf-8"), capture_output=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"Graphviz's dot could not be run: {exc}"
    if proc.returncode != 0:
        tmp.unlink(missing_ok=True)
        return "Graphviz's dot failed: " + proc.stderr.decode("utf-8", "replace").strip()
    os.replace(tmp, output)
    return None


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def main(args: argparse.Namespace) -> int:
    story = load_or_report(args.scenes)
    if story is None:
        return 1
    smap = build_map(story)
    if args.chapter:
        if args.chapter not in smap.chapters and not any(n.chapter == args.chapter for n in smap.nodes.values()):
            known = ", ".join(f"'{c}'" for c in smap.chapters)
            print(f"nlmg graph: there is no chapter '{args.chapter}' (chapters: {known})", file=sys.stderr)
            return 2
        smap = smap.for_chapter(args.chapter)
    dead = unreachable(story)
    fmt = args.format
    if fmt == "mermaid":
        text = to_mermaid(story, smap, dead)
    else:
        text = to_dot(story, smap, dead)
    if fmt in ("dot", "mermaid"):
        if args.output:
            write_text(Path(args.output), text)
            print(f"wrote {args.output}", file=sys.stderr)
        else:
            sys.stdout.write(text)
        return 0
    output = Path(args.output or f"map.{fmt}")
    error = render_with_dot(text, fmt, output)
    if error is None:
        print(f"wrote {output} ({len(smap.nodes)} scenes, {len(smap.edges)} ways between them)", file=sys.stderr)
        return 0
    dot_path = output.with_suffix(".dot")
    write_text(dot_path, text)
    if error == "missing":
        print(INSTALL_HINT.format(fmt=fmt.upper(), dot=dot_path), file=sys.stderr)
    else:
        print(f"{error}\nThe DOT text was written to {dot_path}.", file=sys.stderr)
    return 1
