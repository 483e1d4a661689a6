"""Reads that services and pages share: the comment period, the moderation mode, who may moderate."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, NamedTuple

from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, can
from rapfang.comments.models import CommentChannel, CommentPolicy, ModerationMode, StakeholderType
from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import comment_window
from rapfang.core.errors import Conflict, InvalidInput
from rapfang.core.ratelimit import identity_limit, mail_counted, ratelimit_refund
from rapfang.core.windows import Window, WindowState

__all__ = [
    "STAFF_CHANNELS",
    "Counted",
    "IntakeFacts",
    "comment_period_state",
    "comment_window",
    "idempotency_key_checked",
    "moderation_mode",
    "organisation_required",
    "public_limits",
    "received_at_problems",
    "submission_period_checked",
]

# What staff key in from letters, e-mail and fax: taken after the period when it arrived in time.
STAFF_CHANNELS = frozenset({CommentChannel.EMAIL, CommentChannel.FAX, CommentChannel.LETTER})
KEY_PATTERN = re.compile(r"[!-~]{1,100}")  # visible ASCII, no spaces


class PeriodRefusals(NamedTuple):
    """What a submission is told outside the comment period: not open yet, not taken online, closed."""

    not_yet: Any
    not_taken: Any
    closed: Any
    closed_code: str = "comments_closed"


COMMENT_REFUSALS = PeriodRefusals(
    _("The comment period has not opened yet."),
    _("This consultation does not take comments online."),
    _("The comment period has closed. Comments are no longer accepted."),
)

# Who speaks for an organisation: a named comment of theirs gives it. A citizen speaks for themself.
ORGANISATION_TYPES = frozenset(StakeholderType.values) - {StakeholderType.CITIZEN.value}


def organisation_required(stakeholder_type: str) -> bool:
    """Whether a named comment made as `stakeholder_type` must give its organisation (never for a citizen)."""
    return stakeholder_type in ORGANISATION_TYPES


class IntakeFacts(NamedTuple):
    """What taking a submission reads of its consultation: the online comment period (None without one) and the
    moderation mode. `comments.selectors.consultation_for_comment` reads them in the same query as the consultation,
    in the request that uses them, and leaves them on it as `intake_facts`."""

    window: Window | None
    moderation: str


def _facts(consultation: Consultation) -> IntakeFacts | None:
    """The facts read with `consultation` in this request (None for a consultation read otherwise)."""
    facts = getattr(consultation, "intake_facts", None)
    return facts if isinstance(facts, IntakeFacts) else None


def comment_period_state(consultation: Consultation, now: datetime) -> WindowState | None:
    facts = _facts(consultation)
    window = facts.window if facts else comment_window(consultation)
    return window.state(now) if window else None


def moderation_mode(consultation: Consultation) -> str:
    if facts := _facts(consultation):
        return facts.moderation
    policy = CommentPolicy.objects.filter(consultation_id=consultation.pk).order_by()
    return next(iter(policy.values_list("moderation", flat=True)[:1]), ModerationMode.PRE)


def submission_period_checked(
    consultation: Consultation,
    actor: Any,
    channel: str,
    at: datetime,
    late_ok: bool,
    refusals: PeriodRefusals = COMMENT_REFUSALS,
) -> bool:
    """Whether a submission (a comment, an answer to the questionnaire) arriving at `at` is late; refuses it outside
    the comment period unless staff accept it late or key in what came by letter, e-mail or fax."""
    state = comment_period_state(consultation, at)
    if state is WindowState.OPEN:
        return False
    staff = can(actor, Perm.MODERATE, consultation.agency_id)
    if staff and (late_ok or channel in STAFF_CHANNELS):
        return True
    if state is WindowState.NOT_YET:
        raise Conflict(refusals.not_yet, code="comments_not_open")
    if state is None:
        raise Conflict(refusals.not_taken, code="comments_not_taken")
    raise Conflict(refusals.closed, code=refusals.closed_code)


def received_at_problems(channel: str, received_at: datetime | None, now: datetime) -> dict[str, list[str]]:
    """What staff key in from a letter, e-mail or fax cannot have been received later than now: the problem, by
    field, or none."""
    if channel in STAFF_CHANNELS and received_at is not None and received_at > now:
        message = _("The date and time received cannot be later than now. Please check the date on the letter.")
        return {"received_at": [str(message)]}
    return {}


def idempotency_key_checked(key: str) -> str:
    key = key.strip()
    if key and not KEY_PATTERN.fullmatch(key):
        message = _("An idempotency key is 1 to 100 visible ASCII characters, without spaces.")
        raise InvalidInput(code="invalid", errors={"idempotency_key": [str(message)]})
    return key


class Counted(NamedTuple):
    """What `public_limits` decided: whether the receipt may be mailed, and the counters it added one to."""

    mail: bool
    counters: tuple[str, ...] = ()

    def refund(self) -> None:
        """Give the counts back: the submission was a copy of one already stored, which was counted and mailed
        (the address that sent it stays counted: a request was answered)."""
        ratelimit_refund(self.counters)


def public_limits(channel: str, email: str, *, scope: str = "comment") -> Counted:
    """A submission from the public naming an e-mail address: refused past that address's limit (the sender's
    address is counted by the view or the API); whether its receipt may be mailed there now."""
    if channel in STAFF_CHANNELS or not email:
        return Counted(mail=True)
    counted = identity_limit(scope=scope, identities=[email])
    mail = mail_counted(email)
    return Counted(mail.allowed, counted + mail.counted)
