"""The mail registrants receive, in the language they registered in."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from rapfang.hearings.files import event_ics, qr_png
from rapfang.hearings.links import registration_url
from rapfang.hearings.models import EventMessage, MailKind, Registration
from rapfang.hearings.selectors import waitlist_position

KINDS = tuple(MailKind.values)


def registration_message(
    registration: Registration, kind: str, event_message: EventMessage | None = None
) -> EmailMessage:
    """The message of `kind` for `registration`: subject and body in its language, QR and .ics attached."""
    if kind not in KINDS:
        raise ValueError(f"unknown mail kind {kind!r}")
    if kind == MailKind.MESSAGE:
        if event_message is None:
            raise ValueError("a message from the organiser needs its EventMessage")
        return organiser_message(registration, event_message)
    event = registration.event
    with translation.override(registration.language or "th"):
        context = {
            "registration": registration,
            "event": event,
            "agency": event.consultation.agency,
            "position": waitlist_position(registration),
            "link": registration_url(registration),
            "thai_digits": event.consultation.thai_digits,  # fwindow and fnum use them in Thai only
        }
        subject = " ".join(render_to_string(f"hearings/mail/{kind}_subject.txt", context).split())
        body = render_to_string(f"hearings/mail/{kind}.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
    if kind != "cancelled" and registration.status == "confirmed":
        message.attach(f"{registration.reference}.png", qr_png(registration.reference), "image/png")
        message.attach("event.ics", event_ics(event, registration), "text/calendar")
    return message


def message_language(registration: Registration, message: EventMessage) -> str:
    """English for those who registered in English when the organiser wrote in English too; Thai otherwise."""
    return "en" if registration.language == "en" and message.subject_en and message.body_en else "th"


def organiser_message(registration: Registration, message: EventMessage) -> EmailMessage:
    """The organiser's message to one registrant: their text, then who it is from and the link to the registration."""
    language = message_language(registration, message)
    with translation.override(language):
        context = {
            "registration": registration,
            "event": registration.event,
            "agency": registration.event.consultation.agency,
            "body": message.body_en if language == "en" else message.body_th,
            "link": registration_url(registration),
        }
        body = render_to_string("hearings/mail/message.txt", context)
    subject = " ".join((message.subject_en if language == "en" else message.subject_th).split())
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
