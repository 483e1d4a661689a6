"""The registrants' mail outbox in figures, for the site's metrics (core.metrics, settings.METRICS_FIGURES)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Min
from django.utils import timezone

from rapfang.core.metrics import Figure
from rapfang.hearings.models import MailOutbox


def outbox_figures(now: datetime | None = None) -> list[Figure]:
    """Messages waiting to be sent, the age of the oldest that is due, and messages given up on."""
    now = now or timezone.now()
    waiting = MailOutbox.objects.filter(attempts__lt=MailOutbox.MAX_ATTEMPTS)
    due = waiting.filter(due_at__lte=now).aggregate(oldest=Min("due_at"))["oldest"]
    given_up = MailOutbox.objects.filter(attempts__gte=MailOutbox.MAX_ATTEMPTS).aggregate(n=Count("id"))["n"]
    return [
        Figure("rapfang_mail_outbox_messages", "Registrants' messages waiting to be sent", waiting.count()),
        Figure(
            "rapfang_mail_outbox_oldest_seconds",
            "How long the oldest due message has waited",
            max((now - due).total_seconds(), 0.0) if due else 0.0,
        ),
        Figure("rapfang_mail_outbox_given_up", "Registrants' messages given up on after every try", given_up),
    ]
