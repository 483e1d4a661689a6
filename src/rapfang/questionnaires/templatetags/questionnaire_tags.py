"""Template helpers of questionnaires: lookups for the results."""

from __future__ import annotations

from django import template

from rapfang.accounts.models import StakeholderType
from rapfang.questionnaires.models import Stance

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
