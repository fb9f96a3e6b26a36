"""bot.heap: what is alive at start-up leaves the collector's work; what a process drops is given back."""

from __future__ import annotations

import gc

from bot import heap


def test_settle_freezes_what_is_alive_and_release_gives_it_back() -> None:
    threshold = gc.get_threshold()
    try:
        kept = [{"n": i} for i in range(1000)]
        heap.settle()
        assert gc.get_freeze_count() >= len(kept)
        assert gc.get_threshold()[0] == heap.YOUNG_THRESHOLD and gc.isenabled()
        heap.release()
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
