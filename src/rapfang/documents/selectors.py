"""Reads about a consultation's documents."""

from __future__ import annotations

from django.db.models import QuerySet

from rapfang.documents.models import Attachment


def attachment_list_public(*, consultation_id: int) -> QuerySet[Attachment]:
    return Attachment.objects.filter(consultation_id=consultation_id, is_public=True, consultation__is_published=True)


def attachment_get_public(*, consultation_slug: str, attachment_id: int) -> Attachment:
    """A downloadable attachment of a published consultation; raises DoesNotExist."""
    return Attachment.objects.select_related("consultation").get(
        pk=attachment_id,
        consultation__slug=consultation_slug,
        consultation__is_published=True,
        is_public=True,
    )
