"""Reads about events."""

from __future__ import annotations

from django.db.models import QuerySet

from rapfang.hearings.models import Event


def event_list_public(*, consultation_id: int) -> QuerySet[Event]:
    return Event.objects.filter(consultation_id=consultation_id, consultation__is_published=True)


def event_get_public(*, event_id: int) -> Event:
    return Event.objects.select_related("consultation__agency").get(pk=event_id, consultation__is_published=True)
