"""The page's story map says what the window's says: the same ending hints, word for word (web/mapview.py
repeats desktop/atlas.py's few lines because the browser has no pygame), and the same scenes per chapter."""

from __future__ import annotations

import json

import pygame

from game.engine import Engine, Run, load_story
from game.engine.compiled import compile_story
from game.engine.model import Story
from game.engine.storymap import StoryMap, build_map, trace
from game.frontends.desktop.atlas import ending_lines
from game.frontends.desktop.flowchart import place
from game.frontends.desktop.memories import Memories
from game.frontends.desktop.readmarks import mark_of as desktop_mark
from game.frontends.web.bridge import WebGame
from game.frontends.web.mapview import ending_hints, story_map
from tests.conftest import ROOT


def played(seed: int, moves: int) -> tuple[Story, StoryMap, Engine, Run]:
    """The shipped story, its whole map, and a run that took the first open choice `moves` times (or to its end)."""
    story = load_story(ROOT / "scenes")
    engine = Engine(story)
    run = Run(engine, seed)
    for _ in range(moves):
        if run.ended:
            break
        run.choose(next(o.id for o in run.view().options if o.enabled))
    return story, build_map(story), engine, run


def test_the_ending_hints_are_the_desktops() -> None:
    story, full, engine, run = played(7, 60)
    seen = list(trace(engine, run.recording).order)
    for cut in (0, 5, len(seen)):  # nothing seen, a little, a whole run with its ending
        mem = Memories()
        for sid in seen[:cut]:
            mem.reach_scene(story.id, sid)
            mem.reach_chapter(story.id, story.scenes[sid].chapter, 7, [])
        if cut == len(seen) and run.state.ended:
            mem.reach_ending(story.id, run.state.ended)
        m = mem.of(story.id)
        desktop = [(x.title, x.note, x.found) for x in ending_lines(story, full, m)]
        web = [(x.title, x.note, x.found) for x in ending_hints(story, full, m.endings, set(m.scenes), set(m.chapters))]
        assert web == desktop


def test_every_scene_is_on_its_chapters_page_and_only_found_ones_are_named() -> None:
    story = load_story(ROOT / "scenes")
    engine = Engine(story)
    run = Run(engine, 3)
    for _ in range(8):
        run.choose(next(o.id for o in run.view().options if o.enabled))
    t = trace(engine, run.recording)
    data = story_map(story, build_map(story), t, run.state.scene, {"scenes": ["not.a.scene", 4], "endings": None})
    assert [c["title"] for c in data["chapters"]] == [c.title for c in story.chapters]
    assert sum(len(c["scenes"]) for c in data["chapters"]) == len(story.scenes)
    named = {s["id"] for c in data["chapters"] for s in c["scenes"] if s["title"]}
    assert named == t.nodes
    assert [s["id"] for c in data["chapters"] for s in c["scenes"] if s["state"] == "here"] == [run.state.scene]
    assert data["chapters"][data["here"]]["title"] == run.view().chapter


def test_the_page_places_each_scene_in_the_windows_column_and_names_the_ways_by_who_took_them() -> None:
    """The page's chart: each scene where the window's flowchart puts it (the same columns, the same order
    down each), and every way between two scenes of the chapter marked taken only where this run went."""
    story, full, engine, run = played(5, 14)
    t = trace(engine, run.recording)
    data = story_map(story, full, t, run.state.scene, {})
    for chapter in data["chapters"]:
        part = full.for_chapter(chapter["title"])
        desk = place(part, story.start, pygame.Rect(0, 0, 1000, 600))  # one row: x is the column, y the place in it
        scenes = chapter["scenes"]
        assert [(s["column"], s["place"]) for s in scenes] == sorted((s["column"], s["place"]) for s in scenes)
        columns = sorted({p.layer for p in desk.values()})
        for s in scenes:
            if s["id"]:
                p = desk[s["id"]]
                assert (columns.index(p.layer), s["place"]) == (s["column"], sorted(q.y for q in desk.values() if q.layer == p.layer).index(p.y))
        ids = [s["id"] for s in scenes]
        for a, b, how in chapter["edges"]:
            went = any(t.went(e) for e in part.edges if e.source in t.nodes and ids[a] == e.source and ids[b] == e.target)
            assert (how == "taken") == went
            if how != "faint":
                assert ids[a] and ids[b]  # a way drawn as known leads between two scenes this run found
        assert all(0 <= a < len(scenes) for a, _ in chapter["exits"])
    taken = sum(1 for c in data["chapters"] for *_, how in c["edges"] if how == "taken")
    assert taken >= 5  # fourteen choices went along ways the chart draws bright


def test_the_page_and_the_window_mark_read_text_alike() -> None:
    """Skip on the page passes what the window's read.json calls read: the bridge gives the window's marks."""
    game = WebGame(json.dumps(compile_story(ROOT / "scenes")))
    step = json.loads(game.new_game(3))
    engine_log = game.run.log if game.run else []
    assert len(step["marks"]) == len(step["entries"])
    for (kind, text), mark, entry in zip(step["entries"], step["marks"], engine_log[-len(step["entries"]):], strict=True):
        assert (kind, text) == (entry.kind, entry.text)
        assert mark == (desktop_mark(entry.scene, text) if kind in ("title", "text", "reply") else None)
