"""The organiser's messages to an event's registrants, sent through the mail outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, require
from rapfang.core.actors import acting_user
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, InvalidInput, NotFound
from rapfang.hearings.models import Audience, Event, EventMessage
from rapfang.hearings.selectors import message_recipients
from rapfang.hearings.services.outbox import mail_queue_message

SUBJECT_LENGTH = 200
BODY_LENGTH = 10_000


@transaction.atomic
def event_message_send(
    *,
    actor: Any,
    event_id: int,
    audience: str,
    subject_th: str,
    body_th: str,
    subject_en: str = "",
    body_en: str = "",
    expected: tuple[int, int] | None = None,
    now: datetime | None = None,
) -> EventMessage:
    """Keep the message and queue one copy per registrant of `audience` with an e-mail address, all or nothing.

    Registrants without an address are kept on the message for staff to telephone; registrations whose personal
    data was purged are never written to. `expected` is (e-mailed, without e-mail) as the preview showed them:
    when the registrants changed since, nothing is sent and the preview must be looked at again.
    """
    now = now or timezone.now()
    event = Event.objects.select_related("consultation").filter(pk=event_id).first()
    if event is None:
        raise NotFound(_("There is no such event."))
    require(actor, Perm.ORGANISE, event.consultation.agency_id)
    texts = _checked(audience, subject_th, body_th, subject_en, body_en)
    recipients = message_recipients(event_id=event.pk, audience=audience)
    if expected is not None and tuple(expected) != recipients.counts:
        raise Conflict(
            _("The registrants changed since the preview: please look at it again."), code="recipients_changed"
        )
    if not recipients.mailed and not recipients.without_email:
        raise Conflict(_("Nobody is registered in this group: there is no one to write to."), code="no_recipients")
    message = EventMessage.objects.create(
        event=event, audience=audience, sent_by=acting_user(actor), mailed=len(recipients.mailed),
        without_email=[row.pk for row in recipients.without_email], **texts,
    )  # fmt: skip
    mail_queue_message(recipients.mailed, message, now=now)
    audit_log(
        actor=actor, action="hearings.event.message", target=message,
        data={"audience": audience, "count": message.mailed, "without_email": len(message.without_email)},
    )  # fmt: skip
    return message


def _checked(audience: str, subject_th: str, body_th: str, subject_en: str, body_en: str) -> dict[str, str]:
    """The texts, trimmed; every field that is missing or too long named in one refusal."""
    texts = message_texts(subject_th=subject_th, body_th=body_th, subject_en=subject_en, body_en=body_en)
    errors = message_problems(texts)
    if audience not in Audience.values:
        errors["audience"] = [str(_("Choose who receives the message."))]
    if errors:
        raise InvalidInput(code="invalid", errors=errors)
    return texts


def message_texts(*, subject_th: str, body_th: str, subject_en: str = "", body_en: str = "") -> dict[str, str]:
    """Subjects on one line, bodies without surrounding blank lines and with LF line ends."""
    return {
        "subject_th": " ".join(subject_th.split()),
        "subject_en": " ".join(subject_en.split()),
        "body_th": body_th.strip().replace("\r\n", "\n"),
        "body_en": body_en.strip().replace("\r\n", "\n"),
    }


def message_problems(texts: dict[str, str]) -> dict[str, list[str]]:
    """What is wrong with a message's texts, by field; empty when it can be sent."""
    errors: dict[str, list[str]] = {}
    for name in ("subject_th", "body_th"):
        if not texts[name]:
            errors[name] = [str(_("Please fill in this field."))]
    if bool(texts["subject_en"]) != bool(texts["body_en"]):
        missing = "body_en" if texts["subject_en"] else "subject_en"
        errors[missing] = [str(_("Give the English subject and message together, or neither."))]
    for name in ("subject_th", "subject_en", "body_th", "body_en"):
        limit = SUBJECT_LENGTH if name.startswith("subject") else BODY_LENGTH
        if len(texts[name]) > limit:
            errors[name] = [str(_("At most %(limit)d characters.") % {"limit": limit})]
    return errors
