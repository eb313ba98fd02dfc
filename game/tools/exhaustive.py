"""`nlmg explore --exhaustive`: a breadth-first search over game states, to prove what random runs only sample.

Every state the search holds was reached by real inputs through the one engine step, so each
choice or action it reports as taken comes with a witness (the inputs that take it), and each
ending with a route to it. States are deduplicated by a compact key of what can still change the
story's future (scene, variables, items, and only the visit and choice counts that some condition
or `once` can see, capped just above the largest number the story compares with); the search
stops at a bound on states and says when the bound cut it short. When it is not cut short, it
also proves which states can never reach an ending (loops that never end).
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from game.engine import Engine, Input, Recording, Run, RunError
from game.engine.model import Story
from game.tools.exhaustive_pool import Pool
from game.tools.exhaustive_step import SIG_ERROR, Local, paragraph_conds, shown_paragraphs, signature
from game.tools.statekey import StateKey

MAX_EXAMPLES = 5


class Routes(Mapping[str, list[Input]]):
    """Witness routes, kept as (search node, last input) and spelled out only when asked for.

    Building each covered key's route as it is found costs the route's length per key: on a
    100,000-scene chain that is quadratic (the search that checks a random run's loop covers a
    key per scene). The search's parent links already hold every route. An input from a worker
    is a plain tuple (what marshal carries); it becomes an Input when a route is spelled out.
    """

    def __init__(self) -> None:
        self.at: dict[str, tuple[int, Input | None]] = {}
        self.parents: list[int] = []
        self.via: list[Input | None] = []
        self.base: list[Input] = []

    def route(self, node: int) -> list[Input]:
        out: list[Input] = []
        parents, via = self.parents, self.via
        while node > 0:
            out.append(Input._make(via[node]))  # type: ignore[arg-type]
            node = parents[node]
        return self.base + out[::-1]

    def __getitem__(self, key: str) -> list[Input]:
        node, last = self.at[key]
        route = self.route(node)
        return [*route, Input._make(last)] if last is not None else route

    def __setitem__(self, key: str, value: tuple[int, Input | None]) -> None:
        self.at[key] = value

    def __iter__(self) -> Iterator[str]:
        return iter(self.at)

    def __len__(self) -> int:
        return len(self.at)


@dataclass
class SearchResult:
    states: int = 0
    bound: int = 0
    cut_short: bool = False
    depth: int = 0
    covered: set[str] = field(default_factory=set)
    endings: dict[str, int] = field(default_factory=dict)  # ending -> 1 when some route reaches it
    witnesses: Routes = field(default_factory=Routes)  # covered key -> inputs that first covered it
    problems: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    traps_checked: bool = False
    crowded: set[str] = field(default_factory=set)  # scenes where the per-scene share of the bound ran out
    prose_merged: bool = False  # states differing only in what prose reads were one state (StateKey text=False)

    def problem(self, place: str, record: dict[str, Any]) -> None:
        self.counts[place] = self.counts.get(place, 0) + 1
        examples = self.problems.setdefault(place, [])
        if len(examples) < MAX_EXAMPLES:
            examples.append(record)

    def summary(self) -> dict[str, Any]:
        return {"states": self.states, "bound": self.bound, "cut_short": self.cut_short, "depth": self.depth,
                "traps_checked": self.traps_checked, "prose_merged": self.prose_merged,
                "witnesses": {k: v for k, v in sorted(self.witnesses.items())}}


def search(engine: Engine, seed: int, bound: int, depth_limit: int = 10**9, report: Callable[[int], None] | None = None,
           start: Recording | None = None, stop_at_ending: bool = False, share: int = 64, text: bool = True,
           jobs: int = 1) -> SearchResult:
    """Breadth-first over states from a new run (or from where the recording `start` leads), fair between scenes.

    A real story's state space is the product of everything its flags remember, and plain
    breadth-first order spends any bound in the first hub scene. So each scene gets a share of
    states (`share`, doubled whenever the search runs out of other work); a state beyond its
    scene's share waits in an overflow queue unless it opens options no state of that scene
    opened before. Every state is still expanded in breadth-first order within its turn.

    States that differ only in what prose reads are one state unless `text` (see StateKey):
    the endings, dead ends and loops found are the same either way. With `jobs` > 1 the states
    are expanded by this process and `jobs - 1` forked workers (exhaustive_pool.Pool) and the result is the same.
    """
    collecting = gc.isenabled()
    gc.disable()  # the search holds all it makes to its end and makes no cycles: a collection would only rescan the growing
    try:  # heap again and again (measured: 6% of one process's time, 15-40% of each of two; the same peak memory)
        return _search(engine, seed, bound, depth_limit, report, start, stop_at_ending, share, text, jobs)
    finally:
        if collecting:
            gc.enable()


def _search(engine: Engine, seed: int, bound: int, depth_limit: int, report: Callable[[int], None] | None,
            start: Recording | None, stop_at_ending: bool, share: int, text: bool, jobs: int) -> SearchResult:
    story = engine.story
    key_of = StateKey(story, text)
    res = SearchResult(bound=bound, prose_merged=not text)
    paragraphs = paragraph_conds(engine)
    try:
        if start is not None:
            run, _ = Run.replay(engine, start, lazy_log=True)
            root, base_inputs = run.state, list(run.inputs)
        else:
            root, base_inputs = engine.new_state(seed), []
        root_shown = shown_paragraphs(root, paragraphs)
    except RunError as exc:
        res.problem(f"error:{exc}", {"run": 0, "seed": seed, "kind": "error", "scene": story.start, "where": exc.where,
                                     "message": exc.message, "inputs": [], "failing": None})
        return res
    parents: list[int] = res.witnesses.parents
    via: list[Input | None] = res.witnesses.via
    parents.append(-1)
    via.append(None)
    res.witnesses.base = base_inputs
    depth: list[int] = [0]
    edges: list[list[int]] = [[]]
    ending_nodes: list[int] = []
    seen: dict[tuple[Any, ...], int] = {key_of(root): 0}
    parallel = jobs > 1 and "fork" in multiprocessing.get_all_start_methods()
    expander: Local | Pool = Pool(engine, key_of, paragraphs, jobs, seen) if parallel else Local(engine, key_of, paragraphs, seen)
    states: list[Any] = [expander.state(root)]
    in_scene: dict[str, int] = {root.scene: 1}
    signatures: set[tuple[Any, ...]] = set()
    overflow: deque[int] = deque()
    scene_of_node: dict[int, str] = {}  # the scene of each state waiting in the overflow queue
    inputs_to = res.witnesses.route
    stopped_at_ending = False

    def cover(key: str, node: int) -> None:
        if key not in res.covered:
            res.covered.add(key)
            res.witnesses[key] = (node, None)

    for sid in root.visits:
        cover(sid, 0)
    for key in root_shown:
        cover(key, 0)
    queue: deque[int] = deque()
    if root.ended is not None:
        ending_nodes.append(0)
        res.endings[root.ended] = 1
    else:
        queue.append(0)
    try:
        while queue or overflow or expander.busy():
            room = expander.room()
            if room and queue:  # hand out the states at the head of the queue: their turn comes first
                batch: list[tuple[int, Any]] = []
                while queue and len(batch) < room:
                    node = queue.popleft()
                    if depth[node] >= depth_limit:
                        res.cut_short = True  # a state left unexpanded: the search is not complete
                        expander.discard(states[node])
                        states[node] = None
                        continue
                    batch.append((node, states[node]))
                    states[node] = None  # out for expanding: free it (keys and parent links are all the search still needs)
                if batch:
                    expander.submit(batch)
                continue
            if not expander.busy():  # everything else is done: widen every scene's share and let the waiting states in
                share *= 2
                waiting, overflow = overflow, deque()
                for n in waiting:
                    sid = scene_of_node[n]
                    if in_scene.get(sid, 0) < share:
                        in_scene[sid] = in_scene.get(sid, 0) + 1
                        del scene_of_node[n]
                        queue.append(n)
                    else:
                        overflow.append(n)
                continue
            for node, ex in expander.results():
                if ex.own is not None:  # a worker numbered this state's own key (exhaustive_step.Memo)
                    table = expander.table()
                    assert table is not None and len(table) == ex.own
                    table.append(node)
                if ex.error is not None:
                    message, where = ex.error
                    res.problem(f"error:{message}", {"run": node, "seed": seed, "kind": "error", "scene": ex.scene, "where": where,
                                                     "message": _bare(message, where), "inputs": _plain(inputs_to(node)), "failing": None})
                    continue
                if ex.dead is not None:
                    res.problem(f"dead:{ex.scene}", {"run": node, "seed": seed, "kind": "dead end", "scene": ex.scene,
                                                     "where": str(story.scenes[ex.scene].pos),
                                                     "message": f"a run can get stuck in '{ex.scene}': no choice is open and no action works",
                                                     "inputs": _plain(inputs_to(node)) + _plain(ex.dead)})
                table = expander.table() if ex.steps else None
                for step in ex.steps:
                    inp, option_key, error, typing, ref, entered, ended, shown, payload, sig = step
                    if error is not None:
                        message, where = error
                        res.problem(f"error:{message}", {"run": node, "seed": seed, "kind": "error", "scene": ex.scene, "where": where,
                                                         "message": _bare(message, where), "inputs": _plain(inputs_to(node)), "failing": list(inp)})
                        continue
                    if typing is not None:
                        _typing_problem(res, story, node, seed, ex.scene, inp, typing, inputs_to(node))
                    if table is None:  # in this process: the key itself
                        k = ref
                        known = seen.get(k)
                    elif type(ref) is int:  # a worker's number for a key it sent before: the search knows it
                        known = table[ref]
                    else:
                        k = ref[1]
                        known = seen.get(k)
                        if known is not None:
                            table.append(known)
                    if known is not None:
                        if payload is not None:  # a state a worker kept for nothing: it may forget it
                            expander.discard(payload)
                        if known != node:  # staying put (an aside that changes nothing) is no way anywhere
                            edges[node].append(known)
                        for key in shown:  # what this merged state shows, witnessed by its parent
                            cover(key, node)
                        if option_key is not None and option_key not in res.covered:  # a known state, reached by a new option: still a witness
                            res.covered.add(option_key)
                            res.witnesses[option_key] = (node, inp)
                        continue
                    if len(states) >= bound:
                        res.cut_short = True
                        queue.clear()
                        overflow.clear()
                        raise _Stop
                    new = len(states)
                    seen[k] = new
                    if table is not None:
                        table.append(new)
                    states.append(payload)
                    parents.append(node)
                    via.append(inp)
                    depth.append(depth[node] + 1)
                    edges.append([])
                    edges[node].append(new)
                    res.depth = max(res.depth, depth[new])
                    if option_key is not None:
                        cover(option_key, new)
                    for sid in entered:
                        cover(sid, new)
                    for key in shown:
                        cover(key, new)
                    if ended is not None:
                        states[new] = None
                        ending_nodes.append(new)
                        if ended not in res.endings:
                            res.endings[ended] = 1
                            res.witnesses[f"ending:{ended}"] = (new, None)
                        if stop_at_ending:
                            stopped_at_ending = True
                            raise _Stop
                        continue
                    sid = k[0]
                    here = in_scene.get(sid, 0)
                    if here < share or _signature_is_new(engine, sig, payload, signatures):
                        in_scene[sid] = here + 1
                        queue.append(new)
                    else:
                        scene_of_node[new] = sid
                        overflow.append(new)
                    if report is not None and new % 1000 == 0:
                        report(1000)
    except _Stop:
        pass
    finally:
        expander.close()
    res.states = len(states)
    if stopped_at_ending:
        return res
    clamped = key_of.clamped or (isinstance(expander, Pool) and expander.clamped)
    if not res.cut_short and not clamped:
        res.traps_checked = True
        _find_traps(res, story, edges, ending_nodes, parents, via, base_inputs, seen, seed)
    return res


class _Stop(Exception):
    """The search is over early: the bound is reached, or (stop_at_ending) an ending is found."""


def _typing_problem(res: SearchResult, story: Story, node: int, seed: int, sid: str, inp: Input, option_key: str,
                    route: list[Input]) -> None:
    """A typed line that took another action than the one it was written for (or none)."""
    scene = story.scenes[sid]
    action = next((a for a in scene.actions if f"{scene.id}/{a.id}" == option_key), None)
    res.problem(f"typing:{option_key}", {"run": node, "seed": seed, "kind": "typing", "scene": sid,
                                         "where": str(action.pos if action else scene.pos),
                                         "message": f"typing '{inp[2]}' in '{sid}' does not trigger action '{option_key.split('/', 1)[-1]}'",
                                         "inputs": _plain(route)})


def _plain(inputs: list[Input]) -> list[list[str]]:
    """Inputs as a problem record holds them: plain lists, as JSON reports carry them (an Input or a worker's tuple)."""
    return [list(i) for i in inputs]


def _signature_is_new(engine: Engine, sig: Any, state: Any, signatures: set[tuple[Any, ...]]) -> bool:
    """Does this state open a set of options (and open actions) no earlier state of its scene opened?"""
    sig = sig if sig is not None else signature(engine, state)
    if sig is SIG_ERROR or sig == SIG_ERROR:
        return True
    if sig in signatures:
        return False
    signatures.add(sig)
    return True


def _find_traps(res: SearchResult, story: Story, edges: list[list[int]], ending_nodes: list[int], parents: list[int],
                via: list[Any], base_inputs: list[Any], seen: dict[tuple[Any, ...], int], seed: int) -> None:
    """States from which no ending can be reached, once the whole state space is known."""
    back: list[list[int]] = [[] for _ in edges]
    for src, targets in enumerate(edges):
        for t in targets:
            back[t].append(src)
    can_end = [False] * len(edges)
    queue = deque(ending_nodes)
    for n in ending_nodes:
        can_end[n] = True
    while queue:
        for src in back[queue.popleft()]:
            if not can_end[src]:
                can_end[src] = True
                queue.append(src)
    scene_of = {node: k[0] for k, node in seen.items()}
    for node, ok in enumerate(can_end):
        if ok or not edges[node]:
            continue  # nodes with no moves were reported as dead ends (or were never expanded)
        sid = scene_of.get(node, "")
        parent = parents[node]
        if parent < 0 or can_end[parent]:  # report where runs fall in, not every state inside the trap
            inputs: list[Input] = []
            n = node
            while n > 0:
                inputs.append(via[n])
                n = parents[n]
            scene = story.scenes.get(sid)
            res.problem(f"loop:{sid}", {"run": node, "seed": seed, "kind": "loop", "scene": sid, "where": str(scene.pos) if scene else "",
                                        "message": f"a run can reach a state in '{sid}' from which no ending can ever be reached",
                                        "inputs": _plain(base_inputs + inputs[::-1])})


def _bare(message: str, where: str) -> str:
    """A RunError's text without its place in front: the report prints `where` in a column of its own."""
    return message[len(where) + 2:] if where and message.startswith(where + ": ") else message
