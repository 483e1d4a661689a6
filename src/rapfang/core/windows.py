"""Time windows, decided in one place, to the second, in Asia/Bangkok.

A window is open from `opens_at` through `closes_at`, both inclusive at one-second resolution:
with `closes_at` = 23:59:59, a request at 23:59:59.999 is in time and one at 00:00:00 is late.
An empty `opens_at` means "open from the start"; an empty `closes_at` means "no end".
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")


class WindowState(enum.StrEnum):
    NOT_YET = "not_yet"
    OPEN = "open"
    CLOSED = "closed"


def require_aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetime: every datetime must carry its time zone")
    return value


def to_second(value: datetime) -> datetime:
    return require_aware(value).replace(microsecond=0)


@dataclass(frozen=True)
class Window:
    opens_at: datetime | None
    closes_at: datetime | None

    def __post_init__(self) -> None:
        for value in (self.opens_at, self.closes_at):
            if value is not None:
                require_aware(value)
        if self.opens_at and self.closes_at and self.closes_at < self.opens_at:
            raise ValueError("a window cannot close before it opens")

    def state(self, now: datetime) -> WindowState:
        moment = to_second(now)
        if self.opens_at is not None and moment < to_second(self.opens_at):
            return WindowState.NOT_YET
        if self.closes_at is not None and moment > to_second(self.closes_at):
            return WindowState.CLOSED
        return WindowState.OPEN

    def is_open(self, now: datetime) -> bool:
        return self.state(now) is WindowState.OPEN

    def next_change(self, now: datetime) -> datetime | None:
        """The first moment after `now` at which `state` changes, or None if it never will."""
        state = self.state(now)
        if state is WindowState.NOT_YET and self.opens_at is not None:
            return to_second(self.opens_at)
        if state is WindowState.OPEN and self.closes_at is not None:
            return to_second(self.closes_at) + timedelta(seconds=1)
        return None
