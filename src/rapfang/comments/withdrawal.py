"""A commenter withdraws their own comment while the comment period is open, to the second.

Who the commenter is comes from the signed "my participation" link (`participation`), which proves that the person
holds the e-mail address the comment was sent with; the service checks that the address is the comment's. A withdrawn
comment keeps its receipt (which then says it was withdrawn) and leaves every public surface: the comment list and
search, the API, the analysis, the issues and the report's counts (they count published comments only).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.comments import search
from rapfang.comments.models import Comment, CommentStatus
from rapfang.comments.rules import comment_period_state
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, NotFound
from rapfang.core.windows import WindowState

WITHDRAWABLE = (CommentStatus.PENDING, CommentStatus.PUBLISHED)


def comment_withdrawable(comment: Comment, now: datetime) -> bool:
    """Whether the comment may still be withdrawn now: not hidden, erased or withdrawn, and the period open."""
    if comment.status not in WITHDRAWABLE or comment.erased_at is not None:
        return False
    return comment_period_state(comment.consultation, now) is WindowState.OPEN


@transaction.atomic
def comment_withdraw(*, actor: Any, comment_id: int, email: str, now: datetime | None = None) -> Comment:
    """Withdraw the comment sent with `email` (the address the caller has proved to hold). Raises NotFound when the
    comment was not sent with that address (the same answer as for no comment at all), Conflict when it can no
    longer be withdrawn (the period has closed, or it is hidden, erased or already withdrawn)."""
    now = now or timezone.now()
    email = email.strip().lower()
    comment = Comment.objects.select_for_update().select_related("consultation").filter(pk=comment_id).first()
    if comment is None or not email or comment.email.strip().lower() != email:
        raise NotFound(_("No such comment was sent with this e-mail address."), code="comment_not_found")
    if comment.status == CommentStatus.WITHDRAWN:
        raise Conflict(_("This comment has already been withdrawn."), code="comment_withdrawn")
    if not comment_withdrawable(comment, now):
        message = _("The comment period has closed: a comment can no longer be withdrawn.")
        raise Conflict(message, code="withdraw_closed")
    previous = comment.status
    comment.status, comment.withdrawn_at = CommentStatus.WITHDRAWN, now
    comment.save(update_fields=["status", "withdrawn_at"])
    search.index_put(comment)
    audit_log(actor=actor, action="comments.comment.withdraw", target=comment, data={"was": previous})
    return comment
