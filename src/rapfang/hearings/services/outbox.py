"""The mail outbox: registrants' messages queued with the change that owes them, and sent by the job worker.

Queuing is one narrow INSERT inside the caller's transaction, so a registration and its confirmation are stored
together or not at all. Sending happens outside any transaction: a worker claims a row by moving its due time
(one conditional UPDATE; of several workers, one wins), sends, and deletes the row. A worker that dies between
sending and deleting leaves the row to be claimed again when its claim runs out, so a message is sent at least
once. A failed send is tried again after a growing pause, up to MAX_ATTEMPTS times; the row then stays, with the
last error, for staff to see.

With `settings.MAIL_OUTBOX_INLINE` (tests, and `RAPFANG_TASKS=immediate`) a queued message is sent at once.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from rapfang.core.receiptmail import mail_failure_text, mail_retry_pause, refused_for_good
from rapfang.hearings.models import EventMessage, MailKind, MailOutbox, Registration

logger = logging.getLogger(__name__)
CLAIM = timedelta(minutes=5)  # how long a worker may take to send one message before another may try
MAX_ATTEMPTS = MailOutbox.MAX_ATTEMPTS
BATCH = 100


def mail_queue(registration: Registration, kind: str, *, now: datetime | None = None) -> None:
    """Owe `registration` a message of `kind`; nothing when it has no e-mail address."""
    if not registration.email:
        return
    entry = MailOutbox.objects.create(registration=registration, kind=kind, due_at=now or timezone.now())
    if settings.MAIL_OUTBOX_INLINE:
        _send(entry.pk, now=now)


def mail_queue_message(registrations: list[Registration], message: EventMessage, *, now: datetime) -> int:
    """Owe each of `registrations` a copy of the organiser's `message`, in one INSERT; the number queued."""
    rows = [
        MailOutbox(registration=registration, kind=MailKind.MESSAGE, message=message, due_at=now)
        for registration in registrations
        if registration.email
    ]
    created = MailOutbox.objects.bulk_create(rows)
    if settings.MAIL_OUTBOX_INLINE:
        for entry in MailOutbox.objects.filter(message=message).values_list("pk", flat=True):
            _send(entry, now=now)
    return len(created)


def _claim(entry_id: int, due_at: datetime, now: datetime) -> bool:
    return (
        MailOutbox.objects.filter(pk=entry_id, due_at=due_at, attempts__lt=MAX_ATTEMPTS).update(due_at=now + CLAIM) == 1
    )


def _send(entry_id: int, *, now: datetime | None = None) -> bool:
    """Send one claimed or inline message; True when it was handed over (or there was nobody to write to)."""
    from rapfang.hearings.mail import registration_message

    entry = (
        MailOutbox.objects.select_related("registration__event__consultation__agency", "message")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        return False
    registration = entry.registration
    try:
        if registration.email:  # purged since, or changed to none: nothing to send
            registration_message(registration, entry.kind, event_message=entry.message).send()
    except Exception as error:  # the mail server refused or is away: try again later, unless it refused for good
        final = refused_for_good(error)
        attempts = MAX_ATTEMPTS if final else entry.attempts + 1
        moment = (now or timezone.now()) + mail_retry_pause(attempts)
        reply = mail_failure_text(error)
        MailOutbox.objects.filter(pk=entry.pk).update(attempts=attempts, due_at=moment, last_error=reply)
        logger.warning(
            "mail %s to registration %s failed (%s): %s",
            entry.kind,
            registration.pk,
            "refused for good, given up" if final else f"attempt {attempts}",
            reply,
        )
        return False
    MailOutbox.objects.filter(pk=entry.pk).delete()
    return True


def mail_outbox_flush(*, now: datetime | None = None, limit: int = BATCH) -> int:
    """Send the messages that are due, oldest first; the number handed to the mail server."""
    now = now or timezone.now()
    due = list(
        MailOutbox.objects.filter(due_at__lte=now, attempts__lt=MAX_ATTEMPTS)
        .order_by("id")
        .values_list("pk", "due_at")[:limit]
    )
    sent = 0
    for entry_id, due_at in due:
        if _claim(entry_id, due_at, now) and _send(entry_id, now=now):
            sent += 1
    return sent
