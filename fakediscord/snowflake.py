"""Discord snowflake ids: time-ordered 64-bit integers, serialised as strings on the wire."""

from __future__ import annotations

import datetime as dt
import time

DISCORD_EPOCH_MS = 1420070400000


class SnowflakeGenerator:
    """Hands out strictly increasing snowflakes whose timestamp part is the current time.

    Strictly increasing ids let the fake keep each channel's messages in a sorted list, so
    history queries (``before``/``after``/``around``) are binary searches.
    """

    def __init__(self) -> None:
        self._last = 0

    def next(self) -> int:
        candidate = (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22
        if candidate <= self._last:
            candidate = self._last + 1
        self._last = candidate
        return candidate


def snowflake_time(snowflake: int) -> dt.datetime:
    ms = (int(snowflake) >> 22) + DISCORD_EPOCH_MS
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.timezone.utc)


def iso_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat()
