"""The job worker that outlives its database: django-tasks' database worker in a loop that waits out an outage.

`rapfang worker` starts the threads of the polled jobs (the mail outbox), the daily jobs and the heartbeat, then
runs django-tasks-db's worker. When the database goes away the worker's loop raises; here the connections are
closed, the worker waits a growing pause (Backoff, at most ten seconds) and starts again, so it resumes within
seconds of the database's return. A task that this worker had claimed when the database went away is put back in
the queue (a task runs at least once).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from rapfang.core.models import WorkerHeartbeat
from rapfang.core.supervise import STABLE_AFTER, Backoff

logger = logging.getLogger(__name__)
HEARTBEAT_EVERY = 5.0  # seconds
OUTAGES = (OperationalError, InterfaceError)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def heartbeat_beat(name: str) -> None:
    """Say this worker is alive now; forget workers not seen for a day."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"seen_at": now})
    WorkerHeartbeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()


def _heartbeat_loop(name: str, stop: threading.Event) -> None:
    while not stop.is_set():
        close_old_connections()
        try:
            heartbeat_beat(name)
        except DatabaseError as error:  # the database is away: beat again when it is back
            logger.warning("heartbeat not written: %s", error)
        finally:
            close_old_connections()
        stop.wait(HEARTBEAT_EVERY)


def heartbeat_start(name: str) -> threading.Event:
    stop = threading.Event()
    threading.Thread(target=_heartbeat_loop, args=(name, stop), name="heartbeat", daemon=True).start()
    return stop


def tasks_requeue(worker_id: str) -> int:
    """Put back in the queue the tasks this worker had claimed and not finished (after an outage)."""
    running = DBTaskResult.objects.filter(status="RUNNING").only("id", "worker_ids")
    mine = [task.pk for task in running if worker_id in (task.worker_ids or [])]
    return DBTaskResult.objects.filter(pk__in=mine).update(status="READY", started_at=None)


def worker_run(*, interval: float = 1.0) -> None:
    """Run the database worker until told to stop (SIGINT, SIGTERM), through any number of database outages."""
    worker_id = get_random_string(32)
    worker = Worker(
        queue_names=["*"], interval=interval, batch=False, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id=worker_id, excluded_queue_names=[],
    )  # fmt: skip
    worker.configure_signals()
    backoff = Backoff(first=0.5, most=10.0)
    while True:
        started = time.monotonic()
        try:
            if backoff.tries:
                tasks_requeue(worker_id)
            worker.run()
            return
        except OUTAGES as error:
            connections.close_all()
            if time.monotonic() - started >= STABLE_AFTER:
                backoff.reset()
            pause = backoff.next()
            logger.warning("job worker: the database is away (%s); trying again in %.1f s", error, pause)
            time.sleep(pause)
