"""Template helpers of comments: a dictionary lookup, and the block on the consultation page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from rapfang.accounts.permissions import Perm, can
from rapfang.comments.rules import comment_period_state
from rapfang.comments.selectors import comment_count_public
from rapfang.core.windows import WindowState
from rapfang.documents.selectors import document_list_public, document_list_readable

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if mapping else None


@register.inclusion_tag("comments/consultation_block.html", takes_context=True)
def comments_block(context: template.Context, consultation: Any) -> dict[str, Any]:
    """The draft to read and the comments, for the consultation page (which is itself cached)."""
    state = comment_period_state(consultation, timezone.now())
    staff = _staff(context, consultation)
    documents = (
        document_list_public(consultation_id=consultation.pk)
        if consultation.is_published or not staff
        else document_list_readable(consultation_id=consultation.pk)  # the staff's preview links
    )
    return {
        "consultation": consultation,
        "documents": list(documents),
        "count": comment_count_public(consultation_id=consultation.pk),
        "period": state,
        "period_open": state is WindowState.OPEN,
        "thai_digits": context.get("thai_digits", False),
        "can_moderate": staff,
    }


def _staff(context: template.Context, consultation: Any) -> bool:
    user = getattr(context.get("request"), "user", None)
    return bool(user and user.is_authenticated and can(user, Perm.MODERATE, consultation.agency_id))
