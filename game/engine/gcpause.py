"""The garbage collector paused around work that makes many objects which all live on.

Loading a story, reading a save, replaying a run and writing one each make hundreds of thousands of small
objects that survive. Python's collector is triggered by allocations, so it runs over and over during
such work and each pass scans the whole heap, the long-lived run and story included: at 10,000 inputs
a save spent five sixths of its time there (encode 110 ms with the collector, 16 ms without). Nothing
this work makes is a cycle that needs collecting mid-way, so the collector waits until it is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector for the block; restore it as it was (nesting and a caller's own gc.disable() hold)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def long_lived() -> Iterator[None]:
    """Pause the collector for work whose objects all live on (a story's scenes), then file them with the oldest objects.

    Whatever a paused block made waits in the youngest generation, so the first collection after it walks
    every one of them, finds them all alive and moves them on, and the next older collection walks them again:
    after building 10,000 scenes (470,000 objects) that first pass alone cost 0.15-0.2 s, a third of the
    build. `gc.freeze()` then `gc.unfreeze()` moves every tracked object into the oldest generation without
    looking at any, which is where these would have ended anyway. Only when nothing is frozen: unfreezing
    would otherwise undo a caller's own freeze (the front end's, a forked worker's). A garbage cycle that was
    young at that moment is collected by the next full collection rather than the next young one: later,
    never lost.
    """
    with collector_paused():
        yield
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
