"""How to play, as a front end says it when the player types `help` or a line with no verb in it.

The engine leaves how to play (choice numbers, saving, undo) to the front ends, and the story's own `help`
response (Kathy's words, in the scene's tense) follows it. These lines are the interface speaking to the
player, plainly, so a new player understands them at once: no template placeholders, and where the moment
has something to show, examples taken from it (examine the tin, ask Ruth about the tin), which the parser
answers there and then. Engine-only imports: the web edition ships this module (frontends/web/site.py).
"""

from __future__ import annotations

from game.engine.model import Person, Thing
from game.engine.run import Run

# Said when a typed line has no verb in it.
EMPTY_LINE = "Type what Kathy should do (look, examine a thing, take it), or a choice's number."
TAKE_BACK = "Undo takes back a step and redo brings it again; save keeps your place."
# Before the scene's own hints when the player asks for help, where the moment gives no examples of its own.
HOW_TO_PLAY = (
    "Choose by number, or type what Kathy should do in a few plain words: look, examine what she can see, "
    f"ask someone about it, or inventory to see what she carries. {TAKE_BACK}"
)


def _called(thing: Thing) -> str:
    """How an example names a thing: by its first name, as a player would type it (the tin, the pencil case)."""
    name = thing.names[0]
    return name if name.startswith(("the ", "a ", "an ")) else f"the {name}"


def how_to_play(run: Run) -> str:
    """How to play, with examples from the moment: a thing Kathy can see here and someone she can ask about it."""
    engine, state = run.engine, run.state
    scene = engine.scene(state.scene)
    things = engine.commands.visible_things(state, scene)
    here: list[Person] = [p for p in engine.commands.present(scene, things).values() if not p.everywhere]
    names = {n for p in here for n in (p.id, *p.names)}
    seen = [t for t in things if t.id not in engine.story.people and not names.intersection(t.names)]
    if not seen:
        return HOW_TO_PLAY
    thing = _called(seen[0])
    examples = ["look", f"examine {thing}"]
    if here:
        examples.append(f"ask {here[0].name} about {thing}")
    return (f"Choose by number, or type what Kathy should do in a few plain words: {', '.join(examples)}, "
            f"or inventory to see what she carries. {TAKE_BACK}")
