"""Durations written as `90m`, `2h`, `1h30m`, `1d`, and lists of them such as `24h,1h`."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.domain.errors import DomainError

_PART = re.compile(r"(\d+)\s*([dhm])")
_WHOLE = re.compile(r"^\s*(?:\d+\s*[dhm]\s*)+$")
_UNIT_MINUTES = {"d": 1440, "h": 60, "m": 1}
MAX_OFFSETS = 5
MAX_OFFSET_MINUTES = 30 * 1440


def parse_duration(text: str, *, minimum: int = 1, maximum: int = 7 * 1440) -> int:
    """Minutes in `text` (`90m`, `2h`, `1h30m`, `1d`); DomainError('duration.invalid') otherwise."""
    raw = (text or "").strip().lower()
    if not _WHOLE.match(raw):
        raise DomainError("duration.invalid", value=text)
    minutes = sum(int(n) * _UNIT_MINUTES[u] for n, u in _PART.findall(raw))
    if not minimum <= minutes <= maximum:
        raise DomainError("duration.out_of_range", value=text, minimum=format_minutes(minimum),
                          maximum=format_minutes(maximum))
    return minutes


def format_minutes(minutes: int) -> str:
    """The shortest spelling of a duration: 1440 -> '1d', 90 -> '1h30m'."""
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    out = (f"{days}d" if days else "") + (f"{hours}h" if hours else "") + (f"{mins}m" if mins else "")
    return out or "0m"


def parse_offsets(text: str) -> tuple[int, ...]:
    """Reminder offsets such as `24h,1h` as minutes, largest first, without repeats."""
    parts = [p for p in (text or "").replace("،", ",").split(",") if p.strip()]
    if not parts:
        raise DomainError("offsets.invalid", value=text)
    if len(parts) > MAX_OFFSETS:
        raise DomainError("offsets.too_many", maximum=MAX_OFFSETS)
    try:
        minutes = {parse_duration(p, maximum=MAX_OFFSET_MINUTES) for p in parts}
    except DomainError as exc:
        if exc.key == "duration.invalid":
            raise DomainError("offsets.invalid", value=text) from None
        raise
    return tuple(sorted(minutes, reverse=True))


def format_offsets(offsets: tuple[int, ...]) -> str:
    return ",".join(format_minutes(m) for m in offsets)


def as_timedelta(minutes: int) -> timedelta:
    return timedelta(minutes=minutes)
