"""`rapfang manage purge_commenters [--days N] [--queue]`: remove commenters' names and e-mail addresses."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rapfang.comments.retention import commenters_purge
from rapfang.comments.tasks import commenters_purge as purge_job


class Command(BaseCommand):
    help = "Remove commenters' names and e-mail addresses the retention days after the comment period closed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="days after the period (default: the setting)")
        parser.add_argument("--queue", action="store_true", help="run it as a background job instead")

    def handle(self, *args: Any, days: int | None, queue: bool, **options: Any) -> None:
        if queue:
            purge_job.enqueue()
            self.stdout.write("Purge queued as a background job.")
            return
        count = commenters_purge(actor=None, days=days)
        self.stdout.write(f"Names and e-mail addresses removed from {count} comments; their texts remain.")
