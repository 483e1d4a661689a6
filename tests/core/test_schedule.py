"""Daily jobs are queued once per Bangkok day, from the configured hour on, whatever the number of checks."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from rapfang.core.models import DailyRun
from rapfang.core.schedule import daily_jobs_queue

BANGKOK = ZoneInfo("Asia/Bangkok")
JOBS = ["rapfang.hearings.tasks.reminders_send", "rapfang.hearings.tasks.registrations_purge"]


@pytest.fixture(autouse=True)
def _jobs(settings):
    settings.DAILY_JOBS = JOBS
    settings.DAILY_JOBS_HOUR = 6


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, second, tzinfo=BANGKOK)


@pytest.mark.django_db
def test_nothing_before_the_hour(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert daily_jobs_queue(now=at(2, 5, 59, 59)) == []
    assert callbacks == []
    assert not DailyRun.objects.exists()


@pytest.mark.django_db
def test_queued_at_the_hour_once_a_day(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert daily_jobs_queue(now=at(2, 6)) == JOBS
    queued = [callback for callback in callbacks if getattr(callback, "__name__", "") == "enqueue"]
    assert len(queued) == len(JOBS)  # every job ran (inline in tests)
    with django_capture_on_commit_callbacks(execute=True) as again:
        assert daily_jobs_queue(now=at(2, 23, 59, 59)) == []
    assert not [callback for callback in again if getattr(callback, "__name__", "") == "enqueue"]
    assert daily_jobs_queue(now=at(3, 6)) == JOBS
    assert DailyRun.objects.count() == 4


@pytest.mark.django_db
def test_the_day_is_bangkoks():
    # 23:30 UTC on the 1st is 06:30 on the 2nd in Bangkok: the 2nd's jobs are due.
    daily_jobs_queue(now=datetime(2026, 12, 1, 23, 30, tzinfo=ZoneInfo("UTC")))
    assert set(DailyRun.objects.values_list("day", flat=True)) == {at(2, 0).date()}
