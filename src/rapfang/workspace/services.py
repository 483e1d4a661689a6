"""Writes of the workspace that span apps: a consultation's copy, going live and coming off the public site.

Each runs in one transaction. Going live is checked against what other apps hold (the drafts, the main hearing,
the privacy notice): `workspace.checks`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, require
from rapfang.comments.models import CommentPolicy
from rapfang.comments.services import comment_policy_set
from rapfang.consultations import services as consultation_services
from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import comment_period_check
from rapfang.core.actors import acting_user
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, InvalidInput
from rapfang.core.windows import to_second
from rapfang.workspace.checks import failing, going_live_checks


@transaction.atomic
def consultation_copy(*, actor: Any, source: Consultation, **fields: Any) -> Consultation:
    """A new consultation made from `source` (see `consultations.services.consultation_copy`), with its comment
    policy; the audit entry of the copy names the source."""
    copy = consultation_services.consultation_copy(actor=actor, source=source, **fields)
    policy = CommentPolicy.objects.filter(consultation=source).first()
    if policy is not None:
        comment_policy_set(actor=actor, consultation=copy, moderation=policy.moderation)
    return copy


def _locked(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().select_related("agency").get(pk=consultation.pk)


@transaction.atomic
def consultation_publish(
    *, actor: Any, consultation: Consultation, short_period_reason: str = "", now: datetime | None = None
) -> Consultation:
    """Put the consultation on the public site, once every blocking check passes; a comment period shorter than the
    legal minimum needs `short_period_reason`, kept on the consultation and in the audit log."""
    require(actor, Perm.ORGANISE, consultation.agency_id)
    consultation = _locked(consultation)
    if consultation.is_published:
        raise Conflict(_("This consultation is already on the public site."), code="already_published")
    now = to_second(now or timezone.now())
    reason = short_period_reason.strip() or consultation.short_period_reason
    _refuse_unless_ready(consultation, now, reason)
    check = comment_period_check(consultation)
    consultation.is_published, consultation.published_at = True, now
    consultation.published_by = acting_user(actor)
    consultation.short_period_reason = reason if check is not None and not check.meets_minimum else ""
    fields = ["is_published", "published_at", "published_by", "short_period_reason", "updated_at"]
    consultation.save(update_fields=fields)
    data = {"days": check.days if check else None, "short_period_reason": consultation.short_period_reason}
    audit_log(actor=actor, action="consultations.consultation.publish", target=consultation, data=data)
    return consultation


def _refuse_unless_ready(consultation: Consultation, now: datetime, reason: str) -> None:
    refused = failing(going_live_checks(consultation, now=now, reason=reason))
    if refused:
        message = _("It cannot go live yet: %(checks)s") % {"checks": " ".join(str(c.message) for c in refused)}
        raise Conflict(message, code="checks_failed", checks=[check.key for check in refused])


@transaction.atomic
def consultation_unpublish(*, actor: Any, consultation: Consultation, reason: str) -> Consultation:
    """Take the consultation off the public site; the reason goes into the audit log."""
    require(actor, Perm.ORGANISE, consultation.agency_id)
    reason = (reason or "").strip()
    if not reason:
        message = _("Say why the consultation comes off the public site.")
        raise InvalidInput(message, code="reason_required", errors={"reason": [str(message)]})
    consultation = _locked(consultation)
    if not consultation.is_published:
        raise Conflict(_("This consultation is not on the public site."), code="not_published")
    consultation.is_published = False
    consultation.save(update_fields=["is_published", "updated_at"])
    audit_log(actor=actor, action="consultations.consultation.unpublish", target=consultation,
              data={"reason": reason[:500]})  # fmt: skip
    return consultation
