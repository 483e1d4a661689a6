"""Endorsing a published comment ("I agree with this comment"): the period to the second, one per e-mail address,
a receipt, the audit entry; and the endorsers' personal data removed with an erasure or after the retention period.

Every endorsement names an e-mail address, kept private (docs/participation.md says why): it is what makes "one per
person" a rule the database keeps, without a cookie or a login.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, require
from rapfang.comments.models import Comment, CommentStatus, Endorsement
from rapfang.comments.rules import comment_period_state
from rapfang.comments.services import RECEIPT_DRAWS, identity_fields_checked, receipt_number
from rapfang.comments.tasks import endorsement_receipt_mail
from rapfang.consultations.models import MilestoneKind
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, InvalidInput, NotFound
from rapfang.core.jobs import job_enqueue_durable
from rapfang.core.mailfiles import mail_files_forget
from rapfang.core.ratelimit import identity_limit, mail_allowed
from rapfang.core.windows import WindowState

EMAIL_NEEDED = _(
    "Please give your e-mail address: one endorsement is counted per address. It is never shown to the public."
)
ALREADY = _("This e-mail address has already endorsed this comment. Each person may endorse a comment once.")


def endorsement_fields_checked(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The endorser's fields cleaned and every problem with them (field name: messages), as a comment's identity
    with an e-mail address that is required."""
    fields, errors = identity_fields_checked(
        data, consent_needed=_("Please agree to the personal data notice to endorse the comment."),
        anonymous_hint=_("Please give your name, or choose to endorse anonymously."),
    )  # fmt: skip
    if not fields["email"] and "email" not in errors:
        errors = {**errors, "email": [str(EMAIL_NEEDED)]}
    return fields, errors


def _open_checked(comment: Comment, at: datetime) -> None:
    if comment.status != CommentStatus.PUBLISHED or comment.erased_at is not None:
        raise NotFound(_("This comment is not published."), code="comment_not_published")
    state = comment_period_state(comment.consultation, at)
    if state is WindowState.NOT_YET:
        raise Conflict(_("The comment period has not opened yet."), code="comments_not_open")
    if state is None:
        raise Conflict(_("This consultation does not take comments online."), code="comments_not_taken")
    if state is not WindowState.OPEN:
        message = _("The comment period has closed. Comments can no longer be endorsed.")
        raise Conflict(message, code="endorsements_closed")


def endorsement_add(
    *,
    actor: Any,
    comment: Comment,
    data: Mapping[str, Any],
    language: str = "th",
    received_at: datetime | None = None,
    now: datetime | None = None,
) -> Endorsement:
    """Record that a person agrees with a published comment while its consultation's comment period is open (decided
    on `received_at`, the request's arrival, to the second); one per e-mail address and comment. Raises NotFound
    (not published), Conflict (period, `endorsement_exists`), InvalidInput (fields), RateLimited."""
    now = now or timezone.now()
    _open_checked(comment, received_at or now)
    fields, errors = endorsement_fields_checked(data)
    if errors:
        raise InvalidInput(code="invalid", errors=errors)
    fields["email"] = fields["email"].lower()  # one address, however it is capitalised
    if Endorsement.objects.filter(comment_id=comment.pk, email__iexact=fields["email"]).exists():
        raise Conflict(ALREADY, code="endorsement_exists")
    identity_limit(scope="endorse", identities=[fields["email"]])
    mail = mail_allowed(fields["email"])
    endorsement = Endorsement(comment=comment, **fields, consent_at=now, language=language,
                              created_at=received_at or now)  # fmt: skip
    for _attempt in range(RECEIPT_DRAWS):
        endorsement.receipt = receipt_number(comment.consultation, now)
        try:
            with transaction.atomic():
                _store(endorsement, actor=actor, mail=mail)
        except IntegrityError as error:
            if Endorsement.objects.filter(comment_id=comment.pk, email__iexact=fields["email"]).exists():
                raise Conflict(ALREADY, code="endorsement_exists") from error
            endorsement.pk = None
            continue
        return endorsement
    raise Conflict(code="receipt_exhausted")


def _store(endorsement: Endorsement, *, actor: Any, mail: bool) -> None:
    endorsement.save(force_insert=True)
    audit_log(actor=actor, action="comments.endorsement.add", target=endorsement,
              data={"comment": endorsement.comment_id, "anonymous": endorsement.anonymous})  # fmt: skip
    if mail:
        job_enqueue_durable(endorsement_receipt_mail, endorsement.pk)


@transaction.atomic
def endorsement_erase(*, actor: Any, endorsement: Endorsement) -> Endorsement:
    """Erase one endorser's name, organisation and address under the PDPA at their request (organisers of the
    consultation's agency; audited); the row stays as the receipt's tombstone and is no longer counted. The receipt
    mail leaves the mail folder."""
    require(actor, Perm.ORGANISE, endorsement.comment.consultation.agency_id)
    if endorsement.erased_at is not None:
        return endorsement
    address = endorsement.email
    endorsement.anonymous, endorsement.name, endorsement.organisation, endorsement.email = True, "", "", ""
    endorsement.erased_at = timezone.now()
    endorsement.save(update_fields=["anonymous", "name", "organisation", "email", "erased_at"])
    audit_log(actor=actor, action="comments.endorsement.erase", target=endorsement)
    receipt = endorsement.receipt
    transaction.on_commit(lambda: mail_files_forget(addresses=[address] if address else [], marks=[receipt]))
    return endorsement


def endorsements_erase(*, comment: Comment, now: datetime) -> list[str]:
    """Inside an erasure of `comment`: its endorsers' names and addresses go with it (the rows stay, uncounted, as
    the receipts' tombstones); the addresses whose mail must leave the mail folder."""
    rows = Endorsement.objects.filter(comment_id=comment.pk, erased_at__isnull=True)
    addresses = sorted(set(rows.exclude(email="").values_list("email", flat=True)))
    rows.update(anonymous=True, name="", organisation="", email="", erased_at=now)
    return addresses


def endorsers_purge(*, cutoff: datetime, now: datetime) -> tuple[int, list[str]]:
    """Inside the retention purge: endorsers' names and addresses on consultations whose comment period ended before
    `cutoff`; how many and their addresses."""
    ended = Endorsement.objects.filter(
        comment__consultation__milestones__kind=MilestoneKind.COMMENTS,
        comment__consultation__milestones__ends_at__lt=cutoff,
        purged_at__isnull=True,
    ).exclude(name="", email="")
    due = Endorsement.objects.filter(pk__in=ended.values("pk"))
    addresses = sorted(set(due.exclude(email="").values_list("email", flat=True)))
    return due.update(name="", email="", purged_at=now), addresses
