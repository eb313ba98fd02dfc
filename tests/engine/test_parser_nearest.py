"""The line written nearest to its moment wins: a scene's own line for a person and verb, then the scene's
`responses:` for the verb, then the person's story-wide line, then the location's, then the story's default."""

from __future__ import annotations

import pytest

from game.engine import Engine, load_story_from_texts
from game.engine.diagnostics import StoryError
from tests import storykit

STORY = storykit.story("plain", """
    locations:
      roads:
        responses:
          hug: The place was wrong for it.
      field:
    people:
      kathy: {name: Kathy, names: [me, myself], pronoun: she, everywhere: true}
      tommy:
        name: Tommy
        pronoun: he
        talk: Tommy and I talked, the way we always did.
        fallback: Tommy said he'd think about it.
        replies:
          hug: Tommy hugged me back, anywhere at all.
          kiss: Tommy went red.
      ruth:
        name: Ruth
        pronoun: she
    responses:
      hug: I didn't, though I thought about it.
      kiss: It wasn't the moment for that.
      talk: "{Person} and I talked a while."
      no_answer: "{Person} had nothing to say about that."
    """, locations=None)

ON = {"to": "end", "way": "On."}
SCENES = (
    storykit.scene("plain", "Plain", "Tommy by the gate.", "people: [tommy, ruth]", location="field", **ON),
    storykit.scene("placed", "Placed", "Tommy and Ruth on the verge.", "people: [tommy, ruth]", **ON),
    storykit.scene("written", "Written", "Tommy on the verge, in the rain.", """
        people: [tommy]
        responses:
          hug: I didn't, not with the whole car park watching.
          talk: We said nothing much, with the rain coming down.
          no_answer: The rain took whatever he said.
        """, **ON),
    storykit.scene("own", "Own", "Tommy on the verge, in the rain.", """
        people:
          tommy:
            talk: Tommy talked about the rain and nothing else.
            replies:
              hug: Tommy held on a long time, in the rain.
        responses:
          hug: I didn't, not with the whole car park watching.
          talk: We said nothing much, with the rain coming down.
        """, **ON),
    storykit.scene("field", "Field", "Ruth beside me at the window, Tommy out on the field.", """
        things:
          cap: {names: [cap, school cap], look: A school cap left on the bench.}
        people:
          ruth:
          tommy:
            far: Tommy was down on the field, and I was behind the glass.
            replies:
              wave: I lifted my hand to the glass, and he never looked up.
            topics:
              shirt: He was out there in it, and nobody could have asked him.
        """, location="field", **ON),
    storykit.scene("far_plain", "Far plain", "Tommy across the road.", """
        people:
          tommy: {far: true}
        things:
          tommy: {name: Tommy, names: [tommy], look: Tommy across the road.}
        actions:
          - {id: call, verbs: [talk, ask], thing: tommy, once: true, say: "I called across the road, and he didn't hear."}
        """, location="field", **ON),
    storykit.scene("landing", "Landing", "Tommy out on the field, through the landing glass.", """
        things:
          cap: {names: [cap, school cap], look: "His cap, on the window sill."}
        people:
          tommy:
            far: Whatever I had for him would keep.
            talk: I could have knocked on the glass. I didn't.
            replies:
              touch: I put my thumb on the pane, over him.
              hug: Not through glass, and not with Ruth there.
        """, location="field", **ON),
    storykit.scene("end", "End", "The end.", ending="plain"),
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return storykit.engine(STORY, *SCENES)


def said(engine: Engine, line: str, scene: str) -> tuple[str, str]:
    return storykit.said(engine, line, scene)


def test_a_scenes_response_beats_the_persons_story_wide_line(engine):
    """Failed before: Tommy's story-wide `hug` and `talk` answered in a scene that wrote its own for the verb."""
    assert said(engine, "hug tommy", "written") == ("I didn't, not with the whole car park watching.", "scene")
    assert said(engine, "talk to tommy", "written") == ("We said nothing much, with the rain coming down.", "scene")
    assert said(engine, "ask tommy about the weather", "written") == ("The rain took whatever he said.", "scene")
    assert said(engine, "kiss tommy", "written") == ("Tommy went red.", "person")  # the scene wrote nothing for kiss


def test_a_scenes_own_line_for_the_person_beats_its_response(engine):
    assert said(engine, "hug tommy", "own") == ("Tommy held on a long time, in the rain.", "scene")
    assert said(engine, "talk to tommy", "own") == ("Tommy talked about the rain and nothing else.", "scene")


def test_the_persons_line_beats_the_locations_and_the_storys(engine):
    assert said(engine, "hug tommy", "placed") == ("Tommy hugged me back, anywhere at all.", "person")
    assert said(engine, "hug ruth", "placed") == ("The place was wrong for it.", "location")
    assert said(engine, "hug ruth", "plain") == ("I didn't, though I thought about it.", "story-default")
    assert said(engine, "talk to tommy", "plain") == ("Tommy and I talked, the way we always did.", "person")
    assert said(engine, "ask tommy about the weather", "plain") == ("Tommy said he'd think about it.", "person")
    assert said(engine, "ask ruth about the weather", "plain") == ("Ruth had nothing to say about that.", "story-default")


def test_someone_in_sight_but_not_at_hand_is_answered_from_where_they_are(engine):
    """Failed before: with Tommy out on the field, `hug tommy`, `give him the shirt` and `ask tommy about the
    weather` were answered by his story-wide lines, as if he stood beside Kathy."""
    far = ("Tommy was down on the field, and I was behind the glass.", "scene")
    for line in ("hug tommy", "kiss tommy", "talk to tommy", "ask tommy about the weather", "thank tommy"):
        assert said(engine, line, "field") == far, line
    assert said(engine, "wave to tommy", "field")[0] == "I lifted my hand to the glass, and he never looked up."
    assert said(engine, "ask tommy about the shirt", "field")[0] == "He was out there in it, and nobody could have asked him."
    assert said(engine, "hug", "field")[0] == "I didn't, though I thought about it."  # Ruth, the one within reach
    assert said(engine, "give the cap to tommy", "field") == far
    assert said(engine, "give tommy the cap", "field") == far  # failed before: "giving the cap away"


def test_giving_someone_a_hug_is_hugging_them(engine):
    """Failed before: `give ruth a hug` was about giving Ruth away."""
    assert said(engine, "give ruth a hug", "placed") == ("The place was wrong for it.", "location")
    assert said(engine, "give tommy a kiss", "placed") == ("Tommy went red.", "person")


def test_far_true_is_the_out_of_reach_response(engine):
    assert said(engine, "hug tommy", "far_plain") == ("Tommy was too far off for that, and all I could do was watch.",
                                                      "story-default")


def test_someone_far_is_still_far_after_a_spent_talk(engine):
    """Failed before: after the once-only call across the road, `ask tommy about the weather` was his story-wide
    shrug, as if he had come over."""
    state = engine.new_state(1)
    state.scene = "far_plain"
    assert engine.command(state, "talk to tommy").said == ["I called across the road, and he didn't hear."]
    out = engine.command(state, "ask tommy about the weather")
    assert out.said == ["Tommy was too far off for that, and all I could do was watch."]


def test_far_must_be_true_or_text():
    bad = "".join(SCENES).replace("tommy: {far: true}", "tommy: {far: 3}")
    with pytest.raises(StoryError, match="far"):
        load_story_from_texts(storykit.texts(STORY, bad))


def test_someone_out_of_reach_is_answered_by_the_scenes_line_for_that_kind_of_reaching(engine):
    """Failed before: with Tommy out beyond the landing glass, `thank tommy`, `say sorry to tommy`, `i love you tommy`,
    `kiss tommy` and `push tommy` were all the one `far:` line, though the scene had written what talking to him,
    touching him and hugging him came to."""
    talk = ("I could have knocked on the glass. I didn't.", "scene")
    for line in ("hello tommy", "thank tommy", "say sorry to tommy", "tell tommy i love him", "forgive tommy",
                 "say goodbye to tommy", "talk to tommy", "ask tommy about the weather"):
        assert said(engine, line, "landing") == talk, line
    assert said(engine, "kiss tommy", "landing") == ("Not through glass, and not with Ruth there.", "scene")
    assert said(engine, "push tommy", "landing") == ("I put my thumb on the pane, over him.", "scene")
    far = ("Whatever I had for him would keep.", "scene")
    assert said(engine, "give tommy the cap", "landing") == far  # giving is what the far line was written for
    assert said(engine, "show tommy the cap", "landing") == far
