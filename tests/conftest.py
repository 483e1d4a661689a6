"""Shared fixtures: a clean cache and media folder per test, the demo consultation, and Bangkok time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from rapfang.consultations import counters
from rapfang.consultations.counters import consultation_views_flush

BKK = ZoneInfo("Asia/Bangkok")


def bkk(*args: int) -> datetime:
    """An aware datetime in Asia/Bangkok: bkk(2016, 11, 14, 23, 59, 59)."""
    return datetime(*args, tzinfo=BKK)  # type: ignore[misc]


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    counters._pending.clear()  # views buffered by an earlier test belong to no row of this one
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The seed's consultation with its real 2016 timeline."""
    from rapfang.demo.loader import demo_load

    result = demo_load()
    consultation_views_flush()
    return result.consultation
