"""Shared fixtures: a clean cache and media folder per test, the demo consultation, and Bangkok time."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import translation

from isolation import FILE_SYSTEM, process_memory_forget, settings_for_tests
from mailserver import smtp  # noqa: F401 (the real SMTP server on loopback, for every test)
from rapfang.consultations.counters import consultation_views_flush
from rapfang.core.actors import SYSTEM
from servers import run_database
from snapshot import snapshot_restore, snapshot_take

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
    choose their own database (`own_database`) do there exactly what they do in the SQLite run; the browser tests
    drive the same pages over the same services, which that run checks below the browser; and a test that asks for
    no database (pure Python: Thai text, forms, the architecture) cannot tell the two apart. Those marked
    `postgresql_too` run in both: the browser tests that reach what differs (search, moderation, a consultation from
    nothing) and the tests that start servers of their own on the run's database (the seat rush, the kill in a
    burst). RAPFANG_TEST_EVERYTHING=1 runs them all."""
    if run_database() != "postgresql" or os.environ.get("RAPFANG_TEST_EVERYTHING"):
        return
    for item in items:
        if item.get_closest_marker("postgresql_too"):
            continue
        if item.get_closest_marker("own_database"):
            item.add_marker(
                pytest.mark.skip(reason="its processes choose their own database: it runs in the SQLite run")
            )
        elif item.get_closest_marker("browser"):
            item.add_marker(
                pytest.mark.skip(reason="a browser test of the SQLite run (postgresql_too marks the others)")
            )
        elif not _asks_for_a_database(item):
            item.add_marker(pytest.mark.skip(reason="it asks for no database: the SQLite run covers it"))


DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def _asks_for_a_database(item: pytest.Item) -> bool:
    """Whether pytest-django lets the test reach the database (any other test is refused it)."""
    return bool(item.get_closest_marker("django_db")) or bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path, tmp_path_factory):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path_factory.mktemp("data")  # demo passwords, cached open data: each test its own
    for name, value in settings_for_tests(settings).items():
        setattr(settings, name, value)
    translation.activate(settings.LANGUAGE_CODE)  # a request to /en/ earlier in this thread leaves English active
    process_memory_forget()
    yield
    cache.clear()


def _demo_loaded():
    """The demo consultation loaded through the services, with the views the load counted written."""
    from rapfang.demo.loader import demo_load

    process_memory_forget()  # a session's snapshot is taken before a test's own fixtures forget the last test's views
    consultation = demo_load().consultation
    consultation_views_flush()
    return consultation


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo as loaded once in this test process (tests/snapshot.py)."""
    from django.conf import settings

    with django_db_blocker.unblock():
        taken = snapshot_take(tmp_path_factory.mktemp("demo"), _demo_loaded, settings_for_tests(settings))
    process_memory_forget()  # nothing the rolled-back load left in a cache may reach the test
    return taken


@pytest.fixture(autouse=True)
def _demo_snapshot_first(request):
    """The snapshot is taken before a test that asks for the demo makes rows of its own: taken after them, it would
    count them as the demo's and write them into every later test."""
    if "demo" in request.fixturenames:
        request.getfixturevalue("_demo_snapshot")


@pytest.fixture
def demo(_demo_snapshot, db, settings):
    """The seed's consultation with its real 2016 timeline, as `demo_load()` leaves it, written back from this
    process's snapshot (tests/snapshot.py): inside the test's transaction, or committed in a test that commits."""
    from django.db import transaction

    from rapfang.consultations.models import Consultation

    if settings.STORAGES["default"]["BACKEND"] != FILE_SYSTEM:  # the test keeps files elsewhere: load it there
        return _demo_loaded()
    with transaction.atomic():
        pk = snapshot_restore(_demo_snapshot, media=settings.MEDIA_ROOT, data=settings.DATA_DIR)
    return Consultation.objects.get(pk=pk)


@pytest.fixture
def queued(settings):
    """Jobs go to the database queue, as in production: a queued job is a row to read, and runs when the test says
    (`job.task.call(*job.args_kwargs["args"])`)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def foreign_topic(db):
    """A topic of another agency's consultation."""
    from rapfang.accounts.services import agency_save
    from rapfang.consultations.services import consultation_create, topic_save

    agency = agency_save(actor=SYSTEM, slug="elsewhere", name_th="หน่วยงานอื่น")
    consultation = consultation_create(actor=SYSTEM, agency=agency, slug="elsewhere", title_th="ร่างประกาศอื่น")
    return topic_save(actor=SYSTEM, consultation=consultation, key="tourism", name_th="ด้านการท่องเที่ยว")


@pytest.fixture
def full(settings):
    """Every place of this process's overload gate is taken: a request that comes now is answered 503 at once
    (`gate.release()` gives the places back)."""
    from gate import release, take_every_place

    take_every_place(settings)
    yield
    release()
