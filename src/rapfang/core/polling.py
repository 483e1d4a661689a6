"""Work the job worker does every second besides its queue: `settings.POLLED_JOBS` names functions by dotted path
(core imports no feature app), each called with no arguments and returning how many items it handled."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)
POLL_EVERY = 1.0  # seconds


def polled_jobs_run() -> int:
    """Call each polled job once; the items handled in all. A failing job is logged and the others still run."""
    handled = 0
    for path in settings.POLLED_JOBS:
        try:
            handled += int(import_string(path)() or 0)
        except (OperationalError, InterfaceError) as error:  # the database is away: one line, not a traceback
            logger.warning("polled job %s waits for the database: %s", path, str(error).splitlines()[0][:200])
        except Exception:  # the poller outlives a mail-server hiccup; the next round tries again
            logger.exception("polled job failed: %s", path)
    return handled


def _loop(stop: threading.Event) -> None:
    while not stop.is_set():
        close_old_connections()
        try:
            handled = polled_jobs_run()
        finally:
            close_old_connections()
        if not handled:  # busy: go round again at once
            stop.wait(POLL_EVERY)


def poller_start() -> threading.Event:
    """Start the polling thread (a daemon); set the returned event to stop it."""
    stop = threading.Event()
    threading.Thread(target=_loop, args=(stop,), name="polled-jobs", daemon=True).start()
    return stop
