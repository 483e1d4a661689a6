"""The job worker after a database outage: the tasks it had claimed go back to the queue, others' stay theirs."""

from __future__ import annotations

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rapfang.core.worker import tasks_requeue

pytestmark = pytest.mark.django_db


def task(status: str, worker_ids: list[str]) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status, worker_ids=worker_ids, args_kwargs={"args": [1], "kwargs": {}}, backend_name="default",
        task_path="rapfang.comments.tasks.comment_receipt_mail", run_after=timezone.now(),
        started_at=timezone.now() if status == "RUNNING" else None,
    )  # fmt: skip


def test_the_tasks_a_worker_had_claimed_are_queued_again_and_no_others():
    mine, theirs, done = task("RUNNING", ["me"]), task("RUNNING", ["other"]), task("SUCCESSFUL", ["me"])
    assert tasks_requeue("me") == 1
    mine.refresh_from_db(), theirs.refresh_from_db(), done.refresh_from_db()
    assert (mine.status, mine.started_at) == ("READY", None)
    assert theirs.status == "RUNNING" and done.status == "SUCCESSFUL"
