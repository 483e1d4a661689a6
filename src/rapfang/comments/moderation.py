"""Moderation: publish, hide (never delete), public flags, and erasure under the PDPA. Audited per comment."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, can, require
from rapfang.comments import search
from rapfang.comments.models import Comment, CommentFlag, CommentStatus, ModerationReason
from rapfang.core.actors import PUBLIC, acting_user
from rapfang.core.audit import audit_log
from rapfang.core.errors import InvalidInput, NotFound, PermissionDenied

ACTIONS = {"publish": CommentStatus.PUBLISHED, "hide": CommentStatus.HIDDEN}


@transaction.atomic
def comment_moderate(*, actor: Any, comment_ids: Iterable[int], action: str, reason: str = "") -> int:
    """Publish or hide the comments; hiding needs a reason. One audit entry per comment. Returns how many."""
    if action not in ACTIONS:
        raise InvalidInput(code="unknown_action")
    if action == "hide" and reason not in ModerationReason.values:
        raise InvalidInput(_("Please choose a reason for hiding."), code="reason_required")
    comments = list(Comment.objects.select_for_update().select_related("consultation").filter(pk__in=comment_ids))
    if not comments:
        raise NotFound()
    if any(not can(actor, Perm.MODERATE, comment.consultation.agency_id) for comment in comments):
        raise PermissionDenied()
    now = timezone.now()
    for comment in comments:
        if comment.erased_at is not None:
            continue
        comment.status = ACTIONS[action]
        comment.moderation_reason = reason if action == "hide" else ""
        comment.moderated_at, comment.moderated_by = now, acting_user(actor)
        comment.save(update_fields=["status", "moderation_reason", "moderated_at", "moderated_by"])
        search.index_put(comment)
        audit_log(actor=actor, action=f"comments.comment.{action}", target=comment, data={"reason": reason})
    return len(comments)


@transaction.atomic
def comment_flag(*, comment: Comment, reason: str) -> CommentFlag:
    """A member of the public flags a published comment for review."""
    if reason not in ModerationReason.values:
        raise InvalidInput(_("Please choose a reason."), code="reason_required")
    if comment.status != CommentStatus.PUBLISHED:
        raise NotFound()
    flag = CommentFlag.objects.create(comment=comment, reason=reason)
    Comment.objects.filter(pk=comment.pk).update(flag_count=F("flag_count") + 1)
    audit_log(actor=PUBLIC, action="comments.comment.flag", target=comment, data={"reason": reason})
    return flag


@transaction.atomic
def comment_erase(*, actor: Any, comment: Comment, note: str = "") -> Comment:
    """Erase a comment's personal data, text and attachment under the PDPA; the receipt stays as a tombstone."""
    require(actor, Perm.ORGANISE, comment.consultation.agency_id)
    if comment.attachment:
        stored, storage = comment.attachment.name, comment.attachment.storage
        transaction.on_commit(lambda: storage.delete(stored))
    comment.text = comment.name = comment.organisation = comment.email = comment.search_terms = ""
    comment.attachment, comment.attachment_type, comment.attachment_size = "", "", 0
    comment.anonymous, comment.status, comment.erased_at = True, CommentStatus.HIDDEN, timezone.now()
    comment.save()
    search.index_remove(comment.pk)
    audit_log(actor=actor, action="comments.comment.erase", target=comment, data={"note": note[:300]})
    return comment
