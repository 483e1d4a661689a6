"""Reads that services and pages share: the comment period, the moderation mode, who may moderate."""

from __future__ import annotations

from datetime import datetime

from rapfang.comments.models import CommentPolicy, ModerationMode, StakeholderType
from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import comment_window
from rapfang.core.windows import WindowState

__all__ = ["comment_period_state", "comment_window", "moderation_mode", "organisation_required"]

# Who speaks for an organisation: a named comment of theirs gives it. A citizen speaks for themself.
ORGANISATION_TYPES = frozenset(StakeholderType.values) - {StakeholderType.CITIZEN.value}


def organisation_required(stakeholder_type: str) -> bool:
    """Whether a named comment made as `stakeholder_type` must give its organisation (never for a citizen)."""
    return stakeholder_type in ORGANISATION_TYPES


def comment_period_state(consultation: Consultation, now: datetime) -> WindowState | None:
    window = comment_window(consultation)
    return window.state(now) if window else None


def moderation_mode(consultation: Consultation) -> str:
    policy = CommentPolicy.objects.filter(consultation_id=consultation.pk).order_by()
    return next(iter(policy.values_list("moderation", flat=True)[:1]), ModerationMode.PRE)
