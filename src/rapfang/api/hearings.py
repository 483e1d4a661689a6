"""Events: public facts with seats left, and registration (rate-limited per IP, or per API key)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Path, Router, Schema, Status
from pydantic import ConfigDict, Field

from rapfang.api.fields import PHONE, Consent, Email, text
from rapfang.api.schemas import ErrorOut, InvalidOut, Text
from rapfang.api.security import api_rate_limit
from rapfang.core.actors import PUBLIC
from rapfang.core.arrival import arrived_at
from rapfang.core.errors import Conflict, InvalidInput
from rapfang.core.i18n import both, current_language
from rapfang.hearings import selectors, services
from rapfang.hearings.models import Attendance, Channel, Event, EventKind, StakeholderType
from rapfang.hearings.models import Status as RegistrationStatus
from rapfang.hearings.notices import notice_version_at
from rapfang.hearings.questions import options
from rapfang.hearings.rules import registration_closes_at, registration_offer, seats_left

router = Router(tags=["events"])


class AgendaItemOut(Schema):
    time: str | None
    until: str | None
    title: Text
    speakers: Text


class ContactOut(Schema):
    name: Text
    phone: str
    email: str


class QuestionOut(Schema):
    """One of the event's own questions. Send the answer under `key` in the registration's body: for a choice,
    the option's number (1, 2, …) or its wording; for yes or no, true or false."""

    key: str
    kind: str
    label: Text
    required: bool
    options: list[Text]


class RegistrationInfoOut(Schema):
    offered: bool
    state: str
    opens_at: datetime | None
    closes_at: datetime | None
    online: bool
    fax: str
    email: str
    reply_form_pdf: str
    reply_form_docx: str
    privacy_notice_version: str
    privacy_notice_url: str


class EventOut(Schema):
    id: int
    consultation: str
    kind: EventKind
    kind_label: Text
    title: Text
    panel: Text
    start: datetime
    end: datetime
    attendance: Attendance  # in_person, online or both; the joining link goes to registrants only
    venue: Text
    address: Text
    map_url: str
    capacity: int | None
    seats_left: int | None
    registration: RegistrationInfoOut
    agenda: list[AgendaItemOut]
    contacts: list[ContactOut]
    questions: list[QuestionOut]
    url: str


class RegistrationIn(Schema):
    """Who registers: a `name`, an `email` for the confirmation, who one takes part as, and `consent` to the
    privacy notice; the other fields count only when the event asks for them. A `phone` has 9 to 15 digits.

    Answers to the event's own questions (listed under `questions` in the event) go beside these fields, each under
    its question's key."""

    model_config = ConfigDict(extra="allow")

    name: Annotated[str, text(200, filled=True)]
    organisation: Annotated[str, text(300)] = ""
    position: Annotated[str, text(200)] = ""
    stakeholder_type: StakeholderType  # checked here: the service reads it only when the event asks for it
    email: Email
    phone: Annotated[str, Field(max_length=40, pattern=PHONE)] = ""
    needs: Annotated[str, text(1000)] = ""
    consent: Consent


class RegistrationOut(Schema):
    reference: str
    status: RegistrationStatus
    waitlist_position: int | None


class RegistrationReceivedOut(Schema):
    """The answer to a client without an API key, whether the person was registered now or had registered before
    (then the registration's owner is told by e-mail): the reference and status come by e-mail."""

    status: str
    message: str


def _label(choice: Any) -> dict[str, str]:
    texts = {}
    for language in ("th", "en"):
        with translation.override(language):
            texts[language] = str(choice.label)
    return texts


def _site(path: str) -> str:
    return settings.SITE_URL + path


def _contact(contact: Model) -> dict[str, Any]:
    return {
        "name": both(contact, "name"),
        "phone": getattr(contact, "phone", ""),
        "email": getattr(contact, "email", ""),
    }


def _registration_info(event: Event) -> dict[str, Any]:
    agency = event.consultation.agency
    return {
        "offered": event.registration_required,
        "state": registration_offer(event, timezone.now()).value,
        "opens_at": event.registration_opens_at,
        "closes_at": registration_closes_at(event),
        "online": event.accepts_online,
        "fax": agency.fax if event.accepts_fax else "",
        "email": agency.email if event.accepts_email else "",
        "reply_form_pdf": _site(reverse("hearings:reply_form", args=[event.pk, "pdf"])),
        "reply_form_docx": _site(reverse("hearings:reply_form", args=[event.pk, "docx"])),
        "privacy_notice_version": notice_version_at(timezone.now()),
        "privacy_notice_url": _site(reverse("hearings:privacy")),
    }


def _event(event: Event) -> dict[str, Any]:
    contacts = list(event.contacts.all()) or list(event.consultation.agency.contacts.all())
    return {
        "id": event.pk,
        "consultation": event.consultation.slug,
        "kind": event.kind,
        "kind_label": _label(EventKind(event.kind)),
        "title": both(event, "title"),
        "panel": both(event, "panel"),
        "start": event.starts_at,
        "end": event.ends_at,
        "attendance": event.attendance,
        "venue": both(event, "venue"),
        "address": both(event, "address"),
        "map_url": event.map_url,
        "capacity": event.capacity,
        "seats_left": seats_left(event),
        "registration": _registration_info(event),
        "agenda": [_agenda(item) for item in event.agenda.all()],
        "contacts": [_contact(contact) for contact in contacts],
        "questions": [_question(question) for question in event.questions.all()],
        "url": _site(reverse("hearings:event", args=[event.pk])),
    }


def _question(question: Any) -> dict[str, Any]:
    thai, english = options(question, "th"), options(question, "en")
    return {
        "key": question.key,
        "kind": question.kind,
        "label": both(question, "label"),
        "required": question.required,
        "options": [{"th": th, "en": en} for th, en in zip(thai, english, strict=True)],
    }


def _agenda(item: Any) -> dict[str, Any]:
    return {
        "time": item.starts_at.strftime("%H:%M") if item.starts_at else None,
        "until": item.ends_at.strftime("%H:%M") if item.ends_at else None,
        "title": both(item, "title"),
        "speakers": both(item, "speakers"),
    }


def _extra_fields(request: HttpRequest) -> dict[str, Any]:
    """The body's fields beyond the standard ones: answers to the event's own questions, by key.

    The schema's parsing keeps only the fields it declares, so these are read from the body itself, which the
    schema has already parsed.
    """
    body = json.loads(request.body)
    if not isinstance(body, dict):
        return {}
    return {key: value for key, value in body.items() if key not in RegistrationIn.model_fields}


def _not_found() -> Any:
    return Status(404, {"code": "not_found", "message": _("There is no such event.")})


EventId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/events/{event_id}", response={200: EventOut, 404: ErrorOut}, url_name="event_get")
def event_get(request: HttpRequest, event_id: EventId) -> Any:
    """One event of a published consultation: its facts, capacity and seats left. No personal data."""
    try:
        event = selectors.event_get_public(event_id=event_id)
    except Event.DoesNotExist:
        return _not_found()
    return Status(200, _event(event))


def _received() -> Any:
    message = _("Registration received: the confirmation, with the reference and the status, is sent by e-mail.")
    return Status(202, {"status": "received", "message": message})


@router.post(
    "/events/{event_id}/registrations",
    response={
        201: RegistrationOut, 202: RegistrationReceivedOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut,
        422: InvalidOut, 429: ErrorOut,
    },
    url_name="registration_create",
)  # fmt: skip
def registration_create(request: HttpRequest, event_id: EventId, payload: RegistrationIn) -> Any:
    """Register for an event. With an API key: 201 confirmed or waitlisted with a position, 409 `duplicate` when
    the e-mail address or telephone number is registered already. Without a key: 202 `received` in both cases (the
    reference comes by e-mail; a person registered before is told by e-mail instead), so that the answer says
    nothing about who registered. 409 when registration is closed or not open yet; 422 with the fields' errors."""
    client = api_rate_limit(request, "registration")
    data = {**_extra_fields(request), **payload.model_dump()}
    try:
        registration = services.registration_create(
            actor=PUBLIC,
            event_id=event_id,
            data=data,
            channel=Channel.API,
            language=current_language(),
            received_at=arrived_at(request),  # the deadline is kept on the moment it arrived (decision 19)
        )
    except InvalidInput as error:
        body = {"code": error.code, "message": str(error.message), "errors": error.params.get("errors", {})}
        return Status(422, body)
    except Conflict as error:
        if error.code != "duplicate" or client.key is not None:
            raise
        services.registration_repeat_notify(event_id=event_id, data=data)
        return _received()
    if client.key is None:
        return _received()
    return Status(
        201,
        {
            "reference": registration.reference,
            "status": registration.status,
            "waitlist_position": getattr(registration, "position_when_placed", None),
        },
    )
