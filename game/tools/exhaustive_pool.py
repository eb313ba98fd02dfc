"""The exhaustive search on several cores: this process and forked workers share out the expanding of states.

The search (exhaustive.py) keeps the order, the set of states seen and everything it reports, and
reads every expansion in exactly the order one process would, so the result is the same for any
number of workers. What makes a second core pay is that states seldom cross a pipe: a worker keeps
each child it finds (exhaustive_step.Memo) and the search names it by a number when it wants it
expanded, so a message out is mostly small integers and a reply is only what the search needs
(new keys once, numbers after). This process expands a share of the states itself, those it holds,
while the workers expand theirs; the share follows which side waits for the other (see Pool).

The pipes carry marshal, never pickle: plain tuples, lists, dicts, sets, str, int, float, bool and
None, which loading cannot turn into a call of anything. Both ends are this search and the children
it forked a moment before over an anonymous Pipe.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import multiprocessing
import queue
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

from game.engine import Engine, GameState
from game.tools.exhaustive_step import Expansion, Memo, expand, pack, unpack
from game.tools.statekey import StateKey

BATCH = 128  # states read per turn of the search, and about the most per message to a worker
IN_FLIGHT = 3  # turns' worth of states out at once per lane, so no worker waits while the search reads
LOCAL = -1  # Pool's lane for this process
START_SHARE = 0.35  # the part of the states this process first expands itself (it also keeps the search's books)
STEP = 0.005  # how far the share moves each time one side is found waiting for the other
SLACK = 64.0  # states this process may run ahead of (or behind) its share before it hands some on (or pulls some)


class Pool:
    """`jobs` lanes: this process and `jobs - 1` forked workers, each expanding the states it holds.

    A state the search found here (or pulled from a worker) is held here; one a worker found stays
    in that worker, and goes back to it by number. To keep the two sides busy, this process takes
    about `share` of the states. Each state expanded has one new child on average (every state is
    expanded once), so when fewer than that arrive held here it asks a worker to send back the new
    children of the next state it expands (`pull`), counting one state to come for each; when more
    arrive than it takes, it hands the rest to the worker with least to do (packed). Two running
    balances, each kept within SLACK states, decide both. The share rises when this process finds
    itself waiting for a worker with nothing of its own to expand, and falls when a worker says it
    waited for work. Sending a state is cheap for this process, reading one back less so: the
    balances only correct drift, as what each side holds stays near its share by itself.
    """

    def __init__(self, engine: Engine, key_of: StateKey, paragraphs: dict[str, Any], jobs: int, seen: dict[tuple[Any, ...], int]):
        ctx = multiprocessing.get_context("fork")  # workers inherit the story, its engine and the key
        self.engine, self.key_of, self.paragraphs, self.seen = engine, key_of, paragraphs, seen
        self.workers: list[tuple[Any, Connection]] = []
        for lane in range(max(1, jobs - 1)):
            mine, theirs = ctx.Pipe(duplex=True)
            proc = ctx.Process(target=_serve, args=(engine, key_of, paragraphs, theirs, lane), daemon=True)
            proc.start()
            theirs.close()
            self.workers.append((proc, mine))
        n = len(self.workers)
        self.pending: deque[list[Any]] = deque()  # [node, lane, state, expansion] for each state out, in the search's order
        self.todo: deque[list[Any]] = deque()  # this process's entries in `pending` not expanded yet, in order
        self.replies: list[deque[Expansion]] = [deque() for _ in range(n)]  # read from each worker, not yet consumed
        self.out = [0] * n  # states out to each worker whose expansion has not been read
        self.drops: list[list[int]] = [[] for _ in range(n)]  # numbers of states each worker may forget
        self.tables: list[list[int]] = [[] for _ in range(n)]  # per worker: the state each of its key numbers is (Memo)
        self.current = LOCAL  # the lane of the expansion being read
        self.clamped = False  # did a worker's key ever cap a number (StateKey.clamped)?
        self.share = START_SHARE
        self.supply = 0.0  # states this process is owed (share of each state handed out), less those held here or pulled
        self.ahead = 0.0  # states this process may still take: its share of each one handed out, less those it took
        self.counts = {"here": 0, "there": 0, "pushed": 0, "pulled": 0, "waited": 0, "starved": 0}
        self.idle = {"here": 0.0, "workers": 0.0}  # seconds this process and the workers waited for each other

    def room(self) -> int:
        return max(0, IN_FLIGHT * BATCH * (len(self.workers) + 1) - len(self.pending))

    def submit(self, batch: list[tuple[int, Any]]) -> None:
        items: list[list[Any]] = [[] for _ in self.workers]
        counts = self.counts
        share, supply, ahead = self.share, self.supply, self.ahead
        for node, st in batch:
            supply = min(supply + share, SLACK)
            ahead = min(ahead + share, SLACK)
            if type(st) is int:  # a worker's handle: that worker holds the state
                lane = st & 255
                pull = supply > SLACK / 2
                if pull:
                    supply -= 1
                    counts["pulled"] += 1
                items[lane].append((st >> 8, pull))
            else:
                supply = max(supply - 1, -4 * SLACK)
                if ahead < -SLACK / 2:  # more here than this process's share: hand it to the worker with least to do
                    lane = min(range(len(self.workers)), key=self.out.__getitem__)
                    items[lane].append((pack(st) if type(st) is GameState else st, False))
                    counts["pushed"] += 1
                else:
                    lane = LOCAL
            entry = [node, lane, st if lane == LOCAL else None, None]
            self.pending.append(entry)
            if lane == LOCAL:
                self.todo.append(entry)
                ahead -= 1
                counts["here"] += 1
            else:
                self.out[lane] += 1
                counts["there"] += 1
        self.supply, self.ahead = supply, ahead
        for lane, mine in enumerate(items):
            if mine:
                self.workers[lane][1].send_bytes(marshal.dumps((self.drops[lane], mine)))
                self.drops[lane] = []

    def busy(self) -> bool:
        return bool(self.pending)

    def results(self) -> Iterator[tuple[int, Expansion]]:
        """The next expansions in the order the states went out (up to BATCH of them, then the search hands out more)."""
        pending = self.pending
        for _ in range(min(BATCH, len(pending))):
            node, lane, _st, ex = entry = pending[0]
            if lane == LOCAL:
                if ex is None:
                    self.todo.popleft()
                    ex = self._expand(entry)
            else:
                replies = self.replies[lane]
                while not replies:
                    self._receive(lane)
                ex = replies.popleft()
                self.out[lane] -= 1
            pending.popleft()
            self.current = lane
            yield node, ex

    def _expand(self, entry: list[Any]) -> Expansion:
        st = entry[2]
        entry[2] = None
        return expand(self.engine, self.key_of, self.paragraphs, st if type(st) is GameState else unpack(st), self.seen, None)

    def _receive(self, lane: int) -> None:
        """Read one reply from a worker, expanding this process's next states while it is not there yet."""
        conn = self.workers[lane][1]
        waited = 0.0
        while not conn.poll():
            if not self.todo:
                self.counts["waited"] += 1
                self.share = min(0.95, self.share + STEP)  # nothing of its own to do: take more
                waited = time.perf_counter()
                break
            entry = self.todo.popleft()
            entry[3] = self._expand(entry)
        try:
            blob = conn.recv_bytes()
            if waited:
                self.idle["here"] += time.perf_counter() - waited
            reply = marshal.loads(blob)
        except EOFError:
            raise RuntimeError("an exhaustive-search worker stopped unexpectedly") from None
        if isinstance(reply, str):
            raise RuntimeError(f"an exhaustive-search worker failed: {reply}")
        clamped, starved, expansions = reply
        self.clamped = self.clamped or clamped
        if starved > 1e-3:  # the worker waited for work: this process is the slower side, so it takes less
            self.idle["workers"] += starved
            self.counts["starved"] += 1
            self.share = max(0.02, self.share - STEP)
        self.replies[lane].extend(map(Expansion._make, expansions))

    def state(self, st: GameState) -> Any:
        return st

    def discard(self, st: Any) -> None:
        """A state the search will never expand (its key was known, or it lies past the depth limit): let its worker forget it."""
        if type(st) is int:
            self.drops[st & 255].append(st >> 8)

    def table(self) -> list[int] | None:
        return None if self.current == LOCAL else self.tables[self.current]  # this process's steps carry their keys

    def close(self) -> None:
        if any(self.out):  # stopped early with work still out: nothing it finds is wanted
            for proc, conn in self.workers:
                proc.terminate()
                proc.join()
                conn.close()
            return
        for _proc, conn in self.workers:
            with contextlib.suppress(OSError):
                conn.send_bytes(marshal.dumps(None))
            conn.close()
        for proc, _conn in self.workers:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()
                proc.join()


def _serve(engine: Engine, key_of: StateKey, paragraphs: dict[str, Any], conn: Connection, lane: int) -> None:
    """A worker: expand each batch it is sent, in order, until it is sent None.

    A batch is (numbers to forget, [(a number of a state it holds, or a packed state), pull]...).
    One thread reads the batches as they come and another sends the results, so neither end ever
    waits on a full pipe: the search reads a worker's results only when their turn comes, and
    meanwhile the worker goes on with its next batch. Each reply says whether the worker had to
    wait for that batch, which is how the search knows to take a smaller share itself.
    """
    gc.disable()  # as in the search that forked it (exhaustive.search): no cycles are made, nothing to collect
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
    memo = Memo(lane)
    store = memo.store
    first = True
    try:
        while True:
            wait = time.perf_counter() if not first and inbox.empty() else 0.0
            blob = inbox.get()
            starved = time.perf_counter() - wait if wait else 0.0  # seconds it waited for this batch
            first = False
            batch = marshal.loads(blob) if blob is not None else None
            if batch is None:
                return
            drops, items = batch
            for number in drops:
                del store[number]
            out = []
            for what, pull in items:
                if type(what) is int:
                    state, opened = store.pop(what)
                    out.append(tuple(expand(engine, key_of, paragraphs, state, None, memo, pull, opened, True)))
                else:
                    out.append(tuple(expand(engine, key_of, paragraphs, unpack(what), None, memo, pull)))
            outbox.put(marshal.dumps((key_of.clamped, starved, out)))
    except BaseException as exc:  # a bug: say what, rather than die silently
        outbox.put(marshal.dumps(f"{type(exc).__name__}: {exc}"))
    finally:
        outbox.put(None)
        sender.join()
