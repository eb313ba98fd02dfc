"""The shape of the house: small modules, and imports that never go round in a circle.

Scoped to the engine, the author tools, the terminal and the command line (the desktop window is
being reshaped on its own branch; widen SCOPE to all of game/ once it has no circle either).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

GAME = ROOT / "game"
SCOPE = [GAME / "engine", GAME / "tools", GAME / "frontends" / "terminal.py", GAME / "frontends" / "terminal_saves.py",
         GAME / "frontends" / "common.py", GAME / "frontends" / "launch.py", GAME / "cli.py", GAME / "paths.py"]
MAX_LINES = 400


def modules() -> dict[str, Path]:
    files = [p for s in SCOPE for p in ([s] if s.is_file() else sorted(s.rglob("*.py")))]
    out = {}
    for path in files:
        parts = path.relative_to(ROOT).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module in `known` that `path` imports, at any depth in the file (TYPE_CHECKING blocks too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            submodules = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known]
            # `from package import submodule` imports the submodule; any other name comes from the package itself
            targets = submodules + ([base] if len(submodules) < len(node.names) else [])
        else:
            continue
        found |= {t for t in targets if t in known and t != name}
    return found


def test_no_module_is_over_400_lines():
    long = {n: len(p.read_text(encoding="utf-8").splitlines()) for n, p in modules().items()}
    assert {n: lines for n, lines in long.items() if lines > MAX_LINES} == {}


def test_no_import_circle():
    mods = modules()
    graph = {n: imports_of(n, p, set(mods)) for n, p in mods.items()}
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            raise AssertionError("import circle: " + " -> ".join(path[path.index(node):] + [node]))
        if node in done:
            return
        for nxt in sorted(graph[node]):
            visit(nxt, [*path, node])
        done.add(node)

    for name in sorted(graph):
        visit(name, [])
