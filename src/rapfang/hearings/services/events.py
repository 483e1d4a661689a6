"""Writes about events. The main hearing writes its dates through to the consultation's timeline."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rapfang.accounts.selectors import user_can_organise
from rapfang.consultations.models import Consultation, MilestoneKind
from rapfang.consultations.services import milestone_set
from rapfang.core.audit import audit_log
from rapfang.core.errors import InvalidInput, PermissionDenied
from rapfang.hearings.models import Event

EVENT_FIELDS = tuple(
    field.name
    for field in Event._meta.concrete_fields
    if field.name not in {"id", "consultation", "created_at", "updated_at"}
)


@transaction.atomic
def event_save(*, actor: Any, consultation: Consultation, event: Event | None = None, **fields: Any) -> Event:
    """Create an event (no `event`) or update one; the main hearing sets the timeline's dates."""
    if actor is not None and not user_can_organise(actor, consultation.agency_id):
        raise PermissionDenied()
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise InvalidInput(code="unknown_fields", fields=sorted(unknown))
    created = event is None
    event = event or Event(consultation=consultation)
    for name, value in fields.items():
        setattr(event, name, value)
    try:
        event.full_clean()
    except ValidationError as error:
        raise InvalidInput(code="invalid", errors=error.message_dict) from error
    event.save()
    if event.is_main:
        _write_timeline(actor, event)
    audit_log(actor=actor, action="hearings.event." + ("create" if created else "update"), target=event)
    return event


def _write_timeline(actor: Any, event: Event) -> None:
    consultation = event.consultation
    milestone_set(
        actor=actor,
        consultation=consultation,
        kind=MilestoneKind.HEARING,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
    )
    if event.registration_required:
        milestone_set(
            actor=actor,
            consultation=consultation,
            kind=MilestoneKind.REGISTRATION,
            starts_at=event.registration_opens_at,
            ends_at=event.registration_closes_at,
        )
