"""With Redis: rate counts shared by processes and atomic in Redis; while Redis is away the site works on (the cache
answers as empty, counts go to the database) and picks Redis up again when it is back. A Redis of the test's own."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from django.core.cache import cache, caches
from ratelimit_helpers import database_url

from rapfang.core.cache import TolerantRedisCache
from rapfang.core.models import RateCounter
from rapfang.core.ratelimit import Limit, ratelimit_hit, ratelimit_refund
from servers import RedisServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_server(tmp_path, settings):
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {"default": {"BACKEND": "rapfang.core.cache.TolerantRedisCache", "LOCATION": server.url,
                                   "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3}}}  # fmt: skip
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def short_pause(monkeypatch):
    monkeypatch.setattr(TolerantRedisCache, "PAUSE", 0.2)


HITTER = """
import sys, django
django.setup()
from rapfang.core.ratelimit import Limit, ratelimit_hit
print(sum(ratelimit_hit(key="redis-processes", limit=Limit(int(sys.argv[1]), 3600)).allowed for _ in range(40)))
"""


def test_processes_share_one_count_in_redis_and_nothing_is_written_to_the_database(redis_server, settings):
    env = {"DATABASE_URL": database_url(settings), "REDIS_URL": redis_server.url, "PATH": "/usr/bin:/bin",
           "RAPFANG_DATA_DIR": str(settings.DATA_DIR), "DJANGO_SETTINGS_MODULE": "rapfang.settings",
           "PYTHONPATH": "src"}  # fmt: skip
    children = [subprocess.Popen([sys.executable, "-c", HITTER, "90"], env=env, stdout=subprocess.PIPE, text=True)  # noqa: S603
                for _ in range(4)]  # fmt: skip
    assert sum(int(child.communicate(timeout=120)[0]) for child in children) == 90
    assert not RateCounter.objects.exists()


HOUR = 7200.0


def test_a_refund_in_redis_takes_back_one_hit_and_never_goes_below_nothing(redis_server):
    limit = Limit(2, 3600)  # all in one hour's window
    counted = ratelimit_hit(key="redis-copy", limit=limit, now=HOUR).counted
    assert ratelimit_hit(key="redis-copy", limit=limit, now=HOUR).allowed
    ratelimit_refund(counted)
    assert ratelimit_hit(key="redis-copy", limit=limit, now=HOUR).allowed
    assert not ratelimit_hit(key="redis-copy", limit=limit, now=HOUR).allowed
    for _ in range(5):
        ratelimit_refund(counted)
    assert ratelimit_hit(key="redis-copy", limit=limit, now=HOUR).remaining == 1  # from nothing, not from below it
    assert not RateCounter.objects.exists()


def test_while_redis_is_away_the_cache_is_empty_and_limits_count_in_the_database(redis_server, short_pause):
    cache.set("k", "v")
    assert cache.get("k") == "v"
    redis_server.stop()
    started = time.monotonic()
    assert cache.get("k") is None and cache.add("x", 1) is False and cache.set("k", "w") is None
    limit = Limit(3, 3600)
    assert [ratelimit_hit(key="away", limit=limit).allowed for _ in range(4)] == [True, True, True, False]
    assert RateCounter.objects.filter(name__contains="away").exists()
    assert time.monotonic() - started < 3  # one short timeout, not one per call

    redis_server.start()
    time.sleep(0.3)
    cache.set("k", "back")
    assert cache.get("k") == "back"
    assert caches["default"].get("k") == "back"


def test_pages_and_the_api_answer_while_redis_is_away(client, demo, redis_server, short_pause):
    assert client.get("/").status_code == 200
    redis_server.stop()
    assert client.get("/").status_code == 200
    assert client.get(f"/consultations/{demo.slug}/").status_code == 200
    assert client.get("/api/v1/consultations").status_code == 200
