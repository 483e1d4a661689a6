"""The mail registrants receive, in the language they registered in."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from rapfang.hearings.files import event_ics, qr_png
from rapfang.hearings.links import registration_url
from rapfang.hearings.models import MailKind, Registration

KINDS = tuple(MailKind.values)


def registration_message(registration: Registration, kind: str) -> EmailMessage:
    """The message of `kind` for `registration`: subject and body in its language, QR and .ics attached."""
    if kind not in KINDS:
        raise ValueError(f"unknown mail kind {kind!r}")
    from rapfang.hearings.services import waitlist_position

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
