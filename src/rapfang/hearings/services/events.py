"""Writes about events. The main hearing writes its dates through to the consultation's timeline."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rapfang.accounts.models import AgencyContact
from rapfang.accounts.permissions import Perm, require
from rapfang.consultations.models import Consultation, MilestoneKind
from rapfang.consultations.services import milestone_set
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, InvalidInput
from rapfang.core.windows import WindowState, to_second
from rapfang.hearings.models import AgendaItem, Event, EventQuestion
from rapfang.hearings.rules import (
    SwitchProblem,
    registration_closes_at,
    registration_switch_problems,
    registration_window,
)
from rapfang.hearings.selectors import capacity_effect
from rapfang.hearings.services.registrations import event_rules_forget, seats_fill

WINDOW_WITHOUT_REGISTRATION = _(
    "A registration window is given but registration is off, so nobody could register in it. Open registration, or "
    "clear the window's dates."
)
EVENT_FIELDS = tuple(
    field.name
    for field in Event._meta.concrete_fields
    if field.name not in {"id", "consultation", "created_at", "updated_at", "taken", "waitlist_last", "waitlist_left"}
)


@transaction.atomic
def event_save(
    *,
    actor: Any,
    consultation: Consultation,
    event: Event | None = None,
    contacts: Iterable[AgencyContact] | None = None,
    promotions_confirmed: Sequence[str] | None = None,
    **fields: Any,
) -> Event:
    """Create an event (no `event`) or update one; the main hearing sets the timeline's dates.

    A registration window with registration off is refused: nobody could register in it. A new capacity that
    would move people up from the waitlist is saved only when `promotions_confirmed` names exactly the references
    that move (as `selectors.capacity_effect` shows them); one below the seats already taken is refused.
    `contacts` (the agency's contact persons), when given, replace the event's.
    """
    require(actor, Perm.ORGANISE, consultation.agency_id)
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise InvalidInput(code="unknown_fields", fields=sorted(unknown))
    created = event is None
    event = event or Event(consultation=consultation)
    capacity_changed = not created and "capacity" in fields and _capacity_checked(event, fields, promotions_confirmed)
    for name, value in fields.items():
        setattr(event, name, value)
    _check_event(event)
    # On update, write only the fields given: the seat counters belong to the registration services.
    event.save(update_fields=None if created else [*fields, "updated_at"])
    if contacts is not None:
        _contacts_set(event, contacts)
    transaction.on_commit(lambda: event_rules_forget(event.pk))
    event_rules_forget(event.pk)
    if event.is_main:
        _write_timeline(actor, event)
    if capacity_changed:
        seats_fill(event_id=event.pk, now=timezone.now())  # confirmed above: the waitlist moves up, in order
    audit_log(actor=actor, action="hearings.event." + ("create" if created else "update"), target=event)
    return event


AFTER_THE_EVENT = _("Registration cannot open or close after the event has ended. Please check the dates.")


def _check_event(event: Event) -> None:
    try:
        event.full_clean()
    except ValidationError as error:
        raise InvalidInput(code="invalid", errors=error.message_dict) from error
    if SwitchProblem.WINDOW_WITHOUT_REGISTRATION in registration_switch_problems(event):
        message = str(WINDOW_WITHOUT_REGISTRATION)
        raise InvalidInput(code="window_without_registration", errors={"registration_required": [message]})
    late = {
        name: [str(AFTER_THE_EVENT)]
        for name in ("registration_opens_at", "registration_closes_at")
        if getattr(event, name) is not None and event.ends_at is not None and getattr(event, name) > event.ends_at
    }
    if late:
        raise InvalidInput(code="registration_after_event", errors=late)


def _capacity_checked(event: Event, fields: dict[str, Any], confirmed: Sequence[str] | None) -> bool:
    """Whether the capacity changes; refuses one below the seats taken, or one that moves people unconfirmed."""
    current = Event.objects.select_for_update().only("capacity", "taken").get(pk=event.pk)
    capacity = fields["capacity"]
    if capacity == current.capacity:
        return False
    if capacity is not None and capacity < current.taken:
        message = ngettext(
            "%(taken)d seat is already taken: the capacity cannot be lower. Cancel registrations first if fewer "
            "people can come.",
            "%(taken)d seats are already taken: the capacity cannot be lower. Cancel registrations first if fewer "
            "people can come.",
            current.taken,
        ) % {"taken": current.taken}
        raise InvalidInput(code="capacity_below_taken", errors={"capacity": [message]})
    moving = [row.reference for row in capacity_effect(event_id=event.pk, capacity=capacity).moving_up]
    if moving and list(confirmed or ()) != moving:
        raise Conflict(
            _("The new capacity moves people up from the waitlist: confirm who moves before it is saved."),
            code="capacity_promotes",
            references=moving,
        )
    return True


def _contacts_set(event: Event, contacts: Iterable[AgencyContact]) -> None:
    chosen = list(contacts)
    if any(contact.agency_id != event.consultation.agency_id for contact in chosen):
        message = _("Choose contact persons of the consultation's own agency.")
        raise InvalidInput(code="invalid", errors={"contacts": [str(message)]})
    event.contacts.set(chosen)


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
            ends_at=registration_closes_at(event),
        )


@transaction.atomic
def event_registration_close(*, actor: Any, event_id: int, now: datetime | None = None) -> Event:
    """The organiser closes registration before the deadline; the timeline follows."""
    event = Event.objects.select_related("consultation").get(pk=event_id)
    require(actor, Perm.ORGANISE, event.consultation.agency_id)
    if registration_window(event).state(now or timezone.now()) is WindowState.CLOSED:
        raise Conflict(_("Registration is already closed."), code="registration_closed")
    event.registration_closed_early_at = to_second(now or timezone.now())
    event.save(update_fields=["registration_closed_early_at", "updated_at"])
    transaction.on_commit(lambda: event_rules_forget(event.pk))
    event_rules_forget(event.pk)
    if event.is_main:
        _write_timeline(actor, event)
    audit_log(actor=actor, action="hearings.event.close_registration", target=event)
    return event


def _children_replace(actor: Any, event: Event, model: type[Any], rows: list[dict[str, Any]]) -> list[Any]:
    """Replace an event's rows of `model` (agenda items, questions) by `rows`, in order, each checked in full."""
    require(actor, Perm.ORGANISE, event.consultation.agency_id)
    model.objects.filter(event=event).delete()
    created = []
    for order, fields in enumerate(rows):
        child = model(event=event, order=order, **fields)
        try:
            child.full_clean(exclude=["event"])
        except ValidationError as error:
            raise InvalidInput(code="invalid", errors=error.message_dict) from error
        child.save()
        created.append(child)
    return created


@transaction.atomic
def agenda_replace(*, actor: Any, event: Event, items: list[dict[str, Any]]) -> list[AgendaItem]:
    """Set an event's agenda: each item a dict of AgendaItem fields (time, title, speakers), in order."""
    created = _children_replace(actor, event, AgendaItem, items)
    audit_log(actor=actor, action="hearings.event.agenda", target=event, data={"items": len(created)})
    return created


@transaction.atomic
def event_questions_replace(*, actor: Any, event: Event, questions: list[dict[str, Any]]) -> list[EventQuestion]:
    """Set an event's own questions: each a dict of EventQuestion fields, in order.

    Answers already given are kept under their keys; a question asked again under the same key finds them.
    """
    keys = [fields.get("key") for fields in questions]
    if len(set(keys)) != len(keys):
        raise InvalidInput(code="invalid", errors={"key": [str(_("Each question needs a key of its own."))]})
    created = _children_replace(actor, event, EventQuestion, questions)
    transaction.on_commit(lambda: event_rules_forget(event.pk))
    event_rules_forget(event.pk)
    audit_log(actor=actor, action="hearings.event.questions", target=event, data={"questions": len(created)})
    return created


@transaction.atomic
def event_delete(*, actor: Any, event: Event) -> None:
    """Delete an event nobody has registered for (an event with registrations keeps them: close it instead)."""
    require(actor, Perm.ORGANISE, event.consultation.agency_id)
    if event.registrations.exists():
        raise Conflict(
            _("This event has registrations and cannot be deleted. Close its registration instead."),
            code="event_in_use",
        )
    audit_log(actor=actor, action="hearings.event.delete", target=event)
    event_id = event.pk
    event.delete()
    transaction.on_commit(lambda: event_rules_forget(event_id))
