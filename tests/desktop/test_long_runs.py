"""A long run in the window: what the history screen sets out is what each entry wrapped alone would be, and a load
writes memories.json only when the run brought something new (a long run's chapter marks made every load slow)."""

from __future__ import annotations

import pygame

from game.frontends.desktop.history import MOMENTS, entry_block
from tests.desktop.test_play_flow import to_play


def test_the_history_lays_out_repeated_entries_as_each_alone_and_points_at_one_twin(launch):
    d = launch(settings={"text_speed": "instant"})
    play = to_play(d)
    for _ in range(3):  # the same aside three times: the same command and the same reply, again and again
        d.type("look")
        d.press("enter")
    d.digit(2)
    d.settle(1.0)
    d.type("look")
    d.press("enter")
    log = play.run.log
    assert sum(1 for e in log if e.kind == "command") == 4
    d.key(pygame.K_h, mod=pygame.KMOD_CTRL)
    d.settle(0.5)
    history = d.top
    assert history.name == "history" and len(history.blocks) == len(log)
    m = d.app.metrics
    width = history.content.width - round(m.body * 0.8)
    for e, (kind, block, _) in zip(log, history.blocks, strict=True):
        alone = entry_block(e.kind, e.text, m.body, m.ui, width).layout(d.app.fonts)
        assert kind == e.kind and block.text == alone.text and block.height == alone.height
        assert [(line.text, line.y, line.start) for line in block.lines] == [(line.text, line.y, line.start) for line in alone.lines]
    ys = [y for _, _, y in history.blocks]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    # the first "look" pointed at: drawn in the pointer's colour, while its twins on screen keep the moments' colour
    looks = [n for n, i in enumerate(history.moments) if history.blocks[i][1].text == "› look"]
    assert len(looks) == 4
    history.scroll = history.blocks[history.moments[looks[1]]][2]  # the second look at the top of the view
    history.focus = looks[2]
    d.app.dirty = True
    d.pump(1)
    look = d.app.look(history.location)
    pointed = history.blocks[history.moments[looks[2]]][1].lines[0]
    twin = history.blocks[history.moments[looks[1]]][1].lines[0]
    assert pointed.color == look.accent and twin.color == look.muted
    assert all(k in MOMENTS for k, _, _ in (history.blocks[i] for i in history.moments))


def test_a_load_writes_memories_only_when_the_run_found_something_new(launch, tmp_path):
    d = launch(settings={"text_speed": "instant"})
    to_play(d)
    saves = tmp_path / "saves"
    memories = saves / "memories.json"
    assert memories.exists()  # the run's first scene and chapter
    d.key(pygame.K_F5)  # quicksave at the gate
    d.digit(2)  # on to the pavilion: a scene not found before
    d.settle(1.0)
    assert d.top.run.state.scene == "school.pavilion"
    d.app.flows.quickload()
    d.settle(1.0)
    assert d.top.name == "play" and d.top.run.state.scene == "school.gate"
    written = memories.stat()
    assert "school.pavilion" in memories.read_text()  # found before the load, and written with it
    d.app.flows.quickload()  # nothing new this time: the file is left as it is
    d.settle(1.0)
    again = memories.stat()
    assert (again.st_ino, again.st_mtime_ns, again.st_size) == (written.st_ino, written.st_mtime_ns, written.st_size)
    d.digit(2)
    d.settle(1.0)
    d.digit(1)  # the pond: new
    d.settle(1.0)
    assert d.top.run.state.scene == "school.pond" and "school.pond" not in memories.read_text()
    d.app.flows.quit()  # closing the window keeps what is new
    assert "school.pond" in memories.read_text()
