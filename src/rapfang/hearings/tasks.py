"""Background jobs: mail to registrants, reminders before the event, and the purge of personal data.

Jobs take primary keys, never objects.
"""

from __future__ import annotations

from django_tasks import task


@task()
def registration_mail(registration_id: int, kind: str) -> bool:
    """Send one registrant one message; False when there is nobody to write to (purged or no e-mail)."""
    from rapfang.hearings.mail import registration_message
    from rapfang.hearings.models import Registration

    registration = Registration.objects.select_related("event__consultation__agency").filter(pk=registration_id).first()
    if registration is None or not registration.email:
        return False
    registration_message(registration, kind).send()
    return True


@task()
def reminders_send() -> int:
    """E-mail each confirmed registrant once, the event's number of days before it starts."""
    from rapfang.hearings.services.upkeep import reminders_due_mark

    return len(reminders_due_mark())


@task()
def registrations_purge() -> int:
    """Remove registrants' personal data the configured number of days after their event."""
    from rapfang.hearings.services.upkeep import registrations_purge as purge

    return purge(actor=None)
