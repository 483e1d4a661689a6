"""Reads about events and registrations, with visibility rules and related rows fetched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from rapfang.accounts.permissions import Perm, agencies_where
from rapfang.hearings.models import Audience, Channel, Event, EventMessage, MailOutbox, Registration, Status
from rapfang.hearings.questions import answer_text


def event_list_public(*, consultation_id: int) -> QuerySet[Event]:
    return Event.objects.filter(consultation_id=consultation_id, consultation__is_published=True).prefetch_related(
        "agenda", "contacts"
    )


def event_get_public(*, event_id: int) -> Event:
    return (
        Event.objects.select_related("consultation__agency")
        .prefetch_related("agenda", "contacts", "consultation__agency__contacts", "questions")
        .get(pk=event_id, consultation__is_published=True)
    )


def event_list_for_staff(user: Any) -> QuerySet[Event]:
    """Events of the consultations whose agency `user` organises."""
    events = Event.objects.select_related("consultation__agency")
    agencies = agencies_where(user, Perm.ORGANISE)
    return events if agencies is None else events.filter(consultation__agency_id__in=agencies)


def event_list_for_consultation(*, consultation_id: int) -> QuerySet[Event]:
    """A consultation's events for its staff, with how many wait on each one's waitlist."""
    return (
        Event.objects.filter(consultation_id=consultation_id)
        .prefetch_related("agenda", "questions")
        .annotate(waiting=Count("registrations", filter=Q(registrations__status=Status.WAITLISTED)))
        .order_by("-is_main", "starts_at", "id")
    )


def registration_list(*, event_id: int, filters: dict[str, str] | None = None) -> QuerySet[Registration]:
    """An event's registrations for staff, filtered by status, channel, stakeholder type, arrival or text."""
    filters = filters or {}
    rows = Registration.objects.filter(event_id=event_id).select_related("keyed_by")
    if status := filters.get("status"):
        rows = rows.filter(status=status)
    if channel := filters.get("channel"):
        rows = rows.filter(channel=channel)
    if kind := filters.get("stakeholder_type"):
        rows = rows.filter(stakeholder_type=kind)
    if filters.get("arrived") == "yes":
        rows = rows.filter(checked_in_at__isnull=False)
    elif filters.get("arrived") == "no":
        rows = rows.filter(checked_in_at__isnull=True)
    if text := (filters.get("q") or "").strip():
        rows = rows.filter(
            Q(name__icontains=text) | Q(reference__iexact=text.upper()) | Q(organisation__icontains=text)
            | Q(email__iexact=text) | Q(phone_key=text.replace("-", "").replace(" ", ""))
        )  # fmt: skip
    return rows.order_by("status", "waitlist_number", "created_at", "id")


@dataclass(frozen=True)
class Counters:
    confirmed: int  # holding a seat within the capacity
    waitlisted: int
    cancelled: int
    checked_in: int
    walk_ins: int
    seated: int  # arrived, on a seat within the capacity
    beyond_capacity: int  # arrived and let in beyond the capacity
    from_waitlist: int  # arrived while on the waitlist (seated or beyond the capacity)


def registration_counters(*, event_id: int) -> Counters:
    """The live counters of the check-in page, in one query."""
    confirmed, arrived = Q(status=Status.CONFIRMED), Q(status=Status.CONFIRMED, checked_in_at__isnull=False)
    counts = Registration.objects.filter(event_id=event_id).aggregate(
        confirmed=Count("id", filter=confirmed & Q(beyond_capacity=False)),
        waitlisted=Count("id", filter=Q(status=Status.WAITLISTED)),
        cancelled=Count("id", filter=Q(status=Status.CANCELLED)),
        checked_in=Count("id", filter=arrived),
        walk_ins=Count("id", filter=confirmed & Q(channel=Channel.WALK_IN)),
        seated=Count("id", filter=arrived & Q(beyond_capacity=False)),
        beyond_capacity=Count("id", filter=arrived & Q(beyond_capacity=True)),
        from_waitlist=Count("id", filter=arrived & Q(from_waitlist_at_door=True)),
    )
    return Counters(**counts)


@dataclass(frozen=True)
class CapacityEffect:
    """What a new capacity does: who moves up from the waitlist, in order (nobody when it goes down)."""

    capacity: int | None
    taken: int
    moving_up: list[Registration]


def capacity_effect(*, event_id: int, capacity: int | None) -> CapacityEffect:
    """Who a capacity of `capacity` would move up from the waitlist now, as `services.seats_fill` would."""
    taken = Event.objects.values_list("taken", flat=True).get(pk=event_id)
    waiting = Registration.objects.filter(event_id=event_id, status=Status.WAITLISTED).order_by("waitlist_number", "id")
    free = None if capacity is None else max(0, capacity - taken)
    moving = list(waiting if free is None else waiting[:free]) if free != 0 else []
    return CapacityEffect(capacity=capacity, taken=taken, moving_up=moving)


def registration_find(*, event_id: int, reference: str) -> Registration | None:
    code = reference.strip().upper()
    if len(code) == 8 and "-" not in code:
        code = f"{code[:4]}-{code[4:]}"
    return Registration.objects.filter(event_id=event_id, reference=code).first()


def registration_answers(registration: Registration) -> list[tuple[str, str]]:
    """The registrant's answers to the event's own questions, as (question, answer) in the current language."""
    given = registration.answers or {}
    return [
        (str(question), answer_text(question, given[question.key]))
        for question in registration.event.questions.all()
        if given.get(question.key)
    ]


def mail_undelivered(*, event_id: int) -> QuerySet[MailOutbox]:
    """Messages to the event's registrants that the mail server has refused at least once: being tried again, or
    given up on after the last try. Staff then reach those people another way."""
    return (
        MailOutbox.objects.filter(registration__event_id=event_id, attempts__gt=0)
        .select_related("registration")
        .order_by("id")
    )


AUDIENCE_STATUSES = {
    Audience.CONFIRMED: (Status.CONFIRMED,),
    Audience.WAITLISTED: (Status.WAITLISTED,),
    Audience.ACTIVE: (Status.CONFIRMED, Status.WAITLISTED),
}


@dataclass(frozen=True)
class Recipients:
    """Who a message to an event's registrants reaches: by e-mail, and those staff must telephone."""

    mailed: list[Registration]
    without_email: list[Registration]

    @property
    def counts(self) -> tuple[int, int]:
        return len(self.mailed), len(self.without_email)


def message_recipients(*, event_id: int, audience: str) -> Recipients:
    """The registrants `audience` names, in the order staff list them; purged registrations are never written to."""
    rows = list(
        Registration.objects.filter(
            event_id=event_id, status__in=AUDIENCE_STATUSES[Audience(audience)], purged_at__isnull=True
        ).order_by("status", "waitlist_number", "name", "id")
    )
    return Recipients(mailed=[row for row in rows if row.email], without_email=[row for row in rows if not row.email])


def event_message_list(*, event_id: int) -> QuerySet[EventMessage]:
    """The messages sent to an event's registrants, newest first, with the copies not yet handed to the mail
    server: still waiting (or being tried again), and given up on."""
    given_up = Q(outbox__attempts__gte=MailOutbox.MAX_ATTEMPTS)
    return (
        EventMessage.objects.filter(event_id=event_id)
        .select_related("sent_by")
        .annotate(waiting=Count("outbox", filter=~given_up), given_up=Count("outbox", filter=given_up))
    )


def registrations_by_id(*, event_id: int, ids: list[int]) -> QuerySet[Registration]:
    """An event's registrations among `ids` (as a message kept them), in the order staff list them."""
    return Registration.objects.filter(event_id=event_id, pk__in=ids).order_by("name", "id")


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first person waiting; None when not waitlisted."""
    if registration.status != Status.WAITLISTED or registration.waitlist_number is None:
        return None
    return Registration.objects.filter(
        event_id=registration.event_id, status=Status.WAITLISTED, waitlist_number__lte=registration.waitlist_number
    ).count()
