"""Building the parser's world from checked records (people, places, scenery, responses) and the checks it needs.

Whether a scene's person exists, whether a whereabouts names a real chapter, whether a topic's
condition names a real scene: these need the whole story, so they run here, after every file has
been read (reader_world.py did the per-file half). The paragraph and condition builders live here
too, and build.py borrows them, so the two never import each other.
"""

from __future__ import annotations

from typing import Any, Protocol

from game.engine.diagnostics import Pos
from game.engine.evaluate import Evaluator, compile_tree
from game.engine.fields import suggest
from game.engine.model import Cond, Lines, Paragraph, Person, Place, Scenery, Topic, Whereabouts


class Checker(Protocol):
    """What the world's checks need of build.py's Checker (a protocol, so the two modules never import each other)."""

    def error(self, pos: Pos, message: str) -> None: ...
    def warning(self, pos: Pos, message: str) -> None: ...
    def cond(self, rec: dict[str, Any] | None, path: str, sid: str) -> None: ...
    def paragraphs(self, recs: list[dict[str, Any]], path: str, sid: str) -> None: ...


_COMPILED: dict[str, Evaluator] = {}  # source -> compiled condition, for those that do not read their own scene
_SCOPED: dict[tuple[str, str], Evaluator] = {}  # (source, scene) -> compiled condition, for those that do
_READS_SCENE: set[str] = set()  # sources that read their own scene (worked out once per source, not per use)
_COMPILED_MAX = 200_000  # an editor reloading for hours forgets old conditions rather than grow without end


def cond_of(rec: dict[str, Any] | None, path: str, sid: str) -> Cond | None:
    """A condition, compiled once per distinct source: 10,000 scenes repeat the same few hundred conditions.

    The compiled form depends on the scene only through `visited()` and one-argument `chosen()`,
    so only those are compiled per scene; the closures hold no state, so sharing them is safe.
    The usual case, a source already compiled that does not read its scene, is one lookup by the source.
    """
    if not rec:
        return None
    src, at = rec["src"], rec["pos"]
    fn = _COMPILED.get(src)
    if fn is None:
        fn = _compiled(src, rec["tree"], sid)
    return Cond(src, rec["tree"], Pos(path, at[0], at[1]), fn)


def _compiled(src: str, tree: Any, sid: str) -> Evaluator:
    """The compiled form of a source not yet in _COMPILED: compiled now, or per scene when it reads its own scene."""
    if src in _READS_SCENE:
        fn = _SCOPED.get((src, sid))
        if fn is None:
            if len(_SCOPED) >= _COMPILED_MAX:
                _SCOPED.clear()
            fn = _SCOPED[(src, sid)] = compile_tree(tree, sid)
        return fn
    if _scoped(tree):
        if len(_READS_SCENE) >= _COMPILED_MAX:
            _READS_SCENE.clear()
            _SCOPED.clear()
        _READS_SCENE.add(src)
        return _compiled(src, tree, sid)
    if len(_COMPILED) >= _COMPILED_MAX:
        _COMPILED.clear()
    fn = _COMPILED[src] = compile_tree(tree, "")
    return fn


def _scoped(tree: Any) -> bool:
    """Does the condition read its own scene (`visited()`, `chosen('choice')`)?"""
    if not isinstance(tree, (list, tuple)) or not tree:
        return False
    if tree[0] == "call" and ((tree[1] == "visited" and not tree[2]) or (tree[1] == "chosen" and len(tree[2]) == 1)):
        return True
    return any(_scoped(part) for part in tree)


def paragraphs_of(recs: list[dict[str, Any]], path: str, sid: str) -> tuple[Paragraph, ...]:
    """Paragraphs: the most numerous objects of a story (four or five a scene), so a plain loop with the usual
    case, a paragraph with no condition, answered without a call."""
    if not recs:
        return ()
    out = []
    for r in recs:
        at = r["pos"]
        out.append(Paragraph(r["text"], cond_of(r["if"], path, sid) if "if" in r else None, r.get("else"), Pos(path, at[0], at[1])))
    return tuple(out)


def scenery_of(recs: list[dict[str, Any]], path: str, sid: str) -> tuple[Scenery, ...]:
    return tuple(Scenery(tuple(r["names"]), paragraphs_of(r["look"], path, sid), Pos(path, *r["pos"])) for r in recs)


def responses_of(recs: dict[str, dict[str, Any]], path: str, sid: str) -> dict[str, tuple[Paragraph, ...]]:
    return {name: paragraphs_of(r["text"], path, sid) for name, r in recs.items()}


def lines_of(rec: dict[str, Any], path: str, sid: str) -> Lines:
    if not rec:
        return Lines()
    topics = tuple(
        Topic(tuple(t["names"]), paragraphs_of(t["say"], path, sid), cond_of(t.get("if"), path, sid), Pos(path, *t["pos"]))
        for t in rec.get("topics", ())
    )
    return Lines(
        paragraphs_of(rec.get("look", []), path, sid), paragraphs_of(rec.get("talk", []), path, sid),
        paragraphs_of(rec.get("fallback", []), path, sid), topics,
        {verb: paragraphs_of(text, path, sid) for verb, text in rec.get("replies", {}).items()},
        bool(rec.get("far")), paragraphs_of(rec["far"], path, sid) if isinstance(rec.get("far"), list) else (),
    )


def people_of(recs: list[dict[str, Any]], path: str) -> dict[str, Person]:
    return {
        p["id"]: Person(
            p["id"], p["name"], tuple(p["names"]), p["pronoun"], lines_of(p["lines"], path, ""),
            tuple(Whereabouts(w["chapter"], w["location"], cond_of(w.get("if"), path, ""), paragraphs_of(w["text"], path, ""), Pos(path, *w["pos"]))
                  for w in p["where"]),
            p["everywhere"], Pos(path, *p["pos"]),
        )
        for p in recs
    }


def places_of(recs: list[dict[str, Any]], path: str) -> dict[str, Place]:
    return {
        p["id"]: Place(p["id"], p["name"], paragraphs_of(p["look"], path, ""), scenery_of(p["scenery"], path, ""),
                       responses_of(p["responses"], path, ""), Pos(path, *p["pos"]))
        for p in recs
    }


# ---- checks over records --------------------------------------------------------------------------


def _walk_lines(checker: Checker, rec: dict[str, Any], path: str, sid: str) -> None:
    for key in ("look", "talk", "fallback"):
        checker.paragraphs(rec.get(key, []), path, sid)
    for t in rec.get("topics", ()):
        checker.cond(t.get("if"), path, sid)
        checker.paragraphs(t["say"], path, sid)
    for text in rec.get("replies", {}).values():
        checker.paragraphs(text, path, sid)
    if isinstance(rec.get("far"), list):
        checker.paragraphs(rec["far"], path, sid)


def walk_scene(checker: Checker, r: dict[str, Any], path: str, people: dict[str, dict[str, Any]]) -> None:
    """A scene's people, scenery and responses: conditions walked, every person known."""
    sid = r["id"]
    for p in r.get("people", ()):
        if p["id"] not in people:
            hint = suggest(p["id"], list(people)) or " (declare them under people: in story.yaml)"
            checker.error(Pos(path, *p["pos"]), f"unknown person '{p['id']}' in scene '{sid}'{hint}")
        _walk_lines(checker, p["lines"], path, sid)
    for s in r.get("scenery", ()):
        checker.paragraphs(s["look"], path, sid)
    for resp in r.get("responses", {}).values():
        checker.paragraphs(resp["text"], path, sid)


def walk_story(checker: Checker, story_rec: dict[str, Any], path: str, chapter_titles: list[str], locations: tuple[str, ...]) -> None:
    """story.yaml's people, places and responses: conditions walked, chapters and locations known."""
    for p in story_rec.get("people", ()):
        _walk_lines(checker, p["lines"], path, "")
        for w in p["where"]:
            checker.cond(w.get("if"), path, "")
            checker.paragraphs(w["text"], path, "")
            if w["chapter"] and chapter_titles and w["chapter"] not in chapter_titles:
                checker.error(Pos(path, *w.get("chapter_pos", w["pos"])),
                              f"the whereabouts of '{p['id']}' names chapter '{w['chapter']}', which story.yaml does not list{suggest(w['chapter'], chapter_titles)}")
            if w["location"] and locations and w["location"] not in locations:
                checker.error(Pos(path, *w["pos"]),
                              f"the whereabouts of '{p['id']}' names location '{w['location']}', which story.yaml does not list{suggest(w['location'], list(locations))}")
    for place in story_rec.get("places", ()):
        checker.paragraphs(place["look"], path, "")
        for s in place["scenery"]:
            checker.paragraphs(s["look"], path, "")
        for resp in place["responses"].values():
            checker.paragraphs(resp["text"], path, "")
    for resp in story_rec.get("responses", {}).values():
        checker.paragraphs(resp["text"], path, "")


def check_names(checker: Checker, people: dict[str, dict[str, Any]], path: str) -> None:
    """Warn when two people of the story answer to one name: `ask` would have to ask which."""
    seen: dict[str, str] = {}
    for pid, p in people.items():
        for n in p["names"]:
            other = seen.get(n)
            if other is not None and other != pid:
                checker.warning(Pos(path, *p["pos"]), f"'{n}' names both '{other}' and '{pid}' under people:; typing it will ask which")
            seen[n] = pid
