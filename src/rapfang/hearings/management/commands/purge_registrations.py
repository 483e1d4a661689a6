"""`rapfang manage purge_registrations [--days N] [--queue]`: remove registrants' personal data after events."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rapfang.hearings.services import registrations_purge
from rapfang.hearings.tasks import registrations_purge as purge_job


class Command(BaseCommand):
    help = "Empty the personal fields of registrations whose event ended more than the retention days ago."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="days after the event (default: the setting)")
        parser.add_argument("--queue", action="store_true", help="run it as a background job instead")

    def handle(self, *args: Any, days: int | None, queue: bool, **options: Any) -> None:
        if queue:
            purge_job.enqueue()
            self.stdout.write("Purge queued as a background job.")
            return
        count = registrations_purge(actor=None, days=days)
        self.stdout.write(f"Personal data removed from {count} registrations; their anonymous counts remain.")
