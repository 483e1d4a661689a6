"""What a process checks before it serves: a site on many machines, or in production, needs a secret key from the
environment; and the database schema is brought up to date by one process only (`rapfang migrate`).

- The secret key signs sessions and the links e-mailed to registrants. A key generated into one machine's data
  folder works on that machine only: a link made on one machine would fail on the next. So `rapfang serve`,
  `rapfang worker` and the WSGI application refuse to start without SECRET_KEY (or SECRET_KEY_FILE) when the site
  declares many machines (RAPFANG_INSTANCES above 1, or REDIS_URL), or runs in production (not `make run`, not
  RAPFANG_DEBUG). A development machine keeps the generated key.
- Migrations run under a lock that every process on the site shares: a PostgreSQL advisory lock, or a file lock
  beside the SQLite database. Processes that must not migrate wait until the schema is current instead.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection

from rapfang.core.supervise import Backoff

logger = logging.getLogger(__name__)
MIGRATION_LOCK = 7_274_133_601  # the PostgreSQL advisory lock's number: any constant the site's processes share

KEY_MISSING = (
    "rapfang will not start: {reason}, and no SECRET_KEY is set. Every machine and process of a site must sign "
    "with the same key, given in the environment: SECRET_KEY=... or SECRET_KEY_FILE=/path/to/a/file holding it. "
    "Make one with: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'. "
    "On a development machine, `make run` (or RAPFANG_DEVELOPMENT=1) keeps a generated key in the data folder."
)


class StartRefused(Exception):
    """The process must not start; the message says why and what to do."""


def many_machines() -> bool:
    return settings.INSTANCES > 1 or bool(settings.REDIS_URL)


def start_check() -> None:
    """Raise StartRefused when this process must not serve with the configuration it has."""
    if settings.SECRET_KEY_FROM_ENVIRONMENT:
        return
    if many_machines():
        reason = "the site runs on several machines (RAPFANG_INSTANCES above 1, or REDIS_URL set)"
        raise StartRefused(KEY_MISSING.format(reason=reason))
    if not settings.DEVELOPMENT:
        raise StartRefused(KEY_MISSING.format(reason="this is a production site (not `make run`, not RAPFANG_DEBUG)"))


def pending_migrations() -> list[str]:
    """The migrations the database still lacks, as `app.name`; empty when the schema is current."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


@contextlib.contextmanager
def migration_lock() -> Iterator[None]:
    """Held by one process of the site at a time, on every machine: PostgreSQL's advisory lock, else a file lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])
        return
    path = Path(str(connection.settings_dict["NAME"]) + ".migrate-lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def migrate_once(*, verbosity: int = 1) -> int:
    """Apply the pending migrations under the site's lock; how many were applied (0 when another process did)."""
    from django.core.management import call_command

    with migration_lock():
        pending = pending_migrations()
        if pending:
            call_command("migrate", interactive=False, verbosity=verbosity)
    return len(pending)


def schema_wait(*, say: Callable[[str], None] | None = None, most: float = 10.0) -> None:
    """Wait, with growing pauses, until the database's schema is current (another process runs the migrations)."""
    say = say or (lambda text: print(text, file=sys.stderr, flush=True))
    backoff = Backoff(first=0.5, most=most)
    while pending := pending_migrations():
        pause = backoff.next()
        say(f"The database lacks {len(pending)} migrations (first: {pending[0]}); waiting for `rapfang migrate`, "
            f"trying again in {pause:.1f} s")  # fmt: skip
        connection.close()
        time.sleep(pause)
