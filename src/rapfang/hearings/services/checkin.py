"""The hearing day at the door: marking arrivals, the waitlist that turns up, and walk-ins.

A person on the waitlist who comes takes a free seat if there is one. When every seat is taken, staff may still let
them in, or a walk-in, beyond the capacity: never silently, since the service must be told so
(`beyond_capacity=True`), and the registration says so for the counters and the records. A place beyond the
capacity takes no seat: cancelling it frees none.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, require
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict
from rapfang.hearings.models import Channel, Registration, Status
from rapfang.hearings.services.registrations import _left_waitlist, _locked, _take_seat, registration_create


@transaction.atomic
def registration_check_in(
    *, actor: Any, registration_id: int, beyond_capacity: bool = False, now: datetime | None = None
) -> Registration:
    """Mark a registrant as arrived, once; someone on the waitlist is given a seat, or a place beyond the capacity."""
    now = now or timezone.now()
    registration = _locked(registration_id)
    require(actor, Perm.ORGANISE, registration.event.consultation.agency_id)
    if registration.checked_in_at is not None:
        raise Conflict(_("This person has already checked in."), code="already_checked_in")
    if registration.status == Status.CANCELLED:
        raise Conflict(_("This registration is cancelled: register the person as a walk-in."), code="cancelled")
    if registration.status == Status.WAITLISTED:
        _admit_from_waitlist(registration, beyond_capacity=beyond_capacity, now=now)
    registration.checked_in_at = now
    registration.save(
        update_fields=[
            "checked_in_at", "status", "waitlist_number", "promoted_at", "from_waitlist_at_door", "beyond_capacity",
            "updated_at",
        ]
    )  # fmt: skip
    audit_log(
        actor=actor, target=registration, data={"from_waitlist": registration.from_waitlist_at_door},
        action="hearings.registration.admit_beyond_capacity" if registration.beyond_capacity
        else "hearings.registration.check_in",
    )  # fmt: skip
    return registration


def _admit_from_waitlist(registration: Registration, *, beyond_capacity: bool, now: datetime) -> None:
    seated = _take_seat(registration.event_id)
    if not seated and not beyond_capacity:
        raise Conflict(
            _("Every seat is taken: this person on the waitlist can be let in only beyond the capacity."),
            code="event_full",
        )
    _left_waitlist(registration.event_id)
    registration.status, registration.waitlist_number, registration.promoted_at = Status.CONFIRMED, None, now
    registration.from_waitlist_at_door, registration.beyond_capacity = True, not seated


def registration_walk_in(
    *,
    actor: Any,
    event_id: int,
    data: Mapping[str, Any],
    beyond_capacity: bool = False,
    now: datetime | None = None,
) -> Registration:
    """Register and check in someone who came without registering: on a free seat, or beyond the capacity when
    staff say so."""
    return registration_create(
        actor=actor, event_id=event_id, data=data, channel=Channel.WALK_IN, beyond_capacity=beyond_capacity, now=now
    )
