"""Building the story model from per-file records, and the checks that need the whole story.

Targets that do not exist, duplicate ids, unknown items and chapters, scenes with no way out:
these can only be seen once every file has been read, so they live here rather than in reader.py.
"""

from __future__ import annotations

from typing import Any

from game.engine import expr
from game.engine.commands import canonical_verb
from game.engine.diagnostics import Diagnostic, Pos
from game.engine.model import (
    Action, Chapter, Choice, Cond, Effect, Ending, Item, Option, Paragraph, Scene, Story, Thing,
)
from game.engine.reader import suggest


class Builder:
    def __init__(self, incomplete: bool = False) -> None:
        # When a file could not be parsed, scenes it defines are unknown: saying that targets
        # "do not exist" would only bury the real error under echoes of it.
        self.incomplete = incomplete
        self.diagnostics: list[Diagnostic] = []
        # what the whole story reads and writes, for the never-set warnings
        self.vars_read: dict[str, Pos] = {}
        self.vars_set: set[str] = set()
        # deferred reference checks, run once every scene is known: (kind, name, pos, extra)
        self.refs: list[tuple[str, str, Pos, str]] = []

    def error(self, pos: Pos, message: str) -> None:
        self.diagnostics.append(pos.error(message))

    def warning(self, pos: Pos, message: str) -> None:
        self.diagnostics.append(pos.warning(message))

    # ---- small pieces -----------------------------------------------------------------------
    def cond(self, rec: dict | None, path: str, scene_id: str) -> Cond | None:
        if not rec:
            return None
        pos = Pos(path, rec["pos"][0], rec["pos"][1])
        for ref in expr.refs(rec["tree"]):
            at = Pos(path, pos.line, pos.col + ref.offset)
            if ref.kind == "var":
                self.vars_read.setdefault(ref.name, at)
            else:
                self.refs.append((ref.kind, ref.name, at, ref.scene or scene_id))
        return Cond(rec["src"], rec["tree"], pos, expr.compile_tree(rec["tree"], scene_id))

    def paragraphs(self, recs: list[dict], path: str, scene_id: str) -> tuple[Paragraph, ...]:
        return tuple(
            Paragraph(r["text"], self.cond(r.get("if"), path, scene_id), r.get("else"), Pos(path, *r["pos"]))
            for r in recs
        )

    def effects(self, recs: list[dict], path: str, scene_id: str) -> tuple[Effect, ...]:
        out = []
        for r in recs:
            pos = Pos(path, *r["pos"])
            op = r["op"]
            if op in ("set", "add", "roll"):
                self.vars_set.add(r["target"])
            elif op in ("give", "take"):
                self.refs.append(("item", r["target"], pos, scene_id))
            elif op == "goto":
                self.refs.append(("goto", r["target"], pos, scene_id))
            out.append(
                Effect(
                    op,
                    r.get("target", ""),
                    self.cond(r.get("value"), path, scene_id),
                    self.effects(r.get("then", []), path, scene_id),
                    self.effects(r.get("else", []), path, scene_id),
                    pos,
                )
            )
        return tuple(out)

    # ---- scenes -----------------------------------------------------------------------------
    def scene(self, r: dict, path: str) -> Scene:
        sid = r["id"]
        things = {}
        for t in r["things"]:
            things[t["id"]] = Thing(
                t["id"], tuple(t["names"]), self.paragraphs(t["look"], path, sid),
                self.cond(t.get("if"), path, sid), Pos(path, *t["pos"]),
            )
        actions = []
        for a in r["actions"]:
            apos = Pos(path, *a["pos"])
            if a["thing"]:
                self.refs.append(("thing", a["thing"], Pos(path, *a.get("thing_pos", a["pos"])), sid + "\0" + ",".join(things)))
            if a["goto"]:
                self.refs.append(("goto", a["goto"], Pos(path, *a.get("goto_pos", a["pos"])), sid))
            option = Option(a["id"], a["choice"], True, "action") if a["choice"] else None
            actions.append(
                Action(
                    a["id"], tuple(dict.fromkeys(canonical_verb(v) for v in a["verbs"])), tuple(a["verbs"]),
                    a["thing"], tuple(a["about"]), self.cond(a.get("if"), path, sid),
                    self.paragraphs(a["blocked"], path, sid), self.effects(a["do"], path, sid),
                    self.paragraphs(a["say"], path, sid), a["goto"], a["once"], a["choice"], apos, option,
                )
            )
        choices = []
        for c in r["choices"]:
            if c["goto"]:
                self.refs.append(("goto", c["goto"], Pos(path, *c.get("goto_pos", c["pos"])), sid))
            choices.append(
                Choice(
                    c["id"], c["text"], self.cond(c.get("if"), path, sid), c["show"] == "disabled",
                    self.effects(c["do"], path, sid), self.paragraphs(c["say"], path, sid), c["goto"], c["once"],
                    Pos(path, *c["pos"]), Option(c["id"], c["text"]), Option(c["id"], c["text"], False),
                    f"{sid}/{c['id']}",
                )
            )
        paragraphs = self.paragraphs(r["text"], path, sid)
        static_text = None
        if all(p.cond is None for p in paragraphs):
            static_text = tuple(p.text for p in paragraphs)
        offered = [a for a in actions if a.option is not None]
        static_options = None
        if not offered and all(c.cond is None and not c.once for c in choices):
            static_options = tuple(c.option for c in choices)
        index: dict[str, Any] = {c.id: c for c in choices}
        index.update({a.id: a for a in offered})
        return Scene(
            sid, r["chapter"], r["title"], r["location"], paragraphs,
            self.paragraphs(r["look"], path, sid), self.effects(r["on_enter"], path, sid), things,
            tuple(actions), tuple(choices), r["ending"], Pos(path, *r["pos"]), static_text, static_options, index,
        )

    # ---- the whole story --------------------------------------------------------------------
    def story(self, story_rec: dict, story_path: str, files: list[tuple[str, list[dict]]], content_hash: str, root: str) -> Story:
        scenes: dict[str, Scene] = {}
        raw: dict[str, tuple[dict, str]] = {}
        for path, records in files:
            for r in records:
                sid = r["id"]
                if sid in raw:
                    first_rec, first_path = raw[sid]
                    self.error(
                        Pos(path, *r["id_pos"]),
                        f"scene id '{sid}' is already used at {first_path}:{first_rec['id_pos'][0]}; each scene needs its own id",
                    )
                    continue
                raw[sid] = (r, path)
                scenes[sid] = self.scene(r, path)

        items = {
            i["id"]: Item(i["id"], i["name"], tuple(i["names"]), self.paragraphs(i["look"], story_path, ""), Pos(story_path, *i["pos"]))
            for i in story_rec["items"]
        }
        endings = {e["id"]: Ending(e["id"], e["title"], e["text"], Pos(story_path, *e["pos"])) for e in story_rec["endings"]}
        chapters = tuple(Chapter(c["title"], c["card"], Pos(story_path, *c["pos"])) for c in story_rec["chapters"])
        variables = dict(story_rec["variables"])
        self.vars_set.update(variables)
        locations = tuple(story_rec["locations"] or ())

        self.check_references(scenes, items)
        self.check_scenes(scenes, raw, story_rec, endings, chapters, locations)
        start = story_rec["start"] or ""
        if start and start not in scenes and not self.incomplete:
            self.error(
                Pos(story_path, *story_rec["start_pos"]),
                f"the start scene '{start}' does not exist{suggest(start, list(scenes))}",
            )
        for name, pos in sorted(self.vars_read.items()):
            if name not in self.vars_set:
                self.warning(pos, f"variable '{name}' is read but never set anywhere, so it is always 0 (false){suggest(name, sorted(self.vars_set))}")
        return Story(
            story_rec["id"], story_rec["title"], story_rec["version"], start, scenes, items, endings, chapters,
            variables, locations, content_hash, root, tuple(p for p, _ in files),
            tuple(d for d in self.diagnostics if d.severity == "warning"), Pos(story_path, *story_rec["pos"]),
        )

    def check_references(self, scenes: dict[str, Scene], items: dict[str, Item]) -> None:
        for kind, name, pos, extra in self.refs:
            if self.incomplete and kind in ("goto", "scene", "choice"):
                continue
            if kind == "goto" and name not in scenes:
                self.error(pos, f"goes to '{name}', which does not exist{suggest(name, list(scenes))}")
            elif kind == "scene" and name not in scenes:
                self.error(pos, f"refers to scene '{name}', which does not exist{suggest(name, list(scenes))}")
            elif kind == "item" and name not in items:
                hint = suggest(name, list(items)) or " (declare it under items: in story.yaml)"
                self.error(pos, f"unknown item '{name}'{hint}")
            elif kind == "choice":
                scene = scenes.get(extra)
                if scene is not None and name not in scene.choice_index and not any(
                    c.id == name for c in scene.choices
                ) and not any(a.id == name for a in scene.actions):
                    ids = [c.id for c in scene.choices] + [a.id for a in scene.actions]
                    self.error(pos, f"scene '{extra}' has no choice or action '{name}'{suggest(name, ids)}")
            elif kind == "thing":
                sid, _, thing_names = extra.partition("\0")
                local = [t for t in thing_names.split(",") if t]
                if name not in local and name not in items:
                    self.error(pos, f"unknown thing '{name}': neither a thing of this scene nor an item{suggest(name, local + list(items))}")

    def check_scenes(self, scenes: dict[str, Scene], raw: dict, story_rec: dict, endings: dict, chapters: tuple, locations: tuple) -> None:
        chapter_titles = [c.title for c in chapters]
        for sid, scene in scenes.items():
            r, path = raw[sid]
            what = f"scene '{sid}'"
            if chapters and scene.chapter not in chapter_titles:
                at = Pos(path, *r.get("chapter_pos", r["pos"]))
                self.error(at, f"{what} is in chapter '{scene.chapter}', which story.yaml does not list{suggest(scene.chapter, chapter_titles)}")
            if locations and scene.location and scene.location not in locations:
                at = Pos(path, *r.get("location_pos", r["pos"]))
                self.error(at, f"{what} is at location '{scene.location}', which story.yaml does not list{suggest(scene.location, list(locations))}")
            if scene.ending:
                if scene.choices:
                    self.error(scene.choices[0].pos, f"{what} is an ending ('{scene.ending}') and cannot have choices")
                if story_rec["endings"] and scene.ending not in endings:
                    at = Pos(path, *r.get("ending_pos", r["pos"]))
                    self.error(at, f"{what} ends as '{scene.ending}', which story.yaml does not list under endings{suggest(scene.ending, list(endings))}")
            elif not self.has_way_out(scene):
                self.error(
                    scene.pos,
                    f"{what} has no way out: give it a choice with 'goto', or make it an ending with 'ending: <name>'",
                )

    @staticmethod
    def has_way_out(scene: Scene) -> bool:
        def effects_move(effects: tuple[Effect, ...]) -> bool:
            return any(e.op == "goto" or effects_move(e.then) or effects_move(e.otherwise) for e in effects)

        return (
            any(c.goto or effects_move(c.effects) for c in scene.choices)
            or any(a.goto or effects_move(a.effects) for a in scene.actions)
            or effects_move(scene.on_enter)
        )
