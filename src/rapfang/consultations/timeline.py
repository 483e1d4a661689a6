"""A consultation's status, derived from its timeline and the clock. No database access here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from rapfang.core.windows import BANGKOK, Window, WindowState


class Status(models.TextChoices):
    DRAFT = "draft", _("Not published")
    ANNOUNCED = "announced", _("Announced")
    REGISTRATION_OPEN = "registration_open", _("Registration open")
    REGISTRATION_CLOSED = "registration_closed", _("Registration closed")
    HEARING_DAY = "hearing_day", _("Hearing in progress")
    COMMENTS_OPEN = "comments_open", _("Open for comments")
    CLOSED = "closed", _("Closed for comments")
    RESULTS = "results", _("Results published")
    ADOPTED = "adopted", _("Adopted")
    ARCHIVED = "archived", _("Archived")


@dataclass(frozen=True)
class Step:
    kind: str
    window: Window


# Steps that, while open, say what the public can do now; earlier in the tuple wins.
_OPEN_STATUS = (
    ("comments", Status.COMMENTS_OPEN),
    ("registration", Status.REGISTRATION_OPEN),
    ("hearing", Status.HEARING_DAY),
)
_PARTICIPATION = {"registration", "hearing", "comments"}


def derive_status(steps: Iterable[Step], now: datetime, *, published: bool = True, archived: bool = False) -> Status:
    """What stage the consultation is at `now`: the rules of the public life cycle in one place."""
    if not published:
        return Status.DRAFT
    if archived:
        return Status.ARCHIVED
    states = {step.kind: step.window.state(now) for step in steps}
    for kind, status in (("adoption", Status.ADOPTED), ("results", Status.RESULTS)):
        if states.get(kind) in (WindowState.OPEN, WindowState.CLOSED):
            return status
    for kind, status in _OPEN_STATUS:
        if states.get(kind) is WindowState.OPEN:
            return status
    upcoming = [kind for kind, state in states.items() if kind in _PARTICIPATION and state is WindowState.NOT_YET]
    if upcoming:
        return Status.REGISTRATION_CLOSED if states.get("registration") is WindowState.CLOSED else Status.ANNOUNCED
    return Status.CLOSED


def next_change(steps: Iterable[Step], now: datetime) -> datetime | None:
    """The next moment at which any step opens or closes; pages cached before it must expire then."""
    moments = [moment for step in steps if (moment := step.window.next_change(now)) is not None]
    return min(moments, default=None)


def window_days(start: datetime, end: datetime) -> int:
    """Calendar days a window covers in Asia/Bangkok, both ends counted: 18-23 November is 6 days."""
    first, last = start.astimezone(BANGKOK).date(), end.astimezone(BANGKOK).date()
    return (last - first).days + 1


@dataclass(frozen=True)
class PeriodCheck:
    days: int
    minimum: int

    @property
    def meets_minimum(self) -> bool:
        return self.days >= self.minimum
