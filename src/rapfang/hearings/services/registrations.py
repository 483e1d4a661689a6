"""Registration: seats under a conditional UPDATE, the waitlist, duplicates, cancellation and promotion.

Capacity holds under any concurrency because a seat is taken only by
`UPDATE event SET taken = taken + 1 WHERE id = %s AND (capacity IS NULL OR taken < capacity)` inside the
registration's transaction: the database, not a read before the write, decides who gets the last seat.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, require
from rapfang.core.actors import SYSTEM, acting_user, as_actor
from rapfang.core.audit import audit_log
from rapfang.core.codes import random_code
from rapfang.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from rapfang.core.files import JPEG, PDF, PNG, sniff_content_type
from rapfang.core.ratelimit import identity_limit, mail_allowed
from rapfang.core.windows import WindowState
from rapfang.hearings.forms import RegistrantForm
from rapfang.hearings.models import ACTIVE, OFFLINE_CHANNELS, Channel, Event, Registration, Status
from rapfang.hearings.notices import notice_version_at
from rapfang.hearings.rules import identity_keys, registration_window

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
STAFF_CHANNELS = (*OFFLINE_CHANNELS, Channel.WALK_IN)
# What the registration rules read of an event; the rest of its row is not fetched on the hot path.
EVENT_RULE_FIELDS = (
    "id", "title_th", "title_en", "capacity", "taken", "registration_required", "accepts_online", "asked_fields",
    "registration_opens_at", "registration_closes_at", "registration_closed_early_at", "is_main",
    "consultation__id", "consultation__is_published", "consultation__agency_id",
)  # fmt: skip
EVENT_RULES_SECONDS = 5


def new_reference() -> str:
    code = random_code(REFERENCE_ALPHABET, 8)
    return f"{code[:4]}-{code[4:]}"


def event_rules_forget(event_id: int) -> None:
    """Called by every write to an event, so the next registration reads its rules afresh."""
    cache.delete(f"hearings:event-rules:{event_id}")


def _event(event_id: int) -> Event:
    """The event's rule fields, kept in the cache for a few seconds: a rush reads them thousands of times.

    Writes to the event forget the entry (at once with a shared cache such as Redis, else in this process; other
    processes see an organiser's change within EVENT_RULES_SECONDS). Seats are never taken from this copy.
    """
    key = f"hearings:event-rules:{event_id}"
    if (event := cache.get(key)) is not None:
        return event
    try:
        event = (
            Event.objects.select_related("consultation")
            .prefetch_related("questions")
            .only(*EVENT_RULE_FIELDS)
            .get(pk=event_id)
        )
    except (Event.DoesNotExist, ValueError, TypeError) as error:
        raise NotFound(_("There is no such event.")) from error
    cache.set(key, event, EVENT_RULES_SECONDS)
    return event


def _validated(event: Event, data: Mapping[str, Any], *, email_required: bool) -> dict[str, Any]:
    form = RegistrantForm(data, event=event, email_required=email_required)
    if not form.is_valid():
        errors = {field: [str(message) for message in messages] for field, messages in form.errors.items()}
        raise InvalidInput(code="invalid", errors=errors)
    return form.cleaned_data


def _check_window(event: Event, channel: str, moment: datetime, now: datetime) -> None:
    """The registration rules of time: online now, offline replies when they arrived, walk-ins on the day."""
    if channel == Channel.WALK_IN:
        return
    if channel in (Channel.WEB, Channel.API) and not event.consultation.is_published:
        raise NotFound(_("There is no such event."))
    if channel in (Channel.WEB, Channel.API) and not (event.registration_required and event.accepts_online):
        raise Conflict(_("This event does not take registrations online."), code="registration_not_offered")
    if moment > now and channel in OFFLINE_CHANNELS:  # online, the moment is the server's own stamp of arrival
        raise InvalidInput(_("A reply cannot have arrived in the future."), code="received_in_future")
    state = registration_window(event).state(moment)
    if state is WindowState.NOT_YET:
        raise Conflict(_("Registration for this event is not open yet."), code="registration_not_open")
    if state is WindowState.CLOSED:
        raise Conflict(_("Registration for this event is closed."), code="registration_closed")


def _check_duplicate(event: Event, email: str, phone: str, exclude: int | None = None) -> None:
    keys = identity_keys(email, phone)
    same = Q(email_key=keys.email) if keys.email else Q(pk__in=[])
    if keys.phone:
        same |= Q(phone_key=keys.phone)
    found = Registration.objects.filter(same, event=event, status__in=ACTIVE)
    if exclude is not None:
        found = found.exclude(pk=exclude)
    if found.exists():
        raise Conflict(
            _("This e-mail address or telephone number is already registered for this event."), code="duplicate"
        )


def _take_seat(event_id: int) -> bool:
    """The one place a seat is taken: the database decides who gets the last one."""
    table = connection.ops.quote_name(Event._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET taken = taken + 1 "  # noqa: S608
            "WHERE id = %s AND (capacity IS NULL OR taken < capacity)",
            [event_id],
        )
        return cursor.rowcount == 1


def _next_waitlist_number(event_id: int) -> tuple[int, int]:
    """The next waitlist number and the position it gives now, in one statement on both databases.

    Everyone who left the waitlist so far joined it before this number, so the position is the number of
    numbers given minus the number of people who left. SQLite 3.35+ and PostgreSQL both know RETURNING.
    """
    table = connection.ops.quote_name(Event._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET waitlist_last = waitlist_last + 1 WHERE id = %s "  # noqa: S608
            "RETURNING waitlist_last, waitlist_left",
            [event_id],
        )
        number, left = cursor.fetchone()
    return int(number), int(number) - int(left)


def _left_waitlist(event_id: int) -> None:
    Event.objects.filter(pk=event_id).update(waitlist_left=F("waitlist_left") + 1)


def _release_seat(event_id: int) -> None:
    Event.objects.filter(pk=event_id, taken__gt=0).update(taken=F("taken") - 1)


def _scan_checked(scan: UploadedFile | None) -> UploadedFile | None:
    if scan is not None and sniff_content_type(scan.file) not in (PDF, PNG, JPEG):  # type: ignore[arg-type,operator]
        raise InvalidInput(code="invalid", errors={"scan": [str(_("The scan must be a PDF, PNG or JPEG file."))]})
    return scan


def _insert(registration: Registration) -> None:
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:  # a parallel request registered the same person first
        raise Conflict(
            _("This e-mail address or telephone number is already registered for this event."), code="duplicate"
        ) from error


def _public_limits(fields: Mapping[str, Any]) -> bool:
    """A registration from the public: refused past the limit for its e-mail address or telephone number (the
    address's limit is counted by the view or the API); whether its confirmation may be mailed to that address."""
    keys = identity_keys(fields.get("email", ""), fields.get("phone", ""))
    identity_limit(scope="registration", identities=[keys.email, keys.phone])
    return not keys.email or mail_allowed(keys.email)


def _notify(registration: Registration, kind: str, now: datetime | None = None) -> None:
    from rapfang.hearings.services.outbox import mail_queue

    mail_queue(registration, kind, now=now)


def registration_create(
    *,
    actor: Any,
    event_id: int,
    data: Mapping[str, Any],
    channel: str = Channel.WEB,
    language: str = "th",
    received_at: datetime | None = None,
    scan: UploadedFile | None = None,
    now: datetime | None = None,
    notify: bool = True,
    beyond_capacity: bool = False,
) -> Registration:
    """Register one person: confirmed while seats last, then waitlisted with a number.

    Everything that only reads (the event, the window, the form) runs before the transaction; the transaction
    itself is short: take a seat or a waitlist number, insert, audit, queue the mail. The unique constraints on
    (event, e-mail) and (event, phone) among active registrations keep a person from holding two places: a
    duplicate rolls the whole transaction back, seat included. Staff channels also check first, by one query.
    A walk-in needs a seat, unless staff let them in `beyond_capacity` (then recorded as such).
    """
    now = now or timezone.now()
    event = _event(event_id)
    if channel in STAFF_CHANNELS:
        if not as_actor(actor).is_user:
            raise PermissionDenied()  # keyed in by a person of the agency, never by the system or the public
        require(actor, Perm.ORGANISE, event.consultation.agency_id)
    _check_window(event, channel, received_at or now, now)
    fields = _validated(event, data, email_required=channel in (Channel.WEB, Channel.API))
    if channel not in (Channel.WEB, Channel.API):
        _check_duplicate(event, fields.get("email", ""), fields.get("phone", ""))
    else:
        notify = _public_limits(fields) and notify
    registration = _build(event, fields, channel, language, received_at or now, now)
    registration.scan = _scan_checked(scan) or ""
    registration.keyed_by = acting_user(actor) if channel in STAFF_CHANNELS else None
    if channel == Channel.WALK_IN:
        registration.checked_in_at = now
    try:
        with transaction.atomic():
            _place(registration, event.pk, beyond_capacity=beyond_capacity)
            audit_log(
                actor=actor, action="hearings.registration.create", target=registration,
                data={"status": registration.status, "channel": channel, "beyond": registration.beyond_capacity},
            )  # fmt: skip
            if notify:
                _notify(registration, "confirmation", now)
    except IntegrityError as error:  # a parallel request registered the same person first
        raise Conflict(
            _("This e-mail address or telephone number is already registered for this event."), code="duplicate"
        ) from error
    return registration


def _place(registration: Registration, event_id: int, *, beyond_capacity: bool = False) -> None:
    """A seat if one is left (a walk-in needs one, or staff's word to go beyond), else the next waitlist number."""
    if _take_seat(event_id):
        registration.status = Status.CONFIRMED
    elif registration.channel == Channel.WALK_IN:
        if not beyond_capacity:
            raise Conflict(
                _("The event is full: no seat is left for a walk-in. They can be let in beyond the capacity."),
                code="event_full",
            )
        registration.status, registration.beyond_capacity = Status.CONFIRMED, True
    else:
        registration.status = Status.WAITLISTED
        # The position at this moment travels with the new object (not a field): the API answers with it.
        registration.waitlist_number, registration.position_when_placed = _next_waitlist_number(event_id)  # type: ignore[attr-defined]
    registration.save()


def _build(
    event: Event, fields: dict[str, Any], channel: str, language: str, received_at: datetime, now: datetime
) -> Registration:
    keys = identity_keys(fields.get("email", ""), fields.get("phone", ""))
    return Registration(
        event=event,
        reference=new_reference(),
        channel=channel,
        name=fields["name"],
        organisation=fields.get("organisation", ""),
        position=fields.get("position", ""),
        stakeholder_type=fields["stakeholder_type"],
        email=fields.get("email", ""),
        email_key=keys.email,
        phone=fields.get("phone", ""),
        phone_key=keys.phone,
        needs=fields.get("needs", ""),
        answers=fields.get("answers", {}),
        language=language if language in ("th", "en") else "th",
        consent_version=notice_version_at(received_at),  # an offline reply: the version on the form then
        consented_at=now,
        received_at=received_at,
    )


def _locked(registration_id: int) -> Registration:
    try:
        return Registration.objects.select_for_update().select_related("event__consultation").get(pk=registration_id)
    except Registration.DoesNotExist as error:
        raise NotFound(_("There is no such registration.")) from error


def _require_may_change(actor: Any, registration: Registration, now: datetime) -> None:
    """The registrant may change their own registration while registration is open; the event's organisers always."""
    who = as_actor(actor)
    if not who.is_registrant:
        require(who, Perm.ORGANISE, registration.event.consultation.agency_id)
        return
    if who.registration_id != registration.pk:
        raise PermissionDenied()
    if registration.status == Status.CANCELLED:
        raise Conflict(_("This registration is already cancelled."), code="already_cancelled")
    if registration_window(registration.event).state(now) is not WindowState.OPEN:
        raise Conflict(_("Registration is closed: changes are no longer possible."), code="registration_closed")


@transaction.atomic
def registration_cancel(*, actor: Any, registration_id: int, now: datetime | None = None) -> Registration:
    """Cancel a place; a freed seat goes to the first person on the waitlist, who is told by e-mail.

    The registrant (through the signed link) may cancel until the deadline; staff may cancel any time.
    """
    now = now or timezone.now()
    registration = _locked(registration_id)
    _require_may_change(actor, registration, now)
    if registration.status == Status.CANCELLED:
        raise Conflict(_("This registration is already cancelled."), code="already_cancelled")
    was_confirmed = registration.status == Status.CONFIRMED
    if registration.status == Status.WAITLISTED:
        _left_waitlist(registration.event_id)
    registration.status, registration.cancelled_at, registration.waitlist_number = Status.CANCELLED, now, None
    registration.save(update_fields=["status", "cancelled_at", "waitlist_number", "updated_at"])
    if was_confirmed and not registration.beyond_capacity:  # a place beyond the capacity frees no seat
        _release_seat(registration.event_id)
        seats_fill(event_id=registration.event_id, now=now)
    audit_log(actor=actor, action="hearings.registration.cancel", target=registration)
    _notify(registration, "cancelled", now)
    return registration


def seats_fill(*, event_id: int, now: datetime) -> list[int]:
    """Give free seats to the waitlist in order; returns the promoted registrations' ids. Inside a transaction."""
    promoted: list[int] = []
    while True:
        waiting = (
            Registration.objects.select_for_update()
            .filter(event_id=event_id, status=Status.WAITLISTED)
            .order_by("waitlist_number", "id")
            .first()
        )
        if waiting is None or not _take_seat(event_id):
            return promoted
        _left_waitlist(event_id)
        waiting.status, waiting.promoted_at, waiting.waitlist_number = Status.CONFIRMED, now, None
        waiting.save(update_fields=["status", "promoted_at", "waitlist_number", "updated_at"])
        audit_log(actor=SYSTEM, action="hearings.registration.promote", target=waiting)
        _notify(waiting, "promoted", now)
        promoted.append(waiting.pk)


@transaction.atomic
def registration_update(
    *, actor: Any, registration_id: int, data: Mapping[str, Any], now: datetime | None = None
) -> Registration:
    """Change one's details (registrant until the deadline through the signed link, or staff)."""
    now = now or timezone.now()
    registration = _locked(registration_id)
    _require_may_change(actor, registration, now)
    fields = _validated(registration.event, data, email_required=registration.channel in (Channel.WEB, Channel.API))
    _check_duplicate(registration.event, fields.get("email", ""), fields.get("phone", ""), exclude=registration.pk)
    keys = identity_keys(fields.get("email", ""), fields.get("phone", ""))
    for name in ("name", "organisation", "position", "stakeholder_type", "email", "phone", "needs"):
        if name in fields:
            setattr(registration, name, fields[name])
    registration.answers = fields.get("answers", {})
    registration.email_key, registration.phone_key = keys.email, keys.phone
    registration.consent_version, registration.consented_at = notice_version_at(now), now
    _insert(registration)
    audit_log(actor=actor, action="hearings.registration.update", target=registration)
    return registration
