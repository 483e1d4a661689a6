"""Shared fixtures: a clean cache and media folder per test, the demo consultation, and Bangkok time."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import translation

from mailserver import smtp  # noqa: F401 (the real SMTP server on loopback, for every test)
from rapfang.accounts import selectors as apikey_selectors
from rapfang.consultations import counters
from rapfang.consultations.counters import consultation_views_flush
from servers import run_database

# aiosmtpd logs every connection at INFO from its own thread, sometimes after pytest has closed the stream.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    _long_files_first(items)
    _skip_what_the_sqlite_run_covers(items)


def _file_rank(item: pytest.Item) -> int:
    if item.get_closest_marker("long") or item.get_closest_marker("own_database"):
        return 0
    return 1 if item.get_closest_marker("browser") else 2


def _long_files_first(items: list[pytest.Item]) -> None:
    """The test processes take whole files (`--dist loadfile`) in the order collected (`--no-loadscope-reorder`):
    the files of tens of seconds go first, the browser's next, the quick ones last, so no process is left at the end
    with a long file while the others wait. The order within a file stays as written."""
    rank: dict[Path, tuple[int, int]] = {}
    for position, item in enumerate(items):
        first = rank.get(item.path, (2, position))
        rank[item.path] = (min(first[0], _file_rank(item)), first[1])
    items.sort(key=lambda item: rank[item.path])  # stable: the order within a file is kept


def _skip_what_the_sqlite_run_covers(items: list[pytest.Item]) -> None:
    """A PostgreSQL run leaves out what would only repeat the SQLite run (decision 23): the tests whose processes
    choose their own database (`own_database`) do there exactly what they do in the SQLite run, and the browser tests
    drive the same pages over the same services, which that run checks below the browser; the browser tests marked
    `postgresql_too` (search, moderation, a consultation from nothing) run in both. RAPFANG_TEST_EVERYTHING=1 runs
    them all."""
    if run_database() != "postgresql" or os.environ.get("RAPFANG_TEST_EVERYTHING"):
        return
    for item in items:
        if item.get_closest_marker("own_database"):
            item.add_marker(
                pytest.mark.skip(reason="its processes choose their own database: it runs in the SQLite run")
            )
        elif item.get_closest_marker("browser") and not item.get_closest_marker("postgresql_too"):
            item.add_marker(
                pytest.mark.skip(reason="a browser test of the SQLite run (postgresql_too marks the others)")
            )


# A fast hash in tests: the default (PBKDF2, about 0.8 s a password on this kind of machine) would cost seconds in
# every test that makes staff accounts, the demo's three included. Password checks behave the same.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path, tmp_path_factory):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path_factory.mktemp("data")  # demo passwords, cached open data: each test its own
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    translation.activate(settings.LANGUAGE_CODE)  # a request to /en/ earlier in this thread leaves English active
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.COMMENT_FOLLOWUP_INLINE = True  # a comment's search entry and mail right after it is taken
    cache.clear()
    counters._pending.clear()  # views buffered by an earlier test belong to no row of this one
    apikey_selectors._recent.clear()  # keys an earlier test's requests read
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The seed's consultation with its real 2016 timeline."""
    from rapfang.demo.loader import demo_load

    result = demo_load()
    consultation_views_flush()
    return result.consultation


@pytest.fixture
def foreign_topic(db):
    """A topic of another agency's consultation."""
    from rapfang.accounts.services import agency_save
    from rapfang.consultations.services import consultation_create, topic_save

    agency = agency_save(actor=None, slug="elsewhere", name_th="หน่วยงานอื่น")
    consultation = consultation_create(actor=None, agency=agency, slug="elsewhere", title_th="ร่างประกาศอื่น")
    return topic_save(actor=None, consultation=consultation, key="tourism", name_th="ด้านการท่องเที่ยว")


@pytest.fixture
def full(settings):
    """Every place of this process's overload gate is taken: a request that comes now is answered 503 at once
    (`gate.release()` gives the places back)."""
    from gate import BOUND, release
    from rapfang.core.overload import gate

    settings.MAX_IN_FLIGHT, settings.QUEUE_WAIT_SECONDS, settings.OVERLOAD_RETRY_AFTER = BOUND, 0, 5
    assert all(gate.enter(BOUND, 0) for _place in range(BOUND))
    yield
    release()
