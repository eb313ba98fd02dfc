"""The engine: a state machine over scenes. It takes a state and an input, changes the state, and says what happened.

Front ends ask for a View, draw it, and send back an option id (`choose`) or a typed line
(`command`). The engine holds no state of its own beyond the frozen story, so one Engine can
serve many runs (the explorer plays thousands). It never prints and never imports a front end.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import commands
from game.engine.expr import ExprRuntimeError
from game.engine.model import Action, Choice, Effect, Ending, Option, Paragraph, Scene, Story
from game.engine.state import GameState, seed_to_rng

MAX_CHAINED_MOVES = 64  # on_enter gotos that lead on to more gotos: beyond this it is a loop


class RunError(Exception):
    """The story did something impossible while being played (a loop of gotos, 'a' < 3). Names the place."""

    def __init__(self, message: str, where: str = ""):
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where


class Outcome:
    """What one input did. `said` is prose to show before the next view.

    A plain slotted class rather than a dataclass: one is made for every input, and the
    dataclass's default factories cost more than the rest of a simple choice.
    """

    __slots__ = ("kind", "said", "recorded", "entered", "ended", "taken")

    def __init__(self, kind: str, said: list[str] | None = None, recorded: bool = False,
                 entered: list[str] | None = None, ended: str | None = None, taken: str = ""):
        self.kind = kind  # choice | action | look | examine | inventory | help | blocked | unknown | invalid | ended
        self.said = said if said is not None else []
        self.recorded = recorded  # did it change the state (and join the run's inputs)?
        self.entered = entered if entered is not None else []  # scenes entered, in order
        self.ended = ended
        self.taken = taken  # the id of the choice or action taken, when one was

    @property
    def ok(self) -> bool:
        return self.kind not in ("unknown", "invalid", "blocked", "ended")

    def __repr__(self) -> str:
        return (f"Outcome(kind={self.kind!r}, said={self.said!r}, recorded={self.recorded!r}, "
                f"entered={self.entered!r}, ended={self.ended!r}, taken={self.taken!r})")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Outcome) and all(getattr(self, k) == getattr(other, k) for k in self.__slots__)


@dataclass(slots=True)
class View:
    """What a front end draws for the current moment."""

    scene: Scene
    paragraphs: tuple[str, ...] | list[str]
    options: tuple[Option, ...] | list[Option]
    ending: Ending | None

    @property
    def chapter(self) -> str:
        return self.scene.chapter

    @property
    def title(self) -> str:
        return self.scene.title

    @property
    def location(self) -> str:
        return self.scene.location

    @property
    def ended(self) -> bool:
        return self.ending is not None or self.scene.ending is not None


def _topic_matches(topic: str, names: tuple[str, ...]) -> bool:
    """Whole words only: 'ask laura about herself' must not match the topic 'her'."""
    words = set(topic.split())
    return any(set(n.split()) <= words or words <= set(n.split()) for n in names)


class Engine:
    def __init__(self, story: Story):
        self.story = story
        self.scenes = story.scenes
        # The scenes built so far, as a plain dict: the hot paths below read it first and only
        # fall back to the lazy mapping (which builds the scene) the first time a scene is met.
        self._built: dict[str, Scene] = getattr(story.scenes, "built", story.scenes)
        self.verb_phrases = story.verb_phrases
        self.item_names = [(i.id, i.names) for i in story.items.values()]

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
        text = scene.static_text if scene.static_text is not None else self.text(state, scene.paragraphs)
        options = scene.static_options if scene.static_options is not None else self._options(state, scene)
        return View(scene, text, options, None if state.ended is None else self.ending(state))

    def ending(self, state: GameState) -> Ending | None:
        if state.ended is None:
            return None
        return self.story.endings.get(state.ended) or Ending(state.ended, state.ended.replace("_", " ").capitalize(), "", self.scenes[state.scene].pos)

    def paragraphs(self, state: GameState, scene: Scene) -> tuple[str, ...] | list[str]:
        if scene.static_text is not None:
            return scene.static_text
        return self.text(state, scene.paragraphs)

    def text(self, state: GameState, paragraphs: tuple[Paragraph, ...]) -> list[str]:
        out = []
        try:
            for p in paragraphs:
                if p.cond is None or p.cond.fn(state):
                    out.append(p.text)
                elif p.else_text:
                    out.append(p.else_text)
        except ExprRuntimeError as exc:
            raise RunError(str(exc), str(p.pos)) from None
        return out

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
                if a.option is not None and self._action_open(state, scene, a):
                    out.append(a.option)
            for c in scene.choices:
                if c.once and chosen.get(c.key):
                    continue
                if c.cond is None or c.cond.fn(state):
                    out.append(c.option)
                elif c.show_disabled:
                    out.append(c.disabled_option)
        except ExprRuntimeError as exc:
            raise RunError(str(exc), str(scene.pos)) from None
        return out

    def _action_open(self, state: GameState, scene: Scene, a: Action) -> bool:
        if a.once and state.chosen.get(a.key):
            return False
        return a.cond is None or bool(a.cond.fn(state))

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
            return self._do_action(state, scene, target, ["choose", option_id])
        choice: Choice = target
        if choice.once and state.chosen.get(choice.key):
            return Outcome("invalid", ["I have already done that."])
        try:
            if choice.cond is not None and not choice.cond.fn(state):
                return Outcome("invalid", ["That is not open to me now."])
        except ExprRuntimeError as exc:
            raise RunError(str(exc), str(choice.pos)) from None
        state.inputs.append([scene.id, "choose", option_id])
        state.chosen[choice.key] = state.chosen.get(choice.key, 0) + 1
        out = Outcome("choice", None, True, None, None, option_id)
        dest = self._apply(state, choice.effects) if choice.effects else None
        if choice.say:
            out.said = self.text(state, choice.say)
        dest = dest or choice.goto
        if dest:
            self._enter(state, dest, out.entered)
        out.ended = state.ended
        return out

    def _do_action(self, state: GameState, scene: Scene, action: Action, record: list) -> Outcome:
        state.inputs.append([scene.id, record[0], record[1]])
        key = action.key
        state.chosen[key] = state.chosen.get(key, 0) + 1
        out = Outcome("action", None, True, None, None, action.id)
        dest = self._apply(state, action.effects) if action.effects else None
        out.said = self.text(state, action.say)
        dest = dest or action.goto
        if dest:
            self._enter(state, dest, out.entered)
        out.ended = state.ended
        return out

    # ---- typed commands ----------------------------------------------------------------------
    def command(self, state: GameState, line: str) -> Outcome:
        if state.ended is not None:
            return Outcome("ended", ["The story has ended."])
        scene = self.scenes[state.scene]
        parsed = commands.parse(line, self.verb_phrases)
        if not parsed.verb:
            return Outcome("unknown", ["Type what Kathy should do (look, examine a thing, take it), or a choice's number."])
        if parsed.verb == "help":
            return Outcome("help", self.help_lines(state))
        if parsed.verb == "inventory":
            return Outcome("inventory", [self.inventory_line(state)])

        thing_id = self.resolve(state, scene, parsed.obj) if parsed.obj else None
        blocked: Action | None = None
        for a in scene.actions:
            if parsed.verb not in a.verbs:
                continue
            if a.thing is not None:
                if thing_id != a.thing:
                    continue
            elif parsed.obj and not a.about:
                continue
            if a.about:
                topic = parsed.second or (parsed.obj if a.thing is None else "")
                if not topic or not _topic_matches(topic, a.about):
                    continue
            try:
                open_ = self._action_open(state, scene, a)
            except ExprRuntimeError as exc:
                raise RunError(str(exc), str(a.pos)) from None
            if open_:
                return self._do_action(state, scene, a, ["command", line.strip()])
            blocked = blocked or a
        if blocked is not None:
            if blocked.blocked:
                return Outcome("blocked", self.text(state, blocked.blocked))
            if blocked.once and state.chosen.get(blocked.key):
                return Outcome("blocked", ["I have done that already."])
            return Outcome("blocked", ["Not now. Something holds me back from it."])
        return self._builtin(state, scene, parsed, thing_id)

    def _builtin(self, state: GameState, scene: Scene, parsed: commands.Parsed, thing_id: str | None) -> Outcome:
        verb, obj = parsed.verb, parsed.obj
        shown = parsed.obj_text or obj  # as the player typed it: "Ruth", "the old tape"
        if verb in ("look", "examine") and not obj:
            if verb == "examine":
                return Outcome("unknown", ["Examine what? " + self.things_line(state, scene)])
            text = self.text(state, scene.look) if scene.look else list(self.paragraphs(state, scene))
            return Outcome("look", text + [self.things_line(state, scene)])
        if obj and thing_id is None:
            names = self.visible_names(state, scene)
            near = commands.nearest(obj, names)
            hint = f" Did you mean '{near}'?" if near else ""
            if verb in ("look", "examine"):
                return Outcome("unknown", [f"I can't see '{shown}' here.{hint}"])
            known = verb in commands.SYNONYMS or verb in self.verb_phrases
            if known:
                return Outcome("unknown", [f"There is nothing called '{shown}' here to {parsed.verb_text}.{hint}"])
        if verb in ("look", "examine", "read") and thing_id is not None:
            thing = next((t for t in self.visible_things(state, scene) if t.id == thing_id), None)
            if thing is not None:
                return Outcome("examine", self.text(state, thing.look))
            if thing_id in state.items and thing_id in self.story.items:
                return Outcome("examine", self.text(state, self.story.items[thing_id].look))
            return Outcome("unknown", [f"I can't see '{shown}' here."])
        verbs_here = sorted({v for a in scene.actions for v in a.verb_text} | set(commands.BUILTIN_VERBS))
        if verb == "take" and thing_id in state.items:
            return Outcome("unknown", ["I have it with me already."])
        if verb in commands.SYNONYMS or verb in self.verb_phrases:
            what = f" {shown}" if obj else ""
            return Outcome("unknown", [f"Nothing comes of trying to {parsed.verb_text}{what} here."])
        near = commands.nearest(parsed.verb_text, verbs_here)
        hint = f" Did you mean '{near}'?" if near else " Type help to see what I can do here."
        return Outcome("unknown", [f"I don't know how to '{parsed.verb_text}'.{hint}"])

    def resolve(self, state: GameState, scene: Scene, phrase: str) -> str | None:
        candidates = [(t.id, t.names) for t in self.visible_things(state, scene)]
        candidates += [(i, n) for i, n in self.item_names if i in state.items]
        found = commands.match_name(phrase, candidates)
        if found is None:  # an action may name an item Kathy does not carry (give tape when it is lost)
            found = commands.match_name(phrase, [(a.thing, self._names_of(scene, a.thing)) for a in scene.actions if a.thing])
        return found

    def _names_of(self, scene: Scene, thing_id: str) -> tuple[str, ...]:
        if thing_id in scene.things:
            return scene.things[thing_id].names
        item = self.story.items.get(thing_id)
        return item.names if item else (thing_id,)

    def visible_things(self, state: GameState, scene: Scene) -> list:
        return [t for t in scene.things.values() if t.cond is None or t.cond.fn(state)]

    def visible_names(self, state: GameState, scene: Scene) -> list[str]:
        names = [n for t in self.visible_things(state, scene) for n in t.names]
        names += [n for i, ns in self.item_names if i in state.items for n in ns]
        return names

    def things_line(self, state: GameState, scene: Scene) -> str:
        things = self.visible_things(state, scene)
        if not things:
            return "Nothing here seems to want a closer look."
        names = [t.name or t.names[0] for t in things]
        return "I notice: " + ", ".join(names) + "."

    def inventory_line(self, state: GameState) -> str:
        if not state.items:
            return "I am carrying nothing that matters."
        names = [self.story.items[i].name if i in self.story.items else i for i in state.items]
        return "I have with me: " + ", ".join(names) + "."

    def help_lines(self, state: GameState) -> list[str]:
        scene = self.scenes[state.scene]
        verbs = sorted({a.verb_text[0] for a in scene.actions if self._action_open(state, scene, a)})
        lines = [
            "Choose by number, or type what Kathy should do: look, examine <thing>, take <thing>, "
            "ask <someone> about <something>, inventory. Save and undo are always there too."
        ]
        if verbs:
            lines.append("Here I might try: " + ", ".join(verbs) + ".")
        return lines

    def open_actions(self, state: GameState) -> list[Action]:
        """The scene's actions that would work now: what the explorer may type."""
        scene = self.scenes[state.scene]
        return [a for a in scene.actions if self._action_open(state, scene, a)]

    def command_text(self, scene: Scene, action: Action) -> str:
        """A typed line that triggers `action`, as a player would write it (take tape, ask ruth about chess)."""
        words = [action.verb_text[0]]
        if action.thing:
            words.append(self._names_of(scene, action.thing)[0])
        if action.about:
            if action.thing:
                words.append("about")
            words.append(action.about[0])
        return " ".join(words)

    def completions(self, state: GameState) -> list[str]:
        """Words a command line may complete to here: verbs, then things and items."""
        scene = self.scenes[state.scene]
        verbs = {v for a in scene.actions for v in a.verb_text} | {"look", "examine", "inventory", "help"}
        nouns = set(self.visible_names(state, scene))
        return sorted(verbs) + sorted(nouns - verbs)

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
