"""The engine: a state machine over scenes. It takes a state and an input, changes the state, and says what happened.

Front ends hold a Run (run.py), which asks the engine for a View and sends it an option id
(`choose`) or a typed line (`command`; what a line means is read by commands.py). The engine
holds no state of its own beyond the frozen story, so one Engine can serve many runs (the
explorer plays thousands). It never prints and never imports a front end.
"""

from __future__ import annotations

from collections.abc import Mapping

from game.engine.commands import CommandReader
from game.engine.expr import ExprRuntimeError
from game.engine.memory import ParserMemory
from game.engine.model import Action, Choice, Effect, Ending, Option, Scene, Story
from game.engine.outcome import Outcome, RunError, View, is_open, prose
from game.engine.state import GameState, seed_to_rng

__all__ = ["MAX_CHAINED_MOVES", "Engine", "Outcome", "RunError", "View"]

MAX_CHAINED_MOVES = 64  # on_enter gotos that lead on to more gotos: beyond this it is a loop


class Engine:
    def __init__(self, story: Story):
        self.story = story
        self.scenes = story.scenes
        # The scenes built so far, as a plain dict: the hot paths below read it first and only
        # fall back to the lazy mapping (which builds the scene) the first time a scene is met.
        self._built: Mapping[str, Scene] = getattr(story.scenes, "built", story.scenes)
        self.commands = CommandReader(story)  # what typed lines mean

    # ---- starting ----------------------------------------------------------------------------
    def new_state(self, seed: int = 0) -> GameState:
        state = GameState("", seed, seed_to_rng(seed), dict(self.story.variables))
        self._enter(state, self.story.start, [])
        return state

    # ---- looking -----------------------------------------------------------------------------
    def scene(self, scene_id: str) -> Scene:
        try:
            return self._built[scene_id]
        except KeyError:
            return self.scenes[scene_id]

    def view(self, state: GameState) -> View:
        try:
            scene = self._built[state.scene]
        except KeyError:
            scene = self.scenes[state.scene]
        text = scene.static_text if scene.static_text is not None else prose(state, scene.paragraphs)
        options = scene.static_options if scene.static_options is not None else self._options(state, scene)
        return View(scene, text, options, None if state.ended is None else self.ending(state))

    def ending(self, state: GameState) -> Ending | None:
        if state.ended is None:
            return None
        return self.story.endings.get(state.ended) or Ending(state.ended, state.ended.replace("_", " ").capitalize(), "", self.scenes[state.scene].pos)

    def paragraphs(self, state: GameState, scene: Scene) -> tuple[str, ...] | list[str]:
        if scene.static_text is not None:
            return scene.static_text
        return prose(state, scene.paragraphs)

    def options(self, state: GameState) -> tuple[Option, ...] | list[Option]:
        try:
            scene = self._built[state.scene]
        except KeyError:
            scene = self.scenes[state.scene]
        if scene.static_options is not None:
            return scene.static_options
        return self._options(state, scene)

    def _options(self, state: GameState, scene: Scene) -> list[Option]:
        out = []
        chosen = state.chosen
        try:
            for a in scene.actions:
                if a.option is not None and is_open(state, a):
                    out.append(a.option)
            for c in scene.choices:
                if c.once and chosen.get(c.key):
                    continue
                if c.cond is None or c.cond.fn(state):
                    out.append(c.option)
                elif c.show_disabled:
                    out.append(c.disabled_option)
        except ExprRuntimeError as exc:
            raise RunError(str(exc), _failing_line(state, scene)) from None
        return out

    def _action_open(self, state: GameState, scene: Scene, a: Action) -> bool:
        try:
            return is_open(state, a)
        except ExprRuntimeError as exc:
            raise RunError(str(exc), str(a.pos)) from None

    # ---- choosing ----------------------------------------------------------------------------
    def choose(self, state: GameState, option_id: str) -> Outcome:
        if state.ended is not None:
            return Outcome("ended", ["The story has ended."])
        try:
            scene = self._built[state.scene]
        except KeyError:
            scene = self.scenes[state.scene]
        target = scene.choice_index.get(option_id)
        if target is None:
            return Outcome("invalid", [f"There is no choice '{option_id}' here."])
        if type(target) is Action:
            if not self._action_open(state, scene, target):
                return Outcome("invalid", ["That is not open to me now."])
            return self._do_action(state, target)
        choice: Choice = target
        if choice.once and state.chosen.get(choice.key):
            return Outcome("invalid", ["I have already done that."])
        try:
            if choice.cond is not None and not choice.cond.fn(state):
                return Outcome("invalid", ["That is not open to me now."])
        except ExprRuntimeError as exc:
            raise RunError(str(exc), str(choice.pos)) from None
        state.chosen[choice.key] = state.chosen.get(choice.key, 0) + 1
        out = Outcome("choice", None, True, None, None, option_id, None, "scene")
        dest = self._apply(state, choice.effects) if choice.effects else None
        if choice.say:
            out.said = prose(state, choice.say)
        dest = dest or choice.goto
        if dest:
            self._enter(state, dest, out.entered)
        out.ended = state.ended
        return out

    def _do_action(self, state: GameState, action: Action) -> Outcome:
        key = action.key
        state.chosen[key] = state.chosen.get(key, 0) + 1
        out = Outcome("action", None, True, None, None, action.id, None, "scene")
        dest = self._apply(state, action.effects) if action.effects else None
        out.said = prose(state, action.say)
        dest = dest or action.goto
        if dest:
            self._enter(state, dest, out.entered)
        out.ended = state.ended
        return out

    # ---- typed commands ----------------------------------------------------------------------
    def command(self, state: GameState, line: str) -> Outcome:
        """A typed line: the action or choice it means is taken here; anything else is a reply that changes nothing.

        The line is recorded as given: Run gives it lines already resolved (see `resolve`), and
        older saves hold lines typed before resolving existed, which must still replay.
        """
        if state.ended is not None:
            return Outcome("ended", self.response(state, "ended"), source="story-default")
        scene = self.scene(state.scene)
        reading = self.commands.read(state, scene, line)
        if reading.action is not None:
            out = self._do_action(state, reading.action)
        elif reading.choice:
            out = self.choose(state, reading.choice)
        else:
            assert reading.reply is not None
            return reading.reply.outcome
        out.source = "scene"
        return out

    def resolve(self, state: GameState, line: str, memory: ParserMemory) -> list[str]:
        """The input to record for a typed line, [kind, value], resolved through the run's parser memory.

        `take it` becomes `take tape`, `tkae tape` becomes `take tape`, `stay at the window` and
        the answer `the first` become the `choose` input their number makes: a replay of the
        recorded input needs no memory of pronouns or questions.
        """
        if state.ended is not None:
            return ["command", line.strip()]
        kind, value = self.commands.resolve(state, self.scene(state.scene), line, memory)
        return [kind, value]

    def response(self, state: GameState, name: str, values: dict[str, str] | None = None) -> list[str]:
        """A named response (responses.py) as the current scene reads it, filled in: for replies made outside the engine (undo)."""
        return self.commands.answers.text(state, self.scene(state.scene), name, values)[0]

    def open_actions(self, state: GameState) -> list[Action]:
        """The scene's actions that would work now: what the explorer may type."""
        scene = self.scene(state.scene)
        return [a for a in scene.actions if self._action_open(state, scene, a)]

    def command_text(self, scene: Scene, action: Action) -> str:
        """A typed line that triggers `action`, as a player would write it (take tape, ask ruth about chess)."""
        return self.commands.command_text(scene, action)

    def completions(self, state: GameState) -> list[str]:
        """Words a command line may complete to here: verbs, then things and items."""
        return self.commands.completions(state, self.scene(state.scene))

    # ---- moving and effects ------------------------------------------------------------------
    def _enter(self, state: GameState, scene_id: str, entered: list[str]) -> None:
        for _ in range(MAX_CHAINED_MOVES):
            scene = self._built.get(scene_id)
            if scene is None and scene_id in self.scenes:
                scene = self.scenes[scene_id]
            if scene is None:
                raise RunError(f"goes to '{scene_id}', which does not exist", str(self.scenes[state.scene].pos) if state.scene in self.scenes else "")
            state.scene = scene_id
            state.visits[scene_id] = state.visits.get(scene_id, 0) + 1
            entered.append(scene_id)
            if scene.ending is not None:
                state.ended = scene.ending
            if not scene.on_enter:
                return
            dest = self._apply(state, scene.on_enter)
            if not dest:
                return
            scene_id = dest
        raise RunError(f"more than {MAX_CHAINED_MOVES} scenes entered in a row by on_enter gotos: a loop", str(self.scenes[state.scene].pos))

    def _apply(self, state: GameState, effects: tuple[Effect, ...]) -> str | None:
        dest: str | None = None
        for e in effects:
            op = e.op
            try:
                if op == "set":
                    state.vars[e.target] = e.value.fn(state)  # type: ignore[union-attr]
                elif op == "add":
                    have = state.vars.get(e.target, 0)
                    more = e.value.fn(state)  # type: ignore[union-attr]
                    if isinstance(have, bool) or isinstance(more, bool) or not isinstance(have, (int, float)) or not isinstance(more, (int, float)):
                        raise ExprRuntimeError(f"cannot add {more!r} to '{e.target}', which is {have!r}")
                    state.vars[e.target] = have + more
                elif op == "give":
                    state.items[e.target] = 1
                elif op == "take":
                    state.items.pop(e.target, None)
                elif op == "goto":
                    dest = e.target
                elif op == "roll":
                    sides = e.value.fn(state)  # type: ignore[union-attr]
                    state.vars[e.target] = 1 + state.random() % sides
                elif op == "if":
                    branch = e.then if e.value.fn(state) else e.otherwise  # type: ignore[union-attr]
                    dest = self._apply(state, branch) or dest
            except ExprRuntimeError as exc:
                raise RunError(str(exc), str(e.pos)) from None
        return dest


def _failing_line(state: GameState, scene: Scene) -> str:
    """Where the condition that just failed is written: found again only after a failure, so the hot path stays
    one `try` per scene, and the author is sent to the choice's or action's own `if:` rather than the scene's top."""
    for cond in [a.cond for a in scene.actions] + [c.cond for c in scene.choices]:
        if cond is None:
            continue
        try:
            cond.fn(state)
        except ExprRuntimeError:
            return str(cond.pos)
    return str(scene.pos)
