"""Daily jobs without cron: each job worker checks once a minute and queues what is due today.

`settings.DAILY_JOBS` names django-tasks tasks by dotted path (core imports no feature app). A job is due once per
Bangkok day, from `settings.DAILY_JOBS_HOUR` o'clock on; the unique (job, day) row decides which worker queues it,
so several workers queue each job once. A worker started later in the day queues the day's jobs at once.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from rapfang.core.models import DailyRun

logger = logging.getLogger(__name__)
BANGKOK = ZoneInfo("Asia/Bangkok")
CHECK_EVERY = 60.0  # seconds


def daily_jobs_queue(*, now: datetime | None = None) -> list[str]:
    """Queue every daily job that is due and not yet queued today; the dotted paths of those queued now."""
    local = timezone.localtime(now or timezone.now(), BANGKOK)
    if local.time() < time(settings.DAILY_JOBS_HOUR):
        return []
    queued = []
    for path in settings.DAILY_JOBS:
        try:
            with transaction.atomic():
                DailyRun.objects.create(job=path, day=local.date())
                transaction.on_commit(import_string(path).enqueue)
        except IntegrityError:
            continue  # queued today already, here or by another worker
        queued.append(path)
        logger.info("daily job queued: %s", path)
    return queued


def _loop(stop: threading.Event) -> None:
    while not stop.is_set():
        close_old_connections()
        try:
            daily_jobs_queue()
        except Exception:  # the scheduler outlives a database hiccup; the next check tries again
            logger.exception("daily jobs could not be queued")
        finally:
            close_old_connections()
        stop.wait(CHECK_EVERY)


def scheduler_start() -> threading.Event:
    """Start the checking thread (a daemon); set the returned event to stop it."""
    stop = threading.Event()
    threading.Thread(target=_loop, args=(stop,), name="daily-jobs", daemon=True).start()
    return stop
