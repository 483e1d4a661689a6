"""`rapfang manage purge_registrations [--days N] [--queue]`: remove registrants' personal data after events."""

from __future__ import annotations

from rapfang.core.purgecommand import PurgeCommand
from rapfang.hearings.services import registrations_purge
from rapfang.hearings.tasks import registrations_purge as purge_job


class Command(PurgeCommand):
    help = "Empty the personal fields of registrations whose event ended more than the retention days ago."
    purge = registrations_purge
    job = purge_job
    days_after = "the event"
    done = "Personal data removed from {count} registrations; their anonymous counts remain."
