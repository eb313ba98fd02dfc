from game.engine import Engine, Run, load_story
from tests.conftest import TINY


def test_tiny_story_plays_to_an_ending():
    run = Run(Engine(load_story(TINY)), seed=1)
    run.command("lift the stone")
    run.choose("in")
    run.choose("door")
    assert run.state.ended == "home"
