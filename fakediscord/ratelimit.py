"""Optional REST rate limits, shaped like Discord's (off by default).

Fixed windows per route bucket and major parameter (channel, guild or webhook token), plus a
global 50 requests per second for bot-authenticated calls. Limited requests get ``429`` with
``retry_after`` and the ``Via`` header discord.py looks for before it waits and retries; allowed
ones carry ``X-RateLimit-*`` headers so discord.py can pace itself as it does against Discord.

    fake = FakeDiscord(rate_limits=True)
    fake.rate_limits.rules["PATCH /channels/{channel_id}/messages/{message_id}"] = (5, 5.0)
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from typing import Optional

DEFAULT_RULES: dict[str, tuple[int, float]] = {
    "POST /channels/{channel_id}/messages": (5, 5.0),
    "PATCH /channels/{channel_id}/messages/{message_id}": (5, 5.0),
    "DELETE /channels/{channel_id}/messages/{message_id}": (5, 1.0),
    "POST /users/@me/channels": (10, 10.0),
    "POST /webhooks/{application_id}/{token}": (5, 2.0),
    "PATCH /webhooks/{application_id}/{token}/messages/{message_id}": (5, 2.0),
    "PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id}": (10, 10.0),
}
MAJOR_PARAMS = ("channel_id", "guild_id", "token")


@dataclass
class Verdict:
    headers: dict[str, str]
    retry_after: Optional[float] = None  # set when the request is refused
    is_global: bool = False


class RateLimiter:
    def __init__(self, enabled: bool = False, *, global_per_second: int = 50) -> None:
        self.enabled = enabled
        self.rules = dict(DEFAULT_RULES)
        self.global_per_second = global_per_second
        self._windows: dict[tuple[str, str], list[float]] = {}  # key -> [window_start, count]
        self.limited = 0

    def reset(self) -> None:
        self._windows.clear()

    def _take(self, key: tuple[str, str], limit: int, per: float, now: float) -> tuple[bool, int, float]:
        window = self._windows.get(key)
        if window is None or now - window[0] >= per:
            window = self._windows[key] = [now, 0]
        reset_after = window[0] + per - now
        if window[1] >= limit:
            return False, 0, reset_after
        window[1] += 1
        return True, limit - int(window[1]), reset_after

    def check(self, route: str, params: dict[str, str], *, authenticated: bool) -> Optional[Verdict]:
        """``None`` when the route is not limited; else headers, and retry_after if refused."""
        if not self.enabled:
            return None
        now = time.monotonic()
        if authenticated and self.global_per_second:
            ok, _, reset_after = self._take(("global", ""), self.global_per_second, 1.0, now)
            if not ok:
                self.limited += 1
                return Verdict({"X-RateLimit-Global": "true", "X-RateLimit-Scope": "global",
                                "Retry-After": str(max(1, round(reset_after))), "Via": "1.1 google"},
                               retry_after=round(reset_after, 3), is_global=True)
        rule = self.rules.get(route)
        if rule is None:
            return None
        limit, per = rule
        major = "+".join(params[p] for p in MAJOR_PARAMS if p in params)
        ok, remaining, reset_after = self._take((route, major), limit, per, now)
        bucket = hashlib.sha1(route.encode()).hexdigest()[:16]
        headers = {
            "X-RateLimit-Bucket": bucket,
            "X-RateLimit-Limit": str(limit),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
        }
        if ok:
            return Verdict(headers)
        self.limited += 1
        headers.update({"X-RateLimit-Scope": "user", "Retry-After": str(max(1, round(reset_after))), "Via": "1.1 google"})
        return Verdict(headers, retry_after=round(reset_after, 3))
