"""The garbage collector tuned for a long-running bot.

A bot's heap is mostly long-lived: imported modules, the message catalogue, date-parsing data, the
platform clients' caches. CPython's full collections walk all of it, and with the default thresholds
they come every few thousand allocations during a burst (each update and API call allocates hundreds
of short-lived objects): measured at about a quarter of a Telegram burst's CPU time, and as event-loop
stalls over 300 ms during a Discord one. Freezing what exists once the bot is up takes it out of every
later collection, and a larger first threshold makes collections rarer. Reference counting still
frees almost everything at once; the collector is only for cycles.
"""

from __future__ import annotations

import gc

# Allocations (net) between young collections: 700 by default. Cycles wait a little longer to be
# collected; memory held by them stays small next to the caches.
YOUNG_THRESHOLD = 50_000


def settle() -> None:
    """Collect once, then freeze everything alive now (start-up objects, caches filled so far) so
    later collections skip it, and raise the young generation's threshold. Call again after a large
    cache is filled (Discord's members at ready); each call freezes only what is alive then."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


def release() -> None:
    """Give everything frozen back to the collector (a process that drops what it froze, like the
    benchmark between two fake worlds: cycles among frozen objects are never freed otherwise)."""
    gc.unfreeze()
