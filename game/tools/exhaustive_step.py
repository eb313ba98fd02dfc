"""One step of the exhaustive search: every input tried from one state, in this process or in a worker.

The search (exhaustive.py) keeps the order, the set of states seen and everything it reports; what
it hands out is only the pure part, a state's expansion: try each input on a copy, read what the
child shows and work out its key. Expanding is nearly all of the search's time, and it needs
nothing but the frozen story, so exhaustive_pool.Pool shares it with forked workers. A worker
keeps the children it finds (Memo.store) and the search later names them by number, so a state
seldom crosses a pipe; what a worker sends back is plain data (tuples, str, int), see Memo.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any, NamedTuple

from game.engine import Engine, GameState, Input, RunError
from game.engine.expr import ExprRuntimeError
from game.tools.statekey import StateKey

Opened = tuple[Any, Any]  # a state's options and open actions (engine.options, engine.open_actions)
SIG_ERROR = ("",)  # a signature that could not be worked out (an option's condition fails): always counts as new


class Step(NamedTuple):
    """One input tried from a state, as the search needs it (plain data, cheap to send between processes)."""

    inp: Input
    option_key: str  # the option the input took (a typed line's, when it took another than meant)
    error: tuple[str, str] | None  # (message, where) when the engine refused with an error; the rest is then empty
    typing: str | None  # the action a typed line was meant for, when it did not take it
    key: tuple[Any, ...]
    entered: tuple[str, ...]
    ended: str | None
    shown: tuple[str, ...]  # conditional paragraphs the child shows ("scene#n" or "scene#n:else")
    state: Any  # the child (a GameState here, packed bytes from a worker), or None when the expander knows its key
    signature: tuple[Any, ...] | None  # from a worker: what options the child opens (None: work it out from state)

    # From a worker a step is a plain tuple of the same fields (marshal carries nothing else), `inp` a plain tuple
    # or None, `key` is (number, key) or a number alone and `state` a handle, a packed state or None (see Memo),
    # and option_key, entered and shown hold only what the worker had not told before.


class Expansion(NamedTuple):
    scene: str
    dead: list[Any] | None  # nothing to do here (only asides that change nothing): the inputs that were open (Input, or tuples)
    error: tuple[str, str] | None  # the state's options could not be worked out
    steps: list[Any]  # Step, or from a worker plain tuples of its fields
    own: int | None = None  # from a worker: the number it gave this state's own key, when it had not met that key


def paragraph_conds(engine: Engine) -> dict[str, tuple[tuple[str, Any, bool], ...]]:
    """Per scene with any, its conditional paragraphs as (coverage key, condition, has an else)."""
    out = {}
    for sid, s in engine.story.scenes.items():
        conds = tuple((f"{sid}#{n}", p.cond, bool(p.else_text)) for n, p in enumerate(s.paragraphs) if p.cond is not None)
        if conds:
            out[sid] = conds
    return out


def shown_paragraphs(state: GameState, paragraphs: dict[str, Any]) -> tuple[str, ...]:
    """Which branch of each conditional paragraph the state shows; a condition that fails is a RunError."""
    conds = paragraphs.get(state.scene)
    if not conds:
        return ()
    out = []
    for key, cond, has_else in conds:
        try:
            shown = cond.fn(state)
        except ExprRuntimeError as exc:
            raise RunError(str(exc), str(cond.pos)) from None
        if shown:
            out.append(key)
        elif has_else:
            out.append(key + ":else")
    return tuple(out)


def signature(engine: Engine, state: GameState, opened: Opened | None = None) -> tuple[Any, ...]:
    """The options (and open actions) a state opens in its scene: the search's test of a state worth its turn."""
    try:
        opts, acts = opened or (engine.options(state), engine.open_actions(state))
    except RunError:
        return SIG_ERROR
    return (state.scene, tuple(o.id for o in opts if o.enabled), tuple(a.id for a in acts))


def opening(engine: Engine, state: GameState) -> Opened | None:
    """The state's options and open actions, worked out once for both its signature and its moves (None: they fail)."""
    try:
        return engine.options(state), engine.open_actions(state)
    except RunError:
        return None


def moves(engine: Engine, state: GameState, opened: Opened | None = None) -> Iterator[tuple[Input, str]]:
    """Every input worth trying here: each enabled option, and each open action not offered as one (typed)."""
    scene = engine.scenes[state.scene]
    opts, acts = opened or (engine.options(state), None)
    for o in opts:
        if o.enabled:
            yield Input(scene.id, "choose", o.id), f"{scene.id}/{o.id}"
    for a in acts if acts is not None else engine.open_actions(state):
        if a.option is None:
            yield Input(scene.id, "command", engine.command_text(scene, a)), f"{scene.id}/{a.id}"


class Memo:
    """What one worker has already told the search, and the states it keeps for it, so each thing crosses once.

    A key goes to the search the first time this worker meets it, with a number of the worker's
    own; after that the number alone stands for it (the search keeps, per worker, which state
    each number is). Coverage keys (scenes entered, options taken, paragraphs shown) go once: the
    search has covered them by the time it reads anything later from this worker. The child
    state of a key met for the first time stays here, in `store`, and the search is sent its
    handle (`number << 8 | lane`): when the search wants it expanded it sends the handle back, and
    when the key turns out to be known already it says to drop it. Only when asked to (`pull`)
    does a worker send the child itself, packed, so that the search can expand it or hand it on.
    """

    def __init__(self, lane: int = 0) -> None:
        self.keys: dict[tuple[Any, ...], int] = {}
        self.told: set[str] = set()
        self.lane = lane
        self.store: dict[int, tuple[GameState, Opened | None]] = {}  # with what it opens, worked out for its signature

    def new(self, keys: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        told = self.told
        if not keys or told.issuperset(keys):
            return ()
        fresh = tuple(k for k in keys if k not in told)
        told.update(fresh)
        return fresh


def expand(engine: Engine, key_of: StateKey, paragraphs: dict[str, Any], state: GameState, known: Any,
           memo: Memo | None, pull: bool = False, opened: Opened | None = None, stored: bool = False) -> Expansion:
    """Try every input from `state`. In this process (no `memo`), a child whose key is in `known` comes without its
    state (nobody needs it). In a worker, see Memo: a child's key comes only the first time, with its handle (or
    the child packed, when `pull`); a state from the worker's store (`stored`) comes with what it opens."""
    own = None
    if memo is not None and not stored:  # the state's own key, so that asides which stay put are not taken for new
        k = key_of(state)  # states (a stored state's key is known: it was stored under it)
        if k not in memo.keys:
            own = memo.keys[k] = len(memo.keys)
    try:
        tried = list(moves(engine, state, opened))
    except RunError as exc:
        return Expansion(state.scene, None, (str(exc), exc.where), [], own)
    dead = None
    if not any(key not in key_of.noops for _inp, key in tried):  # nothing, or only once asides that change nothing
        dead = [inp if memo is None else tuple(inp) for inp, _ in tried]
    steps: list[Any] = []
    chosen = state.chosen
    for inp, option_key in tried:
        child = state.copy()
        try:
            outcome = engine.choose(child, inp.value) if inp.kind == "choose" else engine.command(child, inp.value)
            shown = shown_paragraphs(child, paragraphs)
        except RunError as exc:
            steps.append((inp if memo is None else tuple(inp), option_key, (str(exc), exc.where), None, None, (), None, (), None, None))
            continue
        if not outcome.recorded:
            continue
        typing = None
        if inp.kind == "command" and child.chosen.get(option_key, 0) <= chosen.get(option_key, 0):
            typing = option_key
            option_key = next((k for k, v in child.chosen.items() if v != chosen.get(k, 0)), option_key)
        k = key_of(child)
        if memo is None:
            steps.append(Step(inp, option_key, None, typing, k, tuple(outcome.entered), child.ended, shown,
                              None if k in known else child, None))
            continue
        number = memo.keys.get(k)
        if number is None:
            number = memo.keys[k] = len(memo.keys)
            ref: Any = (number, k)
            if child.ended is not None:  # an ending is never expanded: nothing to keep
                payload: Any = None
                sig: Any = signature(engine, child)
            elif pull:
                payload = pack(child)
                sig = signature(engine, child)
            else:
                opens = opening(engine, child)
                sig = signature(engine, child, opens) if opens is not None else SIG_ERROR
                memo.store[number] = (child, opens)
                payload = number << 8 | memo.lane
        else:
            ref, payload, sig = number, None, None
        told = None
        if option_key not in memo.told:
            told = option_key
            memo.told.add(option_key)
        # the input is needed only to witness something new (an option, a state) or to report a typing problem
        steps.append((tuple(inp) if told or sig is not None or typing else None, told, None, typing, ref,
                      memo.new(outcome.entered), child.ended, memo.new(shown), payload, sig))
    return Expansion(state.scene, dead, None, steps, own)


def pack(state: GameState) -> tuple[Any, ...]:
    """A state as plain data for a pipe (marshal): its fields as a tuple."""
    return (state.scene, state.seed, state.rng, state.vars, state.items, state.visits, state.chosen, state.ended)


def unpack(data: Any) -> GameState:
    """A packed state back as a GameState; the dicts are the packed ones (a copy is made before any step)."""
    return GameState(*data)


class Local:
    """Expands in this process, one state at a time as the search asks (so a search stopped early does no more)."""

    def __init__(self, engine: Engine, key_of: StateKey, paragraphs: dict[str, Any], seen: dict[tuple[Any, ...], int]):
        self.engine, self.key_of, self.paragraphs, self.seen = engine, key_of, paragraphs, seen
        self.batches: deque[list[tuple[int, Any]]] = deque()

    def room(self) -> int:
        return 0 if self.batches else 1

    def submit(self, batch: list[tuple[int, Any]]) -> None:
        self.batches.append(batch)

    def busy(self) -> bool:
        return bool(self.batches)

    def results(self) -> Iterator[tuple[int, Expansion]]:
        for node, state in self.batches.popleft():
            yield node, expand(self.engine, self.key_of, self.paragraphs, state, self.seen, None)

    def state(self, st: GameState) -> Any:
        return st

    def discard(self, st: Any) -> None:
        pass  # nothing is held anywhere else

    def table(self) -> list[int] | None:
        return None  # steps carry their keys

    def close(self) -> None:
        self.batches.clear()
