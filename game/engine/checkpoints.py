"""Where a run keeps copies of its state (for undo) and fingerprints of it (for saves), spaced so both stay linear.

Undo rebuilds a state from the nearest copy before it by replaying inputs (run.py), and a save
records fingerprints of the states the run passed through so a load can tell, early, where a
replay stops matching (saves/). Both cost the state's size: a copy holds every visit and choice
count, and a fingerprint serialises them. Taken at a fixed spacing (a copy every 16 inputs, a
fingerprint every 64) a long run in a large story pays that size again and again, which is
quadratic: 10,000 inputs held 500 MB of copies and took seconds to save. So each is taken at
its fixed spacing only while the state is small, and otherwise no more often than once per
`size / SHARE` inputs (or when the run has doubled in length since the last): the copies together
hold about CHECKPOINT_SHARE entries per input made, the fingerprints serialise about CHECK_SHARE
entries per input, and undo replays at most `size / CHECKPOINT_SHARE` inputs, about as much work
as the copy it starts from.

Where each is taken depends only on the states the run has passed through, so a replay of the
same inputs takes them at the same places: a save's fingerprints are found again on load.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from game.engine.state import GameState

CHECKPOINT_EVERY = 16  # a copy of the state at most this often (inputs)...
CHECKPOINT_SHARE = 16  # ...and at least size / this many inputs apart
CHECK_EVERY = 64  # a fingerprint at multiples of this many inputs...
CHECK_SHARE = 4  # ...at least size / this many inputs apart


def state_size(state: GameState) -> int:
    """How many entries a copy or a fingerprint of the state handles: what grows as a run goes on."""
    return len(state.vars) + len(state.items) + len(state.visits) + len(state.chosen)


def fingerprint(state: GameState) -> str:
    """The short fingerprint a save records of the state (format 2 and on): GameState.hash, cut to 16 digits."""
    return state.hash()[:16]


def spaced(n: int, last: int, share: int, state: GameState) -> bool:
    """Whether input count n is at least size/share inputs past `last`, the previous one taken, or twice as far
    from the start (so a state that grows faster than `share` entries an input still gets one now and then)."""
    return n >= 2 * last or n - last >= state_size(state) // share


class Checkpoints:
    """The copies and fingerprints of one run, by input count (0: the start)."""

    __slots__ = ("_last_print", "_last_state", "prints", "states")

    def __init__(self, start: GameState):
        self.states: dict[int, GameState] = {0: start.copy()}
        self.prints: dict[int, str] = {}
        self._last_state = 0
        self._last_print = 0

    def after(self, n: int, state: GameState) -> str | None:
        """Input n was just made, leading to `state`: keep a copy and a fingerprint if one is due. The fingerprint, if taken."""
        if n % CHECKPOINT_EVERY:
            return None
        if spaced(n, self._last_state, CHECKPOINT_SHARE, state):
            self.states[n] = state.copy()
            self._last_state = n
        if n % CHECK_EVERY == 0 and spaced(n, self._last_print, CHECK_SHARE, state):
            print_ = self.prints[n] = fingerprint(state)
            self._last_print = n
            return print_
        return None

    def restored(self, n: int, state: GameState, prints: Mapping[int, str]) -> None:
        """A run restored at input count n from a save this game wrote (saves/trust.py): a copy of the state there, and the
        save's fingerprints, which are exactly the ones its run took. The copies before n come with the first full
        replay (Run._history_now), whose checkpoints then take the place of these."""
        self.states[n] = state.copy()
        self._last_state = n
        self.prints = dict(prints)
        self._last_print = max(self.prints, default=0)

    def nearest(self, n: int) -> tuple[int, GameState]:
        """The kept copy closest before input count n (never later): where undo replays from."""
        base = max(k for k in self.states if k <= n)
        return base, self.states[base]

    def cut(self, n: int) -> None:
        """Forget everything taken after input count n (undo, or a story error put the run back)."""
        if self._last_state > n:
            for k in [k for k in self.states if k > n]:
                del self.states[k]
            self._last_state = max(self.states)
        if self._last_print > n:
            for k in [k for k in self.prints if k > n]:
                del self.prints[k]
            self._last_print = max(self.prints, default=0)


class Expected:
    """A save's fingerprints, checked as its replay goes, with work bounded as the writer's own spacing bounds it.

    A save written by this game lists exactly the fingerprints its run took (see Checkpoints),
    and every one is checked. One written by an earlier version lists one every 64 inputs whatever
    the state's size: those are checked only as far apart as CHECK_SHARE allows, so a long save
    never costs more than linear work. The first one listed is always checked.
    """

    __slots__ = ("checks", "digest", "last")

    def __init__(self, checks: Mapping[int, str], digest: Callable[[GameState], str] = fingerprint):
        self.checks = checks
        self.digest = digest
        self.last = -1  # the input count last checked

    def differs(self, n: int, state: GameState, taken: str | None) -> bool:
        """True when the save records a fingerprint at input count n and the state here is not the one it records.
        `taken` is the run's own fingerprint of this state if it took one (format 2 and on: the same digest)."""
        want = self.checks.get(n)
        if want is None or (self.last >= 0 and not spaced(n, self.last, CHECK_SHARE, state)):
            return False
        self.last = n
        got = taken if taken is not None and self.digest is fingerprint else self.digest(state)
        return got != want
