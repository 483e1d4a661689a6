"""Reads that services and pages share: the comment period, the moderation mode, who may moderate."""

from __future__ import annotations

from datetime import datetime

from rapfang.comments.models import CommentPolicy, ModerationMode
from rapfang.consultations.models import Consultation, Milestone, MilestoneKind
from rapfang.core.windows import Window, WindowState


def comment_window(consultation: Consultation) -> Window | None:
    """The consultation's online comment period, or None when it has none. One indexed row, no ordering."""
    period = Milestone.objects.filter(consultation_id=consultation.pk, kind=MilestoneKind.COMMENTS).order_by()
    row = next(iter(period.values_list("starts_at", "ends_at")[:1]), None)
    return Window(*row) if row else None


def comment_period_state(consultation: Consultation, now: datetime) -> WindowState | None:
    window = comment_window(consultation)
    return window.state(now) if window else None


def moderation_mode(consultation: Consultation) -> str:
    policy = CommentPolicy.objects.filter(consultation_id=consultation.pk).order_by()
    return next(iter(policy.values_list("moderation", flat=True)[:1]), ModerationMode.PRE)
