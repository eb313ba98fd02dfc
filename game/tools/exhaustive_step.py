"""One step of the exhaustive search: every input tried from one state, in this process or in worker processes.

The search (exhaustive.py) keeps the order, the set of states seen and everything it reports; what
it hands out is only the pure part, a state's expansion: try each input on a copy, read what the
child shows and work out its key. Expanding is nearly all of the search's time, and it needs
nothing but the frozen story, so `Pool` farms batches of states out to forked workers (they
inherit the loaded story; nothing but states and small records crosses the pipes) and gives the
results back in the order the batches went out. The search consumes them in exactly the order a
single process would, so the result is the same for any number of workers.

The pipes carry pickle, the one place the project uses it (SECURITY.md). That is safe only because both
ends are this search and the children it forked a moment before over an anonymous Pipe: every byte
read was written by the other end from values the engine built in memory, never read from a file.
Keep it that way: nothing from a story, a save or any file may ever be handed to `pickle.loads` here.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import pickle
import queue
import sys
import threading
from collections import deque
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any, NamedTuple

from game.engine import Engine, GameState, Input, RunError
from game.engine.expr import ExprRuntimeError
from game.tools.statekey import StateKey

BATCH = 128  # states per message to a worker: large enough that a pipe's cost is small beside the work
IN_FLIGHT = 3  # batches queued per worker, so none waits while the search reads another's results
LOCAL = -1  # Pool's lane for this process
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

    # From a worker a step is a plain tuple of the same fields (they pickle faster), `key` is (number, key) or a
    # number alone (see Memo), and option_key, entered and shown hold only what the worker had not told before.


class Expansion(NamedTuple):
    scene: str
    dead: list[Input] | None  # nothing to do here (only asides that change nothing): the inputs that were open
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


def signature(engine: Engine, state: GameState) -> tuple[Any, ...]:
    """The options (and open actions) a state opens in its scene: the search's test of a state worth its turn."""
    try:
        return (state.scene, tuple(o.id for o in engine.options(state) if o.enabled), tuple(a.id for a in engine.open_actions(state)))
    except RunError:
        return SIG_ERROR


def moves(engine: Engine, state: GameState) -> Iterator[tuple[Input, str]]:
    """Every input worth trying here: each enabled option, and each open action not offered as one (typed)."""
    scene = engine.scenes[state.scene]
    for o in engine.options(state):
        if o.enabled:
            yield Input(scene.id, "choose", o.id), f"{scene.id}/{o.id}"
    for a in engine.open_actions(state):
        if a.option is None:
            yield Input(scene.id, "command", engine.command_text(scene, a)), f"{scene.id}/{a.id}"


class Memo:
    """What one worker has already told the search, so it tells each thing once.

    A key goes to the search the first time this worker meets it, with a number of the worker's
    own; after that the number alone stands for it (the search keeps, per worker, which state
    each number is). Coverage keys (scenes entered, options taken, paragraphs shown) go once: the
    search has covered them by the time it reads anything later from this worker.
    """

    def __init__(self) -> None:
        self.keys: dict[tuple[Any, ...], int] = {}
        self.told: set[str] = set()

    def new(self, keys: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        told = self.told
        if not keys or told.issuperset(keys):
            return ()
        fresh = tuple(k for k in keys if k not in told)
        told.update(fresh)
        return fresh


def expand(engine: Engine, key_of: StateKey, paragraphs: dict[str, Any], state: GameState, known: Any,
           memo: Memo | None) -> Expansion:
    """Try every input from `state`. In this process (no `memo`), a child whose key is in `known` comes without its
    state (nobody needs it). In a worker, see Memo: a child's key and state come only the first time."""
    own = None
    if memo is not None:  # the state's own key, so that asides which stay put are not taken for new states
        k = key_of(state)
        if k not in memo.keys:
            own = memo.keys[k] = len(memo.keys)
    try:
        tried = list(moves(engine, state))
    except RunError as exc:
        return Expansion(state.scene, None, (str(exc), exc.where), [], own)
    dead = None
    if not any(key not in key_of.noops for _inp, key in tried):  # nothing, or only once asides that change nothing
        dead = [inp for inp, _ in tried]
    steps: list[Any] = []
    chosen = state.chosen
    for inp, option_key in tried:
        child = state.copy()
        try:
            outcome = engine.choose(child, inp.value) if inp.kind == "choose" else engine.command(child, inp.value)
            shown = shown_paragraphs(child, paragraphs)
        except RunError as exc:
            steps.append((inp, option_key, (str(exc), exc.where), None, None, (), None, (), None, None))
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
            payload: Any = pack(child)
            sig: Any = signature(engine, child)
        else:
            ref, payload, sig = number, None, None
        told = None
        if option_key not in memo.told:
            told = option_key
            memo.told.add(option_key)
        # the input is needed only to witness something new (an option, a state) or to report a typing problem
        steps.append((inp if told or payload is not None or typing else None, told, None, typing, ref, memo.new(outcome.entered),
                      child.ended, memo.new(shown), payload, sig))
    return Expansion(state.scene, dead, None, steps, own)


def pack(state: GameState) -> bytes:
    """A state as bytes for a pipe: its fields as a plain tuple pickle far faster than the dataclass."""
    return pickle.dumps((state.scene, state.seed, state.rng, state.vars, state.items, state.visits, state.chosen, state.ended),
                        pickle.HIGHEST_PROTOCOL)


def unpack(blob: bytes) -> GameState:
    return GameState(*pickle.loads(blob))


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

    def table(self) -> list[int] | None:
        return None  # steps carry their keys

    def close(self) -> None:
        self.batches.clear()


class Pool:
    """`jobs` lanes: this process and `jobs - 1` forked workers, taking batches of states in turn.

    Results come back in the order the batches went out. This process expands its own batches when
    their turn to be read comes, while the workers expand theirs: handing a state to a worker costs
    a good part of expanding it (packing, unpacking, the results sent back), so on two cores a
    second worker would only share out that cost, and the search's own work, between them.
    """

    def __init__(self, engine: Engine, key_of: StateKey, paragraphs: dict[str, Any], jobs: int, seen: dict[tuple[Any, ...], int]):
        ctx = multiprocessing.get_context("fork")  # workers inherit the story, its engine and the key: only states and
        # their expansions cross the pipes (pickled: see the module's docstring for why that is safe here)
        self.engine, self.key_of, self.paragraphs, self.seen = engine, key_of, paragraphs, seen
        self.workers: list[tuple[Any, Connection]] = []
        for _ in range(max(1, jobs - 1)):
            mine, theirs = ctx.Pipe(duplex=True)
            proc = ctx.Process(target=_serve, args=(engine, key_of, paragraphs, theirs), daemon=True)
            proc.start()
            theirs.close()
            self.workers.append((proc, mine))
        self.lanes = [*range(len(self.workers)), LOCAL]
        self.next = 0
        self.pending: deque[tuple[int, list[tuple[int, Any]]]] = deque()  # (lane, batch) of each batch out, in order
        self.out = 0  # batches out to workers
        self.tables: list[list[int]] = [[] for _ in self.workers]  # per worker: the state each of its key numbers is (Memo)
        self.current = 0  # the lane whose results are being read
        self.clamped = False  # did a worker's key ever cap a number (StateKey.clamped)?

    def room(self) -> int:
        return max(0, IN_FLIGHT * len(self.lanes) - len(self.pending)) * BATCH

    def submit(self, batch: list[tuple[int, Any]]) -> None:
        for start in range(0, len(batch), BATCH):
            lane = self.lanes[self.next]
            self.next = (self.next + 1) % len(self.lanes)
            chunk = batch[start:start + BATCH]
            if lane == LOCAL:
                self.pending.append((lane, chunk))
                continue
            chunk = [(node, st if type(st) is bytes else pack(st)) for node, st in chunk]
            self.workers[lane][1].send_bytes(pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL))
            self.pending.append((lane, []))
            self.out += 1

    def busy(self) -> bool:
        return bool(self.pending)

    def results(self) -> Iterator[tuple[int, Expansion]]:
        self.current, chunk = self.pending.popleft()
        if self.current == LOCAL:
            for node, st in chunk:
                state = st if type(st) is not bytes else unpack(st)
                yield node, expand(self.engine, self.key_of, self.paragraphs, state, self.seen, None)
            return
        self.out -= 1
        conn = self.workers[self.current][1]
        try:
            reply = pickle.loads(conn.recv_bytes())
        except EOFError:
            raise RuntimeError("an exhaustive-search worker stopped unexpectedly") from None
        if isinstance(reply, str):
            raise RuntimeError(f"an exhaustive-search worker failed: {reply}")
        clamped, expansions = reply
        self.clamped = self.clamped or clamped
        yield from expansions

    def state(self, st: GameState) -> Any:
        return pack(st)

    def table(self) -> list[int] | None:
        return None if self.current == LOCAL else self.tables[self.current]  # this process's steps carry their keys

    def close(self) -> None:
        if self.out:  # stopped early with work still out: nothing it finds is wanted
            for proc, conn in self.workers:
                proc.terminate()
                proc.join()
                conn.close()
            return
        for _proc, conn in self.workers:
            with contextlib.suppress(OSError):
                conn.send_bytes(pickle.dumps(None))
            conn.close()
        for proc, _conn in self.workers:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()
                proc.join()


def _serve(engine: Engine, key_of: StateKey, paragraphs: dict[str, Any], conn: Connection) -> None:
    """A worker: expand each batch it is sent, in order, until it is sent None.

    One thread reads the batches as they come and another sends the results, so neither end ever
    waits on a full pipe: the search reads a worker's results only when their turn comes, and
    meanwhile the worker goes on with its next batch.
    """
    gc.freeze()  # the story and all the search held when it forked: never scanned here, so never copied page by page
    sys.setswitchinterval(1e-4)  # the pipe threads take the interpreter as soon as their data is ready
    inbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()

    def receive() -> None:
        try:
            while True:
                inbox.put(conn.recv_bytes())
        except (EOFError, OSError):
            inbox.put(None)

    def send() -> None:
        with contextlib.suppress(OSError):
            while (blob := outbox.get()) is not None:
                conn.send_bytes(blob)

    threading.Thread(target=receive, daemon=True).start()
    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    memo = Memo()
    try:
        while True:
            blob = inbox.get()
            batch = pickle.loads(blob) if blob is not None else None
            if batch is None:
                return
            out = [(node, expand(engine, key_of, paragraphs, unpack(state), None, memo)) for node, state in batch]
            outbox.put(pickle.dumps((key_of.clamped, out), pickle.HIGHEST_PROTOCOL))
    except BaseException as exc:  # a bug: say what, rather than die silently
        outbox.put(pickle.dumps(f"{type(exc).__name__}: {exc}"))
    finally:
        outbox.put(None)
        sender.join()
