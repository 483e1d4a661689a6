"""Django's Redis cache, made to outlive Redis: while Redis does not answer, the cache answers as an empty one.

A cache is a copy: pages render afresh, sessions read their database rows (`cached_db`), API keys are looked up,
and rate counters count in the database (core.hitcounter). After a failure this process leaves Redis alone for
`PAUSE` seconds, so that a Redis that is away costs one short timeout now and then, not one on every call; then
it tries again, and carries on as before when Redis is back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
T = TypeVar("T")


class TolerantRedisCache(RedisCache):
    PAUSE = 5.0  # seconds without trying Redis after it failed

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", 1.0)
        options.setdefault("socket_timeout", 1.0)
        super().__init__(server, params)
        self._away_until = 0.0

    def available(self) -> bool:
        return time.monotonic() >= self._away_until

    def failed(self, error: Exception) -> None:
        if self.available():
            logger.warning("cache: Redis does not answer (%s); working without it for %.0f s", error, self.PAUSE)
        self._away_until = time.monotonic() + self.PAUSE

    def _try(self, call: Callable[[], T], fallback: T) -> T:
        if not self.available():
            return fallback
        try:
            return call()
        except RedisError as error:
            self.failed(error)
            return fallback

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._try(lambda: super(TolerantRedisCache, self).get(key, default, version), default)

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        return self._try(lambda: super(TolerantRedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: Any = None) -> bool:
        return self._try(lambda: super(TolerantRedisCache, self).has_key(key, version), False)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return self._try(lambda: super(TolerantRedisCache, self).add(key, value, timeout, version), False)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> None:
        self._try(lambda: super(TolerantRedisCache, self).set(key, value, timeout, version), None)

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> list[Any]:
        return self._try(lambda: super(TolerantRedisCache, self).set_many(data, timeout, version), list(data))

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return self._try(lambda: super(TolerantRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key: Any, version: Any = None) -> bool:
        return self._try(lambda: super(TolerantRedisCache, self).delete(key, version), False)

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._try(lambda: super(TolerantRedisCache, self).delete_many(keys, version), None)

    def clear(self) -> None:
        self._try(lambda: super(TolerantRedisCache, self).clear(), None)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        if not self.available():
            raise ValueError("the cache is away")
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            self.failed(error)
            raise ValueError("the cache is away") from error
