"""Moderation: publish, or hide with a reason (never delete); public flags; PDPA erasure. Audited per comment."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, can, require
from rapfang.comments import search
from rapfang.comments.endorsements import endorsements_erase
from rapfang.comments.models import Comment, CommentFlag, CommentStatus, ModerationReason
from rapfang.consultations.models import Consultation
from rapfang.core.actors import PUBLIC, acting_user
from rapfang.core.audit import audit_log
from rapfang.core.codes import random_code
from rapfang.core.errors import InvalidInput, NotFound, PermissionDenied
from rapfang.core.mailfiles import mail_files_forget

ACTIONS = {"publish": CommentStatus.PUBLISHED, "hide": CommentStatus.HIDDEN}
NOTE_MAX_CHARS = 500
BATCH_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def _invalid(field: str, message: Any, code: str) -> InvalidInput:
    return InvalidInput(message, code=code, errors={field: [str(message)]})


def moderation_checked(*, action: str, reason: str = "", note: str = "") -> tuple[str, str]:
    """The reason and the reason in words to store, or InvalidInput naming the field at fault."""
    note = note.strip()
    if action not in ACTIONS:
        raise _invalid("action", _("Choose what to do with the comments: publish or hide."), "unknown_action")
    if reason and reason not in ModerationReason.values:
        raise _invalid("reason", _("Choose one of the reasons listed."), "unknown_reason")
    if len(note) > NOTE_MAX_CHARS:
        raise _invalid("note", _("A reason in words can be at most 500 characters long."), "note_too_long")
    if action == "publish":
        return "", ""
    if not reason and not note:
        raise _invalid("reason", _("Choose a reason for hiding, or write one in words."), "reason_required")
    return reason, note


@transaction.atomic
def comment_moderate(
    *,
    actor: Any,
    comment_ids: Iterable[int],
    action: str,
    reason: str = "",
    note: str = "",
    consultation: Consultation | None = None,
) -> int:
    """Publish or hide the comments, all or none; returns how many.

    Hiding needs a fixed reason, a reason in words (`note`, shown to the author on the receipt), or both. Every
    comment must exist (and belong to `consultation` when given) and be one the actor may moderate. Reviewing a
    comment also settles the public's flags on it. One audit entry per comment, all sharing one batch code, so
    that the activity log tells them as one action.
    """
    reason, note = moderation_checked(action=action, reason=reason, note=note)
    comments = _comments_locked(set(comment_ids), consultation)
    if any(not can(actor, Perm.MODERATE, comment.consultation.agency_id) for comment in comments):
        raise PermissionDenied()
    now, batch = timezone.now(), random_code(BATCH_ALPHABET, 12)
    for comment in comments:
        if comment.erased_at is None and comment.status != CommentStatus.WITHDRAWN:  # its author's choice stands
            _apply(comment, actor=actor, action=action, reason=reason, note=note, now=now)
            audit_log(actor=actor, action="comments.comment." + ("publish" if action == "publish" else "hide"),
                      target=comment, data={"reason": reason, "note": note, "batch": batch})  # fmt: skip
    return len(comments)


def _comments_locked(ids: set[int], consultation: Consultation | None) -> list[Comment]:
    if not ids:
        raise _invalid("comments", _("Choose at least one comment."), "no_comments")
    rows = Comment.objects.select_for_update().select_related("consultation").filter(pk__in=ids)
    if consultation is not None:
        rows = rows.filter(consultation=consultation)
    comments = list(rows.order_by("pk"))
    if len(comments) != len(ids):
        raise NotFound()
    return comments


def _apply(comment: Comment, *, actor: Any, action: str, reason: str, note: str, now: datetime) -> None:
    comment.status = ACTIONS[action]
    comment.moderation_reason, comment.moderation_note = reason, note
    comment.moderated_at, comment.moderated_by, comment.flag_count = now, acting_user(actor), 0
    comment.save(update_fields=["status", "moderation_reason", "moderation_note", "moderated_at", "moderated_by",
                                "flag_count"])  # fmt: skip
    search.index_put(comment)


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
    """Erase a comment's personal data, text and attachment under the PDPA, and every copy of them: its search
    terms, its receipt mail in the mail folder, and what `settings.ERASURE_STEPS` reach (the analysis, the summary
    report's files; decision 16). The receipt stays as a tombstone."""
    require(actor, Perm.ORGANISE, comment.consultation.agency_id)
    if comment.attachment:
        stored, storage = comment.attachment.name, comment.attachment.storage
        transaction.on_commit(lambda: storage.delete(stored))
    comment.text = comment.name = comment.organisation = comment.email = comment.search_terms = ""
    comment.attachment, comment.attachment_type, comment.attachment_size = "", "", 0
    comment.moderation_note = ""
    comment.anonymous, comment.status, comment.erased_at = True, CommentStatus.HIDDEN, timezone.now()
    comment.has_personal_data = False
    comment.save()
    search.index_remove(comment.pk)
    endorsers = endorsements_erase(comment=comment, now=comment.erased_at)
    done: dict[str, Any] = {"note": note[:300], "endorsements": len(endorsers)}
    for step in settings.ERASURE_STEPS:
        done.update(import_string(step)(actor=actor, comment=comment) or {})
    receipt = comment.receipt
    transaction.on_commit(lambda: _after_erasure(receipt))
    if endorsers:
        transaction.on_commit(lambda: mail_files_forget(addresses=endorsers))
    audit_log(actor=actor, action="comments.comment.erase", target=comment, data=done)
    return comment


def _after_erasure(receipt: str) -> None:
    """Once the erasure is committed: the receipt mail leaves the mail folder, the search index is compacted."""
    from rapfang.comments.tasks import search_index_compact

    mail_files_forget(marks=[receipt])
    search_index_compact.enqueue()
