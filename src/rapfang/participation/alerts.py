"""The polled job that tells followers and commenters what happened: every second, it writes an `Alert` row for each
moment that has come and is owed to someone (the unique constraints keep each to one, whatever the number of
workers), then sends the rows that are due, claiming each by one conditional UPDATE as the registrants' outbox does.

A follow is owed a moment that came after it was confirmed (someone who follows a consultation today is not sent
yesterday's news), and only of a published consultation. Moments older than `LOOKBACK` are no longer looked for,
so that the job's queries stay small; a worker that was away for less than that catches up.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from rapfang.comments.models import CommentStatus
from rapfang.consultations.models import Consultation
from rapfang.core.receiptmail import mail_failure_text, mail_retry_pause, refused_for_good
from rapfang.core.windows import to_second
from rapfang.participation.models import Alert, Follow, Moment
from rapfang.participation.moments import moments_of
from rapfang.reports.models import IssueComment

logger = logging.getLogger(__name__)
LOOKBACK = timedelta(days=7)
CLAIM = timedelta(minutes=5)
BATCH = 100
FOLLOW_MOMENTS = (Moment.OPENS, Moment.CLOSES_SOON, Moment.HEARING_SOON, Moment.RESPONSES, Moment.REPORT)


def alerts_poll(*, now: datetime | None = None) -> int:
    """Write the alerts now owed and send those due; the number handed to the mail server."""
    now = to_second(now or timezone.now())
    alerts_plan(now=now)
    return alerts_flush(now=now)


def active_follows() -> Q:
    return Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


def alerts_plan(*, now: datetime) -> int:
    """Write an alert row for every moment now come and not yet owed; the number written."""
    active = Follow.objects.filter(active_follows())
    followed = Consultation.objects.filter(is_published=True).filter(
        Q(pk__in=active.filter(consultation__isnull=False).values("consultation_id"))
        | Q(agency_id__in=active.filter(agency__isnull=False).values("agency_id"))
    )
    agencies = dict(followed.values_list("pk", "agency_id"))
    rows: list[Alert] = []
    for consultation_id, moments in moments_of(agencies).items():
        for moment, at in moments.items():
            if now - LOOKBACK <= at <= now:
                rows += _owed(consultation_id, agencies[consultation_id], moment, at, now)
    rows += _counted(now)
    return len(Alert.objects.bulk_create(rows, ignore_conflicts=True)) if rows else 0


def _owed(consultation_id: int, agency_id: int, moment: str, at: datetime, now: datetime) -> list[Alert]:
    """One alert per address: someone who follows both the consultation and its agency is told once (through the
    follow of the consultation)."""
    told = Alert.objects.filter(follow__email=OuterRef("email"), consultation_id=consultation_id, moment=moment)
    follows = (
        Follow.objects.filter(active_follows(), confirmed_at__lte=at)
        .filter(Q(consultation_id=consultation_id) | Q(agency_id=agency_id))
        .filter(~Exists(told))
        .order_by(F("agency_id").asc(nulls_first=True), "pk")  # the consultation's own follows (no agency) first
        .values_list("pk", "email")
    )
    first = {email: pk for pk, email in reversed(list(follows))}
    return [Alert(follow_id=pk, consultation_id=consultation_id, moment=moment, moment_at=at, due_at=now)
            for pk in first.values()]  # fmt: skip


def _counted(now: datetime) -> list[Alert]:
    """Commenters who gave an address, whose published comment a response published lately counts."""
    told = Alert.objects.filter(comment_id=OuterRef("comment_id"), moment=Moment.COUNTED)
    rows = (
        IssueComment.objects.filter(
            issue__response__published_at__lte=now,
            issue__response__published_at__gte=now - LOOKBACK,
            comment__status=CommentStatus.PUBLISHED,
            comment__erased_at__isnull=True,
            issue__consultation__is_published=True,
        )
        .exclude(comment__email="")
        .filter(~Exists(told))
        .values_list("comment_id", "issue__consultation_id", "issue__response__published_at")
    )
    owed: dict[int, Alert] = {}
    for comment_id, consultation_id, at in rows:
        alert = Alert(comment_id=comment_id, consultation_id=consultation_id, moment=Moment.COUNTED,
                      moment_at=to_second(at or now), due_at=now)  # fmt: skip
        owed.setdefault(comment_id, alert)
    return list(owed.values())


def alerts_flush(*, now: datetime, limit: int = BATCH) -> int:
    """Send the alerts that are due, oldest first; the number handed to the mail server."""
    due = list(
        Alert.objects.filter(sent_at__isnull=True, due_at__lte=now, attempts__lt=Alert.MAX_ATTEMPTS)
        .order_by("id")
        .values_list("pk", "due_at")[:limit]
    )
    sent = 0
    for alert_id, due_at in due:
        claimed = Alert.objects.filter(pk=alert_id, due_at=due_at, sent_at__isnull=True).update(due_at=now + CLAIM)
        if claimed and _send(alert_id, now):
            sent += 1
    return sent


def _send(alert_id: int, now: datetime) -> bool:
    from rapfang.participation.mail import alert_message

    alert = Alert.objects.select_related("follow", "comment", "consultation__agency").get(pk=alert_id)
    try:
        message = alert_message(alert)
        if message is None:  # unsubscribed, or the address was erased since: nothing to send, nothing owed
            alert.delete()
            return False
        message.send()
    except Exception as error:  # the mail server refused or is away: try again later, unless it refused for good
        final = refused_for_good(error)
        attempts = Alert.MAX_ATTEMPTS if final else alert.attempts + 1
        reply = mail_failure_text(error)
        Alert.objects.filter(pk=alert.pk).update(
            attempts=attempts, due_at=now + mail_retry_pause(attempts), last_error=reply
        )
        logger.warning(
            "alert %s (%s) failed (%s): %s",
            alert.pk,
            alert.moment,
            "refused for good, given up" if final else f"attempt {attempts}",
            reply,
        )
        return False
    Alert.objects.filter(pk=alert.pk).update(sent_at=timezone.now())
    return True
