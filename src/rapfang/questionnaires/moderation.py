"""Moderation of the written reasons and texts of answers, their erasure under the PDPA, and the retention purge of
answerers' names and addresses, as for comments (decision 16): the counts stay, personal data goes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, require
from rapfang.comments.models import CommentStatus, ModerationReason
from rapfang.comments.retention import retention_days
from rapfang.consultations.models import Consultation, MilestoneKind
from rapfang.core.actors import acting_user
from rapfang.core.audit import audit_log
from rapfang.core.errors import InvalidInput
from rapfang.core.mailfiles import mail_files_forget
from rapfang.questionnaires.models import Answer, AnswerItem


@transaction.atomic
def answers_moderate(
    *, actor: Any, consultation: Consultation, answer_ids: list[int], action: str, reason: str = ""
) -> int:
    """Publish or hide the written reasons and texts of answers (hidden answers are not counted either)."""
    require(actor, Perm.MODERATE, consultation.agency_id)
    if action not in ("publish", "hide"):
        raise InvalidInput(code="unknown_action")
    if action == "hide" and reason not in ModerationReason.values:
        message = _("Please choose why the answers are hidden.")
        raise InvalidInput(message, code="invalid", errors={"reason": [str(message)]})
    answers = Answer.objects.filter(consultation_id=consultation.pk, pk__in=answer_ids, erased_at__isnull=True)
    status = CommentStatus.PUBLISHED if action == "publish" else CommentStatus.HIDDEN
    count = answers.update(status=status, moderation_reason=reason if action == "hide" else "",
                           moderated_at=timezone.now(), moderated_by=acting_user(actor))  # fmt: skip
    code = "questionnaires.answer.publish" if action == "publish" else "questionnaires.answer.hide"
    audit_log(actor=actor, action=code, target=consultation,
              data={"count": count, "reason": reason})  # fmt: skip
    return count


@transaction.atomic
def answer_erase(*, actor: Any, answer: Answer) -> Answer:
    """Erase one answerer's name, organisation, address and written texts at their request (organisers; audited).
    The receipt and the choices stay, uncounted: the answer is hidden."""
    require(actor, Perm.ORGANISE, answer.consultation.agency_id)
    if answer.erased_at is not None:
        return answer
    address = answer.email
    answer.anonymous, answer.name, answer.organisation, answer.email = True, "", "", ""
    answer.erased_at, answer.status = timezone.now(), CommentStatus.HIDDEN
    answer.save(update_fields=["anonymous", "name", "organisation", "email", "erased_at", "status"])
    AnswerItem.objects.filter(answer_id=answer.pk).update(text="")
    audit_log(actor=actor, action="questionnaires.answer.erase", target=answer)
    receipt = answer.receipt
    transaction.on_commit(lambda: mail_files_forget(addresses=[address] if address else [], marks=[receipt]))
    return answer


@transaction.atomic
def answerers_purge(*, actor: Any, days: int | None = None, now: datetime | None = None) -> int:
    """Remove answerers' names and addresses `days` (the comments' retention) after the comment period closed."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days() if days is None else days)
    ended = Answer.objects.filter(
        consultation__milestones__kind=MilestoneKind.COMMENTS,
        consultation__milestones__ends_at__lt=cutoff,
        purged_at__isnull=True,
    ).filter(~Q(name="") | ~Q(email=""))
    due = Answer.objects.filter(pk__in=ended.values("pk"))
    addresses = sorted(set(due.exclude(email="").values_list("email", flat=True)))
    count = due.update(name="", email="", purged_at=now)
    if addresses:
        transaction.on_commit(lambda: mail_files_forget(addresses=addresses))
    audit_log(actor=actor, action="questionnaires.answerer.purge", data={"count": count, "cutoff": cutoff.isoformat()})
    return count
