"""What follows the intake of a comment (decision 22): its search terms and index row, and its receipt mail.

`comment_submit` writes the comment with `followup_due` (and `receipt_mail_due` when a receipt may be mailed) in
its one short transaction. The job worker calls `comments_followup_poll` every second (`settings.POLLED_JOBS`):
the texts are segmented outside any transaction, then one transaction locks the comments still owed, writes their
terms and index rows, clears their flags, queues their mails and writes the submission entries of the public's
comments in the audit log (a signed-in person's is written with the comment). A crash before that commit leaves
the flags for the next round; after it nothing is owed, so however often it runs a comment gets one index row, one
mail and one entry.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Count, Min
from django.utils import timezone

from rapfang.comments import search
from rapfang.comments.models import Comment
from rapfang.core.actors import PUBLIC
from rapfang.core.audit import audit_entry, audit_log_missing
from rapfang.core.jobs import job_enqueue_durable
from rapfang.core.metrics import Figure

logger = logging.getLogger(__name__)
BATCH = 200  # comments a round: one transaction, one statement per kind of write
FIELDS = ("consultation_id", "status", "text", "email", "followup_due", "receipt_mail_due", "receipt", "channel",
          "is_late", "consent_at")  # fmt: skip


def comments_followup_poll() -> int:
    """A polled job: the follow-up of the comments waiting for it, oldest first, one batch; the number done.

    A batch that fails for another reason than the database being away is done again one comment at a time, so a
    comment that cannot be followed up is logged each round but holds up no other."""
    ids = list(Comment.objects.filter(followup_due=True).order_by("pk").values_list("pk", flat=True)[:BATCH])
    try:
        return comments_followup_complete(comment_ids=ids)
    except (OperationalError, InterfaceError):
        raise  # the poller waits for the database
    except Exception:
        if len(ids) < 2:
            raise
    return sum(_one_by_one(pk) for pk in ids)


def _one_by_one(comment_id: int) -> int:
    try:
        return comments_followup_complete(comment_ids=[comment_id])
    except (OperationalError, InterfaceError):
        raise
    except Exception:
        logger.exception("the follow-up of comment %s failed; it is tried again in the next round", comment_id)
        return 0


def comments_followup_complete(*, comment_ids: Iterable[int]) -> int:
    """Write the search terms and index rows of the comments still owed them, and queue their receipt mails;
    the number done. Comments already followed up are left alone, so calling it again changes nothing."""
    texts = dict(Comment.objects.filter(pk__in=list(comment_ids), followup_due=True).values_list("pk", "text"))
    if not texts:
        return 0
    terms = {pk: search.terms_for(text) for pk, text in texts.items()}  # the Thai segmentation, before the lock
    with transaction.atomic():
        owed = Comment.objects.select_for_update().filter(pk__in=list(texts), followup_due=True)
        comments = list(owed.order_by("pk").only(*FIELDS))
        for comment in comments:
            _complete(comment, terms[comment.pk] if comment.text == texts[comment.pk] else None)
        Comment.objects.bulk_update(comments, ["search_terms", "followup_due", "receipt_mail_due"])
        search.index_replace(comments)
        _audit(comments)
    return len(comments)


def _audit(comments: list[Comment]) -> None:
    """The submission entries of the public's comments, at the moment each was taken (the row held all the entry
    says); one written with its comment (staff's, a signed-in person's) is there already and is not written twice."""
    audit_log_missing([audit_entry(actor=PUBLIC, action="comments.comment.submit", target=comment,
                                   data=submit_audit_data(comment), at=comment.consent_at)
                       for comment in comments])  # fmt: skip


def _complete(comment: Comment, terms: str | None) -> None:
    """One comment's part, under its lock: terms of the text it has now (emptied if it was erased meanwhile), and
    its mail queued in this transaction, to the address it has now (none if it was purged or erased)."""
    comment.search_terms = search.terms_for(comment.text) if terms is None else terms
    if comment.receipt_mail_due and comment.email:
        _mail_receipt(comment.pk)
    comment.followup_due = comment.receipt_mail_due = False


def submit_audit_data(comment: Comment) -> dict[str, Any]:
    """The details of a comment's submission entry in the audit log, whoever writes it."""
    return {"channel": comment.channel, "late": comment.is_late, "status": comment.status}


def _mail_receipt(comment_id: int) -> None:
    """Queue the receipt mail in the follow-up's transaction (`job_enqueue_durable`, decision 24): with the database
    queue the job's row is written, or not, with the cleared flag."""
    from rapfang.comments.tasks import comment_receipt_mail

    job_enqueue_durable(comment_receipt_mail, comment_id)


def followup_figures(now: datetime | None = None) -> list[Figure]:
    """For /metrics (settings.METRICS_FIGURES): comments whose search entry and mail are still to be done, and how
    long ago the oldest of them arrived."""
    now = now or timezone.now()
    waiting = Comment.objects.filter(followup_due=True).aggregate(n=Count("pk"), oldest=Min("submitted_at"))
    oldest = waiting["oldest"]
    return [
        Figure("rapfang_comments_followup_due", "Comments taken whose search entry and mail are still to be done",
               waiting["n"]),
        Figure("rapfang_comments_followup_oldest_seconds", "How long ago the oldest of them arrived",
               max((now - oldest).total_seconds(), 0.0) if oldest else 0.0),
    ]  # fmt: skip
