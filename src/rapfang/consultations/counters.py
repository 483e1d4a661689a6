"""The public view counter, buffered in memory so that reading a page costs no write.

Each process adds views up and writes them with one UPDATE per consultation at most every
VIEW_COUNT_FLUSH_SECONDS, and when it exits. A counter is not a user's write: no audit entry.
"""

from __future__ import annotations

import atexit
import contextlib
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import F

from rapfang.consultations.models import Consultation

_lock = threading.Lock()
_pending: Counter[int] = Counter()
_last_flush = time.monotonic()


def consultation_view_record(consultation_id: int) -> None:
    """Count one view of a consultation's page."""
    global _last_flush
    with _lock:
        _pending[consultation_id] += 1
        due = time.monotonic() - _last_flush >= settings.VIEW_COUNT_FLUSH_SECONDS
        if due:
            _last_flush = time.monotonic()
    if due:
        consultation_views_flush()


def consultation_views_flush() -> int:
    """Write the buffered views to the database; returns how many were written."""
    with _lock:
        batch = dict(_pending)
        _pending.clear()
    if not batch:
        return 0
    with transaction.atomic():
        for consultation_id, count in sorted(batch.items()):
            Consultation.objects.filter(pk=consultation_id).update(views=F("views") + count)
    return sum(batch.values())


def _flush_at_exit() -> None:
    # The process is exiting (a worker recycled, Ctrl-C): keep what can be kept, never raise.
    with contextlib.suppress(Exception):
        consultation_views_flush()


atexit.register(_flush_at_exit)
