"""Template helpers of questionnaires: lookups for the results, and the block on the consultation page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from rapfang.accounts.models import StakeholderType
from rapfang.comments.rules import comment_period_state
from rapfang.core.windows import WindowState
from rapfang.questionnaires.models import Stance
from rapfang.questionnaires.selectors import questionnaire_exists

register = template.Library()


@register.filter
def get_count(mapping: dict[str, int], key: str) -> int:
    return mapping.get(key, 0) if mapping else 0


@register.filter
def stance_label(value: str) -> str:
    return str(dict(Stance.choices).get(value, value))


@register.filter
def stakeholder_label(value: str) -> str:
    return str(dict(StakeholderType.choices).get(value, value))


@register.inclusion_tag("questionnaires/consultation_block.html", takes_context=True)
def questionnaire_block(context: template.Context, consultation: Any) -> dict[str, Any]:
    """The questionnaire on the consultation page (itself cached until the timeline's next change): answer it while
    the comment period is open, read its results after the close."""
    state = comment_period_state(consultation, timezone.now())
    return {
        "consultation": consultation,
        "exists": questionnaire_exists(consultation_id=consultation.pk),
        "period_open": state is WindowState.OPEN,
        "period_closed": state is WindowState.CLOSED,
        "thai_digits": context.get("thai_digits", False),
    }
