"""Rate limits: a fixed-window counter in the cache.

With Redis (REDIS_URL) the count is shared by every app instance; with the default in-process cache each
process counts alone, so the effective limit is the limit times the number of processes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    requests: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Limit:
        """`30/60` is thirty requests a minute."""
        requests, _, seconds = text.partition("/")
        return cls(int(requests), int(seconds or 60))


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: int
    retry_after: int


def ratelimit_hit(*, key: str, limit: Limit, now: float | None = None) -> Decision:
    """Count one request against `key` and say whether it is within `limit`."""
    moment = time.time() if now is None else now
    window = int(moment // limit.seconds)
    cache_key = f"ratelimit:{key}:{limit.seconds}:{window}"
    cache.add(cache_key, 0, timeout=limit.seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the entry expired between add and incr
        cache.set(cache_key, 1, timeout=limit.seconds + 1)
        count = 1
    retry_after = int((window + 1) * limit.seconds - moment) + 1
    return Decision(allowed=count <= limit.requests, remaining=max(0, limit.requests - count), retry_after=retry_after)
