"""Background jobs: reminders before the event, and the purge of personal data. (Registrants' mail goes
through the outbox, `services.outbox`, which the job worker polls.)
"""

from __future__ import annotations

from django_tasks import task

from rapfang.core.actors import SYSTEM


@task()
def reminders_send() -> int:
    """E-mail each confirmed registrant once, the event's number of days before it starts."""
    from rapfang.hearings.services.upkeep import reminders_due_mark

    return len(reminders_due_mark())


@task()
def registrations_purge() -> int:
    """Remove registrants' personal data the configured number of days after their event."""
    from rapfang.hearings.services.upkeep import registrations_purge as purge

    return purge(actor=SYSTEM)
