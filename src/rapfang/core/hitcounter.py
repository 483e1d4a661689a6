"""Counters shared by every process and machine: how many times a key was hit in its window.

With Redis (REDIS_URL) a hit is one atomic script (INCR, and EXPIRE on the first hit) in Redis. Without Redis, a
hit is one atomic upsert in the site's database (`INSERT ... ON CONFLICT DO UPDATE ... RETURNING`, SQLite 3.35+ and
PostgreSQL), so the web server's processes on one machine, or several machines on one PostgreSQL, count together.
A count is committed without waiting for the disk (on PostgreSQL 0.4 ms a hit instead of 0.5-2.3 ms on a busy
machine; on SQLite, whose commits are otherwise synced, decision 19, one sync fewer per request): a count lost in a
power cut matters less. When Redis does not answer, hits are counted in the database until
it does again.

Keys carry their window, so a key is never reused: expired rows are only swept away now and then.
"""

from __future__ import annotations

import logging
import random
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.db.models import F
from redis.exceptions import RedisError

from rapfang.core.cache import TolerantRedisCache
from rapfang.core.models import RateCounter

logger = logging.getLogger(__name__)
SWEEP_ONE_IN = 500  # on average, one hit in this many deletes the expired rows
INCR_SCRIPT = "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n"
DECR_SCRIPT = "if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then return redis.call('DECR', KEYS[1]) end return 0"


def hit(key: str, *, ttl: int, now: float | None = None) -> int:
    """Count one hit on `key` (kept `ttl` seconds after its first hit); the count including this one."""
    backend = caches["default"]
    if isinstance(backend, RedisCache) and (not isinstance(backend, TolerantRedisCache) or backend.available()):
        try:
            return _redis_hit(backend, key, ttl)
        except RedisError as error:
            if isinstance(backend, TolerantRedisCache):
                backend.failed(error)
            logger.warning("rate counters: Redis does not answer (%s); counting in the database", error)
    return _database_hit(key, ttl, now)


def unhit(key: str) -> None:
    """Take back one hit on `key` (never below nothing): a hit for something that, it turned out, was not done."""
    backend = caches["default"]
    if isinstance(backend, RedisCache) and (not isinstance(backend, TolerantRedisCache) or backend.available()):
        try:
            full_key = backend.make_and_validate_key(f"hits:{key}")
            client = backend._cache.get_client(full_key, write=True)  # type: ignore[attr-defined]
            client.eval(DECR_SCRIPT, 1, full_key)
            return
        except RedisError as error:
            if isinstance(backend, TolerantRedisCache):
                backend.failed(error)
    RateCounter.objects.filter(name=key[:200], hits__gt=0).update(hits=F("hits") - 1)


def peek(key: str) -> int:
    """The hits on `key` so far, counting none."""
    backend = caches["default"]
    if isinstance(backend, RedisCache) and (not isinstance(backend, TolerantRedisCache) or backend.available()):
        try:
            full_key = backend.make_and_validate_key(f"hits:{key}")
            return int(backend._cache.get_client(full_key).get(full_key) or 0)  # type: ignore[attr-defined]
        except RedisError as error:
            if isinstance(backend, TolerantRedisCache):
                backend.failed(error)
    found = RateCounter.objects.filter(name=key[:200]).values_list("hits", flat=True).first()
    return int(found or 0)


def _redis_hit(backend: RedisCache, key: str, ttl: int) -> int:
    full_key = backend.make_and_validate_key(f"hits:{key}")
    client = backend._cache.get_client(full_key, write=True)  # type: ignore[attr-defined]
    return int(client.eval(INCR_SCRIPT, 1, full_key, ttl))


def _database_hit(key: str, ttl: int, now: float | None) -> int:
    moment = time.time() if now is None else now
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        count = _postgresql_unsynced_upsert(key, int(moment) + ttl)
    elif connection.vendor == "sqlite" and not connection.in_atomic_block:
        count = _sqlite_unsynced_upsert(key, int(moment) + ttl)
    else:
        count = _upsert(key, int(moment) + ttl)
    if random.randrange(SWEEP_ONE_IN) == 0:  # noqa: S311 (spreading housework, not security)
        RateCounter.objects.filter(expires__lt=int(moment)).delete()
    return count


def _sqlite_unsynced_upsert(key: str, expires: int) -> int:
    """The upsert committed without syncing SQLite's write-ahead log (`synchronous=NORMAL` for this one commit), as on
    PostgreSQL: the next synced commit of any connection (a comment's, decision 19) puts it on disk with its own.
    Only a power cut can lose it, never a crash of the process, and the database stays whole either way."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        level = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA synchronous = NORMAL")
        try:
            return _upsert(key, expires)
        finally:
            cursor.execute(f"PRAGMA synchronous = {level}")


def _postgresql_unsynced_upsert(key: str, expires: int) -> int:
    """The upsert as one statement, its own transaction, committed without waiting for the disk (0.2 ms instead of a
    flush of ~5 ms): `set_config(..., true)` is `SET LOCAL synchronous_commit TO OFF` for that transaction alone, so
    one round trip to the server instead of four (BEGIN, SET LOCAL, the upsert, COMMIT)."""
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH unsynced AS (SELECT set_config('synchronous_commit', 'off', true)) "  # noqa: S608
            f"INSERT INTO {table} (name, hits, expires) "
            f"SELECT CAST(%s AS varchar), 1, CAST(%s AS bigint) FROM unsynced "
            f"ON CONFLICT (name) DO UPDATE SET hits = {table}.hits + 1 RETURNING hits",
            [key[:200], expires],
        )
        return int(cursor.fetchone()[0])


def _upsert(key: str, expires: int) -> int:
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (name, hits, expires) VALUES (%s, 1, %s) "  # noqa: S608
            f"ON CONFLICT (name) DO UPDATE SET hits = {table}.hits + 1 RETURNING hits",
            [key[:200], expires],
        )
        return int(cursor.fetchone()[0])
