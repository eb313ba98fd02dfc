"""Safe YAML loading that remembers where every mapping, key and value was written.

Authors need `file:line:col` in every message, so the loader keeps source positions beside the
plain data instead of discarding them. Only the safe constructors are used: a scene file can never
build a Python object.
"""

from __future__ import annotations

import gc
from typing import Any

import yaml

from game.engine.bounds import MAX_TEXT, number_problem, text_problem
from game.engine.diagnostics import Diagnostic
from game.engine.positioned import PList, PMap

try:  # libyaml is about three times faster; the pure loader is a fallback, not a different language
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_INT = "tag:yaml.org,2002:int"
_BOOLS = {"true": True, "false": False}
_PLAIN_TAGS: dict[str, str] = {}  # a plain scalar that reached PyYAML's resolver -> the tag it resolved to
_MAX_DIGITS = 4000  # characters of a whole number's text: past ~3,700 digits bounds.py refuses it, past 4,300 int() does


class YamlProblem(Exception):
    """Something in the YAML that parses but may not be used in a story (an object tag, a recursive alias)."""

    def __init__(self, node: yaml.Node, message: str):
        super().__init__(message)
        self.line = node.start_mark.line + 1
        self.col = node.start_mark.column + 1
        self.message = message


class _PosLoader(_Base):  # type: ignore[misc]
    """libyaml composes the node tree; `build` below turns it into data, keeping positions.

    We do not use PyYAML's own constructor: it is general (any tag, two-step generators for
    recursive data) and so slow that it costs more than parsing. Scene files need only maps,
    lists, strings, numbers and booleans; anything else is refused with its position.
    """

    def __init__(self, stream: Any, path: str) -> None:
        super().__init__(stream)
        self.path = path
        self.problems: list[Diagnostic] = []
        self._done: dict[int, Any] = {}  # id(node) -> data, so aliases are built once
        self._building: set[int] = set()

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        # Called by libyaml for every node. Most scalars are prose: answer those without the regex scan.
        if kind is yaml.ScalarNode:
            if not implicit[0] or value[:1] not in self.yaml_implicit_resolvers:
                return _STR
            if value.isdigit() and (value[0] != "0" or value == "0"):  # a plain count, as saves hold by the hundred
                return _INT
            # Every key of every scene (text, title, then, once, names...) begins with a letter PyYAML's resolver
            # scans with its regular expressions: the answer depends on the word alone, so it is worked out once.
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= 40 and len(_PLAIN_TAGS) < 4096:
                    _PLAIN_TAGS[value] = tag
            return tag
        return _MAP if kind is yaml.MappingNode else _SEQ

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path-dependent resolvers are used; skipping the bookkeeping saves a call per node."""

    def ascend_resolver(self) -> None:
        pass

    def build(self, node: yaml.Node) -> Any:
        if type(node) is yaml.ScalarNode:
            if node.tag != _STR:
                return self._scalar(node)
            if len(node.value) > MAX_TEXT:  # a 20 MB word passed `check` and hung the window's wrapping (issue 12)
                return self._refuse(node, text_problem(node.value) or "the text is too long")
            return node.value
        key = id(node)
        if key in self._done:
            return self._done[key]
        if key in self._building:
            raise YamlProblem(node, "an alias refers to itself (recursive data is not allowed)")
        self._building.add(key)
        if type(node) is yaml.MappingNode and node.tag == _MAP:
            out: Any = self._map(node)
        elif type(node) is yaml.SequenceNode and node.tag == _SEQ:
            out = PList()
            out.line = node.start_mark.line + 1
            out.col = node.start_mark.column + 1
            ipos = out.ipos
            build = self.build
            for item in node.value:
                out.append(item.value if type(item) is yaml.ScalarNode and item.tag == _STR and len(item.value) <= MAX_TEXT else build(item))
                m = item.start_mark
                ipos.append((m.line + 1, m.column + 1, item.style if type(item) is yaml.ScalarNode else None))
        else:
            raise YamlProblem(node, f"the YAML tag {node.tag} is not allowed in a story file")
        self._building.discard(key)
        self._done[key] = out
        return out

    def _map(self, node: yaml.MappingNode, merged: int = 0) -> PMap:
        """A mapping with every key's position. `merged`: how many leading pairs came from `<<` merge keys, which a
        key of the mapping's own may override (that is what merge keys are for): not reported as a duplicate."""
        out = PMap()
        from_merge = {self.build(k) for k, _ in node.value[:merged] if type(k) is yaml.ScalarNode} if merged else None
        out.line = node.start_mark.line + 1
        out.col = node.start_mark.column + 1
        kpos, vpos = out.kpos, out.vpos
        build = self.build
        for index, (key_node, value_node) in enumerate(node.value):
            km = key_node.start_mark
            kw = (km.line + 1, km.column + 1, None)
            if key_node.tag == _MERGE:  # `<<: *defaults`: rare, so handled by starting over flattened
                own = sum(1 for k, _ in node.value if k.tag != _MERGE)
                self.flatten_mapping(node)
                return self._map(node, len(node.value) - own)
            if type(key_node) is not yaml.ScalarNode:
                self.problems.append(Diagnostic(self.path, kw[0], kw[1], "error", "a key must be a plain word, not a mapping or list"))
                continue
            value = key_node.value  # a plain word, as nearly every key is, without a call to build it
            key = value if key_node.tag == _STR and len(value) <= MAX_TEXT else build(key_node)
            if from_merge is not None and key in from_merge and key in out:
                if index >= merged:  # a merged value, overridden by the mapping's own: a second own one is a duplicate
                    from_merge.discard(key)
            elif key in out:
                first = kpos[key]
                self.problems.append(
                    Diagnostic(
                        self.path, kw[0], kw[1], "error",
                        f"key '{key}' appears twice in this mapping (first at line {first[0]}); the second would silently replace the first",
                    )
                )
            if type(value_node) is yaml.ScalarNode and value_node.tag == _STR and len(value_node.value) <= MAX_TEXT:
                out[key] = value_node.value  # text, as most values are: what build() would return, without the call
            else:
                out[key] = build(value_node)
            vm = value_node.start_mark
            kpos[key] = kw
            vpos[key] = (vm.line + 1, vm.column + 1, value_node.style if type(value_node) is yaml.ScalarNode else None)
        return out

    def _kept(self, node: yaml.ScalarNode, number: Any) -> Any:
        """A number from a file as bounds.py allows it (finite, of a size a save can write): `0x` and 20,000 hex digits
        in a `set:` once crashed `check` as the number was shown (issue 12)."""
        why = number_problem(number)
        return self._refuse(node, why) if why else number

    def _refuse(self, node: yaml.ScalarNode, why: str) -> None:
        """A value no save could hold, reported at its place; it reads as nothing, and the rest of the file reads on."""
        m = node.start_mark
        self.problems.append(Diagnostic(self.path, m.line + 1, m.column + 1, "error", f"YAML: {why}"))
        return None

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:bool":
            # Only true/false are booleans: 'yes', 'no', 'on' and 'off' stay words, as in YAML 1.2.
            return _BOOLS.get(node.value.lower(), node.value)
        if tag == _INT:
            value = node.value
            if len(value) > _MAX_DIGITS:  # int() would refuse it with a message about sys.set_int_max_str_digits
                return self._refuse(node, "a whole number of thousands of digits is too large to keep")
            number = int(value) if value.isdigit() and (value[0] != "0" or value == "0") else self.construct_yaml_int(node)
            return self._kept(node, number)
        if tag == "tag:yaml.org,2002:float":
            return self._kept(node, self.construct_yaml_float(node))
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:timestamp":
            return node.value  # a date in prose is just text
        raise YamlProblem(node, f"the YAML tag {tag} is not allowed in a story file")


def load_documents(text: str, path: str) -> tuple[list[Any], list[Diagnostic]]:
    """Parse every document in `text`. Returns the documents and the problems found.

    A syntax error stops the file (nothing after it can be trusted) and is reported with the
    parser's own position. The garbage collector is paused during the parse: large loads are
    otherwise dominated by collections of the many young objects the constructor makes.
    """
    try:
        loader = _PosLoader(text, path)
    except UnicodeEncodeError as exc:  # a lone surrogate: only in text not read from a file (files are decoded strictly)
        at = max(0, min(int(exc.start), len(text)))
        line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        return [], [Diagnostic(path, line, col, "error", "YAML: the text holds a broken character (a lone surrogate) here")]
    docs: list[Any] = []
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        while loader.check_node():
            node = loader.get_node()
            # the alias memo is keyed by id(node), and an id is reused once the last document's nodes are freed: cleared
            # per document (an alias never reaches across one), or a scene is silently built as an earlier one (issue 12)
            loader._done.clear()
            if node is not None:
                docs.append(loader.build(node))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or exc.context or "the file is not valid YAML"
        hint = _syntax_hint(what)
        context = f" ({exc.context})" if exc.context and exc.problem else ""
        loader.problems.append(Diagnostic(path, line, col, "error", f"YAML syntax: {what}{context}{hint}"))
    except yaml.reader.ReaderError as exc:  # a control character or bad encoding, before any parsing
        what = f"character #x{exc.character:04x}" if isinstance(exc.character, int) else "byte"
        at = max(0, min(int(exc.position), len(text)))  # a character offset into `text`: reported as its line and column
        line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        loader.problems.append(Diagnostic(path, line, col, "error", f"YAML: the text holds a {what} that YAML does not allow here"))
    except yaml.YAMLError as exc:
        loader.problems.append(Diagnostic(path, 0, 0, "error", "YAML: " + " ".join(str(exc).split())))
    except YamlProblem as exc:
        loader.problems.append(Diagnostic(path, exc.line, exc.col, "error", f"YAML: {exc.message}"))
    except RecursionError:
        loader.problems.append(Diagnostic(path, 0, 0, "error", "YAML: the data is nested too deeply"))
    except (ValueError, TypeError) as exc:  # e.g. a number the safe loader cannot build
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
