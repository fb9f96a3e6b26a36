"""Optional REST rate limits, shaped as Discord documents them (off by default).

https://discord.com/developers/docs/topics/rate-limits:

- **Per-route buckets.** A route's limit is counted per bucket (routes may share one: they then share
  the same ``X-RateLimit-Bucket`` hash) and per *major parameter*: ``channel_id``, ``guild_id``, or
  ``webhook_id`` + ``webhook_token`` (here the interaction webhooks' ``application_id`` + ``token``).
  Every answer from a limited route carries ``X-RateLimit-Limit``, ``-Remaining``, ``-Reset`` (epoch
  seconds), ``-Reset-After`` (seconds) and ``-Bucket``. Routes without a rule are only under the
  global limit. Discord publishes no fixed per-route numbers; the rules below are the ones bots observe
  (5 messages per 5 s per channel, ...). Discord documents no separate limit for opening a DM channel
  (``POST /users/@me/channels``), so there is none here: it counts toward the global limit only.
- **Global.** 50 requests per second per bot, for bot-authenticated calls; interaction endpoints
  (the callback and the interaction webhooks, which need no bot token) are not bound by it.
- **429.** The body has ``message``, ``retry_after`` (seconds, float) and ``global``; the headers
  ``Retry-After`` (whole seconds, rounded up) and ``X-RateLimit-Scope`` (``user`` or ``global``),
  plus ``X-RateLimit-Global: true`` when the global limit was hit. ``Via`` is set as on Discord's
  responses (discord.py takes a 429 without it for a Cloudflare ban).

A refused request does not use up the budget it was refused from.

    fake = FakeDiscord(rate_limits=True)
    fake.rate_limits.rules["PATCH /channels/{channel_id}/messages/{message_id}"] = (5, 5.0)
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass
from typing import Optional

# route -> (limit, per seconds). Routes in the same entry of SHARED share one bucket.
DEFAULT_RULES: dict[str, tuple[int, float]] = {
    "POST /channels/{channel_id}/messages": (5, 5.0),
    "PATCH /channels/{channel_id}/messages/{message_id}": (5, 5.0),
    "DELETE /channels/{channel_id}/messages/{message_id}": (5, 1.0),
    "POST /webhooks/{application_id}/{token}": (5, 2.0),
    "PATCH /webhooks/{application_id}/{token}/messages/{message_id}": (5, 2.0),
    "PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id}": (10, 10.0),
    "DELETE /guilds/{guild_id}/members/{user_id}/roles/{role_id}": (10, 10.0),
}
# Routes counted in one bucket (Discord: "per-route rate limits may be shared across multiple,
# similar-use routes").
SHARED: tuple[tuple[str, ...], ...] = (
    ("PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id}",
     "DELETE /guilds/{guild_id}/members/{user_id}/roles/{role_id}"),
)
MAJOR_PARAMS = ("channel_id", "guild_id", "application_id", "token")
GLOBAL_PER_SECOND = 50


@dataclass
class Verdict:
    headers: dict[str, str]
    retry_after: Optional[float] = None  # set when the request is refused
    is_global: bool = False


def _bucket_hash(route: str) -> str:
    for group in SHARED:
        if route in group:
            route = group[0]
    return hashlib.sha1(route.encode()).hexdigest()[:16]


class RateLimiter:
    def __init__(self, enabled: bool = False, *, global_per_second: int = GLOBAL_PER_SECOND) -> None:
        self.enabled = enabled
        self.rules = dict(DEFAULT_RULES)
        self.global_per_second = global_per_second
        self._windows: dict[tuple[str, str], list[float]] = {}  # key -> [window_start, count]
        self.limited = 0          # 429s answered
        self.limited_global = 0   # of which global

    def reset(self) -> None:
        self._windows.clear()
        self.limited = self.limited_global = 0

    def _window(self, key: tuple[str, str], per: float, now: float) -> list[float]:
        window = self._windows.get(key)
        if window is None or now - window[0] >= per:
            window = self._windows[key] = [now, 0]
        return window

    def check(self, route: str, params: dict[str, str], *, authenticated: bool) -> Optional[Verdict]:
        """``None`` when the route is not limited at all; else headers, and retry_after if refused."""
        if not self.enabled:
            return None
        now = time.monotonic()
        rule = self.rules.get(route)
        glob = None
        if authenticated and self.global_per_second:
            glob = self._window(("global", ""), 1.0, now)
            if glob[1] >= self.global_per_second:
                reset_after = max(0.001, glob[0] + 1.0 - now)
                self.limited += 1
                self.limited_global += 1
                return Verdict({"X-RateLimit-Global": "true", "X-RateLimit-Scope": "global",
                                "Retry-After": str(math.ceil(reset_after)), "Via": "1.1 google"},
                               retry_after=round(reset_after, 3), is_global=True)
        if rule is None:
            if glob is not None:
                glob[1] += 1
            return None
        limit, per = rule
        bucket = _bucket_hash(route)
        major = "+".join(params[p] for p in MAJOR_PARAMS if p in params)
        window = self._window((bucket, major), per, now)
        reset_after = max(0.001, window[0] + per - now)
        headers = {
            "X-RateLimit-Bucket": bucket,
            "X-RateLimit-Limit": str(limit),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
        }
        if window[1] >= limit:
            self.limited += 1
            headers.update({"X-RateLimit-Remaining": "0", "X-RateLimit-Scope": "user",
                            "Retry-After": str(math.ceil(reset_after)), "Via": "1.1 google"})
            return Verdict(headers, retry_after=round(reset_after, 3))
        window[1] += 1
        if glob is not None:
            glob[1] += 1
        headers["X-RateLimit-Remaining"] = str(limit - int(window[1]))
        return Verdict(headers)
