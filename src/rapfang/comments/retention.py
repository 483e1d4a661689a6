"""Commenters' personal data is kept for a while after the comment period closes, then removed by the daily job.

The name and the e-mail address go; the text (a public record of the hearing), the organisation, the stakeholder
type and the receipt stay. `RAPFANG_COMMENT_RETENTION_DAYS` days after the end of the consultation's online comment
period (a consultation whose period has not ended keeps them). Receipt mail sent to the purged addresses leaves the
mail folder too.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from rapfang.comments.endorsements import endorsers_purge
from rapfang.comments.models import Comment
from rapfang.consultations.models import MilestoneKind
from rapfang.core.audit import audit_log
from rapfang.core.mailfiles import mail_files_forget


def retention_days() -> int:
    """Days after the comment period's close that commenters' names and addresses are kept."""
    return int(settings.COMMENT_RETENTION_DAYS)


def commenters_due(*, cutoff: datetime) -> QuerySet[Comment]:
    """Comments whose consultation's comment period ended before `cutoff`, with a name or address left."""
    ended = Comment.objects.filter(
        consultation__milestones__kind=MilestoneKind.COMMENTS, consultation__milestones__ends_at__lt=cutoff
    )
    return ended.filter(purged_at__isnull=True).filter(~Q(name="") | ~Q(email=""))


@transaction.atomic
def commenters_purge(*, actor: Any, days: int | None = None, now: datetime | None = None) -> int:
    """Remove commenters' names and e-mail addresses `days` after their comment period closed; how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days() if days is None else days)
    due = Comment.objects.filter(pk__in=commenters_due(cutoff=cutoff).values("pk"))
    addresses = sorted(set(due.exclude(email="").values_list("email", flat=True)))
    count = due.update(name="", email="", purged_at=now)
    endorsers, endorser_addresses = endorsers_purge(cutoff=cutoff, now=now)
    addresses = sorted({*addresses, *endorser_addresses})
    if addresses:
        transaction.on_commit(lambda: mail_files_forget(addresses=addresses))
    audit_log(actor=actor, action="comments.commenter.purge", data={"count": count, "endorsements": endorsers,
                                                                 "cutoff": cutoff.isoformat()})  # fmt: skip
    return count
