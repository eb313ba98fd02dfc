"""The shape of the package, read from its source with `ast`: no import cycle, small modules, no silent lazy imports.

Every module under game/ is parsed (nothing is imported, so a broken module cannot hide). An
import counts wherever it is written: at the top, inside a function, or under TYPE_CHECKING,
because a cycle that only type hints close is still a knot a reader has to untie. An import
inside a function is allowed only with a comment on its line or the line above saying why
(an optional dependency, start-up time).
"""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "game"
MAX_LINES = 400


@dataclass
class Module:
    name: str
    path: Path
    lines: int
    imports: dict[str, int] = field(default_factory=dict)  # imported module -> first line importing it
    silent_lazy: list[int] = field(default_factory=list)  # lines of imports inside functions with no comment


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def comment_lines(source: str) -> set[int]:
    """The lines that hold a comment (tokenize, so a '#' inside a string is not one)."""
    lines = set()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            lines.add(tok.start[0])
    return lines


def targets(node: ast.Import | ast.ImportFrom, current: str, is_package: bool, known: set[str]) -> list[str]:
    """The modules of game/ an import statement loads: `from a import b` means a.b when that is a module."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = current if is_package else current.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    out = []
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        out.append(sub if sub in known else base)
    return out


def read_module(path: Path, known: set[str]) -> Module:
    source = path.read_text(encoding="utf-8")
    name = module_name(path)
    module = Module(name, path, len(source.splitlines()))
    comments = comment_lines(source)
    is_package = path.name == "__init__.py"
    pending: list[tuple[ast.AST, bool]] = [(ast.parse(source, str(path)), False)]
    while pending:
        node, in_function = pending.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for target in targets(child, name, is_package, known):
                    if target == "game" or target.startswith("game."):
                        module.imports.setdefault(target, child.lineno)
                if in_function and not ({child.lineno, child.lineno - 1} & comments):
                    module.silent_lazy.append(child.lineno)
            pending.append((child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))))
    module.silent_lazy.sort()
    return module


def read_package() -> dict[str, Module]:
    paths = sorted(PACKAGE.rglob("*.py"))
    known = {module_name(p) for p in paths}
    return {module_name(p): read_module(p, known) for p in paths}


def cycles(modules: dict[str, Module]) -> list[list[str]]:
    """Each strongly connected group of modules (Tarjan), sorted: modules that all reach one another."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0

    def edges(name: str) -> list[str]:
        return [t for t in modules[name].imports if t in modules and t != name]

    def strong(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges(v):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in modules[v].imports:
                groups.append(sorted(group))

    for name in sorted(modules):
        if name not in index:
            strong(name)
    return groups


def one_cycle(group: list[str], modules: dict[str, Module]) -> list[str]:
    """A shortest way round the group from its first module, to name in a message."""
    members = set(group)
    start = group[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        cur = queue.pop(0)
        for nxt in modules[cur].imports:
            if nxt == start:
                return paths[cur] + [start]
            if nxt in members and nxt not in paths:
                paths[nxt] = paths[cur] + [nxt]
                queue.append(nxt)
    return group


def test_the_reader_sees_every_kind_of_import(tmp_path):
    """The walker itself: imports in functions and under TYPE_CHECKING count, comments are found by tokens."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from game.b import B\n"
        "def f():\n"
        "    import game.c  # start-up time\n"
        "    x = '# not a comment'\n"
        "    from game import d\n"
    )
    tree = ast.parse(source)
    imports = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    known = {"game.b", "game.c", "game.d"}
    assert [targets(n, "game.a", False, known) for n in imports] == [["typing"], ["game.b"], ["game.c"], ["game.d"]]
    assert comment_lines(source) == {5}
    fake = {"a": Module("a", tmp_path, 1, {"b": 1}), "b": Module("b", tmp_path, 1, {"c": 1}), "c": Module("c", tmp_path, 1, {"a": 1})}
    assert cycles(fake) == [["a", "b", "c"]] and one_cycle(["a", "b", "c"], fake) == ["a", "b", "c", "a"]
    fake["c"].imports = {}
    assert cycles(fake) == []


def test_no_import_cycle_in_game():
    modules = read_package()
    found = cycles(modules)
    assert not found, "import cycles in game/:\n" + "\n".join(
        f"  {len(group)} modules import one another ({', '.join(group)}); for one: {' -> '.join(one_cycle(group, modules))}"
        for group in found)


def test_no_module_over_400_lines():
    long = [f"  {m.path.relative_to(ROOT)}: {m.lines} lines" for m in read_package().values() if m.lines > MAX_LINES]
    assert not long, f"modules over {MAX_LINES} lines:\n" + "\n".join(long)


def test_imports_inside_functions_say_why():
    silent = [f"  {m.path.relative_to(ROOT)}:{line}" for m in read_package().values() for line in m.silent_lazy]
    assert not silent, ("imports inside a function with no comment on the line or the line above saying why "
                        "(an optional dependency, start-up time):\n" + "\n".join(silent))
