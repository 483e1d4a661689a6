"""`rapfang manage send_reminders [--queue]`: e-mail registrants their event's reminder when it is due."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rapfang.hearings.services import reminders_due_mark
from rapfang.hearings.tasks import reminders_send


class Command(BaseCommand):
    help = "Queue the reminder e-mail of every confirmed registrant whose event starts within its reminder days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queue", action="store_true", help="run it as a background job instead")

    def handle(self, *args: Any, queue: bool, **options: Any) -> None:
        if queue:
            reminders_send.enqueue()
            self.stdout.write("Reminders queued as a background job.")
            return
        self.stdout.write(f"Reminders queued for {len(reminders_due_mark())} registrants.")
