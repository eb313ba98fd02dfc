"""The page's story map says what the window's says: the same ending hints, word for word (web/mapview.py
repeats desktop/atlas.py's few lines because the browser has no pygame), and the same scenes per chapter."""

from __future__ import annotations

from game.engine import Engine, Run, load_story
from game.engine.storymap import build_map, trace
from game.frontends.desktop.atlas import ending_lines
from game.frontends.desktop.memories import Memories
from game.frontends.web.mapview import ending_hints, story_map
from tests.conftest import ROOT


def test_the_ending_hints_are_the_desktops() -> None:
    story = load_story(ROOT / "scenes")
    full = build_map(story)
    engine = Engine(story)
    run = Run(engine, 7)
    for _ in range(60):
        if run.ended:
            break
        run.choose(next(o.id for o in run.view().options if o.enabled))
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
