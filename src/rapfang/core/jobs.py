"""What background jobs share: a job queued with the change that owes it, and their progress, written on the job's
own row for the staff page that follows it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend

Progress = Callable[[str, int, int], None]  # stage, done, total
WRITE_EVERY = 0.5  # seconds between progress writes within a stage


def job_enqueue_durable(task: Task[..., Any], *args: Any) -> None:
    """Queue `task` in the caller's transaction: with the database queue the job's row is written, or not, with the
    change that owes it, so no crash can keep the one and lose the other (decision 24). With any other backend (jobs
    run at once in the tests, or a queue outside the database) the job waits for the commit, so that it never acts
    on a change that is then rolled back or not yet visible."""
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args))


def stage_spans(shares: Iterable[tuple[str, int]]) -> dict[str, tuple[int, int]]:
    """Each stage's span of the 100 per cent from its share, in the order the job works: ("a", 10), ("b", 90)."""
    spans, low = {}, 0
    for stage, share in shares:
        spans[stage] = (low, low + share)
        low += share
    return spans


class RowProgress:
    """Turns a job's (stage, done, total) calls into a percentage written on its row, and passes them on to `hook`.

    The row (`rows`, one row's queryset) gets `stage` and `progress` when the stage changes and at most every
    WRITE_EVERY seconds within a stage; never 100 %, which the job writes itself when it has finished.
    """

    def __init__(self, rows: QuerySet[Any], spans: dict[str, tuple[int, int]], hook: Progress | None = None) -> None:
        self.rows, self.spans, self.hook = rows, spans, hook
        self.written_at, self.last = 0.0, (-1, "")

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.hook:
            self.hook(stage, done, total)
        low, high = self.spans[stage]
        percent = min(99, low + (high - low) * done // total if total else high)
        now = time.monotonic()
        if (percent, stage) != self.last and (stage != self.last[1] or now - self.written_at >= WRITE_EVERY):
            self.rows.update(stage=stage, progress=percent)
            self.written_at, self.last = now, (percent, stage)
