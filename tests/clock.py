"""Bangkok time for tests."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

BKK = ZoneInfo("Asia/Bangkok")


def bkk(*args: int) -> datetime:
    """An aware datetime in Asia/Bangkok: bkk(2016, 11, 14, 23, 59, 59)."""
    return datetime(*args, tzinfo=BKK)  # type: ignore[misc]
