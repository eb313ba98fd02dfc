"""The coverage report an author opens in a browser: each scene file with its lines marked covered or not.

One self-contained HTML file (inline style, no scripts, nothing fetched), every piece of story text
escaped, written atomically. A line holding a scene, choice, action or conditional paragraph is
green when every item on it was covered, red when one was not; hovering shows which items.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;color:#222;background:#fbfaf7}
h1{font-weight:600}h2{margin-top:2em;border-bottom:1px solid #ddd}
table.sum{border-collapse:collapse}table.sum td,table.sum th{padding:.2em .8em;border-bottom:1px solid #e4e4e4;text-align:left}
.bar{display:inline-block;width:10em;height:.7em;background:#f1d4d4;vertical-align:middle}
.bar i{display:block;height:100%;background:#7fb77e}
pre{margin:0;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace}
.src{border:1px solid #e4e4e4;background:#fff;overflow-x:auto}
.l{display:block;white-space:pre}.l b{display:inline-block;width:4.5em;color:#999;font-weight:normal;text-align:right;padding-right:1em;user-select:none}
.hit{background:#e3f4e1}.miss{background:#fbe0e0}
ul.miss li{color:#8a1f1f}.note{color:#666}
"""


def render(report: Any) -> str:
    """The whole report as one HTML page."""
    e = html.escape
    data = report.to_json()
    story = report.story
    out = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Coverage: {e(story.title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>Coverage of {e(story.title)}</h1>",
    ]
    if report.mode == "random":
        out.append(f"<p>{data['runs']:,} random runs from seed {data['seed']}, step limit {data['step_limit']}, in {data['seconds']:.2f} s.</p>")
    else:
        cut = "cut short by the bound" if data.get("cut_short") else "complete"
        out.append(f"<p>Exhaustive search from seed {data['seed']}: {data.get('states', 0):,} states (bound {data.get('bound', 0):,}), {cut}.</p>")
    out.append('<table class="sum"><tr><th>kind</th><th>covered</th><th></th></tr>')
    for kind, c in data["coverage"].items():
        out.append(f"<tr><td>{e(kind)}s</td><td>{c['covered']} / {c['total']} ({c['percent']:.1f}%)</td>"
                   f'<td><span class="bar"><i style="width:{c["percent"]:.1f}%"></i></span></td></tr>')
    out.append("</table>")
    out.append('<h2>Endings</h2><table class="sum">')
    for name, n in data["endings"].items():
        cls = "" if n else ' class="miss"'
        out.append(f"<tr{cls}><td>{e(name)}</td><td>{n:,}</td></tr>")
    out.append("</table>")
    problems = [(kind, g) for kind, groups in data["problems"].items() for g in groups]
    if problems:
        out.append("<h2>Problems</h2><ul class=\"miss\">")
        for kind, g in problems:
            ex = g["examples"][0]
            out.append(f"<li>{e(kind)}: <code>{e(ex['where'])}</code> {e(ex['message'])} ({g['runs']:,} runs; seed {ex['seed']})</li>")
        out.append("</ul>")
    by_file: dict[str, dict[int, list[Any]]] = {}
    for items in report.items.values():
        for item in items:
            by_file.setdefault(item.path, {}).setdefault(item.line, []).append((item, item.key in report.covered))
    for path in sorted(by_file):
        lines_items = by_file[path]
        missing = [it for its in lines_items.values() for it, ok in its if not ok]
        out.append(f'<h2 id="{e(_anchor(path))}">{e(path)}</h2>')
        if missing:
            out.append(f'<p>{len(missing)} not covered:</p><ul class="miss">')
            out.extend(f'<li><a href="#{e(_anchor(path))}-{it.line}">line {it.line}</a>: {e(it.label)}</li>' for it in missing)
            out.append("</ul>")
        else:
            out.append('<p class="note">Everything in this file was covered.</p>')
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            out.append('<p class="note">(the file could not be read to show its lines)</p>')
            continue
        out.append('<div class="src"><pre>')
        for n, line in enumerate(text.splitlines(), 1):
            marks = lines_items.get(n)
            cls, tip = "", ""
            if marks:
                cls = " hit" if all(ok for _, ok in marks) else " miss"
                tip = "; ".join(f"{it.label}: {'covered' if ok else 'NOT covered'}" for it, ok in marks)
                tip = f' title="{e(tip)}"'
            out.append(f'<span class="l{cls}" id="{e(_anchor(path))}-{n}"{tip}><b>{n}</b>{e(line)}</span>')
        out.append("</pre></div>")
    out.append("</body></html>")
    return "\n".join(out)


def _anchor(path: str) -> str:
    return "f-" + "".join(c if c.isalnum() else "-" for c in path)


def write_report(path: Path, report: Any) -> None:
    """Write atomically: a report being regenerated is never seen half written."""
    page = render(report)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)
