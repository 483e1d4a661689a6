"""The shape of the commands that empty personal data after its retention period: `--days N` overrides the
setting, `--queue` hands the purge to the job worker instead of running it here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.core.management.base import BaseCommand, CommandParser

from rapfang.core.actors import SYSTEM


class PurgeCommand(BaseCommand):
    """Subclasses name the service (`purge(actor=SYSTEM, days=...)` → how many rows), its background job, what
    `--days` counts from, and the sentence that reports the count."""

    purge: ClassVar[Callable[..., int]]
    job: ClassVar[Any]
    days_after: ClassVar[str]
    done: ClassVar[str]  # with {count}

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=None, help=f"days after {self.days_after} (default: the setting)"
        )
        parser.add_argument("--queue", action="store_true", help="run it as a background job instead")

    def handle(self, *args: Any, days: int | None, queue: bool, **options: Any) -> None:
        if queue:
            self.job.enqueue()
            self.stdout.write("Purge queued as a background job.")
            return
        count = type(self).purge(actor=SYSTEM, days=days)
        self.stdout.write(self.done.format(count=count))
