"""Typed commands (commands.py): what a line means in a scene, from parsing the words to the replies that change nothing.

Run in both passes of the `play` fixture, like the state machine's tests: straight, and through a
real save file after every input.
"""

from __future__ import annotations

from game.engine import Input
from game.engine.commands import canonical_verb, match_name, parse
from tests.engine.pavilion import make_engine, option_ids


def test_typed_actions_with_synonyms_articles_and_names(player):
    out = player.command("Pick up the old Judy Bridgewater")
    assert out.kind == "action" and out.said == ["I slip the tape into my pocket."]
    assert "tape" in player.state.items
    assert player.command("grab the cassette").said == ["I have it already."]
    assert "The tape is in my pocket." in player.view().paragraphs


def test_ask_about_and_give_to(player):
    out = player.command("ask Ruth about the chess set")
    assert out.kind == "action" and player.state.vars["trust"] == 0
    assert player.command("ask ruth about tommy").said == ["Ruth had nothing to say about that."]
    assert player.command("ask ruth about chessboards").kind == "reply"  # whole words: 'chess' is not in it
    assert player.command("ask ruth about the set").kind == "action"  # part of the topic 'chess set'
    assert player.state.vars["trust"] == -1
    player.command("take tape")
    out = player.command("give the tape to Ruth")
    assert out.kind == "action" and "tape" not in player.state.items and player.state.vars["gave"] is True
    assert [o.enabled for o in player.view().options if o.id == "secret"] == [True]
    assert player.choose("secret").ended == "done"
    assert player.view().ending.id == "done"
    assert player.choose("secret").kind == "ended"


def test_taking_what_kathy_already_carries(player):
    player.command("take tape")
    player.choose("go_to_tommy")
    assert player.command("take the cassette").said == ["I had it with me already."]


def test_action_offered_as_choice_once(player):
    out = player.choose("sing")
    assert out.said == ["I hum the song under my breath."]
    assert "sing" not in option_ids(player.view())
    assert player.command("sing").kind == "blocked"


def test_builtins_and_helpful_replies(player):
    look = player.command("look")
    assert look.kind == "look" and "I noticed the tape and Ruth." in look.said
    assert player.command("examine ruth").said == ["Ruth pretends not to watch the boys."]
    assert player.command("x cassette").said == ["A cassette, its case cracked."]
    assert player.command("examine Rut").said == ["Ruth pretends not to watch the boys."]  # one letter mended
    ruthy = player.command("examine Ruthie")  # too far to mend: a hint, in plain words
    assert ruthy.said == ["I couldn't see anything like that.", "Perhaps I meant Ruth."]
    assert player.command("listen to Ruth").said == ["I listened. Nothing I heard was meant for me."]
    spoon = player.command("take the Spoon")
    assert spoon.said == ["I couldn't see anything like that."] and spoon.source == "parser-failure"
    assert player.command("snifff").said == ["There was no smell I could put a name to."]  # mended to sniff
    assert player.command("inventory").said == ["I was carrying nothing that mattered."]
    player.command("take tape")
    assert player.command("i").said == ["I had with me the tape."]
    assert player.command("examine tape").said == ["A tape with a woman on the cover."]  # the item, now carried
    assert player.command("take the tape").said == ["I have it already."]  # the author's blocked line
    assert player.command("take pencil case").said == ["I couldn't see anything like that."]
    assert player.command("help").kind == "help"
    assert player.run.inputs == [Input("a", "command", "take tape")]  # only what changed the state
    for typed in ("Ruthie", "Spoon", "xyzzy", "song"):  # never a template with the typed word in quotes
        for line in ("examine " + typed, "take the " + typed, typed, "sing " + typed):
            assert all(f"'{typed}" not in said and f'"{typed}' not in said for said in player.command(line).said)


def test_parse_splits_verb_object_and_topic():
    p = parse("Pick up the old Cassette")
    assert (p.verb, p.verb_text, p.obj, p.obj_text) == ("take", "pick up", "old cassette", "the old Cassette")
    p = parse("ask Ruth about the chess set")
    assert (p.verb, p.obj, p.prep, p.second, p.obj_text) == ("ask", "ruth", "about", "chess set", "Ruth")
    assert parse("the").verb == "" and parse("").verb == ""
    assert parse("hum the tune", frozenset({"hum"})).verb == "sing"  # the story's own verb, and a standard one
    assert canonical_verb("Look Around") == "look" and canonical_verb("x") == "examine"


def test_match_name_takes_an_exact_name_or_the_one_that_fits():
    things = [("tape", ("tape", "judy bridgewater")), ("case", ("pencil case", "case"))]
    assert match_name("judy bridgewater", things) == "tape"
    assert match_name("pencil", things) == "case"
    assert match_name("bridgewater tape", [("tape", ("tape",)), ("t2", ("bridgewater",))]) is None  # two fit: neither
    assert match_name("", things) is None


def test_a_line_with_no_verb_and_help_leave_how_to_play_to_the_front_end(player):
    empty = player.command("the")
    assert (empty.kind, empty.said, empty.recorded) == ("empty", [], False)
    assert player.command("help").said == ["Here I might try ask, sing or take."]  # give is not open: no tape yet
    assert player.run.inputs == []


def test_the_reader_only_reads(player):
    engine = make_engine()
    state = engine.new_state(1)
    before = state.copy()
    scene = engine.scene(state.scene)
    assert engine.commands.read(state, scene, "take tape").action.id == "take_tape"
    assert engine.commands.read(state, scene, "look").reply.outcome.kind == "look"  # type: ignore[union-attr]
    assert state == before
