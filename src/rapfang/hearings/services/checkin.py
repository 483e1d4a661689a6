"""The hearing day: marking arrivals."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, require
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict
from rapfang.hearings.models import Registration, Status
from rapfang.hearings.services.registrations import _locked


@transaction.atomic
def registration_check_in(*, actor: Any, registration_id: int, now: datetime | None = None) -> Registration:
    """Mark a confirmed registrant as arrived, once."""
    registration = _locked(registration_id)
    require(actor, Perm.ORGANISE, registration.event.consultation.agency_id)
    if registration.checked_in_at is not None:
        raise Conflict(_("This person has already checked in."), code="already_checked_in")
    if registration.status != Status.CONFIRMED:
        raise Conflict(_("Only confirmed registrations can check in."), code="not_confirmed")
    registration.checked_in_at = now or timezone.now()
    registration.save(update_fields=["checked_in_at", "updated_at"])
    audit_log(actor=actor, action="hearings.registration.check_in", target=registration)
    return registration
