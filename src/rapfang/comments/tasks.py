"""Background jobs of comments: the receipt by e-mail, the search index compacted after an erasure, and the
purge of commenters' names and addresses after the retention period."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from rapfang.comments import search
from rapfang.comments.models import Comment
from rapfang.core.actors import SYSTEM
from rapfang.core.receiptmail import receipt_mail_retried, receipt_mail_send


@task()
def comment_receipt_mail(comment_id: int, attempt: int = 1) -> None:
    """Send the receipt to the address the commenter gave, in the language they wrote in (tried again later when
    the mail server refuses it or is away)."""
    comment = Comment.objects.select_related("consultation__agency").filter(pk=comment_id).first()
    if comment is None or not comment.email:
        return
    consultation = comment.consultation
    with receipt_mail_retried(comment_receipt_mail, comment_id, attempt):
        receipt_mail_send(
            to=comment.email, language=comment.language, receipt=comment.receipt,
            subject=_("Your comment was received: %(receipt)s"), template="comments/receipt_mail.txt",
            context=lambda: {"comment": comment, "consultation": consultation, "thai_digits": consultation.thai_digits,
                     "receipt_url": settings.SITE_URL + reverse("comments:receipt", args=[comment.receipt])},
        )  # fmt: skip


@task()
def search_index_compact() -> None:
    """After an erasure: the erased comment's words leave the search index's file."""
    search.index_compact()


@task()
def commenters_purge() -> int:
    """Remove commenters' names and e-mail addresses the configured number of days after the comment period."""
    from rapfang.comments.retention import commenters_purge as purge

    return purge(actor=SYSTEM)


@task()
def endorsement_receipt_mail(endorsement_id: int, attempt: int = 1) -> None:
    """Send the endorsement's receipt to the address the endorser gave, in the language they wrote in (tried again
    later when the mail server refuses it or is away)."""
    from rapfang.comments.models import Endorsement

    endorsement = Endorsement.objects.select_related("comment__consultation__agency").filter(pk=endorsement_id).first()
    if endorsement is None or not endorsement.email:
        return
    consultation = endorsement.comment.consultation

    def context() -> dict[str, object]:
        comments = settings.SITE_URL + reverse("comments:list", args=[consultation.slug])
        return {"endorsement": endorsement, "consultation": consultation, "thai_digits": consultation.thai_digits,
                "comment_url": f"{comments}#c{endorsement.comment_id}"}  # fmt: skip

    with receipt_mail_retried(endorsement_receipt_mail, endorsement_id, attempt):
        receipt_mail_send(
            to=endorsement.email, language=endorsement.language, receipt=endorsement.receipt,
            subject=_("Your endorsement was received: %(receipt)s"), template="comments/endorsement_mail.txt",
            context=context,
        )  # fmt: skip
