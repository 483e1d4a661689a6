"""Jobs' writes: reminders before an event, and the purge of personal data after it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rapfang.core.actors import SYSTEM
from rapfang.core.audit import audit_log
from rapfang.core.mailfiles import mail_files_forget
from rapfang.hearings.models import Event, MailOutbox, Registration, Status
from rapfang.hearings.services.registrations import _notify


def retention_days() -> int:
    """Days after an event that registrants' personal data is kept (RAPFANG_REGISTRATION_RETENTION_DAYS)."""
    return int(settings.REGISTRATION_RETENTION_DAYS)


@transaction.atomic
def reminders_due_mark(*, now: datetime | None = None) -> list[int]:
    """Mark and e-mail the confirmed registrants whose event starts within its reminder days.

    One audit entry per event reminded of, so that the event's agency reads it in its activity log.
    """
    now = now or timezone.now()
    reminded: list[int] = []
    for event in Event.objects.filter(starts_at__gt=now, reminder_days__isnull=False):
        if event.starts_at - timedelta(days=event.reminder_days or 0) > now:
            continue
        sent = _remind(event, now)
        if sent:
            audit_log(actor=SYSTEM, action="hearings.registration.remind", target=event, data={"count": len(sent)})
        reminded.extend(sent)
    return reminded


def _remind(event: Event, now: datetime) -> list[int]:
    due = (
        Registration.objects.select_for_update()
        .filter(event=event, status=Status.CONFIRMED, reminded_at__isnull=True, purged_at__isnull=True)
        .exclude(email="")
    )
    sent = []
    for registration in due:
        registration.reminded_at = now
        registration.save(update_fields=["reminded_at", "updated_at"])
        _notify(registration, "reminder", now)
        sent.append(registration.pk)
    return sent


@transaction.atomic
def registrations_purge(*, actor: Any, days: int | None = None, now: datetime | None = None) -> int:
    """Empty the personal fields of registrations whose event ended more than `days` ago, drop the messages still
    owed to them, and take the messages sent to them out of the mail folder (when mail goes to files).

    What stays is anonymous: status, channel, stakeholder type and times, so the counts remain.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days() if days is None else days)
    rows = Registration.objects.filter(event__ends_at__lt=cutoff, purged_at__isnull=True)
    scans = [name for name in rows.exclude(scan="").values_list("scan", flat=True)]
    addresses = list(rows.exclude(email="").values_list("email", flat=True))
    MailOutbox.objects.filter(registration__in=rows).delete()
    count = rows.update(
        name="", organisation="", position="", email="", email_key="", phone="", phone_key="", needs="",
        answers={}, scan="", purged_at=now,
    )  # fmt: skip
    if scans:
        storage = Registration._meta.get_field("scan").storage
        transaction.on_commit(lambda: _delete_files(storage, scans))
    if addresses:
        transaction.on_commit(lambda: mail_files_forget(addresses=addresses))
    audit_log(actor=actor, action="hearings.registration.purge", data={"count": count, "cutoff": cutoff.isoformat()})
    return count


def _delete_files(storage: Any, names: list[str]) -> None:
    for name in names:
        storage.delete(name)
