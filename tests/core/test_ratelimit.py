"""Rate limits counted in the database (no Redis): windows, bursts, keys, and one count for several processes."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from ratelimit_helpers import database_url

from rapfang.core.models import RateCounter
from rapfang.core.ratelimit import (
    Limit,
    Rule,
    address_key,
    identity_key,
    mail_allowed,
    ratelimit_hit,
    ratelimit_refund,
)

pytestmark = pytest.mark.django_db


def test_requests_within_the_limit_pass_and_the_next_is_refused():
    limit = Limit(3, 60)
    decisions = [ratelimit_hit(key="t", limit=limit, now=1000.0) for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert decisions[2].remaining == 0 and decisions[3].retry_after == 21


def test_a_new_window_starts_afresh_at_its_first_second_and_keys_are_separate():
    limit = Limit(1, 60)
    assert ratelimit_hit(key="a", limit=limit, now=59.0).allowed
    assert not ratelimit_hit(key="a", limit=limit, now=59.999).allowed
    assert ratelimit_hit(key="a", limit=limit, now=60.0).allowed
    assert ratelimit_hit(key="b", limit=limit, now=59.5).allowed


def test_a_refund_takes_back_one_hit_in_the_windows_it_was_counted_in_and_never_goes_below_nothing():
    rule = Rule((Limit(2, 60), Limit(3, 3600)))
    counted = ratelimit_hit(key="copy", limit=rule, now=3590.0).counted
    assert counted == ("rl:copy:60:59", "rl:copy:3600:0")
    assert ratelimit_hit(key="copy", limit=rule, now=3595.0).allowed
    ratelimit_refund(counted)  # taken back in the windows of 3590, though the minute has not turned
    assert ratelimit_hit(key="copy", limit=rule, now=3596.0).allowed  # two in the minute again, not three
    assert not ratelimit_hit(key="copy", limit=rule, now=3597.0).allowed
    for _ in range(5):
        ratelimit_refund(counted)
    assert dict(RateCounter.objects.values_list("name", "hits")) == {"rl:copy:60:59": 0, "rl:copy:3600:0": 0}


def test_limits_are_written_as_requests_over_seconds_and_a_rule_lists_several():
    assert Limit.parse("30/60") == Limit(30, 60)
    assert Limit.parse("5") == Limit(5, 60)
    assert Rule.parse("300/60, 3000/3600") == Rule((Limit(300, 60), Limit(3000, 3600)))


def test_a_burst_passes_within_the_long_limit_and_refusals_do_not_use_up_the_long_window():
    rule = Rule((Limit(3, 10), Limit(5, 3600)))
    first = [ratelimit_hit(key="r", limit=rule, now=7200.0 + i * 0.1).allowed for i in range(6)]
    assert first == [True, True, True, False, False, False]  # the burst of three, then refused within ten seconds
    second = [ratelimit_hit(key="r", limit=rule, now=7210.0 + i * 0.1).allowed for i in range(3)]
    assert second == [True, True, False]  # the hour had counted three, not six: two more pass
    refused = ratelimit_hit(key="r", limit=rule, now=7220.0)
    assert not refused.allowed and refused.retry_after == 3600 * 3 - 7220 + 1


def test_an_ipv6_client_is_counted_by_its_64_network_and_ipv4_by_its_address():
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1")
    assert address_key("::ffff:203.0.113.9") == "203.0.113.9"
    assert address_key("203.0.113.9") != address_key("203.0.113.10")
    assert address_key("") == "unknown"


def test_counters_keep_no_e_mail_address_or_telephone_number():
    for _ in range(3):
        mail_allowed("Somchai@Example.org")
    names = list(RateCounter.objects.values_list("name", flat=True))
    assert names and not any("somchai" in name.lower() or "example" in name for name in names)
    assert identity_key("Somchai@Example.org ") == identity_key("somchai@example.org")


def test_mail_to_one_address_stops_at_its_limit_and_others_still_get_theirs(settings):
    settings.RATE_LIMIT_MAIL = "3/3600"
    assert [mail_allowed("a@example.org") for _ in range(4)] == [True, True, True, False]
    assert mail_allowed("b@example.org")


def _hits_in_a_thread(count: int) -> list[bool]:
    try:
        return [ratelimit_hit(key="threads", limit=Limit(25, 3600)).allowed for _ in range(count)]
    finally:
        connection.close()  # each thread has its own connection


def test_parallel_hits_in_threads_are_counted_exactly(transactional_db):
    with ThreadPoolExecutor(6) as pool:
        allowed = [one for chunk in pool.map(_hits_in_a_thread, [10] * 6) for one in chunk]
    assert allowed.count(True) == 25


HITTER = """
import os, sys, django
django.setup()
from rapfang.core.ratelimit import Limit, ratelimit_hit
allowed = sum(ratelimit_hit(key="processes", limit=Limit(int(sys.argv[1]), 3600)).allowed for _ in range(40))
print(allowed)
"""


def test_processes_share_one_count(transactional_db, settings):
    """Four processes, as gunicorn's workers, hit one key 40 times each: exactly the limit passes in all."""
    env = {"DATABASE_URL": database_url(settings), "RAPFANG_DATA_DIR": str(settings.DATA_DIR),
           "DJANGO_SETTINGS_MODULE": "rapfang.settings", "PYTHONPATH": "src", "PATH": "/usr/bin:/bin"}  # fmt: skip
    children = [
        subprocess.Popen([sys.executable, "-c", HITTER, "70"], env=env, stdout=subprocess.PIPE, text=True)  # noqa: S603
        for _ in range(4)
    ]
    counts = [int(child.communicate(timeout=120)[0].strip()) for child in children]
    assert sum(counts) == 70, counts


def test_a_count_on_sqlite_is_committed_without_a_sync_of_its_own(transactional_db):
    """The counter's commit does not wait for the disk (a comment's commit right after syncs it with its own); the
    connection is left as synced as it was, so the next commit of a receipt waits for the disk again."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's counter turns the sync off in a statement of its own (the next test)")
    with CaptureQueriesContext(connection) as statements:
        assert ratelimit_hit(key="sync", limit=Limit(5, 60), now=1000.0).allowed
    sql = [statement["sql"] for statement in statements.captured_queries]
    upsert = next(index for index, text in enumerate(sql) if text.startswith("INSERT"))
    assert sql[upsert - 1] == "PRAGMA synchronous = NORMAL" and sql[upsert + 1] == "PRAGMA synchronous = 2"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL, as settings.SQLITE_PRAGMAS set it
    assert RateCounter.objects.get(name__startswith="rl:sync:").hits == 1


def test_a_count_on_postgresql_is_one_unsynced_statement_and_leaves_the_session_synced(transactional_db):
    """One round trip: the upsert is its own transaction, with synchronous_commit off for that transaction alone."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's counter turns the sync off around its commit (the test above)")
    with CaptureQueriesContext(connection) as statements:
        assert ratelimit_hit(key="sync", limit=Limit(5, 60), now=1000.0).allowed
        assert ratelimit_hit(key="sync", limit=Limit(5, 60), now=1000.0).remaining == 3
    sql = [statement["sql"] for statement in statements.captured_queries]
    assert len(sql) == 2 and all("set_config('synchronous_commit', 'off', true)" in text for text in sql)
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"
    assert RateCounter.objects.get(name__startswith="rl:sync:").hits == 2
