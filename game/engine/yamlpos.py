"""Safe YAML loading that remembers where every mapping, key and value was written.

Authors need `file:line:col` in every message, so the loader keeps source positions beside the
plain data instead of discarding them. Only the safe constructors are used: a scene file can never
build a Python object.
"""

from __future__ import annotations

import gc
from typing import Any

import yaml

from game.engine.diagnostics import Diagnostic

try:  # libyaml is about three times faster; the pure loader is a fallback, not a different language
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader

# (line, col, style): 1-based; style is the YAML scalar style (None plain, "'", '"', '|', '>')
Where = tuple[int, int, str | None]


class PMap(dict):
    """A mapping with the position of itself, each key and each value."""

    __slots__ = ("line", "col", "kpos", "vpos")

    def __init__(self) -> None:
        super().__init__()
        self.line = 0
        self.col = 0
        self.kpos: dict[Any, Where] = {}
        self.vpos: dict[Any, Where] = {}


class PList(list):
    """A sequence with the position of itself and each item."""

    __slots__ = ("line", "col", "ipos")

    def __init__(self) -> None:
        super().__init__()
        self.line = 0
        self.col = 0
        self.ipos: list[Where] = []


def _where(node: yaml.Node) -> Where:
    mark = node.start_mark
    style = node.style if isinstance(node, yaml.ScalarNode) else None
    return (mark.line + 1, mark.column + 1, style)


class _PosLoader(_Base):  # type: ignore[misc, valid-type]
    def __init__(self, stream: Any, path: str) -> None:
        super().__init__(stream)
        self.path = path
        self.problems: list[Diagnostic] = []


def _construct_map(loader: _PosLoader, node: yaml.MappingNode) -> PMap:
    loader.flatten_mapping(node)
    out = PMap()
    out.line = node.start_mark.line + 1
    out.col = node.start_mark.column + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        kw = _where(key_node)
        if isinstance(key, (dict, list)):
            loader.problems.append(
                Diagnostic(loader.path, kw[0], kw[1], "error", "a key must be a plain word, not a mapping or list")
            )
            continue
        if key in out:
            first = out.kpos[key]
            loader.problems.append(
                Diagnostic(
                    loader.path, kw[0], kw[1], "error",
                    f"key '{key}' appears twice in this mapping (first at line {first[0]}); the second would silently replace the first",
                )
            )
        out[key] = loader.construct_object(value_node, deep=True)
        out.kpos[key] = kw
        out.vpos[key] = _where(value_node)
    return out


def _construct_seq(loader: _PosLoader, node: yaml.SequenceNode) -> PList:
    out = PList()
    out.line = node.start_mark.line + 1
    out.col = node.start_mark.column + 1
    for item in node.value:
        out.append(loader.construct_object(item, deep=True))
        out.ipos.append(_where(item))
    return out


_PosLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_PosLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def load_documents(text: str, path: str) -> tuple[list[Any], list[Diagnostic]]:
    """Parse every document in `text`. Returns the documents and the problems found.

    A syntax error stops the file (nothing after it can be trusted) and is reported with the
    parser's own position. The garbage collector is paused during the parse: large loads are
    otherwise dominated by collections of the many young objects the constructor makes.
    """
    loader = _PosLoader(text, path)
    docs: list[Any] = []
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        while loader.check_data():
            docs.append(loader.get_data())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or exc.context or "the file is not valid YAML"
        hint = _syntax_hint(what)
        context = f" ({exc.context})" if exc.context and exc.problem else ""
        loader.problems.append(Diagnostic(path, line, col, "error", f"YAML syntax: {what}{context}{hint}"))
    except yaml.YAMLError as exc:
        loader.problems.append(Diagnostic(path, 0, 0, "error", f"YAML: {exc}"))
    except (ValueError, TypeError) as exc:  # e.g. a timestamp or number the safe loader cannot build
        loader.problems.append(Diagnostic(path, 0, 0, "error", f"YAML value: {exc}"))
    finally:
        loader.dispose()
        if was_enabled:
            gc.enable()
    return docs, loader.problems


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "; a ':' inside text needs the whole text in quotes"
    if "found character '\\t'" in problem:
        return "; YAML indents with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "; a line in a mapping is missing its ':' (or a quote is not closed)"
    return ""
