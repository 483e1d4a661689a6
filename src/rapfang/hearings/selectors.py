"""Reads about events and registrations, with visibility rules and related rows fetched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from rapfang.accounts.permissions import Perm, agencies_where
from rapfang.hearings.models import Channel, Event, MailOutbox, Registration, Status
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
    confirmed: int
    waitlisted: int
    cancelled: int
    checked_in: int
    walk_ins: int


def registration_counters(*, event_id: int) -> Counters:
    """The live counters of the check-in page, in one query."""
    counts = Registration.objects.filter(event_id=event_id).aggregate(
        confirmed=Count("id", filter=Q(status=Status.CONFIRMED)),
        waitlisted=Count("id", filter=Q(status=Status.WAITLISTED)),
        cancelled=Count("id", filter=Q(status=Status.CANCELLED)),
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False, status=Status.CONFIRMED)),
        walk_ins=Count("id", filter=Q(channel=Channel.WALK_IN, status=Status.CONFIRMED)),
    )
    return Counters(**counts)


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
